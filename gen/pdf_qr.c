/*
 * pdf_qr.c - QR codes (libqrencode) drawn as vector squares: the links
 * from window signs and display boards to the site.  Dark modules of a row
 * are merged into one rectangle, and each rectangle is widened by a hair
 * so that rasterisers leave no seams between neighbours.
 */
#include <qrencode.h>
#include <string.h>

#include "pdf.h"

bool pdf_qr(pdf_page *pg, const char *text, double x, double y, double size, uint32_t color)
{
    QRcode *q = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
    if (!q)
        return false;
    int n = q->width, quiet = 4, total = n + 2 * quiet;
    double m = size / total;
    pdf_rect(pg, x, y, size, size, 0xFFFFFF, PDF_NOCOLOR, 0);
    for (int r = 0; r < n; r++) {
        int c = 0;
        while (c < n) {
            if (!(q->data[r * n + c] & 1)) {
                c++;
                continue;
            }
            int s = c;
            while (c < n && (q->data[r * n + c] & 1))
                c++;
            pdf_rect(pg, x + (quiet + s) * m, y + (quiet + r) * m, (c - s) * m + 0.02,
                     m + 0.02, color, PDF_NOCOLOR, 0);
        }
    }
    QRcode_free(q);
    return true;
}

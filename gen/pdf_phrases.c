/*
 * pdf_phrases.c - the phrase book of an agency, shared by the handbook,
 * the posters and the quiz: chapters per 执法类别 (通用 first, then the
 * categories in the order of interface.md), one section per 场景 in the
 * order the scene first appears in phrases.csv, phrases in 序号 order
 * (rows with equal 序号 keep their file order).  An agency's book holds the
 * county-wide phrases (empty 执法机关) and its own; the county book holds all.
 * Also small helpers the products share: Chinese numerals and dates, list
 * cells as text, the site URLs of QR codes, and the certificate rule of the
 * window signs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf.h"

static int by_seq(const void *a, const void *b)
{
    const gs_phrase *x = *(const gs_phrase *const *)a, *y = *(const gs_phrase *const *)b;
    if (x->seq != y->seq)
        return x->seq < y->seq ? -1 : 1;
    return x < y ? -1 : x > y; /* file order */
}

void pdf_book_collect(pdf_book *b, const gs_model *m, int32_t a)
{
    memset(b, 0, sizeof *b);
    for (int c = -1; c < CAT_COUNT; c++) {
        const char *cat = c < 0 ? "通用" : gs_category_names[c];
        pdf_chapter *ch = NULL;
        for (size_t i = 0; i < m->phrases.n; i++) {
            const gs_phrase *p = &m->phrases.v[i];
            if (strcmp(p->category, cat) != 0 || (a >= 0 && p->agency >= 0 && p->agency != a))
                continue;
            if (!ch) {
                ch = GS_PUSH(b->ch);
                ch->category = cat;
            }
            pdf_scene *sc = NULL;
            for (size_t k = 0; k < ch->scenes.n && !sc; k++)
                if (strcmp(ch->scenes.v[k].name, p->scene) == 0)
                    sc = &ch->scenes.v[k];
            if (!sc) {
                sc = GS_PUSH(ch->scenes);
                sc->name = p->scene;
            }
            *GS_PUSH(sc->ph) = p;
            b->phrases++;
        }
        if (ch)
            for (size_t k = 0; k < ch->scenes.n; k++)
                qsort(ch->scenes.v[k].ph.v, ch->scenes.v[k].ph.n, sizeof *ch->scenes.v[k].ph.v,
                      by_seq);
    }
}

void pdf_book_free(pdf_book *b)
{
    for (size_t c = 0; c < b->ch.n; c++) {
        for (size_t k = 0; k < b->ch.v[c].scenes.n; k++)
            free(b->ch.v[c].scenes.v[k].ph.v);
        free(b->ch.v[c].scenes.v);
    }
    free(b->ch.v);
    memset(b, 0, sizeof *b);
}

void pdf_cn_number(int n, char out[16])
{
    static const char *const dig[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    if (n <= 0 || n > 99) {
        snprintf(out, 16, "%d", n);
        return;
    }
    int t = n / 10, u = n % 10;
    snprintf(out, 16, "%s%s%s", t > 1 ? dig[t] : "", t ? "十" : "", dig[u]);
}

void pdf_cn_date(gs_date d, char out[32])
{
    int y, m, day;
    date_to_ymd(d, &y, &m, &day);
    snprintf(out, 32, "%d年%d月%d日", y, m, day);
}

bool pdf_cert_valid(const gs_officer *of, gs_date today)
{
    return of->cert_status == CERT_VALID && (of->valid_to == GS_NODATE || of->valid_to >= today);
}

char *pdf_list_text(const char *cell)
{
    buf b;
    buf_init(&b);
    buf_puts(&b, "");
    bool sep = false;
    for (const char *p = cell; *p;) {
        size_t n = strncmp(p, "；", strlen("；")) == 0 ? strlen("；") : *p == ';' ? 1 : 0;
        if (n) {
            sep = b.len > 0;
            p += n;
            continue;
        }
        if (*p == ' ' && (sep || !b.len)) {
            p++;
            continue;
        }
        if (sep)
            buf_puts(&b, "、");
        sep = false;
        buf_putc(&b, *p++);
    }
    return buf_detach(&b);
}

char *pdf_site_url(const gs_model *m, const char *rel)
{
    const char *b = m->settings.base_url;
    if (!b || !strstr(b, "://")) {
        pdf_warn("site.yaml", 1, "base_url is not an absolute URL: window signs and display "
                                 "boards are printed without QR codes");
        return NULL;
    }
    return xasprintf("%s%s", b, rel);
}

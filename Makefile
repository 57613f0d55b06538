# gongshi - build, run, test.  See README.md.
#
#   make deps    install Debian (and npm test) packages; idempotent
#   make         build gen/gongshi
#   make run     deps + build + generate the sample county into out/
#   make test    every test (unit tests under ASan+UBSan, spec, CLI, golden)
#   make bench   benchmarks (never part of make test)
#   make install PREFIX=/usr/local

PREFIX  ?= /usr/local
CC      ?= cc
PKGS     = libcmark-gfm yaml-0.1 jansson sqlite3 libxxhash libunibreak libqrencode xlsxwriter \
           harfbuzz-subset zlib
CSTD     = -std=c11 -D_GNU_SOURCE
WARN     = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wno-unused-parameter
OPT     ?= -O2 -g
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -lhpdf -lm
CFLAGS_ALL = $(CSTD) $(WARN) $(OPT) $(PKG_CFLAGS) $(CFLAGS)
SAN      = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

SRC      = $(filter-out gen/main.c gen/synth%.c,$(wildcard gen/*.c))
OBJ      = $(SRC:gen/%.c=build/%.o)
SAN_OBJ  = $(SRC:gen/%.c=build/san/%.o)
TSAN     = -fsanitize=thread
TSAN_OBJ = $(SRC:gen/%.c=build/tsan/%.o)
TESTS    = $(wildcard tests/unit/test_*.c)
TEST_BIN = $(TESTS:tests/unit/%.c=build/san/%)
FUZZ_SRC = $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_T   = $(filter-out common,$(FUZZ_SRC:tests/fuzz/fuzz_%.c=%))
FUZZ_REPLAY = $(FUZZ_T:%=build/san/fuzz_%)
FUZZ_SECONDS ?= 60
FUZZ_OBJ = $(SRC:gen/%.c=build/fuzz/obj/%.o)

DEB_PKGS = build-essential pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev \
           libhpdf-dev libxlsxwriter-dev libcsv-dev libyaml-dev libjansson-dev \
           libsqlite3-dev libxxhash-dev libunibreak-dev libqrencode-dev libharfbuzz-dev zlib1g-dev \
           fonts-wqy-zenhei fonts-arphic-uming fonts-hanazono chromium \
           qpdf poppler-utils zbar-tools python3-openpyxl libreoffice-calc-nogui \
           default-jre-headless
BENCH_PKGS = hugo time
# V=1 shows the full compiler command lines
Q        = $(if $(V),,@)
SUDO     = $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps run test unit bench fuzz install clean print-libs
all: gen/gongshi gen/gongshi-synth

# the libraries gongshi links with, for the benchmark that links its own
# driver against build/*.o (tests/bench/xlsx.sh)
print-libs:
	@echo $(PKG_LIBS)

deps:
	@missing=$$(for p in $(DEB_PKGS); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing:" $$missing; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	else echo "deps: all Debian packages present"; fi
	@# npm test tools (package.json: vnu-jar, axe-core, playwright-core); no
	@# install scripts run and nothing downloads a browser or a Java runtime
	@command -v npm >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null; }
	@if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then \
	  PUPPETEER_SKIP_DOWNLOAD=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund; \
	else echo "deps: npm test tools present"; fi

build build/san build/tsan:
	mkdir -p $@

build/%.o: gen/%.c | build
	@echo "  CC   $@"
	$(Q)$(CC) $(CFLAGS_ALL) -MMD -MP -c -o $@ $<

build/san/%.o: gen/%.c | build/san
	@echo "  CC   $@"
	$(Q)$(CC) $(CFLAGS_ALL) $(SAN) -MMD -MP -c -o $@ $<

gen/gongshi: build/main.o $(OBJ)
	@echo "  CC   $@"
	$(Q)$(CC) $(OPT) -o $@ $^ $(PKG_LIBS) $(LDFLAGS)

gen/gongshi-synth: build/synth.o build/synth_csv.o $(OBJ)
	@echo "  CC   $@"
	$(Q)$(CC) $(OPT) -o $@ $^ $(PKG_LIBS) $(LDFLAGS)

build/san/gongshi: build/san/main.o $(SAN_OBJ)
	@echo "  CC   $@"
	$(Q)$(CC) $(OPT) $(SAN) -o $@ $^ $(PKG_LIBS)

# the build's threads (site pages, search index, workbook plan, ledger
# read, PDF and workbook workers) checked by ThreadSanitizer (make test)
build/tsan/%.o: gen/%.c | build/tsan
	@echo "  CC   $@"
	$(Q)$(CC) $(CFLAGS_ALL) $(TSAN) -MMD -MP -c -o $@ $<

build/tsan/gongshi: build/tsan/main.o $(TSAN_OBJ)
	@echo "  CC   $@"
	$(Q)$(CC) $(OPT) $(TSAN) -o $@ $^ $(PKG_LIBS)

build/san/test_%: tests/unit/test_%.c tests/unit/t.h $(SAN_OBJ) | build/san
	@echo "  CC   $@"
	$(Q)$(CC) $(CFLAGS_ALL) $(SAN) -Igen -o $@ $< $(SAN_OBJ) $(PKG_LIBS)

# fuzz targets replayed over their corpora under gcc's ASan+UBSan (make test)
build/san/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c tests/fuzz/fuzz_common.c tests/fuzz/fuzz.h $(SAN_OBJ) | build/san
	@echo "  CC   $@"
	$(Q)$(CC) $(CFLAGS_ALL) $(SAN) -Igen -Itests/fuzz -o $@ $< tests/fuzz/replay.c tests/fuzz/fuzz_common.c $(SAN_OBJ) $(PKG_LIBS)

# libFuzzer (clang): make fuzz [FUZZ_SECONDS=60]; a crash is saved under
# build/fuzz/ - add it to tests/fuzz/regress/<target>/ so make test replays it
.PRECIOUS: build/fuzz/obj/%.o build/fuzz/fuzz_%
build/fuzz/obj:
	mkdir -p $@

build/fuzz/obj/%.o: gen/%.c | build/fuzz/obj
	@echo "  CC   $@"
	$(Q)clang $(CSTD) $(WARN) -O1 -g $(PKG_CFLAGS) -fsanitize=fuzzer-no-link,address,undefined -c -o $@ $<

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_common.c $(FUZZ_OBJ)
	@echo "  CC   $@"
	$(Q)clang $(CSTD) -O1 -g -Igen -Itests/fuzz -fsanitize=fuzzer,address,undefined -o $@ $< tests/fuzz/fuzz_common.c $(FUZZ_OBJ) $(PKG_LIBS)

fuzz: deps
	@command -v clang >/dev/null || $(SUDO) apt-get install -y -qq clang libclang-rt-14-dev >/dev/null
	$(MAKE) $(FUZZ_T:%=build/fuzz/fuzz_%)
	@for t in $(FUZZ_T); do \
	  mkdir -p build/fuzz/corpus_$$t; cp -n tests/fuzz/corpus/$$t/* build/fuzz/corpus_$$t/ 2>/dev/null; \
	  echo "== fuzz_$$t for $(FUZZ_SECONDS) s"; \
	  build/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
	    -artifact_prefix=build/fuzz/crash-$$t- build/fuzz/corpus_$$t tests/fuzz/regress/$$t 2>&1 | tail -n 3 || exit 1; \
	done

run: deps
	$(MAKE) all
	@rc=0; gen/gongshi build --content content --out out || rc=$$?; \
	if [ $$rc -ge 2 ]; then echo "gongshi build failed (exit $$rc)"; exit $$rc; fi; \
	if [ $$rc = 1 ]; then echo "build finished with problems: see out/report/index.html"; fi; \
	echo "site: out/site/index.html (open it in a browser, or serve out/site)"

unit: $(TEST_BIN) $(FUZZ_REPLAY) build/san/gongshi build/tsan/gongshi gen/gongshi gen/gongshi-synth

test: deps
	$(MAKE) unit
	@tests/run.sh

bench: deps
	@missing=$$(for p in $(BENCH_PKGS); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then echo "installing:" $$missing; $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; fi
	$(MAKE) all
	@tests/bench/run.sh

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/gongshi/templates $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 gen/gongshi $(DESTDIR)$(PREFIX)/bin/gongshi
	cp -R templates/. $(DESTDIR)$(PREFIX)/share/gongshi/templates/
	install -m 644 docs/gongshi.1 $(DESTDIR)$(PREFIX)/share/man/man1/gongshi.1

clean:
	rm -rf build gen/gongshi gen/gongshi-synth

-include $(OBJ:.o=.d) $(SAN_OBJ:.o=.d) $(TSAN_OBJ:.o=.d) build/tsan/main.d build/main.d build/synth.d build/synth_csv.d build/san/main.d

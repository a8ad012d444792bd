# interpcheck: conformance suite for torch.nn.functional.interpolate, in C.
# Plain non-recursive GNU make. Each component adds its rules in <dir>/module.mk.
# `make help` lists the targets.

.DEFAULT_GOAL := all
SHELL := /bin/bash

# ---- user-settable -----------------------------------------------------------------------
PREFIX ?= /usr/local
DESTDIR ?=
CC ?= cc
CFLAGS ?= -O2 -g
LDFLAGS ?=
# The interpreter that has Debian's python3-torch (only for vectors, vectors-verify, bench).
TORCH_PYTHON ?= /usr/bin/python3
# SANITIZE=address,undefined builds everything with those sanitizers, in its own directory.
SANITIZE ?=
# VALGRIND=1 runs the unit tests and the conformance run under valgrind.
VALGRIND ?=
# JOBS for the conformance runs. 1 is the faster default on a 2-core machine: the parent and
# one child already keep both cores busy, and two children contend in fork/exit (measured,
# reference over all vectors: 4.6 s with --jobs 1, 6.6 s with --jobs 2; self-test 38 s vs 42 s).
JOBS ?= 1

# ---- configuration directory -------------------------------------------------------------
comma := ,
ifneq ($(SANITIZE),)
B := build-san-$(subst $(comma),-,$(SANITIZE))
SAN_FLAGS := -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
else ifeq ($(COVERAGE),1)
B := build-cov
SAN_FLAGS := --coverage -O0 -DIC_GCOV_DUMP
else
B := build
SAN_FLAGS :=
endif

ifneq ($(VALGRIND),)
# Check's tests run in-process (CK_FORK=no) so valgrind checks them; the harness's own per-case
# children are left silent (they _exit() with the parent's heap, which is not a leak).
RUN_WRAP := CK_FORK=no IC_TEST_TIMEOUT_SCALE=20 valgrind --quiet --error-exitcode=99 \
            --leak-check=full --errors-for-leak-kinds=definite --child-silent-after-fork=yes
else
RUN_WRAP :=
endif

# ---- project flags (kept apart from the user's CFLAGS) ------------------------------------
PKG_CONFIG ?= pkg-config
IC_WARN := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 \
           -Wno-unused-parameter
# The reference must never see FMA contraction or fast-math (torch's DEFAULT dispatch).
IC_CFLAGS := -std=c99 -ffp-contract=off -fno-fast-math -MMD -MP -fPIC $(IC_WARN) \
             -Iharness/include -Ireference/include
IC_ALL_CFLAGS = $(IC_CFLAGS) $(SAN_FLAGS) $(CFLAGS)
IC_ALL_LDFLAGS = $(SAN_FLAGS) $(LDFLAGS)

CJSON_CFLAGS := $(shell $(PKG_CONFIG) --cflags libcjson 2>/dev/null)
CJSON_LIBS := $(shell $(PKG_CONFIG) --libs libcjson 2>/dev/null || echo -lcjson)
CHECK_CFLAGS := $(shell $(PKG_CONFIG) --cflags check 2>/dev/null)
CHECK_LIBS := $(shell $(PKG_CONFIG) --libs check 2>/dev/null || echo -lcheck -lsubunit -lm -lrt -lpthread)
CRYPTO_CFLAGS := $(shell $(PKG_CONFIG) --cflags libcrypto 2>/dev/null)
CRYPTO_LIBS := $(shell $(PKG_CONFIG) --libs libcrypto 2>/dev/null || echo -lcrypto)
SECCOMP_CFLAGS := $(shell $(PKG_CONFIG) --cflags libseccomp 2>/dev/null)
SECCOMP_LIBS := $(shell $(PKG_CONFIG) --libs libseccomp 2>/dev/null || echo -lseccomp)

# Components append to these.
ALL_TARGETS :=
TEST_STEPS :=
CLEAN_DIRS := build build-san-* build-cov build-portcov reports/port-coverage
DEPS :=
INSTALL_STEPS :=
UNINSTALL_STEPS :=

$(B)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(IC_ALL_CFLAGS) $(EXTRA_CFLAGS_$(firstword $(subst /, ,$<))) -c $< -o $@

-include reference/module.mk
ifeq ($(COVERAGE),1)
# make coverage: the reference port's counters leave each forked child through its flush hook.
$(B)/ports/reference.so: $(B)/harness/port_gcov_flush.o
endif
-include harness/module.mk
-include ports/module.mk
-include ports/thirdparty/module.mk
-include tests/module.mk
-include generator/module.mk
-include bench/module.mk

# The test steps whose runs count for `make coverage`: all but the mutant/fault self-test.
COVERAGE_STEPS := $(filter-out selftest,$(TEST_STEPS))

.PHONY: all test check coverage clean help deps install uninstall
all: $(ALL_TARGETS)

install: $(INSTALL_STEPS)
uninstall: $(UNINSTALL_STEPS)

## test: unit tests (Check), the reference against every vector, the suite self-test
test: all $(TEST_STEPS)
check: test

## port-coverage: build a port from its sources with gcov, score it, lcov HTML of its code.
##   (--no-sandbox: the port's gcov hook writes .gcda files, which the filter would deny)
##   make port-coverage PORT_SRC="my_port.c util.c" [PORT_NAME=mine] [PORT_CFLAGS=-Iinc]
##       [PORT_LIBS=-lm] [PORT_ARGS="--include mode:bi*"]
PORT_NAME ?= port
PORT_CFLAGS ?=
PORT_LIBS ?=
PORT_ARGS ?=
PCOV := build-portcov/$(PORT_NAME)
.PHONY: port-coverage
port-coverage: $(B)/interpcheck
	@test -n "$(PORT_SRC)" || { echo 'port-coverage: set PORT_SRC="your_port.c ..."'; exit 2; }
	rm -rf $(PCOV) && mkdir -p $(PCOV)/obj reports/port-coverage
	set -e; objs=; for src in $(PORT_SRC); do \
	    obj=$(PCOV)/obj/$$(echo "$$src" | tr '/.' '__').o; \
	    $(CC) -std=c99 -O0 -g -fPIC --coverage -Iharness/include $(PORT_CFLAGS) \
	        -c "$$src" -o "$$obj"; objs="$$objs $$obj"; done; \
	$(CC) -std=c99 -O0 -fPIC -Iharness/include -c harness/port_gcov_flush.c \
	    -o $(PCOV)/gcov_flush.o; \
	$(CC) -shared --coverage $$objs $(PCOV)/gcov_flush.o -o $(PCOV)/port.so $(PORT_LIBS)
	$(B)/interpcheck --port $(PCOV)/port.so --vectors vectors --jobs $(JOBS) $(PORT_ARGS) \
	    --no-sandbox --json reports/port-coverage/$(PORT_NAME).json --quiet || true
	$(LCOVQ) lcov --quiet $(LCOV_RC) --capture --directory $(PCOV)/obj --output-file $(PCOV)/cov.info
	$(LCOVQ) genhtml --quiet $(LCOV_RC) --branch-coverage --title "$(PORT_NAME) under interpcheck" \
	    --output-directory reports/port-coverage/$(PORT_NAME) $(PCOV)/cov.info
	@lcov $(LCOV_RC) --summary $(PCOV)/cov.info 2>&1 | grep -E 'lines|functions|branches'
	@echo "port coverage report: reports/port-coverage/$(PORT_NAME)/index.html"

## html-check: render a passing and a failing HTML report in headless Chromium and check them
HTML_CHECK_MUTANT := mutant-half_pixel_dropped
.PHONY: html-check
html-check: $(B)/interpcheck $(B)/ports/reference.so $(B)/ports/$(HTML_CHECK_MUTANT).so
	@mkdir -p $(B)/html-check
	$(B)/interpcheck --port $(B)/ports/reference.so --vectors vectors --jobs $(JOBS) --quiet \
	    --json $(B)/html-check/pass.json --html $(B)/html-check/pass.html
	$(B)/interpcheck --port $(B)/ports/$(HTML_CHECK_MUTANT).so --vectors vectors --jobs $(JOBS) \
	    --quiet --json $(B)/html-check/fail.json --html $(B)/html-check/fail.html; test $$? -eq 1
	scripts/html-check.sh $(B)/html-check/pass.html $(B)/html-check/pass.json $(B)/html-check/pass.png
	scripts/html-check.sh $(B)/html-check/fail.html $(B)/html-check/fail.json $(B)/html-check/fail.png

## format-check: clang-format 14 --dry-run -Werror over the tree's .c/.h (.clang-format);
##   `make format` rewrites them in place
CLANG_FORMAT ?= clang-format-14
FORMAT_FILES = $(shell { git ls-files '*.c' '*.h' 2>/dev/null || find . -path './build*' \
    -prune -o \( -name '*.c' -o -name '*.h' \) -print; } | sort -u)
.PHONY: format-check format
format-check:
	@command -v $(CLANG_FORMAT) >/dev/null || \
	    { echo "format-check: $(CLANG_FORMAT) not found (scripts/install-deps.sh --format)"; exit 2; }
	$(CLANG_FORMAT) --dry-run -Werror $(FORMAT_FILES)
format:
	$(CLANG_FORMAT) -i $(FORMAT_FILES)

## sanitize-test: the test steps without the self-test (use with SANITIZE=address,undefined)
.PHONY: sanitize-test
sanitize-test: all $(COVERAGE_STEPS)

## deps: install the Debian packages the build and tests need (run as root, or with sudo)
deps:
	./scripts/install-deps.sh

## setup: the first README command: install the Debian packages, build, score the reference
.PHONY: setup run
setup:
	./scripts/install-deps.sh
	$(MAKE) all
	$(MAKE) run

## run: the main job: score the reference port against every vector, write reports/
run: all
	$(B)/interpcheck --port $(B)/ports/reference.so --vectors vectors --jobs $(JOBS) \
	    --json reports/reference.json --junit reports/reference.xml --html reports/reference.html

## coverage: lcov HTML of the reference and the harness under the unit tests + conformance run
COVERAGE_MIN ?= 0
BRANCH_MIN ?= 0
LCOV_RC := --rc lcov_branch_coverage=1
LCOVQ := scripts/lcov-quiet.sh
.PHONY: coverage
coverage:
	rm -rf build-cov/*.info reports/coverage
	find build-cov -name '*.gcda' -delete 2>/dev/null || true
	$(MAKE) COVERAGE=1 all
	$(MAKE) COVERAGE=1 -k $(COVERAGE_STEPS) || true
	$(LCOVQ) lcov --quiet $(LCOV_RC) --capture --directory build-cov --output-file build-cov/all.info
	$(LCOVQ) lcov --quiet $(LCOV_RC) --extract build-cov/all.info '*/reference/*' '*/harness/*' \
	    --output-file build-cov/project.info
	$(LCOVQ) lcov --quiet $(LCOV_RC) --remove build-cov/project.info '*/tests/*' \
	    --output-file build-cov/cov.info
	$(LCOVQ) genhtml --quiet $(LCOV_RC) --branch-coverage --title interpcheck \
	    --output-directory reports/coverage build-cov/cov.info
	@lcov $(LCOV_RC) --summary build-cov/cov.info 2>&1 | tee build-cov/summary.txt | grep -E 'lines|functions|branches'
	@echo "coverage report: reports/coverage/index.html"
	@pct=$$(sed -n 's/.*lines\.*: \([0-9.]*\)%.*/\1/p' build-cov/summary.txt); \
	bpct=$$(sed -n 's/.*branches\.*: \([0-9.]*\)%.*/\1/p' build-cov/summary.txt); \
	if awk "BEGIN{exit !($$pct < $(COVERAGE_MIN))}"; then \
	    echo "coverage: line coverage $$pct% is below the minimum $(COVERAGE_MIN)%"; exit 1; fi; \
	if awk "BEGIN{exit !($$bpct < $(BRANCH_MIN))}"; then \
	    echo "coverage: branch coverage $$bpct% is below the minimum $(BRANCH_MIN)%"; exit 1; fi

clean:
	rm -rf $(CLEAN_DIRS) reports/coverage

help:
	@echo "interpcheck make targets:"
	@echo "  all             build the reference library, the reference port and build/interpcheck"
	@echo "  test (check)    Check unit tests + reference over all vectors + suite self-test"
	@echo "  coverage        lcov HTML of reference and harness into reports/coverage/"
	@echo "  vectors         regenerate vectors/ with torch 1.13.1 ($(TORCH_PYTHON))"
	@echo "  vectors-verify  regenerate into a temp dir and fail on any byte difference"
	@echo "  bench           reference vs torch timings, harness throughput -> reports/bench.json"
	@echo "  html-check      render a passing and a failing HTML report in headless chromium"
	@echo "  port-coverage   PORT_SRC='a.c b.c' : gcov/lcov of your port's code under the vectors"
	@echo "  install         PREFIX=$(PREFIX) DESTDIR= : library, headers, interpcheck, vectors, .pc files"
	@echo "  installed-test  install into a temp DESTDIR and use it from a scratch dir as a port repo would"
	@echo "  format-check    clang-format 14 --dry-run -Werror over every .c/.h (make format fixes)"
	@echo "  uninstall, clean, deps (apt-get install of the Debian packages)"
	@echo "switches: SANITIZE=address,undefined  VALGRIND=1  JOBS=N  CFLAGS=...  TORCH_PYTHON=..."

-include $(DEPS)

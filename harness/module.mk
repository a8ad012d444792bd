# harness/module.mk - build/interpcheck, its Check unit tests, throwaway faulty ports for the
# isolation tests, the conformance run of the reference port, install rules.

# The report writers (another component) define REPORT_SRCS; without them interpcheck still
# builds and refuses --json/--junit/--html with one line.
-include harness/report.mk
include harness/install.mk

HARNESS_CORE_SRCS := harness/run.c harness/manifest.c harness/blob.c harness/filter.c \
                     harness/port_loader.c harness/sandbox.c harness/score.c \
                     harness/diagnose.c harness/cause.c harness/console.c harness/results.c \
                     harness/expect.c harness/locate.c harness/supervisor.c \
                     harness/seccomp_filter.c harness/vector_check.c
HARNESS_CORE_OBJS := $(HARNESS_CORE_SRCS:%.c=$(B)/%.o)
HARNESS_REPORT_OBJS := $(REPORT_SRCS:%.c=$(B)/%.o)
HARNESS_LIBS := $(CJSON_LIBS) $(CRYPTO_LIBS) $(SECCOMP_LIBS) -ldl -lm

ifeq ($(strip $(REPORT_SRCS)),)
$(B)/harness/interpcheck.o: EXTRA_CFLAGS_harness += -DIC_NO_REPORTS
endif

EXTRA_CFLAGS_harness += -Iharness $(CJSON_CFLAGS) $(CRYPTO_CFLAGS) $(SECCOMP_CFLAGS)

# The scorer links the reference: the diagnosis re-runs failing calls under what-if semantics
# (harness/cause.c), in the scoring process (trusted code), never in a port's child.
$(B)/interpcheck: $(B)/harness/interpcheck.o $(B)/harness/diff.o $(HARNESS_CORE_OBJS) \
                  $(HARNESS_REPORT_OBJS) $(ICREF_OBJS)
	@mkdir -p $(@D)
	$(CC) $(IC_ALL_LDFLAGS) -Wl,-z,now $^ -o $@ $(HARNESS_LIBS)

ALL_TARGETS += $(B)/interpcheck

# ---- unit tests -------------------------------------------------------------------------------
# harness/tests/test_*.c, except the report writers' own test (built by report.mk).
HARNESS_TEST_SRCS := $(filter-out harness/tests/test_reports.c,$(wildcard harness/tests/test_*.c)) \
                     harness/tests/check_harness.c harness/tests/fixtures.c
HARNESS_TEST_OBJS := $(HARNESS_TEST_SRCS:%.c=$(B)/%.o)
$(HARNESS_TEST_OBJS): EXTRA_CFLAGS_harness += $(CHECK_CFLAGS) -D_POSIX_C_SOURCE=200809L

# A throwaway port whose behaviour (segfault, write past the end, hang, exit(0)...) is picked by
# the IC_FAULT environment variable, for the isolation tests.
$(B)/harness/tests/fault_port.so: $(B)/harness/tests/fault_port.o
	$(CC) $(IC_ALL_LDFLAGS) -shared $^ -o $@

$(B)/tests/test_harness: $(HARNESS_TEST_OBJS) $(HARNESS_CORE_OBJS) $(B)/harness/diff.o \
                        $(HARNESS_REPORT_OBJS) $(ICREF_OBJS)
	@mkdir -p $(@D)
	$(CC) $(IC_ALL_LDFLAGS) $^ -o $@ $(CHECK_LIBS) $(HARNESS_LIBS)

.PHONY: harness-unit conformance install-harness uninstall-harness
## harness-unit: Check tests of the manifest loader, filters, shards, tolerance, sandbox
harness-unit: $(B)/tests/test_harness $(B)/harness/tests/fault_port.so
	IC_FAULT_PORT=$(B)/harness/tests/fault_port.so $(RUN_WRAP) $(B)/tests/test_harness

# The torch version build/ports/reference.so reproduces (reference/README.md).
REF_TORCH ?= 2.14

## conformance: the reference port against every vector of its torch version, bit-exact
conformance: $(B)/ports/reference.so $(B)/interpcheck
	@mkdir -p reports
	$(RUN_WRAP) $(B)/interpcheck --port $(B)/ports/reference.so --vectors vectors --strict \
	    --torch $(REF_TORCH) \
	    --jobs $(JOBS) --json reports/reference.json --junit reports/reference.xml \
	    --html reports/reference.html

## harness-cli: merge refusals, isolation recorded in reports, safe report paths (issue 13)
.PHONY: harness-cli
harness-cli: $(B)/interpcheck $(B)/ports/reference.so ports
	harness/tests/cli_isolation.sh $(B) vectors

TEST_STEPS += harness-unit conformance harness-cli

install-harness: $(B)/interpcheck
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 $(B)/interpcheck $(DESTDIR)$(PREFIX)/bin/interpcheck

uninstall-harness:
	rm -f $(DESTDIR)$(PREFIX)/bin/interpcheck

INSTALL_STEPS += install-harness
UNINSTALL_STEPS += uninstall-harness

DEPS += $(B)/harness/interpcheck.d $(B)/harness/diff.d $(HARNESS_CORE_OBJS:.o=.d) $(HARNESS_TEST_OBJS:.o=.d) \
        $(B)/harness/tests/fault_port.d

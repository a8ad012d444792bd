# harness/report.mk - the report writers (JSON, JUnit XML, HTML) and their Check unit test.
# Included by harness/module.mk, which links the objects of $(REPORT_SRCS) into interpcheck.

REPORT_SRCS := harness/report_json.c harness/report_junit.c harness/report_html.c \
               harness/report_text.c harness/report_html_expect.c harness/safe_file.c
REPORT_OBJS := $(REPORT_SRCS:%.c=$(B)/%.o)

# libxml2 (Debian libxml2-dev) lets the unit test parse the JUnit file with a real XML parser;
# without it the test falls back to counting tags.
XML2_CFLAGS := $(shell $(PKG_CONFIG) --cflags libxml-2.0 2>/dev/null)
XML2_LIBS := $(shell $(PKG_CONFIG) --libs libxml-2.0 2>/dev/null)
ifeq ($(XML2_LIBS),)
REPORT_TEST_XML := -DIC_NO_LIBXML2
else
REPORT_TEST_XML := -DIC_HAVE_LIBXML2 $(XML2_CFLAGS)
endif

$(REPORT_OBJS): EXTRA_CFLAGS_harness += $(CJSON_CFLAGS)
$(B)/harness/tests/test_reports.o: EXTRA_CFLAGS_harness += -Iharness $(CHECK_CFLAGS) \
                                                          $(REPORT_TEST_XML)

$(B)/tests/test_reports: $(B)/harness/tests/test_reports.o $(REPORT_OBJS) \
                         $(B)/harness/results.o
	@mkdir -p $(@D)
	$(CC) $(IC_ALL_LDFLAGS) $^ -o $@ $(CJSON_LIBS) $(XML2_LIBS) $(CHECK_LIBS) -lm

.PHONY: reports-unit
## reports-unit: Check tests of the JSON/JUnit/HTML writers and the JSON reader
reports-unit: $(B)/tests/test_reports
	$(RUN_WRAP) $(B)/tests/test_reports

TEST_STEPS += reports-unit
DEPS += $(REPORT_OBJS:.o=.d) $(B)/harness/tests/test_reports.d

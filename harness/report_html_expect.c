/* report_html_expect.c - the HTML report's sections for expectations and tolerance profiles. */
#include <math.h>
#include <stdio.h>

#include "report_text.h"
#include "results.h"

/* Rows shown in the XFAIL section before "and N more". */
#define XFAIL_MAX 500

/** The NON-CONFORMANT banner; see report_text.h. */
void ic_report__html_profile(FILE *f, const ic_run_info *info, const ic_summary *s,
                             const ic_case_result *results, size_t n)
{
    size_t i, worst = n;

    if (!info->profile) {
        return;
    }
    for (i = 0; i < n; i++) {
        if (!isnan(results[i].bound_ratio) &&
            (worst == n || results[i].bound_ratio > results[worst].bound_ratio)) {
            worst = i;
        }
    }
    fprintf(f,
            "<div class=\"nonconf\">NON-CONFORMANT RUN: tolerance profile atol=%.9g "
            "rtol=%.9g (an element passes within atol + rtol&middot;|torch| when outside the "
            "evidence-based bound). %zu case(s) pass only thanks to it. This run is not a "
            "conformance result.",
            info->atol, info->rtol, s->profile_pass);
    if (worst < n) {
        fprintf(f, " Largest err/bound against the evidence-based bound: %.4g (<code>",
                results[worst].bound_ratio);
        ic_report__escape(f, results[worst].id, 0);
        fputs("</code>).", f);
    }
    fputs("</div>\n", f);
}

/** The XFAIL table; see report_text.h. */
void ic_report__html_expected(FILE *f, const ic_case_result *results, size_t n)
{
    size_t i, total = 0, shown = 0;

    for (i = 0; i < n; i++) {
        total += results[i].expect == IC_EXPECT_XFAIL;
    }
    if (total == 0) {
        return;
    }
    fprintf(f, "<h2>Expected failures (XFAIL, %zu)</h2>\n", total);
    fputs("<table class=\"fails\">\n<thead><tr><th>verdict</th><th>case</th><th>kind</th>"
          "<th>expected because</th><th>message</th></tr></thead>\n<tbody>\n",
          f);
    for (i = 0; i < n && shown < XFAIL_MAX; i++) {
        const ic_case_result *r = &results[i];
        if (r->expect != IC_EXPECT_XFAIL) {
            continue;
        }
        shown++;
        fprintf(f, "<tr><td class=\"v XFAIL\">XFAIL %s</td><td class=\"id\"><code>",
                ic_verdict_name(r->verdict));
        ic_report__escape(f, r->id, 0);
        fputs("</code></td><td class=\"kind\"><code>", f);
        ic_report__escape(f, r->kind != NULL ? r->kind : "?", 0);
        fputs("</code></td><td class=\"msg\">", f);
        ic_report__escape(f, r->expect_reason, 0);
        fputs("</td><td class=\"msg\">", f);
        ic_report__escape(f, r->message, 0);
        fputs("</td></tr>\n", f);
    }
    fputs("</tbody></table>\n", f);
    if (total > shown) {
        fprintf(f, "<p class=\"note\">and %zu more (see the JSON report)</p>\n", total - shown);
    }
}

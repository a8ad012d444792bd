/* report_junit.c - JUnit XML report: one <testsuite> per interpolation mode, for CI systems. */
#include "report.h"
#include "safe_file.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_text.h"
#include "results.h"

/* Suite of the cases that carry no "mode:" tag (the vectors always give one). */
#define UNTAGGED_MODE "untagged"

static const char *mode_of(const ic_case_result *r)
{
    const char *m = ic_report__tag(r, "mode");
    return m != NULL ? m : UNTAGGED_MODE;
}

/* What a case is to a JUnit reader: an XFAIL is <skipped> with its reason, an XPASS a
   <failure> (the known difference is gone: the expectation is stale). */
enum jclass { J_PASS, J_SKIP, J_FAIL, J_ERROR };

static enum jclass jclass_of(const ic_case_result *r)
{
    if (r->expect == IC_EXPECT_XFAIL) {
        return J_SKIP;
    }
    if (r->expect == IC_EXPECT_XPASS) {
        return J_FAIL;
    }
    switch (r->verdict) {
    case IC_VERDICT_PASS:
        return J_PASS;
    case IC_VERDICT_SKIP:
        return J_SKIP;
    case IC_VERDICT_FAIL:
        return J_FAIL;
    default:
        return J_ERROR;
    }
}

/* JUnit readers parse time as a plain decimal number of seconds. */
static double secs(double s)
{
    return isfinite(s) && s > 0 ? s : 0.0;
}

static void property(FILE *f, const char *name, const char *value)
{
    fprintf(f, "      <property name=\"%s\" value=\"", name);
    ic_report__escape(f, value != NULL ? value : "", 1);
    fputs("\"/>\n", f);
}

static void properties(FILE *f, const ic_run_info *info, const ic_case_result *results, size_t n)
{
    char num[64];

    fputs("    <properties>\n", f);
    property(f, "harness_version", info->harness_version);
    property(f, "port_path", info->port_path);
    property(f, "port_name", info->port_name);
    property(f, "port_version", info->port_version);
    snprintf(num, sizeof num, "%u.%u", (unsigned)info->port_abi_major,
             (unsigned)info->port_abi_minor);
    property(f, "port_abi", num);
    snprintf(num, sizeof num, "%u.%u", (unsigned)info->abi_major, (unsigned)info->abi_minor);
    property(f, "harness_abi", num);
    property(f, "vectors_dir", info->vectors_dir);
    property(f, "manifest_sha256", info->manifest_sha256);
    if (info->oracle != NULL) {
        char line[512];
        ic_fingerprint fp;
        property(f, "oracle", info->oracle);
        property(f, "oracle_provenance", info->oracle_provenance);
        ic_fingerprint_count(info, results, n, &fp);
        ic_fingerprint_line(info, &fp, line, sizeof line);
        if (line[0] != '\0') {
            property(f, "fingerprint", line);
        }
    }
    property(f, "host", info->host);
    property(f, "compiler", info->compiler);
    property(f, "filters", info->filters);
    property(f, "started", info->started);
    property(f, "strict", info->strict ? "true" : "false");
    snprintf(num, sizeof num, "%.3f", secs(info->seconds));
    property(f, "seconds", num);
    property(f, "isolation", ic_run_isolation(info));
    property(f, "no_fork", info->no_fork ? "true" : "false");
    property(f, "no_sandbox", info->no_sandbox ? "true" : "false");
    if (info->shard_n > 0) {
        snprintf(num, sizeof num, "%d/%d", (int)info->shard_k, (int)info->shard_n);
        property(f, "shard", num);
    }
    if (info->mutation_score != NULL) {
        property(f, "mutation_score", info->mutation_score);
    }
    if (info->expect_file != NULL) {
        property(f, "expect_file", info->expect_file);
        property(f, "expect_strict", info->expect_strict ? "true" : "false");
    }
    if (info->profile) {
        snprintf(num, sizeof num, "atol=%.9g rtol=%.9g", info->atol, info->rtol);
        property(f, "tolerance_profile", num);
        property(f, "conformance", "NON-CONFORMANT: run under a tolerance profile");
    }
    fputs("    </properties>\n", f);
}

/* The body of a <failure>/<error>: the diagnosis and the metrics, one per line. */
static void details(FILE *f, const ic_case_result *r)
{
    size_t t;
    char line[160];

    ic_report__escape(f, r->message, 0);
    fputc('\n', f);
    fputs("cause: ", f);
    ic_report__escape(f, ic_result_cause(r), 0);
    fputc('\n', f);
    snprintf(line, sizeof line, "max_abs_err=%.9g max_rel_err=%.9g max_ulp=%.9g bound=%.9g\n",
             r->max_abs_err, r->max_rel_err, r->max_ulp, r->bound);
    fputs(line, f);
    if (r->nan_mismatches > 0 || r->inf_mismatches > 0) {
        snprintf(line, sizeof line, "nan_mismatches=%lld inf_mismatches=%lld\n",
                 (long long)r->nan_mismatches, (long long)r->inf_mismatches);
        fputs(line, f);
    }
    fputs("tags:", f);
    for (t = 0; t < r->ntags; t++) {
        fputc(' ', f);
        ic_report__escape(f, r->tags[t], 0);
    }
    fputc('\n', f);
}

/* --no-fork: every testcase says it was not isolated (its verdict is not trusted). */
static void untrusted(FILE *f)
{
    fputs("      <properties><property name=\"isolated\" value=\"false\"/>"
          "</properties>\n",
          f);
}

static void testcase(FILE *f, const char *mode, const ic_case_result *r, int no_fork)
{
    const char *tag = NULL;

    fputs("    <testcase classname=\"interpcheck.", f);
    ic_report__escape(f, mode, 1);
    fputs("\" name=\"", f);
    ic_report__escape(f, r->id, 1);
    fprintf(f, "\" time=\"%.6f\"", secs(r->seconds));
    if (r->expect == IC_EXPECT_XFAIL) {
        fputs(">\n      <skipped message=\"XFAIL (expected ", f);
        ic_report__escape(f, ic_verdict_name(r->verdict), 1);
        fputs("): ", f);
        ic_report__escape(f, r->expect_reason != NULL ? r->expect_reason : "", 1);
        fputs("\"/>\n    </testcase>\n", f);
        return;
    }
    if (r->expect == IC_EXPECT_XPASS) {
        fputs(">\n      <failure message=\"XPASS: passes, but the expectations say it fails (", f);
        ic_report__escape(f, r->expect_reason != NULL ? r->expect_reason : "", 1);
        fputs("); delete the rule\" type=\"xpass\"/>\n    </testcase>\n", f);
        return;
    }
    switch (r->verdict) {
    case IC_VERDICT_PASS:
        if (no_fork) {
            fputs(">\n", f);
            untrusted(f);
            fputs("    </testcase>\n", f);
        } else {
            fputs("/>\n", f);
        }
        return;
    case IC_VERDICT_SKIP:
        fputs(">\n", f);
        if (no_fork) {
            untrusted(f);
        }
        fputs("      <skipped message=\"", f);
        ic_report__escape(f, r->message != NULL ? r->message : "unsupported by the port", 1);
        fputs("\"/>\n    </testcase>\n", f);
        return;
    case IC_VERDICT_FAIL:
        tag = "failure";
        break;
    default:
        tag = "error";
        break;
    }
    fputs(">\n", f);
    if (no_fork) {
        untrusted(f);
    }
    fprintf(f, "      <%s message=\"", tag);
    ic_report__escape(f, r->message != NULL ? r->message : "", 1);
    fputs("\" type=\"", f);
    ic_report__escape(f, r->kind != NULL ? r->kind : "unknown", 1);
    fputs("\">", f);
    details(f, r);
    fprintf(f, "</%s>\n    </testcase>\n", tag);
}

/** Writes the JUnit XML report (see report.h): suites in order of each mode's first case. */
int ic_report_junit_write(const char *path, const ic_run_info *info, const ic_case_result *results,
                          size_t n, char *msg, size_t msg_len)
{
    const char **modes;
    size_t nmodes = 0, i, k;
    ic_summary all;
    double total_time = 0;
    ic_safe_file sf;
    FILE *f;
    int rc = 0;

    modes = malloc((n == 0 ? 1 : n) * sizeof *modes);
    if (modes == NULL) {
        ic_set_msg(msg, msg_len, "%s: out of memory", path);
        return -1;
    }
    for (i = 0; i < n; i++) {
        const char *m = mode_of(&results[i]);
        for (k = 0; k < nmodes && strcmp(modes[k], m) != 0; k++) {
        }
        if (k == nmodes) {
            modes[nmodes++] = m;
        }
        total_time += secs(results[i].seconds);
    }
    if (ic_safe_open(path, &sf, msg, msg_len) != 0) {
        free(modes);
        return -1;
    }
    f = sf.f;
    ic_summarize(results, n, &all);
    {
        size_t cnt[4] = {0, 0, 0, 0};
        for (i = 0; i < n; i++) {
            cnt[jclass_of(&results[i])]++;
        }
        all.fail = cnt[J_FAIL];
        all.error = cnt[J_ERROR];
        all.skip = cnt[J_SKIP];
    }
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", f);
    fprintf(f,
            "<testsuites name=\"interpcheck\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" "
            "skipped=\"%zu\" time=\"%.6f\">\n",
            all.total, all.fail, all.error, all.skip, total_time);
    for (k = 0; k < nmodes; k++) {
        size_t tests = 0, fails = 0, errors = 0, skips = 0;
        double t = 0;
        for (i = 0; i < n; i++) {
            if (strcmp(mode_of(&results[i]), modes[k]) != 0) {
                continue;
            }
            tests++;
            fails += jclass_of(&results[i]) == J_FAIL;
            skips += jclass_of(&results[i]) == J_SKIP;
            errors += jclass_of(&results[i]) == J_ERROR;
            t += secs(results[i].seconds);
        }
        fputs("  <testsuite name=\"interpcheck.", f);
        ic_report__escape(f, modes[k], 1);
        fprintf(f,
                "\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" skipped=\"%zu\" "
                "time=\"%.6f\" hostname=\"",
                tests, fails, errors, skips, t);
        ic_report__escape(f, info->host != NULL ? info->host : "", 1);
        fputs("\">\n", f);
        properties(f, info, results, n);
        for (i = 0; i < n; i++) {
            if (strcmp(mode_of(&results[i]), modes[k]) == 0) {
                testcase(f, modes[k], &results[i], info->no_fork != 0);
            }
        }
        fputs("  </testsuite>\n", f);
    }
    fputs("</testsuites>\n", f);
    free(modes);
    if (ic_safe_commit(&sf, path, 1, msg, msg_len) != 0) {
        rc = -1;
    }
    return rc;
}

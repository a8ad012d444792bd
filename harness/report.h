/* report.h - report writers (JSON, JUnit XML, HTML) and the JSON reader used to merge shards.
 *
 * Every function returns 0 on success, or -1 with one line of detail in msg (caller-owned).
 * None prints, exits or aborts.
 */
#ifndef IC_REPORT_H
#define IC_REPORT_H

#include "results.h"

/**
 * Writes the JSON report: {"format": "interpcheck-report", "report_version": 1,
 * "run": {...ic_run_info...}, "summary": {total, pass, exact, fail, error, skip, causes:
 * {cause: count, ...}}, "cases": [{id, verdict, exact, kind, message, cause, tags,
 * max_abs_err, max_rel_err, max_ulp, bound, nan_mismatches, inf_mismatches, seconds, heat?}]}.
 * Non-finite doubles are written as null; cause is null for PASS and SKIP.
 * Expectations and tolerance profiles add: run.expect_file, run.expect_strict,
 * run.tolerance_profile {atol, rtol, note}; summary.xfail, xpass, profile_pass, conformant;
 * per case bound_ratio, and when set profile_pass, expect ("XFAIL"/"XPASS"), expect_reason.
 */
int ic_report_json_write(const char *path, const ic_run_info *info, const ic_case_result *results,
                         size_t n, char *msg, size_t msg_len);

/**
 * Reads a JSON report written by ic_report_json_write (used by `interpcheck merge`).
 * On success *results is a heap array of *n results and info is filled (caller frees both).
 */
int ic_report_json_read(const char *path, ic_run_info *info, ic_case_result **results, size_t *n,
                        char *msg, size_t msg_len);

/** Writes JUnit XML: one <testsuite> per mode, one <testcase> per case. */
int ic_report_junit_write(const char *path, const ic_run_info *info, const ic_case_result *results,
                          size_t n, char *msg, size_t msg_len);

/**
 * Writes one self-contained HTML file: run info, colour matrix (one row per kernel: mode, and
 * bilinear-aa / bicubic-aa apart), the causes table, and the failures grouped by cause (a few
 * examples each) with SVG heat maps.
 */
int ic_report_html_write(const char *path, const ic_run_info *info, const ic_case_result *results,
                         size_t n, char *msg, size_t msg_len);

#endif /* IC_REPORT_H */

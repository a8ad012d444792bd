/* console.h - the terminal summary: mode x dims x align_corners matrix and the totals lines. */
#ifndef IC_CONSOLE_H
#define IC_CONSOLE_H

#include <stdio.h>

#include "results.h"

/** Value of the tag "key:value" of r, or "?" when absent. */
const char *ic_result_tag(const ic_case_result *r, const char *key);

/** Prints the pass/fail/error/skip matrix by mode x dims x ac (from tags). */
void ic_console_matrix(FILE *f, const ic_case_result *results, size_t n);

/**
 * Prints the totals line, then the last line "N passed, N failed, N skipped" where failed
 * counts FAIL + ERROR.
 */
void ic_console_totals(FILE *f, const ic_case_result *results, size_t n, double seconds);

#endif /* IC_CONSOLE_H */

/* console.h - the terminal summary: mode x dims x align_corners matrix and the totals lines. */
#ifndef IC_CONSOLE_H
#define IC_CONSOLE_H

#include <stdio.h>

#include "results.h"

/** Value of the tag "key:value" of r, or "?" when absent. */
const char *ic_result_tag(const ic_case_result *r, const char *key);

/** The matrix row of r: its mode, with "-aa" appended for antialias calls. */
void ic_result_kernel(const ic_case_result *r, char *buf, size_t len);

/**
 * Prints the causes table of the FAIL and ERROR results: `cause  cases  example case`, most
 * frequent first; nothing when every case passed or skipped.
 */
void ic_console_causes(FILE *f, const ic_case_result *results, size_t n);

/** Prints the pass/fail/error/skip matrix by kernel (mode, -aa for antialias) x dims x ac (from
 * tags). */
void ic_console_matrix(FILE *f, const ic_case_result *results, size_t n);

/**
 * Prints the totals line, then the last line "N passed, N failed, N skipped" where failed
 * counts FAIL + ERROR.
 */
void ic_console_totals(FILE *f, const ic_case_result *results, size_t n, double seconds);

#endif /* IC_CONSOLE_H */

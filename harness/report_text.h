/* report_text.h - private text helpers shared by the report writers (escaping, tags, UTF-8). */
#ifndef IC_REPORT_TEXT_H
#define IC_REPORT_TEXT_H

#include <stdio.h>

#include "results.h"

/**
 * Writes s to f escaped for XML 1.0 / HTML text and attribute values: & < > " ' become
 * entities; control characters that XML 1.0 forbids (and U+FFFE, U+FFFF) are dropped;
 * malformed UTF-8 bytes become U+FFFD. With in_attr, TAB, LF and CR become character
 * references so attribute-value normalisation keeps them. NULL writes nothing.
 */
void ic_report__escape(FILE *f, const char *s, int in_attr);

/**
 * Returns a heap copy of s in which every malformed UTF-8 byte is replaced by U+FFFD, or
 * NULL on allocation failure (or when s is NULL). Valid UTF-8 is copied byte for byte.
 */
char *ic_report__utf8_clean(const char *s);

/** Returns the value of the first tag "key:value" of r, or NULL when r has none. */
const char *ic_report__tag(const ic_case_result *r, const char *key);

/**
 * HTML: the NON-CONFORMANT banner of a run under a tolerance profile (with how many cases
 * passed only thanks to it, and the largest err/bound of results[0..n) against the evidence-
 * based bound); nothing for a plain run.
 */
void ic_report__html_profile(FILE *f, const ic_run_info *info, const ic_summary *s,
                             const ic_case_result *results, size_t n);

/** HTML: the "Expected failures (XFAIL)" section, each with its rule's reason. */
void ic_report__html_expected(FILE *f, const ic_case_result *results, size_t n);

#endif /* IC_REPORT_TEXT_H */

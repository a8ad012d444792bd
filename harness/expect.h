/* expect.h - expectations files (--expect): known differences of a port, XFAIL and XPASS.
 *
 * The format (one rule per line; documented for port authors in harness/README.md):
 *
 *     # comment (a line whose first non-blank character is '#'), blank lines ignored
 *     PATTERN  VERDICT[:KIND][|VERDICT[:KIND]...]  REASON...
 *
 * PATTERN is a case id, an fnmatch glob on the id, or a glob on a tag when it holds a ':'
 * ("mode:bicubic", "dims:3"), exactly as --include takes it. VERDICT is FAIL or ERROR; KIND,
 * when given, is a glob on the result's kind ("values", "shape", "category", "crash"...).
 * REASON, the rest of the line, is required. The first rule whose PATTERN matches a case
 * decides it: a FAIL/ERROR the rule names is XFAIL (expected), a PASS is XPASS (the known
 * difference is gone), anything else is reported as usual.
 */
#ifndef IC_EXPECT_H
#define IC_EXPECT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "results.h"

/** Most alternatives one rule may list ("FAIL:values|ERROR:crash|..."). */
#define IC_EXPECT_MAX_ALTS 8

/** One expected verdict, optionally narrowed to a kind glob. */
typedef struct ic_expect_alt {
    int32_t verdict; /* IC_VERDICT_FAIL or IC_VERDICT_ERROR */
    char *kind;      /* glob on the result's kind; NULL matches any */
} ic_expect_alt;

/** One line of the file. */
typedef struct ic_expect_rule {
    char *pattern;
    ic_expect_alt alts[IC_EXPECT_MAX_ALTS];
    size_t nalts;
    char *reason;
    long line;   /* 1-based line in the file */
    size_t hits; /* cases this rule decided in the run */
} ic_expect_rule;

/** A loaded expectations file. */
typedef struct ic_expectations {
    char *path;
    ic_expect_rule *rules;
    size_t nrules;
} ic_expectations;

/**
 * Parses the expectations text (NUL-terminated); `path` names it in messages. Returns 0, or
 * -1 with one line "PATH:LINE: what is wrong" in msg (and *e left empty).
 */
int ic_expect_parse(const char *path, const char *text, ic_expectations *e, char *msg,
                    size_t msg_len);

/** Reads and parses the file at path (same contract as ic_expect_parse). */
int ic_expect_load(const char *path, ic_expectations *e, char *msg, size_t msg_len);

/** Frees everything inside *e. */
void ic_expect_free(ic_expectations *e);

/**
 * Sets r->expect and r->expect_reason from the first rule whose pattern matches r (its id
 * or tags), and counts the hit on that rule. No rule, or e NULL: r is left as it is.
 */
void ic_expect_apply(ic_expectations *e, ic_case_result *r);

/**
 * Prints one note per rule that decided no case of the run (a stale rule), at most 20 and
 * then a count; with `filtered` (the run selected a subset of the cases, so unused rules are
 * normal) only one line with the count. Nothing when e is NULL or every rule was used.
 */
void ic_expect_report_stale(FILE *f, const ic_expectations *e, int filtered);

/** "XFAIL" or "XPASS" under an expectation, else the verdict's name. */
const char *ic_outcome_name(const ic_case_result *r);

/**
 * The reason --write-expect records for a failing case: the diagnosis's cause followed by the
 * one-line message ("scale: values: 12 of 40 elements off ..."), or the message alone when no
 * cause was named. Never NULL; the string lives until the next call.
 */
const char *ic_expect_reason_of(const ic_case_result *r);

/**
 * Writes an expectations file with one exact-id rule per FAIL or ERROR result,
 * "ID VERDICT:KIND REASON", under a header naming the port and the run. Returns 0, or -1
 * with one line in msg.
 */
int ic_expect_write(const char *path, const ic_run_info *info, const ic_case_result *results,
                    size_t n, char *msg, size_t msg_len);

#endif /* IC_EXPECT_H */

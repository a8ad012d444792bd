/* diff.h - `interpcheck diff OLD.json NEW.json`: what changed between two runs of a port. */
#ifndef IC_DIFF_H
#define IC_DIFF_H

#include <stddef.h>

#include "results.h"

/** How one case changed between the runs (explicit values: they appear in reports). */
enum ic_diff_change {
    IC_DIFF_NEW_FAILURE = 0,     /* PASS or SKIP (or absent) before, FAIL or ERROR now */
    IC_DIFF_FIXED = 1,           /* FAIL or ERROR before, PASS now */
    IC_DIFF_CHANGED_VERDICT = 2, /* FAIL before and ERROR now, or the other way */
    IC_DIFF_CHANGED_KIND = 3,    /* same failing verdict, another kind ("values" -> "shape") */
    IC_DIFF_CHANGED_CAUSE = 4,   /* same verdict and kind, another diagnosed cause */
    IC_DIFF_NOW_SKIPPED = 5,     /* PASS, FAIL or ERROR before, SKIP now */
    IC_DIFF_NOW_RUN = 6,         /* SKIP before, PASS now */
    IC_DIFF_ADDED = 7,           /* only in NEW (and not failing there) */
    IC_DIFF_REMOVED = 8,         /* only in OLD */
    IC_DIFF_CHANGED_CATEGORY = 9 /* an error case still FAIL "category", another category */
};

/** One changed case; the pointers borrow from the two result arrays. */
typedef struct ic_diff_entry {
    int32_t change;                    /* enum ic_diff_change */
    const ic_case_result *old_r;       /* NULL for ADDED (and a NEW_FAILURE absent before) */
    const ic_case_result *new_r;       /* NULL for REMOVED */
    const char *old_cause, *new_cause; /* borrowed; NULL when the report has none */
} ic_diff_entry;

/** The changes, in id order. */
typedef struct ic_diff {
    ic_diff_entry *entries;
    size_t n;
    size_t count[10]; /* per enum ic_diff_change */
} ic_diff;

/**
 * A regression: a new failure, or a failing case that now fails differently (another
 * verdict or kind) - what an expectations file written from OLD would not cover.
 */
int ic_diff_is_regression(int32_t change);

/** "new failure", "fixed", ... */
const char *ic_diff_change_name(int32_t change);

/**
 * Compares two result arrays, each sorted by id (as reports are). old_causes/new_causes may
 * be NULL or give each result's cause (NULL entries allowed); causes are compared only when
 * both sides have one. Returns 0, or -1 when memory is out. Free with ic_diff_free.
 */
int ic_diff_compute(const ic_case_result *old_res, size_t nold, char *const *old_causes,
                    const ic_case_result *new_res, size_t nnew, char *const *new_causes,
                    ic_diff *d);

/** Frees d's entries. */
void ic_diff_free(ic_diff *d);

/** The subcommand: argv[1] is "diff". Returns the process exit status. */
int ic_diff_main(int argc, char **argv);

#endif /* IC_DIFF_H */

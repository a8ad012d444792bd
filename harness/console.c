/* console.c - the end-of-run matrix and totals printed on stdout. */
#define _POSIX_C_SOURCE 200809L
#include "console.h"

#include <stdlib.h>
#include <string.h>

/** Tag lookup by key. */
const char *ic_result_tag(const ic_case_result *r, const char *key)
{
    size_t t, kl = strlen(key);

    for (t = 0; t < r->ntags; t++) {
        if (strncmp(r->tags[t], key, kl) == 0 && r->tags[t][kl] == ':') {
            return r->tags[t] + kl + 1;
        }
    }
    return "?";
}

typedef struct row {
    char key[96];
    const char *mode, *dims, *ac;
    size_t n[4];
} row;

static int cmp_row(const void *a, const void *b)
{
    return strcmp(((const row *)a)->key, ((const row *)b)->key);
}

/** Matrix by (mode, dims, ac). */
void ic_console_matrix(FILE *f, const ic_case_result *results, size_t n)
{
    row *rows = calloc(n ? n : 1, sizeof *rows);
    size_t nr = 0, i, j;

    if (rows == NULL) {
        return;
    }
    for (i = 0; i < n; i++) {
        const ic_case_result *r = &results[i];
        const char *m = ic_result_tag(r, "mode"), *d = ic_result_tag(r, "dims");
        const char *a = ic_result_tag(r, "ac");
        char key[96];
        int v = r->verdict >= 0 && r->verdict <= 3 ? r->verdict : IC_VERDICT_ERROR;
        snprintf(key, sizeof key, "%s\t%s\t%s", m, d, a);
        for (j = 0; j < nr && strcmp(rows[j].key, key) != 0; j++) {
        }
        if (j == nr) {
            snprintf(rows[nr].key, sizeof rows[nr].key, "%s", key);
            rows[nr].mode = m;
            rows[nr].dims = d;
            rows[nr].ac = a;
            nr++;
        }
        rows[j].n[v]++;
    }
    qsort(rows, nr, sizeof *rows, cmp_row);
    fprintf(f, "%-16s %4s %-5s %6s %6s %6s %6s\n", "mode", "dims", "ac", "pass", "fail", "error",
            "skip");
    for (j = 0; j < nr; j++) {
        fprintf(f, "%-16.16s %4.4s %-5.5s %6zu %6zu %6zu %6zu\n", rows[j].mode, rows[j].dims,
                rows[j].ac, rows[j].n[IC_VERDICT_PASS], rows[j].n[IC_VERDICT_FAIL],
                rows[j].n[IC_VERDICT_ERROR], rows[j].n[IC_VERDICT_SKIP]);
    }
    free(rows);
}

/** Totals, then the plain last line. */
void ic_console_totals(FILE *f, const ic_case_result *results, size_t n, double seconds)
{
    ic_summary s;

    ic_summarize(results, n, &s);
    fprintf(f, "total %zu: %zu pass (%zu exact), %zu fail, %zu error, %zu skip in %.2f s\n",
            s.total, s.pass, s.exact, s.fail, s.error, s.skip, seconds);
    if (s.xfail + s.xpass > 0) {
        /* pytest's words: expected failures, and passes a rule expected to fail. */
        fprintf(f, "%zu passed, %zu failed, %zu skipped, %zu xfailed, %zu xpassed\n",
                s.pass - s.xpass, ic_summary_unexpected(&s, 0), s.skip, s.xfail, s.xpass);
    } else {
        fprintf(f, "%zu passed, %zu failed, %zu skipped\n", s.pass, s.fail + s.error, s.skip);
    }
}

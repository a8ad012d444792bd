/* test_alternatives.c - the tolerance against PyTorch's own evidence: every stored alternative
 * output (avx2 dispatch, other memory format) of the committed vectors must lie within the
 * float bound computed *without* its spread term, i.e. k1/k2 alone must admit torch itself. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "manifest.h"
#include "results.h"
#include "sandbox.h"
#include "score.h"

Suite *alternatives_suite(void);

START_TEST(torch_alternatives_pass_the_bound_without_their_spread)
{
    ic_manifest m;
    char msg[400];
    size_t i, a, checked = 0, failed = 0;
    double worst = 0.0;
    const char *worst_id = "-";

    if (ic_manifest_load("vectors", &m, msg, sizeof msg) != 0) {
        fprintf(stderr, "test_alternatives: skipped (%s)\n", msg);
        return;
    }
    ic_manifest_load_blobs(&m, NULL);
    for (i = 0; i < m.ncases; i++) {
        ic_case c = m.cases[i];
        if (c.bad != NULL || !c.has_expected || !c.tol_float) {
            continue;
        }
        for (a = 0; a < m.cases[i].nalts; a++) {
            ic_bufs b;
            ic_outcome o;
            ic_case_result r;
            memset(&b, 0, sizeof b);
            memset(&o, 0, sizeof o);
            memset(&r, 0, sizeof r);
            c.nalts = 0; /* no spread, no identity shortcut: the bound alone decides */
            b.in = (unsigned char *)(uintptr_t)c.input.data;
            b.in_len = (size_t)c.input.nbytes;
            b.out = (unsigned char *)(uintptr_t)m.cases[i].alts[a].t.data;
            b.out_len = (size_t)c.expected.nbytes;
            o.have_shape = o.have_done = 1;
            o.ndim = c.expected.ndim;
            memcpy(o.shape, c.expected.shape, sizeof o.shape);
            ic_score_case(&c, &b, &o, 0, &r);
            checked++;
            if (r.verdict != IC_VERDICT_PASS) {
                failed++;
                fprintf(stderr, "alternative %s of %s: %s: %s\n",
                        m.cases[i].alts[a].variant, c.id, r.kind ? r.kind : "",
                        r.message ? r.message : "");
            } else if (r.bound > 0.0 && r.max_abs_err / r.bound > worst) {
                worst = r.max_abs_err / r.bound;
                worst_id = m.cases[i].id;
            }
            free(r.kind);
            free(r.message);
            free(r.heat);
        }
    }
    fprintf(stderr, "test_alternatives: %zu float alternatives, %zu outside the bound; "
                    "largest max|err|/max bound %.3g (%s)\n", checked, failed, worst, worst_id);
    ck_assert_uint_eq(failed, 0);
    ic_manifest_free(&m);
}
END_TEST

/** The evidence suite. */
Suite *alternatives_suite(void)
{
    Suite *s = suite_create("alternatives");
    TCase *tc = tcase_create("core");

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, torch_alternatives_pass_the_bound_without_their_spread);
    suite_add_tcase(s, tc);
    return s;
}

/* test_helpers.h - small builders shared by the reference's Check tests. */
#ifndef ICR_TEST_HELPERS_H
#define ICR_TEST_HELPERS_H

#include <check.h>
#include <string.h>

#include "icref.h"

/** The semantics the hand-checked rows of test_values.c / test_validate.c were written for
 * (torch 1.13.1); test_torch214.c covers where 2.14.1 differs. */
static const icr_semantics tst_sem113 = {ICR_TORCH_1_13, 0};
#define TST_113 (&tst_sem113)

/** A contiguous tensor of the given shape over data. */
static inline ic_tensor tst_tensor(int32_t dtype, int ndim, const int64_t *shape, void *data)
{
    ic_tensor t;
    int64_t acc = 1;
    int k;

    memset(&t, 0, sizeof t);
    t.dtype = dtype;
    t.ndim = ndim;
    for (k = ndim - 1; k >= 0; k--) {
        t.shape[k] = shape[k];
        t.strides[k] = acc;
        acc *= shape[k];
    }
    t.data = data;
    return t;
}

/** Arguments with everything None and the given mode. */
static inline ic_args tst_args(const char *mode)
{
    ic_args a;

    memset(&a, 0, sizeof a);
    a.mode = mode;
    a.align_corners = IC_NONE;
    a.recompute_scale_factor = IC_NONE;
    a.size_len = IC_NONE;
    a.scale_len = IC_NONE;
    return a;
}

Suite *coords_suite(void);
Suite *validate_suite(void);
Suite *values_suite(void);
Suite *torch214_suite(void);
Suite *half_suite(void);

#endif /* ICR_TEST_HELPERS_H */

/* semantics.c - the one place where a torch version (and what-if bits) turn into the rules
 * the kernels consult (icr_rules). Every difference between the torch releases the reference
 * follows is a field here, set per version; the kernels never test a version number.
 */
#include <string.h>

#include "icr_internal.h"

/* The torch that NULL semantics (icr_output_shape, icr_interpolate) follow: the newest
 * unless the build pins another (reference/module.mk, ICREF_DEFAULT_TORCH). */
#ifndef ICR_DEFAULT_TORCH
#define ICR_DEFAULT_TORCH ICR_TORCH_2_14
#endif

int32_t icr_semantics_for(const char *version, icr_semantics *sem)
{
    if (sem == NULL) {
        return IC_ERR_VALUE;
    }
    sem->whatif = 0;
    if (version == NULL || version[0] == '\0' || strcmp(version, "2.14") == 0 ||
        strcmp(version, "2.14.1") == 0) {
        sem->torch = ICR_TORCH_2_14;
        return IC_OK;
    }
    if (strcmp(version, "1.13") == 0 || strcmp(version, "1.13.1") == 0) {
        sem->torch = ICR_TORCH_1_13;
        return IC_OK;
    }
    sem->torch = 0;
    return IC_ERR_VALUE;
}

int32_t icr_rules_from(const icr_semantics *sem, icr_rules *r, char *msg, size_t msg_len)
{
    int32_t torch = sem != NULL ? sem->torch : ICR_DEFAULT_TORCH;

    memset(r, 0, sizeof *r);
    r->torch = torch;
    r->whatif = sem != NULL ? sem->whatif : 0;
    switch (torch) {
    case ICR_TORCH_1_13:
        r->opmath_coords = 0;
        r->linear_clamp = 0;
        r->cl_tail_double = 1;
        r->aa_skip_same_size = 0;
        r->aa_one_column_bug = 0;
        r->aa_cubic_scalar = 0;
        r->aa_clamp_window = 0;
        r->cl_heuristic = 0;
        r->recompute_trunc = 0;
        r->dtype_error = IC_ERR_RUNTIME;
        r->wider_dtypes = 0;
        r->half_modes = ICR_HALF_NEAREST | ICR_HALF_AREA | ICR_HALF_LINEAR_BF16_SCALAR |
                        ICR_HALF_CUBIC_BF16_SCALAR;
        r->nearest_bf16_scale = 1;
        break;
    case ICR_TORCH_2_14:
        r->opmath_coords = 1;
        r->linear_clamp = 1;
        r->cl_tail_double = 0;
        r->aa_skip_same_size = 1;
        r->aa_one_column_bug = 1;
        r->aa_cubic_scalar = 1;
        r->aa_clamp_window = 1;
        r->cl_heuristic = 1;
        r->recompute_trunc = 1;
        r->cl_min_channels = 4;
        r->cl_small_output = 128;
        r->dtype_error = IC_ERR_NOT_IMPLEMENTED;
        r->wider_dtypes = 1;
        r->half_modes = ICR_HALF_NEAREST | ICR_HALF_AREA | ICR_HALF_LINEAR_OPMATH |
                        ICR_HALF_CUBIC_OPMATH | ICR_HALF_MEAN_FLOAT;
        r->nearest_bf16_scale = 0;
        break;
    default:
        icr_set_msg(msg, msg_len, "unknown torch semantics %d (known: 113, 214)", (int)torch);
        return IC_ERR_VALUE;
    }
#ifdef ICR_OPMATH_FLOAT
    /* the honest variant-opmath_float port: 1.13 with float coordinates */
    r->opmath_coords = 1;
#endif
#ifdef ICR_DOUBLE_COORDS
    /* the honest variant-double_coords port: 2.14 with double coordinates */
    r->opmath_coords = 0;
#endif
    /* what-if departures (ICR_WHATIF_*, icref.h): each becomes one rule, consulted at one
     * decision point (coords.c; nearest.c, cubic.c, antialias.c through them) */
    r->cubic_a = -0.75;
    r->aa_cubic_a = -0.5;
    r->half_pixel_dropped = (r->whatif & ICR_WHATIF_HALF_PIXEL_DROPPED) != 0;
    r->linear_unclamped = (r->whatif & ICR_WHATIF_LINEAR_UNCLAMPED) != 0;
    r->nearest_index = (r->whatif & ICR_WHATIF_NEAREST_INDEX_EXACT) ? ICR_NEAREST_EXACT_ARITH
                       : (r->whatif & ICR_WHATIF_NEAREST_ROUND)     ? ICR_NEAREST_ROUNDED
                                                                    : ICR_NEAREST_TORCH;
    r->nearest_exact_round =
        (r->whatif & ICR_WHATIF_NEAREST_EXACT_FLOOR)       ? ICR_NEAREST_EXACT_FLOORED
        : (r->whatif & ICR_WHATIF_NEAREST_EXACT_HALF_EVEN) ? ICR_NEAREST_EXACT_HALF_EVEN
                                                           : ICR_NEAREST_EXACT_TORCH;
    r->same_size = (r->whatif & ICR_WHATIF_SAME_SIZE_COPY)       ? ICR_SAME_SIZE_COPIED
                   : (r->whatif & ICR_WHATIF_SAME_SIZE_COMPUTED) ? ICR_SAME_SIZE_COMPUTED
                                                                 : ICR_SAME_SIZE_TORCH;
    r->cubic_zero_pad = (r->whatif & ICR_WHATIF_CUBIC_ZERO_PAD) != 0;
    r->area_end_floor = (r->whatif & ICR_WHATIF_AREA_END_FLOOR) != 0;
    r->aa_unnormalised = (r->whatif & ICR_WHATIF_AA_UNNORMALISED) != 0;
    if (r->whatif & ICR_WHATIF_CUBIC_A_HALF) {
        r->cubic_a = -0.5;
    }
    if (r->whatif & ICR_WHATIF_AA_CUBIC_A_075) {
        r->aa_cubic_a = -0.75;
    }
    return IC_OK;
}

/**
 * Kernel path selection of nearest / nearest-exact and linear (upsample_*_kernel_impl). 1.13:
 * the channels-last kernel iff the input is channels-last contiguous (4-D/5-D). 2.14
 * (measured on 2.14.1, one thread): 2-D uses it when the input is channels-last contiguous
 * with C > 3, or when out_H + out_W <= 128 (whatever the layout), bilinear also when C == 3;
 * 3-D only when channels-last contiguous with C > 3; 1-D never.
 */
int icr_use_channels_last_kernel(const icr_rules *r, int mode, const ic_tensor *in,
                                 const int64_t *out)
{
    int cl = icr_is_channels_last_contiguous(in);

    if (!r->cl_heuristic) {
        return cl;
    }
    if (in->ndim == 4) {
        return (cl && in->shape[1] >= r->cl_min_channels) ||
               out[0] + out[1] <= r->cl_small_output ||
               (mode == ICR_MODE_LINEAR && in->shape[1] == 3);
    }
    if (in->ndim == 5) {
        return cl && in->shape[1] >= r->cl_min_channels;
    }
    return 0;
}

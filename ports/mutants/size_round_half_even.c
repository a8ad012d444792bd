/* size_round_half_even.c - mutant (real libraries): the output size is in * scale rounded to
 * the nearest integer, ties to even, as cv::resize computes dsize from fx / fy (cvRound, which
 * rounds with the FPU's default mode). torch floors: 5 * 0.7 = 3.5 gives 3, 5 * 1.7 = 8.5
 * gives 8 (both 8 here: ties to even), 5 * 1.3 = 6.5 gives 6. */
#include <math.h>

#include "icp_wrap.h"

static int32_t shape(const ic_tensor *in, const ic_args *args, int32_t *out_ndim,
                     int64_t out_shape[IC_MAX_DIMS], char *msg, size_t msg_len)
{
    int32_t st = icr_output_shape(in, args, out_ndim, out_shape, msg, msg_len);
    if (st != IC_OK || args->scale_len == IC_NONE) {
        return st;
    }
    for (int32_t k = 2; k < *out_ndim; k++) {
        double s = args->scale_len == 0      ? args->scale_factor[0]
                   : k - 2 < args->scale_len ? args->scale_factor[k - 2]
                                             : 1.0;
        double v = nearbyint((double)in->shape[k] * s);
        if (v >= 1.0 && v < 1e12) {
            out_shape[k] = (int64_t)v;
        }
    }
    return IC_OK;
}

/* Interpolates to the (wrong) shape asked for, with the user's scale kept. */
ICP_DEFINE_PORT("mutant-size_round_half_even", shape, icr_interpolate)

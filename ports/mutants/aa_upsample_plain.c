/* aa_upsample_plain.c - mutant (real libraries): antialias applied only when downscaling.
 * Libraries that antialias treat it as a property of shrinking (PIL-style filters widen only
 * for scale < 1); torch's antialiased bicubic upsampling still uses its own separable filter
 * (A = -0.5, normalised weights: pytorch#68819), not plain bicubic (A = -0.75). */
#include "icp_wrap.h"

static int32_t run(const ic_tensor *in, const ic_args *args, const ic_tensor *out, char *msg,
                   size_t msg_len)
{
    ic_args a = *args;
    int up = out->ndim == 4;
    for (int32_t k = 2; k < out->ndim && up; k++) {
        up = out->shape[k] >= in->shape[k];
    }
    if (a.antialias && up) {
        a.antialias = 0;
    }
    return icr_interpolate(in, &a, out, msg, msg_len);
}

ICP_DEFINE_PORT("mutant-aa_upsample_plain", icr_output_shape, run)

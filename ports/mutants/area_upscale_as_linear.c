/* area_upscale_as_linear.c - mutant (real libraries): mode "area" upsampled as linear
 * interpolation. cv::resize INTER_AREA is documented to behave like INTER_LINEAR when
 * enlarging; torch's area (adaptive average pooling) repeats source pixels instead. */
#include <string.h>

#include "icp_wrap.h"

static ic_args fix_for(const ic_tensor *in, const ic_args *args, const int64_t *out_shape,
                       int32_t out_ndim)
{
    static const char *const linear[] = {NULL, "linear", "bilinear", "trilinear"};
    ic_args a = *args;
    int up = out_ndim == in->ndim && out_ndim >= 3 && out_ndim <= 5;
    for (int32_t k = 2; k < out_ndim && up; k++) {
        up = out_shape[k] > in->shape[k];
    }
    if (a.mode != NULL && strcmp(a.mode, "area") == 0 && up) {
        a.mode = linear[out_ndim - 2];
        a.align_corners = 0;
    }
    return a;
}

static int32_t run(const ic_tensor *in, const ic_args *args, const ic_tensor *out, char *msg,
                   size_t msg_len)
{
    ic_args a = fix_for(in, args, out->shape, out->ndim);
    return icr_interpolate(in, &a, out, msg, msg_len);
}

ICP_DEFINE_PORT("mutant-area_upscale_as_linear", icr_output_shape, run)

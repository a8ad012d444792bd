/* same_size_copy.c - mutant (real libraries): when the output has the input's spatial size the
 * input is copied, whatever the scale. cv::resize returns a copy when dsize equals the source
 * size; torch still interpolates with 1/scale in bicubic, nearest's generic kernel and
 * antialias (1.13), and is the identity only in linear modes. */
#include <string.h>

#include "icp_wrap.h"

static int32_t run(const ic_tensor *in, const ic_args *args, const ic_tensor *out, char *msg,
                   size_t msg_len)
{
    int same = in->ndim == out->ndim && in->ndim >= 3;
    for (int32_t k = 2; k < in->ndim && same; k++) {
        same = in->shape[k] == out->shape[k];
    }
    if (!same || icp_numel(out) == 0) {
        return icr_interpolate(in, args, out, msg, msg_len);
    }
    size_t item = icp_itemsize(in->dtype);
    int64_t idx[IC_MAX_DIMS] = {0};
    for (int64_t i = 0; i < icp_numel(out); i++) {
        int64_t src = 0, rem = i;
        for (int32_t k = out->ndim - 1; k >= 0; k--) {
            idx[k] = rem % out->shape[k];
            rem /= out->shape[k];
            src += idx[k] * in->strides[k];
        }
        memcpy((unsigned char *)out->data + (size_t)i * item,
               (const unsigned char *)in->data + (size_t)src * item, item);
    }
    return IC_OK;
}

ICP_DEFINE_PORT("mutant-same_size_copy", icr_output_shape, run)

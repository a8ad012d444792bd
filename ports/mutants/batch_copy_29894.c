/* batch_copy_29894.c - mutant: pytorch#29894 (1.3 - 1.7.1, fixed by #52389 in 1.8.0). The
 * bicubic same-size fast path copied `channels` planes instead of `channels * nbatch`, so only
 * sample 0 was copied and the other samples kept the zeros of a fresh output. */
#include <string.h>

#include "icp_wrap.h"

static int same_size_bicubic(const ic_tensor *in, const ic_args *args, const ic_tensor *out)
{
    if (args->mode == NULL || strcmp(args->mode, "bicubic") != 0 || args->antialias ||
        in->ndim != 4 || out->ndim != 4) {
        return 0;
    }
    return in->shape[2] == out->shape[2] && in->shape[3] == out->shape[3];
}

static int32_t run(const ic_tensor *in, const ic_args *args, const ic_tensor *out, char *msg,
                   size_t msg_len)
{
    if (!same_size_bicubic(in, args, out)) {
        return icr_interpolate(in, args, out, msg, msg_len);
    }
    /* upsample_bicubic2d_out_frame (1.7): if (output_height == input_height && ...) copies
       `channels` planes; the output buffer beyond them stays zero. */
    size_t item = icp_itemsize(in->dtype);
    memset(out->data, 0, (size_t)icp_numel(out) * item);
    if (in->shape[0] == 0) {
        return IC_OK;
    }
    int64_t c_n = in->shape[1], h_n = in->shape[2], w_n = in->shape[3];
    for (int64_t c = 0; c < c_n; c++) {
        for (int64_t h = 0; h < h_n; h++) {
            for (int64_t w = 0; w < w_n; w++) {
                int64_t src = c * in->strides[1] + h * in->strides[2] + w * in->strides[3];
                int64_t dst = c * out->strides[1] + h * out->strides[2] + w * out->strides[3];
                memcpy((unsigned char *)out->data + (size_t)dst * item,
                       (const unsigned char *)in->data + (size_t)src * item, item);
            }
        }
    }
    return IC_OK;
}

ICP_DEFINE_PORT("mutant-batch_copy_29894", icr_output_shape, run)

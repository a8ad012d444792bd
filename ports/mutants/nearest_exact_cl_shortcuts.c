/* nearest_exact_cl_shortcuts.c - mutant (gap class "cl-nearest"): torch's channels-last
 * nearest kernel copies when out == in and takes source index i >> 1 when out == 2 * in
 * (upsample_nearest2d/3d channels-last, torch 1.13). This port applies the same shortcuts to
 * nearest-exact too, where torch gathers with floor((i + 0.5) / scale). */
#include <string.h>

#include "icp_wrap.h"

static int32_t run(const ic_tensor *in, const ic_args *args, const ic_tensor *out, char *msg,
                   size_t msg_len)
{
    int cl = in->ndim >= 4 && in->strides[1] == 1 && in->shape[1] > 1;
    int same = 1, twice = 1;
    if (args->mode == NULL || strcmp(args->mode, "nearest-exact") != 0 || !cl ||
        icp_numel(out) == 0) {
        return icr_interpolate(in, args, out, msg, msg_len);
    }
    for (int32_t k = 2; k < in->ndim; k++) {
        same = same && out->shape[k] == in->shape[k];
        twice = twice && out->shape[k] == 2 * in->shape[k];
    }
    if (!same && !twice) {
        return icr_interpolate(in, args, out, msg, msg_len);
    }
    size_t item = icp_itemsize(in->dtype);
    for (int64_t i = 0; i < icp_numel(out); i++) {
        int64_t src = 0, rem = i;
        for (int32_t k = out->ndim - 1; k >= 0; k--) {
            int64_t o = rem % out->shape[k];
            rem /= out->shape[k];
            src += (k >= 2 && twice ? o >> 1 : o) * in->strides[k];
        }
        memcpy((unsigned char *)out->data + (size_t)i * item,
               (const unsigned char *)in->data + (size_t)src * item, item);
    }
    return IC_OK;
}

ICP_DEFINE_PORT("mutant-nearest_exact_cl_shortcuts", icr_output_shape, run)

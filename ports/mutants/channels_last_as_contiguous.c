/* channels_last_as_contiguous.c - mutant: ignores the input strides of a channels-last tensor
 * and reads its storage as if it were contiguous NCHW (a port that assumes row-major input). */
#include "icp_wrap.h"

/* Only dense channels-last inputs are rewritten, so every read stays inside the storage. */
static int channels_last(const ic_tensor *in)
{
    if (in->ndim < 4) {
        return 0;
    }
    int64_t want[IC_MAX_DIMS];
    int64_t s = in->shape[1];
    for (int32_t k = in->ndim - 1; k >= 2; k--) {
        want[k] = s;
        s *= in->shape[k];
    }
    want[1] = 1;
    want[0] = s;
    for (int32_t k = 0; k < in->ndim; k++) {
        if (in->shape[k] > 1 && in->strides[k] != want[k]) {
            return 0;
        }
    }
    return 1;
}

static int32_t run(const ic_tensor *in, const ic_args *args, const ic_tensor *out, char *msg,
                   size_t msg_len)
{
    if (!channels_last(in)) {
        return icr_interpolate(in, args, out, msg, msg_len);
    }
    ic_tensor flat = *in;
    int64_t s = 1;
    for (int32_t k = in->ndim - 1; k >= 0; k--) {
        flat.strides[k] = s;
        s *= in->shape[k];
    }
    return icr_interpolate(&flat, args, out, msg, msg_len);
}

ICP_DEFINE_PORT("mutant-channels_last_as_contiguous", icr_output_shape, run)

/* batch_stride_assumed.c - mutant (gap class "stride"): the port reads sample n at
 * n * C * stride[1], as if samples were packed after the channels. Right for contiguous and
 * last-axis-sliced inputs; wrong for an input sliced along N (x[::2]) or C. */
#include "icp_wrap.h"

static int32_t run(const ic_tensor *in, const ic_args *args, const ic_tensor *out, char *msg,
                   size_t msg_len)
{
    ic_tensor t = *in;
    int cl = in->ndim >= 4 && in->strides[1] == 1; /* channels-last: C is innermost */
    if (in->ndim >= 3 && !cl) {
        t.strides[0] = in->shape[1] * in->strides[1];
    }
    return icr_interpolate(&t, args, out, msg, msg_len);
}

ICP_DEFINE_PORT("mutant-batch_stride_assumed", icr_output_shape, run)

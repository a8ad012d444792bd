/* input_size1_refused.c - mutant (real libraries): a spatial input size of 1 is refused.
 * Some resize kernels divide by (in - 1) or require at least two source pixels and return an
 * error; torch accepts size 1 in every mode. A refusal of a valid call is an ERROR. */
#include <stdio.h>

#include "icp_wrap.h"

static int32_t shape(const ic_tensor *in, const ic_args *args, int32_t *out_ndim,
                     int64_t out_shape[IC_MAX_DIMS], char *msg, size_t msg_len)
{
    int32_t st = icr_output_shape(in, args, out_ndim, out_shape, msg, msg_len);
    for (int32_t k = 2; st == IC_OK && k < in->ndim; k++) {
        if (in->shape[k] == 1) {
            snprintf(msg, msg_len, "resize: source dimension %d has size 1", (int)k);
            return IC_ERR_RUNTIME;
        }
    }
    return st;
}

ICP_DEFINE_PORT("mutant-input_size1_refused", shape, icr_interpolate)

/* wrong_shape.c - faulty port: reports one more element along the last spatial axis than
 * torch produces (expect FAIL shape: a semantic difference, not a misbehaviour). */
#include <stdlib.h>
#include <string.h>

#include "icp_wrap.h"

static int32_t shape(const ic_tensor *in, const ic_args *args, int32_t *out_ndim,
                     int64_t out_shape[IC_MAX_DIMS], char *msg, size_t msg_len)
{
    int32_t st = icr_output_shape(in, args, out_ndim, out_shape, msg, msg_len);
    if (st == IC_OK && *out_ndim > 0) {
        out_shape[*out_ndim - 1] += 1;
    }
    return st;
}

/* Should the harness call interpolate anyway, fill the reported shape consistently: the true
 * output in its top-left corner, zeros in the extra column. */
static int32_t run(const ic_tensor *in, const ic_args *args, const ic_tensor *out, char *msg,
                   size_t msg_len)
{
    ic_tensor tmp;
    int32_t st = icp_ref_compute(in, args, &tmp, msg, msg_len);
    if (st != IC_OK) {
        return st;
    }
    size_t item = icp_itemsize(out->dtype);
    int64_t w_out = out->shape[out->ndim - 1];
    int64_t w_tmp = tmp.shape[tmp.ndim - 1];
    int64_t rows = w_tmp > 0 ? icp_numel(&tmp) / w_tmp : 0;
    memset(out->data, 0, (size_t)icp_numel(out) * item);
    for (int64_t r = 0; r < rows && w_out > w_tmp; r++) {
        memcpy((unsigned char *)out->data + (size_t)(r * w_out) * item,
               (unsigned char *)tmp.data + (size_t)(r * w_tmp) * item, (size_t)w_tmp * item);
    }
    free(tmp.data);
    return IC_OK;
}

ICP_DEFINE_PORT("faulty-wrong-shape", shape, run)

/* icp_wrap.c - helpers shared by the self-test ports that wrap the reference library. */
#include "icp_wrap.h"

#include <stdlib.h>
#include <string.h>

/** Number of elements of t (0 for an empty tensor). */
int64_t icp_numel(const ic_tensor *t)
{
    int64_t n = 1;
    for (int32_t k = 0; k < t->ndim; k++) {
        n *= t->shape[k];
    }
    return n;
}

/** Size in bytes of one element of dtype (0 when unknown). */
size_t icp_itemsize(int32_t dtype)
{
    switch (dtype) {
    case IC_DTYPE_FLOAT32:
    case IC_DTYPE_INT32:
        return 4;
    case IC_DTYPE_FLOAT64:
        return 8;
    case IC_DTYPE_UINT8:
        return 1;
    case IC_DTYPE_FLOAT16:
        return 2;
    default:
        return 0;
    }
}

/** Bytes of t's storage from offset 0 to its largest element offset (0 when empty). */
int64_t icp_storage_bytes(const ic_tensor *t)
{
    int64_t last = 0;
    if (icp_numel(t) == 0) {
        return 0;
    }
    for (int32_t k = 0; k < t->ndim; k++) {
        last += (t->shape[k] - 1) * t->strides[k];
    }
    return (last + 1) * (int64_t)icp_itemsize(t->dtype);
}

/** Returns 1 when mode is one of linear, bilinear, bicubic, trilinear (align_corners applies). */
int icp_is_interp_mode(const char *mode)
{
    return mode != NULL && (strcmp(mode, "linear") == 0 || strcmp(mode, "bilinear") == 0 ||
                            strcmp(mode, "bicubic") == 0 || strcmp(mode, "trilinear") == 0);
}

/** Computes the reference output into a fresh contiguous heap tensor (see icp_wrap.h). */
int32_t icp_ref_compute(const ic_tensor *in, const ic_args *args, ic_tensor *tmp, char *msg,
                        size_t msg_len)
{
    memset(tmp, 0, sizeof *tmp);
    tmp->dtype = in->dtype;
    int32_t st = icr_output_shape(in, args, &tmp->ndim, tmp->shape, msg, msg_len);
    if (st != IC_OK) {
        return st;
    }
    int64_t stride = 1;
    for (int32_t k = tmp->ndim - 1; k >= 0; k--) {
        tmp->strides[k] = stride;
        stride *= tmp->shape[k];
    }
    size_t bytes = (size_t)icp_numel(tmp) * icp_itemsize(tmp->dtype);
    tmp->data = malloc(bytes > 0 ? bytes : 1);
    if (tmp->data == NULL) {
        return IC_ERR_INTERNAL;
    }
    st = icr_interpolate(in, args, tmp, msg, msg_len);
    if (st != IC_OK) {
        free(tmp->data);
        tmp->data = NULL;
    }
    return st;
}

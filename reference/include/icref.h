/* icref.h - the interpcheck C99 reference implementation of torch.nn.functional.interpolate.
 *
 * Bit-exact with PyTorch 1.13.1 on CPU under ATEN_CPU_CAPABILITY=default (no FMA), one
 * thread, for float32 and float64 (and uint8 for nearest / nearest-exact). It takes the
 * arguments exactly as the Python function does (see ic_args in ic_port.h) and refuses every
 * call torch refuses, with the same exception category and a message close to torch's.
 *
 * Use:
 *
 *     ic_tensor in = { IC_DTYPE_FLOAT32, 4, {1, 3, 7, 9}, {189, 63, 9, 1}, data };
 *     ic_args a = { "bilinear", 0, IC_NONE, 0, 2, 0, {4, 5}, IC_NONE, {0} };
 *     ic_tensor out;
 *     char msg[256];
 *     if (icr_output_shape(&in, &a, &out.ndim, out.shape, msg, sizeof msg) != IC_OK) ...
 *     out.dtype = in.dtype; fill out.strides (any strides); out.data = malloc(...);
 *     if (icr_interpolate(&in, &a, &out, msg, sizeof msg) != IC_OK) ...
 *
 * The library never prints, exits or allocates global state; it is thread-safe.
 */
#ifndef ICREF_H
#define ICREF_H

#include "ic_port.h"

#ifdef __cplusplus
extern "C" {
#endif

#define ICREF_VERSION "1.0.0"

/** The PyTorch release whose CPU semantics this library reproduces. */
#define ICREF_TORCH_VERSION "1.13.1"

/**
 * Validates the call as torch 1.13.1 does and computes the output shape.
 * Returns IC_OK, or the enum ic_status category of the exception torch raises, with a
 * message (NUL-terminated, truncated to msg_len) close to torch's in msg. msg may be NULL.
 */
int32_t icr_output_shape(const ic_tensor *in, const ic_args *args, int32_t *out_ndim,
                         int64_t out_shape[IC_MAX_DIMS], char *msg, size_t msg_len);

/**
 * Computes interpolate(in, args) into out. out->shape must equal what icr_output_shape
 * returns, out->dtype must equal in->dtype, out->strides may be any non-overlapping strides,
 * and out->data must not alias in->data. Temporary memory is allocated and freed inside.
 * Returns IC_OK, an error category as icr_output_shape does, IC_ERR_INTERNAL on allocation
 * failure or inconsistent out, or IC_UNSUPPORTED for dtypes torch accepts but the reference
 * does not implement.
 */
int32_t icr_interpolate(const ic_tensor *in, const ic_args *args, const ic_tensor *out,
                        char *msg, size_t msg_len);

#ifdef __cplusplus
}
#endif

#endif /* ICREF_H */

/* icp_wrap.h - helpers shared by the self-test ports that wrap the reference library. */
#ifndef ICP_WRAP_H
#define ICP_WRAP_H

#include <stddef.h>
#include <stdint.h>

#include "ic_port.h"
#include "icref.h"

/** The dtypes the reference implements (float16 / bfloat16: nearest and nearest-exact; the
 * reference answers IC_UNSUPPORTED, SKIP, for their other modes; int32 only occurs in error
 * vectors). */
#define ICP_REF_DTYPES                                                                            \
    (IC_DTYPE_BIT(IC_DTYPE_FLOAT32) | IC_DTYPE_BIT(IC_DTYPE_FLOAT64) |                            \
     IC_DTYPE_BIT(IC_DTYPE_UINT8) | IC_DTYPE_BIT(IC_DTYPE_FLOAT16) |                              \
     IC_DTYPE_BIT(IC_DTYPE_BFLOAT16))

/**
 * Defines the port descriptor and the exported entry for a port that claims everything the
 * reference claims (all modes, dims, layouts, antialias, validation) with the given calls.
 */
#define ICP_DEFINE_PORT(NAME, SHAPE_FN, RUN_FN)                                                   \
    static const ic_port icp_port_desc = {                                                        \
        IC_ABI_MAJOR, IC_ABI_MINOR,   (uint32_t)sizeof(ic_port),                                  \
        NAME,         ICREF_VERSION,  IC_MODE_ALL,                                                \
        IC_DIMS_ALL,  ICP_REF_DTYPES, IC_LAYOUT_ALL,                                              \
        IC_FEAT_ALL,  SHAPE_FN,       RUN_FN,                                                     \
        NULL};                                                                                    \
    IC_EXPORT const ic_port *ic_port_entry_v1(void)                                               \
    {                                                                                             \
        return &icp_port_desc;                                                                    \
    }

/**
 * A mutant that only rewrites the arguments: defines shape and run that pass FIX(args) to the
 * reference, and the port NAME around them. FIX is `static ic_args FIX(const ic_args *)`.
 */
#define ICP_DEFINE_ARGS_MUTANT(NAME, FIX)                                                         \
    static int32_t icp_shape(const ic_tensor *in, const ic_args *args, int32_t *out_ndim,         \
                             int64_t out_shape[IC_MAX_DIMS], char *msg, size_t msg_len)           \
    {                                                                                             \
        ic_args a = FIX(args);                                                                    \
        return icr_output_shape(in, &a, out_ndim, out_shape, msg, msg_len);                       \
    }                                                                                             \
    static int32_t icp_run(const ic_tensor *in, const ic_args *args, const ic_tensor *out,        \
                           char *msg, size_t msg_len)                                             \
    {                                                                                             \
        ic_args a = FIX(args);                                                                    \
        return icr_interpolate(in, &a, out, msg, msg_len);                                        \
    }                                                                                             \
    ICP_DEFINE_PORT(NAME, icp_shape, icp_run)

/** Number of elements of t (0 for an empty tensor). */
int64_t icp_numel(const ic_tensor *t);

/** Size in bytes of one element of dtype (0 when unknown). */
size_t icp_itemsize(int32_t dtype);

/** Bytes of t's storage from offset 0 to its largest element offset (0 when empty). */
int64_t icp_storage_bytes(const ic_tensor *t);

/** Returns 1 when mode is one of linear, bilinear, bicubic, trilinear (align_corners applies). */
int icp_is_interp_mode(const char *mode);

/**
 * Computes the reference output into a fresh contiguous heap tensor *tmp (data from malloc,
 * to be freed by the caller) with the shape icr_output_shape gives. Returns the reference
 * status; on failure tmp->data is NULL.
 */
int32_t icp_ref_compute(const ic_tensor *in, const ic_args *args, ic_tensor *tmp, char *msg,
                        size_t msg_len);

#endif /* ICP_WRAP_H */

/* reference_port.c - the C99 reference wrapped as an interpcheck port (build/ports/reference.so):
 * every mode, dims, layout, float32/float64/uint8, antialias and torch's validation.
 */
#include "ic_port.h"
#include "icref.h"

/* Built once per torch version: -DICR_PORT_TORCH=113 or 214 (reference-1.13.so,
 * reference-2.14.so); without it (reference.so) the port follows the build's default torch. */
#ifdef ICR_PORT_TORCH
static const icr_semantics port_semantics_v = {ICR_PORT_TORCH, 0};
#define port_semantics (&port_semantics_v)
#else
#define port_semantics NULL
#endif

static int32_t port_output_shape(const ic_tensor *in, const ic_args *args, int32_t *out_ndim,
                                 int64_t out_shape[IC_MAX_DIMS], char *msg, size_t msg_len)
{
    return icr_output_shape_ex(port_semantics, in, args, out_ndim, out_shape, msg, msg_len);
}

static int32_t port_run(const ic_tensor *in, const ic_args *args, const ic_tensor *out, char *msg,
                        size_t msg_len)
{
    return icr_interpolate_ex(port_semantics, in, args, out, msg, msg_len);
}

static const ic_port reference_port = {
    IC_ABI_MAJOR,
    IC_ABI_MINOR,
    (uint32_t)sizeof(ic_port),
    "reference",
    ICREF_VERSION,
    IC_MODE_ALL,
    IC_DIMS_ALL,
    /* float16 / bfloat16: the reference computes nearest and nearest-exact, and answers
     * IC_UNSUPPORTED (SKIP) for the other modes */
    IC_DTYPE_BIT(IC_DTYPE_FLOAT32) | IC_DTYPE_BIT(IC_DTYPE_FLOAT64) |
        IC_DTYPE_BIT(IC_DTYPE_UINT8) | IC_DTYPE_BIT(IC_DTYPE_FLOAT16) |
        IC_DTYPE_BIT(IC_DTYPE_BFLOAT16),
    IC_LAYOUT_ALL,
    IC_FEAT_ANTIALIAS | IC_FEAT_VALIDATES,
    port_output_shape,
    port_run,
    NULL,
};

/** The port entry: the reference library's two calls, unchanged. */
IC_EXPORT const ic_port *ic_port_entry_v1(void)
{
    return &reference_port;
}

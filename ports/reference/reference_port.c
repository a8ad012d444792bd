/* reference_port.c - the C99 reference wrapped as an interpcheck port (build/ports/reference.so):
 * every mode, dims, layout, float32/float64/uint8, antialias and torch's validation.
 */
#include "ic_port.h"
#include "icref.h"

static const ic_port reference_port = {
    IC_ABI_MAJOR,
    IC_ABI_MINOR,
    (uint32_t)sizeof(ic_port),
    "reference",
    ICREF_VERSION,
    IC_MODE_ALL,
    IC_DIMS_ALL,
    IC_DTYPE_BIT(IC_DTYPE_FLOAT32) | IC_DTYPE_BIT(IC_DTYPE_FLOAT64) |
        IC_DTYPE_BIT(IC_DTYPE_UINT8),
    IC_LAYOUT_ALL,
    IC_FEAT_ANTIALIAS | IC_FEAT_VALIDATES,
    icr_output_shape,
    icr_interpolate,
    NULL,
};

/** The port entry: the reference library's two calls, unchanged. */
IC_EXPORT const ic_port *ic_port_entry_v1(void)
{
    return &reference_port;
}

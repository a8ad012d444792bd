/* minimal_port.c - the smallest honest port: mode "nearest", float32, contiguous input.
 *
 * Everything else (other modes, dtypes, layouts, antialias, error vectors) is declared
 * unsupported through the capability bits, so the harness scores it SKIP. Build and run:
 *
 *     cc -std=c99 -O2 -fPIC -shared -Iharness/include -o minimal.so minimal_port.c -lm
 *     build/interpcheck --port ./minimal.so --vectors vectors
 */
#include <math.h>

#include "ic_port.h"

/* Output size: the given size, or floor(in * scale) in double (torch 1.13, both
   recompute_scale_factor branches agree for positive finite scales). */
static int32_t shape(const ic_tensor *in, const ic_args *a, int32_t *nd, int64_t *sh, char *msg,
                     size_t len)
{
    *nd = in->ndim;
    for (int32_t k = 0; k < in->ndim; k++) {
        if (k < 2) {
            sh[k] = in->shape[k];
        } else if (a->size_len != IC_NONE) {
            sh[k] = a->size[a->size_len == 0 ? 0 : k - 2];
        } else {
            double s = a->scale_factor[a->scale_len == 0 ? 0 : k - 2];
            sh[k] = (int64_t)floor((double)in->shape[k] * s);
        }
    }
    return IC_OK;
}

/* Source index along one axis: upsample_nearest kernels (UpSampleKernel.cpp, 1.13). */
static int64_t src(const ic_tensor *in, const ic_args *a, int32_t k, int64_t n_out, int64_t i)
{
    int64_t n_in = in->shape[k];
    int64_t plane = 1;
    for (int32_t d = 2; d < in->ndim; d++) {
        plane *= in->shape[d];
    }
    /* A C=1 (or 1-pixel) 4-D/5-D tensor is channels-last contiguous too, and torch 1.13 then
       takes the channels-last kernel, whose nearest_idx copies when out == in and halves
       when out == 2 * in, whatever the user scale. */
    if (in->ndim > 3 && (in->shape[1] == 1 || plane == 1)) {
        if (n_out == n_in) {
            return i;
        }
        if (n_out == 2 * n_in) {
            return i >> 1;
        }
    }
    /* compute_scales_value: 1/scale (in double, rounded to float) when the user scale
       reaches the kernel, else in/out in float. */
    int32_t j = a->scale_len == 0 ? 0 : k - 2;
    float s = (a->scale_len != IC_NONE && a->recompute_scale_factor != 1)
                  ? (float)(1.0 / a->scale_factor[j])
                  : (float)n_in / (float)n_out;
    int64_t idx = (int64_t)floorf((float)i * s);
    return idx < n_in - 1 ? idx : n_in - 1;
}

static int32_t run(const ic_tensor *in, const ic_args *a, const ic_tensor *out, char *msg,
                   size_t len)
{
    const float *x = in->data;
    float *y = out->data;
    int64_t total = 1;
    for (int32_t k = 0; k < out->ndim; k++) {
        total *= out->shape[k];
    }
    for (int64_t e = 0; e < total; e++) {
        int64_t rest = e, off = 0;
        for (int32_t k = out->ndim - 1; k >= 0; k--) {
            int64_t i = rest % out->shape[k];
            rest /= out->shape[k];
            off += (k < 2 ? i : src(in, a, k, out->shape[k], i)) * in->strides[k];
        }
        y[e] = x[off];
    }
    return IC_OK;
}

static const ic_port port = {IC_ABI_MAJOR,
                             IC_ABI_MINOR,
                             sizeof(ic_port),
                             "minimal",
                             "0.1",
                             IC_MODE_NEAREST,
                             IC_DIMS_ALL,
                             IC_DTYPE_BIT(IC_DTYPE_FLOAT32),
                             IC_LAYOUT_CONTIGUOUS,
                             0,
                             shape,
                             run,
                             NULL};

/** Entry: returns the port descriptor. */
IC_EXPORT const ic_port *ic_port_entry_v1(void)
{
    return &port;
}

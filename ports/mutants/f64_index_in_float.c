/* f64_index_in_float.c - mutant (gap class "f64-index"): float64 nearest / nearest-exact with
 * the source index computed by the float32 rules (float scale, float products), the slip of a
 * port that shares one index routine between dtypes. torch's float64 kernels compute the
 * index with a double scale, so a few outputs pick the neighbouring pixel. Implemented by
 * running the reference's float32 path on a tensor of element offsets (exact below 2^24) and
 * gathering the float64 values through them. */
#include <stdlib.h>
#include <string.h>

#include "icp_wrap.h"

static int nearest_mode(const char *m)
{
    return m != NULL && (strcmp(m, "nearest") == 0 || strcmp(m, "nearest-exact") == 0);
}

static int32_t run(const ic_tensor *in, const ic_args *args, const ic_tensor *out, char *msg,
                   size_t msg_len)
{
    int64_t span = icp_storage_bytes(in) / 8, n = icp_numel(out);
    if (in->dtype != IC_DTYPE_FLOAT64 || !nearest_mode(args->mode) || n == 0 || span > (1 << 24)) {
        return icr_interpolate(in, args, out, msg, msg_len);
    }
    float *offs = malloc((size_t)span * sizeof *offs), *pick = malloc((size_t)n * sizeof *pick);
    if (offs == NULL || pick == NULL) {
        free(offs);
        free(pick);
        return IC_ERR_INTERNAL;
    }
    for (int64_t i = 0; i < span; i++) {
        offs[i] = (float)i; /* the same strides: same layout, same kernel choice */
    }
    ic_tensor ti = *in, to = *out;
    ti.dtype = to.dtype = IC_DTYPE_FLOAT32;
    ti.data = offs;
    to.data = pick;
    int32_t st = icr_interpolate(&ti, args, &to, msg, msg_len);
    for (int64_t i = 0; st == IC_OK && i < n; i++) {
        ((double *)out->data)[i] = ((const double *)in->data)[(int64_t)pick[i]];
    }
    free(offs);
    free(pick);
    return st;
}

ICP_DEFINE_PORT("mutant-f64_index_in_float", icr_output_shape, run)

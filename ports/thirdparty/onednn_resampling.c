/* onednn_resampling.c - oneDNN's resampling primitive (Debian 12: libdnnl 2.6), forward
 * inference on the CPU engine, as an interpcheck port.
 *
 * How each torch argument reaches the library:
 *   input      any rank 3/4/5 (1-D/2-D/3-D spatial), any strides: the source memory
 *              descriptor is built from torch's own strides (dnnl_memory_desc_init_by_strides)
 *              over the harness's buffer, so no copy; dtype float32 -> f32, uint8 -> u8,
 *              float16 -> f16, bfloat16 -> bf16 (src and dst of the same type).
 *   mode       nearest and nearest-exact -> dnnl_resampling_nearest (oneDNN has one nearest
 *              rule; both torch modes are scored against it); linear, bilinear, trilinear ->
 *              dnnl_resampling_linear. bicubic and area are not offered.
 *   align_corners  oneDNN has one coordinate rule (half-pixel centres, torch's False); None
 *              and False map to it, True is refused (NotImplementedError status: ERROR).
 *   size       the destination descriptor has the size; factors = NULL.
 *   scale_factor   (recompute_scale_factor None/False) factors = the user's scales (float)
 *              and no destination descriptor: oneDNN computes the output size itself.
 *              (True: torch computes in * scale truncated before any kernel) destination
 *              descriptor with that size, factors = NULL.
 *   antialias  not offered.
 * The output shape is the destination the primitive descriptor reports (shape() creates it).
 * Library statuses other than success are a RuntimeError status naming the call and status.
 */
#include <oneapi/dnnl/dnnl.h>

#include "tp_common.h"

static dnnl_data_type_t dt_of(int32_t dtype)
{
    switch (dtype) {
    case IC_DTYPE_UINT8:
        return dnnl_u8;
    case IC_DTYPE_FLOAT16:
        return dnnl_f16;
    case IC_DTYPE_BFLOAT16:
        return dnnl_bf16;
    default:
        return dnnl_f32;
    }
}

#define DNNL_TRY(call)                                                                            \
    do {                                                                                          \
        dnnl_status_t s_ = (call);                                                                \
        if (s_ != dnnl_success) {                                                                 \
            st = tp_msg(msg, len, IC_ERR_RUNTIME, "%s returned %s", #call, dnnl_status_name(s_)); \
            goto done;                                                                            \
        }                                                                                         \
    } while (0)

static const char *dnnl_status_name(dnnl_status_t s)
{
    switch (s) {
    case dnnl_out_of_memory:
        return "dnnl_out_of_memory";
    case dnnl_invalid_arguments:
        return "dnnl_invalid_arguments";
    case dnnl_unimplemented:
        return "dnnl_unimplemented";
    case dnnl_runtime_error:
        return "dnnl_runtime_error";
    default:
        return "another dnnl_status_t";
    }
}

/* Creates the engine and primitive descriptor; *dst_dims receives the output dims. When out is
   not NULL, also runs the primitive into out->data. */
static int32_t onednn(const ic_tensor *in, const ic_args *a, int64_t *dst_dims,
                      const ic_tensor *out, char *msg, size_t len)
{
    int32_t st = IC_OK;
    dnnl_engine_t eng = NULL;
    dnnl_stream_t strm = NULL;
    dnnl_primitive_desc_t pd = NULL;
    dnnl_primitive_t prim = NULL;
    dnnl_memory_t msrc = NULL, mdst = NULL;
    dnnl_memory_desc_t src_md, dst_md;
    dnnl_resampling_desc_t rd;
    dnnl_dims_t dims, strides, odims, ostrides;
    dnnl_alg_kind_t alg;
    float factors[IC_MAX_DIMS];
    const dnnl_memory_desc_t *qmd;
    int nd = in->ndim, use_factors = tp_scale_reaches_kernel(a);

    if (tp_mode_is(a, "nearest") || tp_mode_is(a, "nearest-exact")) {
        alg = dnnl_resampling_nearest;
    } else if (tp_mode_is(a, "linear") || tp_mode_is(a, "bilinear") ||
               tp_mode_is(a, "trilinear")) {
        alg = dnnl_resampling_linear;
        if (a->align_corners == 1) {
            return tp_msg(msg, len, IC_ERR_NOT_IMPLEMENTED,
                          "oneDNN resampling has no align_corners=True (half-pixel only)");
        }
    } else {
        return tp_msg(msg, len, IC_UNSUPPORTED, "oneDNN resampling has no mode '%s'", a->mode);
    }
    for (int k = 0; k < nd; k++) {
        dims[k] = in->shape[k];
        strides[k] = in->strides[k];
    }
    for (int k = 2; k < nd; k++) {
        factors[k - 2] = (float)tp_user_scale(a, k);
    }
    DNNL_TRY(dnnl_engine_create(&eng, dnnl_cpu, 0));
    DNNL_TRY(dnnl_memory_desc_init_by_strides(&src_md, nd, dims, dt_of(in->dtype), strides));
    if (use_factors) {
        DNNL_TRY(dnnl_resampling_forward_desc_init(&rd, dnnl_forward_inference, alg, factors,
                                                   &src_md, NULL));
        DNNL_TRY(dnnl_primitive_desc_create(&pd, &rd, NULL, eng, NULL));
        qmd = dnnl_primitive_desc_query_md(pd, dnnl_query_dst_md, 0);
        for (int k = 0; k < nd; k++) {
            odims[k] = qmd->dims[k];
        }
    } else {
        for (int k = 0; k < nd; k++) {
            odims[k] = k < 2 ? in->shape[k] : tp_torch_size(in, a, k);
        }
    }
    for (int k = 0; k < nd; k++) {
        dst_dims[k] = odims[k];
    }
    if (out == NULL && use_factors) {
        goto done;
    }
    /* The destination is the harness's dense row-major buffer. */
    ostrides[nd - 1] = 1;
    for (int k = nd - 2; k >= 0; k--) {
        ostrides[k] = ostrides[k + 1] * (odims[k + 1] > 0 ? odims[k + 1] : 1);
    }
    DNNL_TRY(dnnl_memory_desc_init_by_strides(&dst_md, nd, odims, dt_of(in->dtype), ostrides));
    if (pd != NULL) {
        dnnl_primitive_desc_destroy(pd);
        pd = NULL;
    }
    DNNL_TRY(dnnl_resampling_forward_desc_init(&rd, dnnl_forward_inference, alg,
                                               use_factors ? factors : NULL, &src_md, &dst_md));
    DNNL_TRY(dnnl_primitive_desc_create(&pd, &rd, NULL, eng, NULL));
    if (out == NULL) {
        goto done;
    }
    DNNL_TRY(dnnl_primitive_create(&prim, pd));
    DNNL_TRY(dnnl_stream_create(&strm, eng, dnnl_stream_default_flags));
    DNNL_TRY(dnnl_memory_create(&msrc, &src_md, eng, in->data));
    DNNL_TRY(dnnl_memory_create(&mdst, &dst_md, eng, out->data));
    {
        dnnl_exec_arg_t args[2] = {{DNNL_ARG_SRC, msrc}, {DNNL_ARG_DST, mdst}};
        DNNL_TRY(dnnl_primitive_execute(prim, strm, 2, args));
    }
    DNNL_TRY(dnnl_stream_wait(strm));
done:
    if (msrc != NULL) {
        dnnl_memory_destroy(msrc);
    }
    if (mdst != NULL) {
        dnnl_memory_destroy(mdst);
    }
    if (prim != NULL) {
        dnnl_primitive_destroy(prim);
    }
    if (pd != NULL) {
        dnnl_primitive_desc_destroy(pd);
    }
    if (strm != NULL) {
        dnnl_stream_destroy(strm);
    }
    if (eng != NULL) {
        dnnl_engine_destroy(eng);
    }
    return st;
}

static int32_t shape(const ic_tensor *in, const ic_args *a, int32_t *nd, int64_t *sh, char *msg,
                     size_t len)
{
    *nd = in->ndim;
    return onednn(in, a, sh, NULL, msg, len);
}

static int32_t run(const ic_tensor *in, const ic_args *a, const ic_tensor *out, char *msg,
                   size_t len)
{
    int64_t sh[IC_MAX_DIMS];
    int32_t st = onednn(in, a, sh, out, msg, len);
    if (st == IC_OK) {
        for (int k = 0; k < out->ndim; k++) {
            if (sh[k] != out->shape[k]) {
                return tp_msg(msg, len, IC_ERR_INTERNAL, "oneDNN changed its output size");
            }
        }
    }
    return st;
}

static const ic_port port = {IC_ABI_MAJOR,
                             IC_ABI_MINOR,
                             sizeof(ic_port),
                             "onednn-resampling",
                             "2.6",
                             IC_MODE_NEAREST | IC_MODE_NEAREST_EXACT | IC_MODE_LINEAR |
                                 IC_MODE_BILINEAR | IC_MODE_TRILINEAR,
                             IC_DIMS_ALL,
                             IC_DTYPE_BIT(IC_DTYPE_FLOAT32) | IC_DTYPE_BIT(IC_DTYPE_UINT8) |
                                 IC_DTYPE_BIT(IC_DTYPE_FLOAT16) | IC_DTYPE_BIT(IC_DTYPE_BFLOAT16),
                             IC_LAYOUT_ALL,
                             0,
                             shape,
                             run,
                             NULL};

IC_EXPORT const ic_port *ic_port_entry_v1(void)
{
    return &port;
}

/* xnnpack_resize_bilinear.c - XNNPACK's resize-bilinear-2d operator, NHWC (Debian 12:
 * libxnnpack 0.0~git20220216), as an interpcheck port. No threadpool (single thread).
 *
 * How each torch argument reaches the library:
 *   input      N x C x H x W, any layout: copied dense into NHWC (the operator's layout),
 *              channels = C, pixel strides = C; the NHWC result is copied back into the
 *              harness's NCHW output. float32 -> xnn_*_nhwc_f32, uint8 -> xnn_*_nhwc_u8,
 *              float16 -> xnn_*_nhwc_f16 (IEEE half in, half out).
 *   mode       bilinear only (the operator's name); 2-D only.
 *   align_corners  True -> XNN_FLAG_ALIGN_CORNERS; False and None -> no flag (half-pixel
 *              centres). XNN_FLAG_TENSORFLOW_LEGACY_MODE is never set (it has no torch
 *              counterpart).
 *   size / scale_factor   the operator takes output sizes only, no scale: the output size is
 *              torch's (the size, or in * scale truncated as torch's Python front end computes
 *              it), and the operator derives its scale from in/out.
 *   antialias  not offered.
 * A status other than xnn_status_success is a RuntimeError status naming the call.
 */
#include <xnnpack.h>

#include "tp_common.h"

static const char *xnn_name(enum xnn_status s)
{
    switch (s) {
    case xnn_status_uninitialized:
        return "xnn_status_uninitialized";
    case xnn_status_invalid_parameter:
        return "xnn_status_invalid_parameter";
    case xnn_status_invalid_state:
        return "xnn_status_invalid_state";
    case xnn_status_unsupported_parameter:
        return "xnn_status_unsupported_parameter";
    case xnn_status_unsupported_hardware:
        return "xnn_status_unsupported_hardware";
    case xnn_status_out_of_memory:
        return "xnn_status_out_of_memory";
    default:
        return "another xnn_status";
    }
}

#define XNN_TRY(call)                                                                             \
    do {                                                                                          \
        enum xnn_status s_ = (call);                                                              \
        if (s_ != xnn_status_success) {                                                           \
            st = tp_msg(msg, len, IC_ERR_RUNTIME, "%s returned %s", #call, xnn_name(s_));         \
            goto done;                                                                            \
        }                                                                                         \
    } while (0)

static int32_t shape(const ic_tensor *in, const ic_args *a, int32_t *nd, int64_t *sh, char *msg,
                     size_t len)
{
    if (!tp_mode_is(a, "bilinear")) {
        return tp_msg(msg, len, IC_UNSUPPORTED, "XNNPACK resize is bilinear only");
    }
    tp_torch_shape(in, a, nd, sh);
    return IC_OK;
}

static int32_t run(const ic_tensor *in, const ic_args *a, const ic_tensor *out, char *msg,
                   size_t len)
{
    int32_t st = IC_OK, perm[IC_MAX_DIMS];
    xnn_operator_t op = NULL;
    void *src = NULL, *dst = NULL;
    size_t c = (size_t)in->shape[1], es = tp_dtype_size(in->dtype);
    uint32_t flags = a->align_corners == 1 ? XNN_FLAG_ALIGN_CORNERS : 0;

    tp_perm_channels_last(in->ndim, perm);
    src = tp_gather(in, perm);
    dst = malloc((size_t)(tp_numel(out) > 0 ? tp_numel(out) : 1) * es);
    if (src == NULL || dst == NULL) {
        st = tp_msg(msg, len, IC_ERR_INTERNAL, "out of memory");
        goto done;
    }
    XNN_TRY(xnn_initialize(NULL));
    if (in->dtype == IC_DTYPE_UINT8) {
        XNN_TRY(xnn_create_resize_bilinear2d_nhwc_u8(c, c, c, flags, &op));
        XNN_TRY(xnn_setup_resize_bilinear2d_nhwc_u8(op, (size_t)in->shape[0], (size_t)in->shape[2],
                                                    (size_t)in->shape[3], (size_t)out->shape[2],
                                                    (size_t)out->shape[3], (const uint8_t *)src,
                                                    (uint8_t *)dst, NULL));
    } else if (in->dtype == IC_DTYPE_FLOAT16) {
        XNN_TRY(xnn_create_resize_bilinear2d_nhwc_f16(c, c, c, flags, &op));
        XNN_TRY(xnn_setup_resize_bilinear2d_nhwc_f16(
            op, (size_t)in->shape[0], (size_t)in->shape[2], (size_t)in->shape[3],
            (size_t)out->shape[2], (size_t)out->shape[3], src, dst, NULL));
    } else {
        XNN_TRY(xnn_create_resize_bilinear2d_nhwc_f32(c, c, c, flags, &op));
        XNN_TRY(xnn_setup_resize_bilinear2d_nhwc_f32(
            op, (size_t)in->shape[0], (size_t)in->shape[2], (size_t)in->shape[3],
            (size_t)out->shape[2], (size_t)out->shape[3], (const float *)src, (float *)dst, NULL));
    }
    XNN_TRY(xnn_run_operator(op, NULL));
    tp_scatter(dst, out, perm);
done:
    if (op != NULL) {
        xnn_delete_operator(op);
    }
    free(src);
    free(dst);
    return st;
}

static const ic_port port = {IC_ABI_MAJOR,
                             IC_ABI_MINOR,
                             sizeof(ic_port),
                             "xnnpack-resize-bilinear",
                             "0.0~git20220216",
                             IC_MODE_BILINEAR,
                             IC_DIMS_2D,
                             IC_DTYPE_BIT(IC_DTYPE_FLOAT32) | IC_DTYPE_BIT(IC_DTYPE_UINT8) |
                                 IC_DTYPE_BIT(IC_DTYPE_FLOAT16),
                             IC_LAYOUT_ALL,
                             0,
                             shape,
                             run,
                             NULL};

IC_EXPORT const ic_port *ic_port_entry_v1(void)
{
    return &port;
}

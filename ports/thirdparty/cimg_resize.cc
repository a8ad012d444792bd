/* cimg_resize.cc - CImg's CImg<T>::resize() (Debian 12: cimg-dev 3.2.1, header-only) as an
 * interpcheck port. Built with cimg_display=0 (no X11).
 *
 * How each torch argument reaches the library:
 *   input      N x C x spatial..., any layout: copied dense (NCHW); each sample n is one
 *              CImg<T>(data, W, H, D, C) image (CImg's x, y, z, c order is torch's W fastest,
 *              then H, D, C), with H = D = 1 for 1-D and D = 1 for 2-D. T is float, double or
 *              unsigned char, the torch dtype.
 *   mode       nearest -> interpolation_type 1 (nearest-neighbor), area -> 2 (moving
 *              average), linear/bilinear/trilinear -> 3 (linear), bicubic -> 5 (cubic).
 *              nearest-exact has no counterpart (capability bit not set).
 *   align_corners  resize() has no such argument: every call uses the library's default
 *              boundary_conditions = 0 (CImg's own rule: (in-1)/(out-1) when upscaling,
 *              moving average when downscaling), so align_corners True, False and None reach
 *              the library identically.
 *   size / scale_factor   resize() takes sizes (a negative size is a whole-number percentage,
 *              only a shorthand for a size): the adapter passes torch's output size (the
 *              size, or in * scale truncated as torch's front end computes it); the spectrum C is
 *              kept.
 *   antialias  not offered.
 * A CImg exception is a RuntimeError status carrying CImg's message.
 */
#define cimg_display 0
#define cimg_verbosity 0
#include <CImg.h>

#include "tp_common.h"

static int32_t cimg_interp(const ic_args *a, int *type, char *msg, size_t len)
{
    if (tp_mode_is(a, "nearest")) {
        *type = 1;
    } else if (tp_mode_is(a, "area")) {
        *type = 2;
    } else if (tp_mode_is(a, "linear") || tp_mode_is(a, "bilinear") ||
               tp_mode_is(a, "trilinear")) {
        *type = 3;
    } else if (tp_mode_is(a, "bicubic")) {
        *type = 5;
    } else {
        return tp_msg(msg, len, IC_UNSUPPORTED, "CImg's resize has no mode '%s'", a->mode);
    }
    return IC_OK;
}

/* W, H, D of a dense NCHW(D) tensor's spatial axes in CImg's order. */
static void cimg_dims(const ic_tensor *t, const int64_t *shape, int *w, int *h, int *d)
{
    int ns = t->ndim - 2;
    *w = (int)shape[t->ndim - 1];
    *h = ns >= 2 ? (int)shape[t->ndim - 2] : 1;
    *d = ns >= 3 ? (int)shape[t->ndim - 3] : 1;
}

template <typename T>
static int32_t cimg_run(const ic_tensor *in, const ic_args *a, const ic_tensor *out, int type,
                        char *msg, size_t len)
{
    int32_t perm[IC_MAX_DIMS];
    tp_perm_rowmajor(in->ndim, perm);
    T *src = (T *)tp_gather(in, perm);
    if (src == NULL) {
        return tp_msg(msg, len, IC_ERR_INTERNAL, "out of memory");
    }
    int w, h, d, ow, oh, od, c = (int)in->shape[1];
    cimg_dims(in, in->shape, &w, &h, &d);
    cimg_dims(out, out->shape, &ow, &oh, &od);
    size_t in_sample = (size_t)w * h * d * c, out_sample = (size_t)ow * oh * od * c;
    int32_t st = IC_OK;
    try {
        for (int64_t n = 0; n < in->shape[0]; n++) {
            cimg_library::CImg<T> img(src + n * in_sample, w, h, d, c);
            img.resize(ow, oh, od, c, type);
            if ((size_t)img.size() != out_sample) {
                st = tp_msg(msg, len, IC_ERR_INTERNAL, "CImg returned %u x %u x %u x %u",
                            img.width(), img.height(), img.depth(), img.spectrum());
                break;
            }
            memcpy((T *)out->data + n * out_sample, img.data(), out_sample * sizeof(T));
        }
    } catch (const cimg_library::CImgException &e) {
        st = tp_msg(msg, len, IC_ERR_RUNTIME, "CImg threw: %s", e.what());
    }
    free(src);
    return st;
}

static int32_t shape(const ic_tensor *in, const ic_args *a, int32_t *nd, int64_t *sh, char *msg,
                     size_t len)
{
    int type = 0;
    int32_t st = cimg_interp(a, &type, msg, len);
    if (st != IC_OK) {
        return st;
    }
    tp_torch_shape(in, a, nd, sh);
    return IC_OK;
}

static int32_t run(const ic_tensor *in, const ic_args *a, const ic_tensor *out, char *msg,
                   size_t len)
{
    int type = 0;
    int32_t st = cimg_interp(a, &type, msg, len);
    if (st != IC_OK) {
        return st;
    }
    if (tp_numel(out) == 0) {
        return IC_OK;
    }
    switch (in->dtype) {
    case IC_DTYPE_FLOAT64:
        return cimg_run<double>(in, a, out, type, msg, len);
    case IC_DTYPE_UINT8:
        return cimg_run<unsigned char>(in, a, out, type, msg, len);
    default:
        return cimg_run<float>(in, a, out, type, msg, len);
    }
}

static const ic_port port = {IC_ABI_MAJOR,
                             IC_ABI_MINOR,
                             sizeof(ic_port),
                             "cimg-resize",
                             "3.2.1",
                             IC_MODE_NEAREST | IC_MODE_LINEAR | IC_MODE_BILINEAR |
                                 IC_MODE_TRILINEAR | IC_MODE_BICUBIC | IC_MODE_AREA,
                             IC_DIMS_ALL,
                             IC_DTYPE_BIT(IC_DTYPE_FLOAT32) | IC_DTYPE_BIT(IC_DTYPE_FLOAT64) |
                                 IC_DTYPE_BIT(IC_DTYPE_UINT8),
                             IC_LAYOUT_ALL,
                             0,
                             shape,
                             run,
                             NULL};

extern "C" IC_EXPORT const ic_port *ic_port_entry_v1(void)
{
    return &port;
}

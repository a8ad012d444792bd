/* opencv_resize.cc - OpenCV's cv::resize (imgproc, Debian 12: 4.6.0) as an interpcheck port.
 *
 * How each torch argument reaches the library:
 *   input      N x C x H x W, any layout: copied dense (NCHW), then each of the N*C planes is
 *              one single-channel H x W cv::Mat (CV_32F, CV_64F or CV_8U, the torch dtype).
 *   mode       nearest -> INTER_NEAREST, nearest-exact -> INTER_NEAREST_EXACT,
 *              bilinear -> INTER_LINEAR, bicubic -> INTER_CUBIC, area -> INTER_AREA.
 *              linear/trilinear: cv::resize is 2-D only (capability bits: 2-D only).
 *   align_corners  cv::resize has one coordinate rule (half-pixel centres, what torch calls
 *              align_corners=False); None and False map to it, True is refused
 *              (NotImplementedError status: an ERROR verdict, the library's limit).
 *   size       dsize = Size(W_out, H_out), fx = fy = 0: OpenCV uses in/out as the scale.
 *   scale_factor   (recompute_scale_factor None/False: torch hands the scale to its kernel)
 *              dsize = Size(), fx, fy = the user's scales: OpenCV computes the output size
 *              itself and uses the user's scale in the kernel.
 *              (recompute_scale_factor True: torch computes in * scale truncated before any
 *              kernel and drops the scale) dsize = that size, fx = fy = 0.
 *   antialias  not offered (capability bit not set).
 * The output shape is whatever cv::resize returns for the first plane (shape() calls it),
 * so the port never predicts the library's size rule; a library exception is a RuntimeError
 * status carrying OpenCV's message.
 */
#include <opencv2/core.hpp>
#include <opencv2/core/utility.hpp>
#include <opencv2/imgproc.hpp>

#include <string>

#include "tp_common.h"

static int cv_depth(int32_t dtype)
{
    switch (dtype) {
    case IC_DTYPE_FLOAT64:
        return CV_64F;
    case IC_DTYPE_UINT8:
        return CV_8U;
    default:
        return CV_32F;
    }
}

static int32_t cv_interp(const ic_args *a, int *flag, char *msg, size_t len)
{
    if (tp_mode_is(a, "nearest")) {
        *flag = cv::INTER_NEAREST;
    } else if (tp_mode_is(a, "nearest-exact")) {
        *flag = cv::INTER_NEAREST_EXACT;
    } else if (tp_mode_is(a, "bilinear")) {
        *flag = cv::INTER_LINEAR;
    } else if (tp_mode_is(a, "bicubic")) {
        *flag = cv::INTER_CUBIC;
    } else if (tp_mode_is(a, "area")) {
        *flag = cv::INTER_AREA;
    } else {
        return tp_msg(msg, len, IC_UNSUPPORTED, "cv::resize has no mode '%s'", a->mode);
    }
    if (a->align_corners == 1) {
        return tp_msg(msg, len, IC_ERR_NOT_IMPLEMENTED,
                      "cv::resize has no align_corners=True (half-pixel centres only)");
    }
    return IC_OK;
}

/* The dsize/fx/fy of the call (see the header comment). */
static void cv_call_args(const ic_tensor *in, const ic_args *a, cv::Size *dsize, double *fx,
                         double *fy)
{
    if (tp_scale_reaches_kernel(a)) {
        *dsize = cv::Size();
        *fx = tp_user_scale(a, 3);
        *fy = tp_user_scale(a, 2);
    } else {
        *dsize = cv::Size((int)tp_torch_size(in, a, 3), (int)tp_torch_size(in, a, 2));
        *fx = *fy = 0.0;
    }
}

/* Resizes every plane of the dense NCHW buffer src into dst (NULL: only the first plane,
   to learn the output size). Returns the status, *osz the output size of the planes. */
static int32_t cv_run(const ic_tensor *in, const ic_args *a, const void *src, void *dst,
                      int64_t dst_plane_bytes, cv::Size *osz, char *msg, size_t len)
{
    int flag = 0;
    int32_t st = cv_interp(a, &flag, msg, len);
    if (st != IC_OK) {
        return st;
    }
    cv::Size dsize;
    double fx, fy;
    cv_call_args(in, a, &dsize, &fx, &fy);
    int h = (int)in->shape[2], w = (int)in->shape[3], depth = cv_depth(in->dtype);
    int64_t planes = dst == NULL ? 1 : in->shape[0] * in->shape[1];
    size_t es = tp_dtype_size(in->dtype);
    try {
        for (int64_t p = 0; p < planes; p++) {
            cv::Mat s(h, w, depth, (char *)src + (size_t)p * (size_t)h * (size_t)w * es);
            cv::Mat d;
            cv::resize(s, d, dsize, fx, fy, flag);
            *osz = d.size();
            if (dst != NULL) {
                if ((int64_t)(d.total() * es) != dst_plane_bytes) {
                    return tp_msg(msg, len, IC_ERR_INTERNAL,
                                  "cv::resize returned %dx%d, not the size it gave before", d.rows,
                                  d.cols);
                }
                cv::Mat dd(d.rows, d.cols, depth, (char *)dst + (size_t)p * dst_plane_bytes);
                d.copyTo(dd);
            }
        }
    } catch (const cv::Exception &e) {
        std::string what = e.what();
        for (char &c : what) {
            if (c == '\n') {
                c = ' ';
            }
        }
        return tp_msg(msg, len, IC_ERR_RUNTIME, "cv::resize threw: %s", what.c_str());
    }
    return IC_OK;
}

static int32_t shape(const ic_tensor *in, const ic_args *a, int32_t *nd, int64_t *sh, char *msg,
                     size_t len)
{
    int32_t perm[IC_MAX_DIMS];
    tp_perm_rowmajor(in->ndim, perm);
    void *src = tp_gather(in, perm);
    if (src == NULL) {
        return tp_msg(msg, len, IC_ERR_INTERNAL, "out of memory");
    }
    cv::Size osz;
    int32_t st = cv_run(in, a, src, NULL, 0, &osz, msg, len);
    free(src);
    if (st != IC_OK) {
        return st;
    }
    *nd = 4;
    sh[0] = in->shape[0];
    sh[1] = in->shape[1];
    sh[2] = osz.height;
    sh[3] = osz.width;
    return IC_OK;
}

static int32_t run(const ic_tensor *in, const ic_args *a, const ic_tensor *out, char *msg,
                   size_t len)
{
    int32_t perm[IC_MAX_DIMS];
    tp_perm_rowmajor(in->ndim, perm);
    void *src = tp_gather(in, perm);
    if (src == NULL) {
        return tp_msg(msg, len, IC_ERR_INTERNAL, "out of memory");
    }
    cv::Size osz;
    int64_t plane = out->shape[2] * out->shape[3] * (int64_t)tp_dtype_size(out->dtype);
    int32_t st = cv_run(in, a, src, out->data, plane, &osz, msg, len);
    free(src);
    return st;
}

static const ic_port port = {
    IC_ABI_MAJOR,
    IC_ABI_MINOR,
    sizeof(ic_port),
    "opencv-resize",
    CV_VERSION,
    IC_MODE_NEAREST | IC_MODE_NEAREST_EXACT | IC_MODE_BILINEAR | IC_MODE_BICUBIC | IC_MODE_AREA,
    IC_DIMS_2D,
    IC_DTYPE_BIT(IC_DTYPE_FLOAT32) | IC_DTYPE_BIT(IC_DTYPE_FLOAT64) | IC_DTYPE_BIT(IC_DTYPE_UINT8),
    IC_LAYOUT_ALL,
    0,
    shape,
    run,
    NULL};

extern "C" IC_EXPORT const ic_port *ic_port_entry_v1(void)
{
    cv::setNumThreads(0);
    return &port;
}

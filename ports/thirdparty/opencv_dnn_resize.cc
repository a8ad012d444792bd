/* opencv_dnn_resize.cc - OpenCV's dnn "Resize" layer (Debian 12: 4.6.0) as an interpcheck port,
 * run as a one-layer cv::dnn::Net on the default (OpenCV, CPU) backend.
 *
 * How each torch argument reaches the layer's parameters (LayerParams):
 *   input      N x C x H x W float32, any layout: copied dense (NCHW) into a 4-D CV_32F blob.
 *   mode       nearest -> interpolation="nearest";
 *              nearest-exact -> interpolation="nearest", half_pixel_centers=true (the layer's
 *              TensorFlow-style half-pixel nearest);
 *              bilinear -> interpolation="bilinear" with half_pixel_centers=true for
 *              align_corners False/None (the ONNX importer's "half_pixel" mapping) and
 *              align_corners=true for True. Other modes and dims are not offered.
 *   size       height, width = the size.
 *   scale_factor   (recompute_scale_factor None/False) zoom_factor_y, zoom_factor_x = the
 *              user's scales: the layer computes the output size itself. (True: torch
 *              computes in * scale truncated before any kernel) height, width = that size.
 *   antialias  not offered.
 * The output shape is what Net::forward returns (shape() runs the net on the input), never a
 * prediction; an exception is a RuntimeError status carrying OpenCV's message.
 */
#include <opencv2/core.hpp>
#include <opencv2/core/utility.hpp>
#include <opencv2/dnn.hpp>

#include <string>

#include "tp_common.h"

static int32_t dnn_params(const ic_tensor *in, const ic_args *a, cv::dnn::LayerParams *lp,
                          char *msg, size_t len)
{
    lp->name = "resize";
    lp->type = "Resize";
    if (tp_mode_is(a, "nearest")) {
        lp->set("interpolation", "nearest");
    } else if (tp_mode_is(a, "nearest-exact")) {
        lp->set("interpolation", "nearest");
        lp->set("half_pixel_centers", true);
    } else if (tp_mode_is(a, "bilinear")) {
        lp->set("interpolation", "bilinear");
        if (a->align_corners == 1) {
            lp->set("align_corners", true);
        } else {
            lp->set("half_pixel_centers", true);
        }
    } else {
        return tp_msg(msg, len, IC_UNSUPPORTED, "the dnn Resize layer has no mode '%s'", a->mode);
    }
    if (tp_scale_reaches_kernel(a)) {
        lp->set("zoom_factor_y", (float)tp_user_scale(a, 2));
        lp->set("zoom_factor_x", (float)tp_user_scale(a, 3));
    } else {
        lp->set("height", (int)tp_torch_size(in, a, 2));
        lp->set("width", (int)tp_torch_size(in, a, 3));
    }
    return IC_OK;
}

/* Runs the one-layer net; *res receives the output blob. */
static int32_t dnn_run(const ic_tensor *in, const ic_args *a, cv::Mat *res, char *msg, size_t len)
{
    cv::dnn::LayerParams lp;
    int32_t st = dnn_params(in, a, &lp, msg, len);
    if (st != IC_OK) {
        return st;
    }
    int32_t perm[IC_MAX_DIMS];
    tp_perm_rowmajor(in->ndim, perm);
    void *src = tp_gather(in, perm);
    if (src == NULL) {
        return tp_msg(msg, len, IC_ERR_INTERNAL, "out of memory");
    }
    int sizes[4] = {(int)in->shape[0], (int)in->shape[1], (int)in->shape[2], (int)in->shape[3]};
    try {
        cv::Mat blob(4, sizes, CV_32F, src);
        cv::dnn::Net net;
        net.addLayerToPrev(lp.name, lp.type, lp);
        net.setInput(blob);
        *res = net.forward().clone();
    } catch (const cv::Exception &e) {
        free(src);
        std::string what = e.what();
        for (char &c : what) {
            if (c == '\n') {
                c = ' ';
            }
        }
        return tp_msg(msg, len, IC_ERR_RUNTIME, "dnn Resize threw: %s", what.c_str());
    }
    free(src);
    return IC_OK;
}

static int32_t shape(const ic_tensor *in, const ic_args *a, int32_t *nd, int64_t *sh, char *msg,
                     size_t len)
{
    cv::Mat res;
    int32_t st = dnn_run(in, a, &res, msg, len);
    if (st != IC_OK) {
        return st;
    }
    *nd = res.dims;
    for (int k = 0; k < res.dims && k < IC_MAX_DIMS; k++) {
        sh[k] = res.size[k];
    }
    return IC_OK;
}

static int32_t run(const ic_tensor *in, const ic_args *a, const ic_tensor *out, char *msg,
                   size_t len)
{
    cv::Mat res;
    int32_t st = dnn_run(in, a, &res, msg, len);
    if (st != IC_OK) {
        return st;
    }
    if ((int64_t)res.total() != tp_numel(out) || res.type() != CV_32F) {
        return tp_msg(msg, len, IC_ERR_INTERNAL, "the net returned another shape than before");
    }
    memcpy(out->data, res.ptr<float>(), res.total() * sizeof(float));
    return IC_OK;
}

static const ic_port port = {IC_ABI_MAJOR,
                             IC_ABI_MINOR,
                             sizeof(ic_port),
                             "opencv-dnn-resize",
                             CV_VERSION,
                             IC_MODE_NEAREST | IC_MODE_NEAREST_EXACT | IC_MODE_BILINEAR,
                             IC_DIMS_2D,
                             IC_DTYPE_BIT(IC_DTYPE_FLOAT32),
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

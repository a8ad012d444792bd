/* darknet_upsample.c - darknet's [upsample] layer (Debian 12: darknet 0.0.0+git20180914,
 * libdarknet.so), run through darknet's public API (parse_network_cfg, network_predict), as an
 * interpcheck port.
 *
 * How each torch argument reaches the library (one [net] section and one [upsample] section
 * written to an anonymous memory file per call, read back through /proc/self/fd):
 *   input      N x C x H x W float32, any layout: copied dense (NCHW, darknet's layout);
 *              [net] batch = N, channels = C, height = H, width = W.
 *   mode       nearest only (the layer repeats each pixel stride x stride times); 2-D only.
 *   size / scale_factor   the layer takes one integer stride for both axes, no scale and no
 *              size: stride = the user's scale when it is one integer for both axes, or
 *              out / in when the output size (torch's, as its front end computes it) is the
 *              same integer multiple of the input along both axes. Anything else (a
 *              fractional or per-axis factor, a downscale: darknet's negative stride sums
 *              blocks instead of sampling) is refused: NotImplementedError status, an ERROR.
 *   align_corners, antialias   not applicable / not offered.
 * The output shape is the layer's own out_h x out_w after parsing (shape() parses the cfg).
 */
#define _GNU_SOURCE
#include <darknet.h>
#include <math.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "tp_common.h"

/* The integer stride of the call, or 0 (and msg) when darknet cannot express it. */
static int32_t dn_stride(const ic_tensor *in, const ic_args *a, int *stride, char *msg, size_t len)
{
    if (!tp_mode_is(a, "nearest")) {
        return tp_msg(msg, len, IC_UNSUPPORTED, "darknet's upsample is nearest only");
    }
    if (tp_scale_reaches_kernel(a)) {
        double sy = tp_user_scale(a, 2), sx = tp_user_scale(a, 3);
        if (sy == sx && sy >= 1.0 && sy == floor(sy) && sy < 1e6) {
            *stride = (int)sy;
            return IC_OK;
        }
        return tp_msg(msg, len, IC_ERR_NOT_IMPLEMENTED,
                      "darknet's upsample takes one integer stride >= 1, not scale %g x %g", sy,
                      sx);
    }
    int64_t oh = tp_torch_size(in, a, 2), ow = tp_torch_size(in, a, 3);
    int64_t h = in->shape[2], w = in->shape[3];
    if (h > 0 && w > 0 && oh % h == 0 && ow % w == 0 && oh / h == ow / w && oh >= h) {
        *stride = (int)(oh / h);
        return IC_OK;
    }
    return tp_msg(msg, len, IC_ERR_NOT_IMPLEMENTED,
                  "darknet's upsample takes one integer stride >= 1: %lldx%lld -> %lldx%lld "
                  "is not one",
                  (long long)h, (long long)w, (long long)oh, (long long)ow);
}

/* Parses a one-layer network for the call; NULL (and msg) on failure. The .cfg text lives in
   an anonymous memory file (memfd_create) that darknet reads through /proc/self/fd/N: no file
   is written, which the harness's sandbox would deny. */
static network *dn_net(const ic_tensor *in, int stride, char *msg, size_t len)
{
    char text[512], path[64];
    int fd = (int)syscall(SYS_memfd_create, "icp-darknet-cfg", 0u);
    int n;
    network *net;

    n = snprintf(text, sizeof text,
                 "[net]\nbatch=%lld\nsubdivisions=1\nheight=%lld\nwidth=%lld\nchannels=%lld\n\n"
                 "[upsample]\nstride=%d\n",
                 (long long)in->shape[0], (long long)in->shape[2], (long long)in->shape[3],
                 (long long)in->shape[1], stride);
    if (fd < 0 || n <= 0 || n >= (int)sizeof text || write(fd, text, (size_t)n) != n) {
        if (fd >= 0) {
            close(fd);
        }
        tp_msg(msg, len, IC_ERR_INTERNAL, "cannot build the .cfg text in a memory file");
        return NULL;
    }
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    net = parse_network_cfg(path);
    close(fd);
    if (net == NULL) {
        tp_msg(msg, len, IC_ERR_RUNTIME, "parse_network_cfg failed");
    }
    return net;
}

static int32_t shape(const ic_tensor *in, const ic_args *a, int32_t *nd, int64_t *sh, char *msg,
                     size_t len)
{
    int stride = 0;
    int32_t st = dn_stride(in, a, &stride, msg, len);
    if (st != IC_OK) {
        return st;
    }
    network *net = dn_net(in, stride, msg, len);
    if (net == NULL) {
        return IC_ERR_RUNTIME;
    }
    *nd = 4;
    sh[0] = in->shape[0];
    sh[1] = net->layers[0].out_c;
    sh[2] = net->layers[0].out_h;
    sh[3] = net->layers[0].out_w;
    free_network(net);
    return IC_OK;
}

static int32_t run(const ic_tensor *in, const ic_args *a, const ic_tensor *out, char *msg,
                   size_t len)
{
    int stride = 0;
    int32_t st = dn_stride(in, a, &stride, msg, len), perm[IC_MAX_DIMS];
    if (st != IC_OK) {
        return st;
    }
    network *net = dn_net(in, stride, msg, len);
    if (net == NULL) {
        return IC_ERR_RUNTIME;
    }
    tp_perm_rowmajor(in->ndim, perm);
    float *src = (float *)tp_gather(in, perm);
    if (src == NULL) {
        free_network(net);
        return tp_msg(msg, len, IC_ERR_INTERNAL, "out of memory");
    }
    int64_t n = (int64_t)net->layers[0].outputs * net->batch;
    if (n != tp_numel(out)) {
        st = tp_msg(msg, len, IC_ERR_INTERNAL, "darknet's output has %lld elements, not %lld",
                    (long long)n, (long long)tp_numel(out));
    } else {
        float *y = network_predict(net, src);
        memcpy(out->data, y, (size_t)n * sizeof(float));
    }
    free(src);
    free_network(net);
    return st;
}

static const ic_port port = {IC_ABI_MAJOR,
                             IC_ABI_MINOR,
                             sizeof(ic_port),
                             "darknet-upsample",
                             "0.0.0+git20180914",
                             IC_MODE_NEAREST,
                             IC_DIMS_2D,
                             IC_DTYPE_BIT(IC_DTYPE_FLOAT32),
                             IC_LAYOUT_ALL,
                             0,
                             shape,
                             run,
                             NULL};

IC_EXPORT const ic_port *ic_port_entry_v1(void)
{
    return &port;
}

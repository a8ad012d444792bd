/* scale_ignored.c - mutant: the user's scale_factor only sizes the output; the kernel always
 * uses in/out (torch <= 1.5 behaviour; 1.6+ passes the scale down when recompute_scale_factor
 * is not True: pytorch#38362, #41117). */
#include "icp_wrap.h"

/* Replaces a scale by the size it produces, which makes the kernel derive in/out. */
static int32_t run(const ic_tensor *in, const ic_args *args, const ic_tensor *out, char *msg,
                   size_t msg_len)
{
    ic_args a = *args;
    if (a.scale_len != IC_NONE && a.recompute_scale_factor != 1) {
        int32_t nd = 0;
        int64_t sh[IC_MAX_DIMS];
        int32_t st = icr_output_shape(in, args, &nd, sh, msg, msg_len);
        if (st != IC_OK) {
            return st;
        }
        a.scale_len = IC_NONE;
        a.recompute_scale_factor = IC_NONE;
        a.size_len = nd - 2;
        for (int32_t k = 2; k < nd; k++) {
            a.size[k - 2] = sh[k];
        }
    }
    return icr_interpolate(in, &a, out, msg, msg_len);
}

ICP_DEFINE_PORT("mutant-scale_ignored", icr_output_shape, run)

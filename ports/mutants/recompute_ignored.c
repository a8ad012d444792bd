/* recompute_ignored.c - mutant: the user's scale_factor reaches the kernel even with
 * recompute_scale_factor=True, where torch 1.13 drops it and derives in/out
 * (torch.nn.functional.interpolate, 1.13). The output size is the same floor either way. */
#include "icp_wrap.h"

static int32_t run(const ic_tensor *in, const ic_args *args, const ic_tensor *out, char *msg,
                   size_t msg_len)
{
    ic_args a = *args;
    if (a.scale_len != IC_NONE && a.recompute_scale_factor == 1) {
        a.recompute_scale_factor = 0;
    }
    return icr_interpolate(in, &a, out, msg, msg_len);
}

ICP_DEFINE_PORT("mutant-recompute_ignored", icr_output_shape, run)

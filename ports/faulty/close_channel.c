/* close_channel.c - faulty port: closes the harness's result channel (descriptor 3) before
 * returning (expect ERROR channel, not "exited (status 0)"). */
#include <unistd.h>

#include "icp_wrap.h"

static int32_t run(const ic_tensor *in, const ic_args *args, const ic_tensor *out, char *msg,
                   size_t msg_len)
{
    int32_t st = icr_interpolate(in, args, out, msg, msg_len);

    close(3);
    return st;
}

ICP_DEFINE_PORT("faulty-close-channel", icr_output_shape, run)

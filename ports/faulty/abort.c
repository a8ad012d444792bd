/* abort.c - faulty port: calls abort() in interpolate (expect ERROR crash, SIGABRT). */
#include <stdlib.h>

#include "icp_wrap.h"

static int32_t run(const ic_tensor *in, const ic_args *args, const ic_tensor *out, char *msg,
                   size_t msg_len)
{
    abort();
    return icr_interpolate(in, args, out, msg, msg_len);
}

ICP_DEFINE_PORT("faulty-abort", icr_output_shape, run)

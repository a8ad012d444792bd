/* oob_read.c - faulty port: reads the element just past the end of the input storage (an
 * unclamped tap; expect ERROR oob-read), then returns the correct output. */
#include "icp_wrap.h"

static volatile unsigned char sink;

static int32_t run(const ic_tensor *in, const ic_args *args, const ic_tensor *out, char *msg,
                   size_t msg_len)
{
    const volatile unsigned char *p = (const unsigned char *)in->data;
    sink = p[icp_storage_bytes(in)];
    return icr_interpolate(in, args, out, msg, msg_len);
}

ICP_DEFINE_PORT("faulty-oob-read", icr_output_shape, run)

/* endless_loop.c - faulty port: never returns from interpolate (expect ERROR timeout). */
#include "icp_wrap.h"

static int32_t run(const ic_tensor *in, const ic_args *args, const ic_tensor *out, char *msg,
                   size_t msg_len)
{
    volatile unsigned long spin = 0;
    for (;;) {
        spin++;
    }
    return icr_interpolate(in, args, out, msg, msg_len);
}

ICP_DEFINE_PORT("faulty-endless-loop", icr_output_shape, run)

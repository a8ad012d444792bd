/* segfault.c - faulty port: writes through a NULL pointer in interpolate (expect ERROR crash,
 * signal SIGSEGV). */
#include "icp_wrap.h"

static int32_t run(const ic_tensor *in, const ic_args *args, const ic_tensor *out, char *msg,
                   size_t msg_len)
{
    volatile int *p = NULL;
    *p = 1;
    return icr_interpolate(in, args, out, msg, msg_len);
}

ICP_DEFINE_PORT("faulty-segfault", icr_output_shape, run)

/* kill_harness.c - faulty port: interpolate sends SIGKILL to its parent, the harness (expect
 * ERROR denied naming kill; every other case still scored, the reports written). */
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <unistd.h>

#include "icp_wrap.h"

static int32_t run(const ic_tensor *in, const ic_args *args, const ic_tensor *out, char *msg,
                   size_t msg_len)
{
    kill(getppid(), SIGKILL);
    return icr_interpolate(in, args, out, msg, msg_len);
}

ICP_DEFINE_PORT("faulty-kill-harness", icr_output_shape, run)

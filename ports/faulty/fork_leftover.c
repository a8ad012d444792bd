/* fork_leftover.c - faulty port: forks a grandchild that would outlive the run (expect ERROR
 * denied naming the clone/fork call; without the sandbox the case's process group is killed). */
#define _POSIX_C_SOURCE 200809L
#include <unistd.h>

#include "icp_wrap.h"

static int32_t run(const ic_tensor *in, const ic_args *args, const ic_tensor *out, char *msg,
                   size_t msg_len)
{
    if (fork() == 0) {
        for (;;) {
            pause();
        }
    }
    return icr_interpolate(in, args, out, msg, msg_len);
}

ICP_DEFINE_PORT("faulty-fork-leftover", icr_output_shape, run)

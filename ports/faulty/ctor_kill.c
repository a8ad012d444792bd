/* ctor_kill.c - faulty port: its constructor sends SIGKILL to its parent, the harness (expect
 * exit status 3: the sandbox denies kill() of another process, at load time too). */
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <unistd.h>

#include "icp_wrap.h"

__attribute__((constructor)) static void kill_parent(void)
{
    kill(getppid(), SIGKILL);
}

ICP_DEFINE_PORT("faulty-ctor-kill", icr_output_shape, icr_interpolate)

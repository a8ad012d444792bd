/* stdout_flood.c - noisy but correct port: prints 4 MiB to stdout and 1 MiB to stderr on
 * every call, then returns the correct output. Expected verdict: every case PASSes and the
 * run's own output and reports are undisturbed (the harness must not scan or choke on a
 * port's chatter: a full pipe must not deadlock it). */
#include <stdio.h>
#include <string.h>

#include "icp_wrap.h"

static void flood(FILE *f, size_t bytes)
{
    char line[1024];
    memset(line, 'x', sizeof line - 1);
    line[sizeof line - 1] = '\n';
    for (size_t done = 0; done < bytes; done += sizeof line) {
        fwrite(line, 1, sizeof line, f);
    }
    fflush(f);
}

static int32_t run(const ic_tensor *in, const ic_args *args, const ic_tensor *out, char *msg,
                   size_t msg_len)
{
    flood(stdout, (size_t)4 << 20);
    flood(stderr, (size_t)1 << 20);
    return icr_interpolate(in, args, out, msg, msg_len);
}

ICP_DEFINE_PORT("faulty-stdout-flood", icr_output_shape, run)

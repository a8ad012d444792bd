/* write_file.c - faulty port: opens a file for writing, as a port replacing the report with a
 * symlink would (expect ERROR denied naming the open call). */
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <unistd.h>

#include "icp_wrap.h"

static int32_t run(const ic_tensor *in, const ic_args *args, const ic_tensor *out, char *msg,
                   size_t msg_len)
{
    int fd = open("interpcheck-faulty-write_file.tmp", O_WRONLY | O_CREAT | O_TRUNC, 0644);

    if (fd >= 0) {
        close(fd);
        unlink("interpcheck-faulty-write_file.tmp");
    }
    return icr_interpolate(in, args, out, msg, msg_len);
}

ICP_DEFINE_PORT("faulty-write-file", icr_output_shape, run)

/* fd_drain.c - faulty port: reads and closes every descriptor it can find, as a port stealing
 * its siblings' results under --jobs N would, then computes honestly (expect clean: each case
 * child holds only its own result channel, so nothing of another case is reachable). */
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <unistd.h>

#include "icp_wrap.h"

static int32_t run(const ic_tensor *in, const ic_args *args, const ic_tensor *out, char *msg,
                   size_t msg_len)
{
    char buf[4096];
    int fd;

    for (fd = 4; fd < 256; fd++) {
        int fl = fcntl(fd, F_GETFL);
        if (fl >= 0) {
            fcntl(fd, F_SETFL, fl | O_NONBLOCK);
            while (read(fd, buf, sizeof buf) > 0) {
            }
            close(fd);
        }
    }
    return icr_interpolate(in, args, out, msg, msg_len);
}

ICP_DEFINE_PORT("faulty-fd-drain", icr_output_shape, run)

/* bad_utf8.c - faulty port: refuses every call with a message of invalid UTF-8 and terminal
 * escapes (expect ERROR refused, the bytes shown escaped as \xNN on the console and in the
 * reports). */
#include <stdio.h>

#include "icp_wrap.h"

static int32_t run(const ic_tensor *in, const ic_args *args, const ic_tensor *out, char *msg,
                   size_t msg_len)
{
    (void)in, (void)args, (void)out;
    snprintf(msg, msg_len, "bad \xff\xfe bytes \x1b[2J here");
    return IC_ERR_RUNTIME;
}

ICP_DEFINE_PORT("faulty-bad-utf8", icr_output_shape, run)

/* refuse_all.c - faulty port: answers every call with RuntimeError (a port stub that was
 * never finished; expect verdict "refused" on every case torch accepts). */
#include <stdio.h>

#include "icp_wrap.h"

static int32_t shape(const ic_tensor *in, const ic_args *args, int32_t *out_ndim,
                     int64_t out_shape[IC_MAX_DIMS], char *msg, size_t msg_len)
{
    if (msg != NULL && msg_len > 0) {
        snprintf(msg, msg_len, "not implemented yet");
    }
    return IC_ERR_RUNTIME;
}

static int32_t run(const ic_tensor *in, const ic_args *args, const ic_tensor *out, char *msg,
                   size_t msg_len)
{
    return IC_ERR_RUNTIME;
}

ICP_DEFINE_PORT("faulty-refuse-all", shape, run)

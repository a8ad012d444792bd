/* oob_write_before.c - faulty port: a correct output plus one element written just before the
 * start of out (an index that went to -1; expect ERROR oob-write). */
#include <string.h>

#include "icp_wrap.h"

static int32_t run(const ic_tensor *in, const ic_args *args, const ic_tensor *out, char *msg,
                   size_t msg_len)
{
    int32_t st = icr_interpolate(in, args, out, msg, msg_len);
    size_t item = icp_itemsize(out->dtype);
    memset((unsigned char *)out->data - item, 0xc3, item);
    return st;
}

ICP_DEFINE_PORT("faulty-oob-write-before", icr_output_shape, run)

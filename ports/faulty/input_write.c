/* input_write.c - faulty port: uses the input as scratch space (flips the first byte) before
 * computing a correct output (expect ERROR input-mutated). */
#include "icp_wrap.h"

static int32_t run(const ic_tensor *in, const ic_args *args, const ic_tensor *out, char *msg,
                   size_t msg_len)
{
    if (icp_storage_bytes(in) > 0) {
        volatile unsigned char *p = (volatile unsigned char *)in->data;
        p[0] = (unsigned char)(p[0] ^ 0x40u);
    }
    return icr_interpolate(in, args, out, msg, msg_len);
}

ICP_DEFINE_PORT("faulty-input-write", icr_output_shape, run)

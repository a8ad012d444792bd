/* unwritten.c - faulty port: a correct output except that the last element is never written
 * (an off-by-one loop bound; expect ERROR unwritten). */
#include <stdlib.h>
#include <string.h>

#include "icp_wrap.h"

static int32_t run(const ic_tensor *in, const ic_args *args, const ic_tensor *out, char *msg,
                   size_t msg_len)
{
    ic_tensor tmp;
    int32_t st = icp_ref_compute(in, args, &tmp, msg, msg_len);
    if (st != IC_OK) {
        return st;
    }
    int64_t n = icp_numel(out);
    if (n > 0) {
        memcpy(out->data, tmp.data, (size_t)(n - 1) * icp_itemsize(out->dtype));
    }
    free(tmp.data);
    return IC_OK;
}

ICP_DEFINE_PORT("faulty-unwritten", icr_output_shape, run)

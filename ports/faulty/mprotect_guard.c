/* mprotect_guard.c - faulty port: makes the guard page after its output writable, then writes
 * past the end, where the harness would not look (expect ERROR denied naming mprotect). */
#define _DEFAULT_SOURCE
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#include "icp_wrap.h"

static int32_t run(const ic_tensor *in, const ic_args *args, const ic_tensor *out, char *msg,
                   size_t msg_len)
{
    size_t ps = (size_t)sysconf(_SC_PAGESIZE);
    unsigned char *end = (unsigned char *)out->data + icp_numel(out) * icp_itemsize(out->dtype);
    unsigned char *page = (unsigned char *)((uintptr_t)end / ps * ps);
    int32_t st = icr_interpolate(in, args, out, msg, msg_len);

    if (mprotect(page, ps, PROT_READ | PROT_WRITE) == 0) {
        end[0] = 0x42;
    }
    return st;
}

ICP_DEFINE_PORT("faulty-mprotect-guard", icr_output_shape, run)

/* flush_to_zero.c - mutant (real libraries): the computation runs with the x86 flush-to-zero
 * and denormals-are-zero modes on, as some optimised libraries enable them (at load time or
 * per call). Subnormal inputs and results become 0. Elsewhere than x86 it is the reference. */
#include "icp_wrap.h"

#if defined(__x86_64__) || defined(__i386__)
#include <xmmintrin.h>
#define FTZ_DAZ 0x8040u /* MXCSR bit 15 flush-to-zero, bit 6 denormals-are-zero */
#endif

static int32_t run(const ic_tensor *in, const ic_args *args, const ic_tensor *out, char *msg,
                   size_t msg_len)
{
#ifdef FTZ_DAZ
    unsigned int saved = _mm_getcsr();
    _mm_setcsr(saved | FTZ_DAZ);
    int32_t st = icr_interpolate(in, args, out, msg, msg_len);
    _mm_setcsr(saved);
    return st;
#else
    return icr_interpolate(in, args, out, msg, msg_len);
#endif
}

ICP_DEFINE_PORT("mutant-flush_to_zero", icr_output_shape, run)

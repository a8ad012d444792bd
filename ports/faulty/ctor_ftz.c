/* ctor_ftz.c - faulty port: its constructor turns on flush-to-zero and denormals-are-zero, as
 * some real libraries do when loaded (expect exit status 3 naming the floating-point
 * environment; the harness's own comparisons never run under the port's float mode). */
#include "icp_wrap.h"

__attribute__((constructor)) static void set_ftz(void)
{
#if defined(__x86_64__) || defined(__i386__)
    unsigned int csr;
    __asm__ volatile("stmxcsr %0" : "=m"(csr));
    csr |= 0x8040u; /* FTZ | DAZ */
    __asm__ volatile("ldmxcsr %0" : : "m"(csr));
#else
#error "ctor_ftz needs the x86 MXCSR"
#endif
}

ICP_DEFINE_PORT("faulty-ctor-ftz", icr_output_shape, icr_interpolate)

/* fault_port.c - a throwaway port for the isolation tests: float32 nearest (1-D to 3-D), plus
 * one misbehaviour picked by the IC_FAULT environment variable (read in the forked child). */
#define _POSIX_C_SOURCE 200809L
#include <fenv.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/types.h>
#include <unistd.h>

#include "ic_port.h"

static int fault_is(const char *name)
{
    const char *f = getenv("IC_FAULT");

    return f != NULL && strcmp(f, name) == 0;
}

/* Load-time misbehaviour (the harness must survive it in its probe child). */
__attribute__((constructor)) static void at_load(void)
{
    if (fault_is("ctor_exit")) {
        exit(0);
    } else if (fault_is("ctor_segv")) {
        static volatile uintptr_t unmapped = 16;
        *(volatile int *)unmapped = 1;
    } else if (fault_is("ctor_kill")) {
        kill(getppid(), SIGKILL);
    } else if (fault_is("ctor_hang")) {
        volatile int spin = 1;
        while (spin) {
        }
    } else if (fault_is("ctor_ftz")) {
#if defined(__x86_64__) || defined(__i386__)
        unsigned int csr;
        __asm__ volatile("stmxcsr %0" : "=m"(csr));
        csr |= 0x8040u;
        __asm__ volatile("ldmxcsr %0" : : "m"(csr));
#else
        fesetround(FE_UPWARD);
#endif
    }
}

static int32_t shape_fn(const ic_tensor *in, const ic_args *a, int32_t *nd, int64_t *sh, char *msg,
                        size_t len)
{
    int k, d = in->ndim - 2;

    if (fault_is("accept")) {
        *nd = in->ndim;
        memcpy(sh, in->shape, sizeof(int64_t) * (size_t)in->ndim);
        return IC_OK;
    }
    if (strcmp(a->mode, "nearest") != 0 || d < 1 || d > 3) {
        snprintf(msg, len, "only nearest, 3-D to 5-D");
        return IC_ERR_NOT_IMPLEMENTED;
    }
    if (a->size_len == IC_NONE) {
        return IC_UNSUPPORTED;
    }
    if (fault_is("refuse_shape")) {
        return IC_ERR_RUNTIME;
    }
    *nd = in->ndim;
    sh[0] = in->shape[0];
    sh[1] = in->shape[1];
    for (k = 0; k < d; k++) {
        sh[k + 2] = a->size_len == 0 ? a->size[0] : a->size[k];
    }
    if (fault_is("shape")) {
        sh[in->ndim - 1] += 1;
    }
    return IC_OK;
}

/* The legacy nearest index of torch 1.13 (upsample_nearest: floor(fl(in/out) * o)). */
static int64_t src_index(int64_t o, int64_t in, int64_t out)
{
    float s = (float)in / (float)out;
    int64_t i = (int64_t)floorf(s * (float)o);

    return i < in - 1 ? i : in - 1;
}

static int32_t run_fn(const ic_tensor *in, const ic_args *a, const ic_tensor *out, char *msg,
                      size_t len)
{
    const float *x = in->data;
    float *y = out->data;
    int64_t n, c, i0, i1, i2, total = 1, o = 0;
    int64_t od[3] = {1, 1, 1}, id[3] = {1, 1, 1}, is[3] = {0, 0, 0};
    int k, d = in->ndim - 2;
    volatile float sink;

    (void)a;
    for (k = 0; k < out->ndim; k++) {
        total *= out->shape[k];
    }
    for (k = 0; k < d; k++) {
        od[k] = out->shape[k + 2];
        id[k] = in->shape[k + 2];
        is[k] = in->strides[k + 2];
    }
    if (fault_is("segv")) {
        static volatile uintptr_t unmapped = 16; /* not a null store UBSan would trap */

        *(volatile int *)unmapped = 1;
    } else if (fault_is("past_end")) {
        y[total] = 1.0f;
    } else if (fault_is("before_far")) {
        ((volatile char *)y)[-4097] = 1;
    } else if (fault_is("before_near")) {
        y[-1] = 1.0f;
    } else if (fault_is("read_past")) {
        sink = ((const volatile float *)x)[in->shape[0] * in->strides[0] + 64];
        (void)sink;
    } else if (fault_is("mutate")) {
        *(volatile float *)x = 5.0f;
    } else if (fault_is("mprotect_mutate")) {
        long ps = sysconf(_SC_PAGESIZE);
        char *page = (char *)((uintptr_t)x & ~(uintptr_t)(ps - 1));
        mprotect(page, (size_t)ps, PROT_READ | PROT_WRITE);
        *(float *)x = 5.0f;
    } else if (fault_is("kill_parent")) {
        kill(getppid(), SIGKILL);
    } else if (fault_is("grandchild")) {
        /* a grandchild that would outlive the run; it writes its pid to $IC_GRANDCHILD_MARK */
        pid_t g = fork();
        if (g == 0) {
            for (;;) {
                pause();
            }
        }
        if (g > 0 && getenv("IC_GRANDCHILD_MARK") != NULL) {
            FILE *f = fopen(getenv("IC_GRANDCHILD_MARK"), "w");
            if (f != NULL) {
                fprintf(f, "%ld\n", (long)g);
                fclose(f);
            }
        }
    } else if (fault_is("close_channel")) {
        close(3);
    } else if (fault_is("hang")) {
        for (;;) {
            sink = 0.0f;
        }
    } else if (fault_is("exit0")) {
        exit(0);
    } else if (fault_is("abort")) {
        abort();
    } else if (fault_is("refuse")) {
        snprintf(msg, len, "no\nreally"); /* a newline the harness must flatten */
        return IC_ERR_VALUE;
    } else if (fault_is("internal")) {
        return IC_ERR_INTERNAL;
    } else if (fault_is("unsupported")) {
        return IC_UNSUPPORTED;
    } else if (fault_is("print")) {
        static char line[4096];
        memset(line, 'x', sizeof line - 1);
        for (k = 0; k < 4096; k++) {
            puts(line);
            fputs(line, stderr);
        }
    }
    for (n = 0; n < out->shape[0]; n++) {
        for (c = 0; c < out->shape[1]; c++) {
            for (i0 = 0; i0 < od[0]; i0++) {
                for (i1 = 0; i1 < od[1]; i1++) {
                    for (i2 = 0; i2 < od[2]; i2++) {
                        int64_t off = n * in->strides[0] + c * in->strides[1] +
                                      src_index(i0, id[0], od[0]) * is[0];
                        if (d > 1) {
                            off += src_index(i1, id[1], od[1]) * is[1];
                        }
                        if (d > 2) {
                            off += src_index(i2, id[2], od[2]) * is[2];
                        }
                        y[o++] =
                            fault_is("nan") ? NAN : x[off] + (fault_is("wrong") ? 1.0f : 0.0f);
                        if (fault_is("unwritten") && o == 1) {
                            return IC_OK;
                        }
                    }
                }
            }
        }
    }
    return IC_OK;
}

static int32_t supports_fn(const ic_tensor *in, const ic_args *a)
{
    (void)in;
    (void)a;
    return fault_is("skip") ? 0 : 1;
}

static const ic_port port = {
    IC_ABI_MAJOR,  IC_ABI_MINOR,      sizeof(ic_port), "fault",
    "0.1",         IC_MODE_ALL,       IC_DIMS_ALL,     IC_DTYPE_BIT(IC_DTYPE_FLOAT32),
    IC_LAYOUT_ALL, IC_FEAT_VALIDATES, shape_fn,        run_fn,
    supports_fn};

/** The port descriptor. */
IC_EXPORT const ic_port *ic_port_entry_v1(void)
{
    return &port;
}

IC_EXPORT void ic_port_flush_v1(void);

/** The optional flush hook: appends one line to $IC_FLUSH_MARK when that is set. */
IC_EXPORT void ic_port_flush_v1(void)
{
    const char *path = getenv("IC_FLUSH_MARK");
    FILE *f;

    if (path != NULL && (f = fopen(path, "a")) != NULL) {
        fputs("flushed\n", f);
        fclose(f);
    }
}

/* ic_port.h - the interpcheck port ABI: the only file a port author must read.
 *
 * A "port" is your C implementation of torch.nn.functional.interpolate, built as a shared
 * object that exports one symbol, IC_PORT_ENTRY (ic_port_entry_v1). The harness dlopen()s it,
 * calls the entry once, and then, for every vector, in a forked child:
 *
 *     1. output_shape(in, args, &ndim, shape, msg, len)   -> status
 *        Return IC_OK and the shape your interpolate would produce, or the error category
 *        torch would raise for this call (IC_ERR_VALUE for ValueError, ...). A wrong shape is a
 *        verdict (FAIL "shape"), never a crash.
 *     2. interpolate(in, args, out, msg, len)              -> status
 *        Write every element of out. out->data is allocated by the harness between guard pages
 *        and pre-filled with a sentinel; in->data is read-only and ends on a guard page.
 *
 * Minimal port (scores only nearest on float32):
 *
 *     #include "ic_port.h"
 *     static int32_t shape(const ic_tensor *in, const ic_args *a, int32_t *nd, int64_t *sh,
 *                          char *msg, size_t len) { ... return IC_OK; }
 *     static int32_t run(const ic_tensor *in, const ic_args *a, const ic_tensor *out,
 *                        char *msg, size_t len) { ... return IC_OK; }
 *     static const ic_port port = {
 *         IC_ABI_MAJOR, IC_ABI_MINOR, sizeof(ic_port), "mine", "0.1",
 *         IC_MODE_NEAREST, IC_DIMS_ALL, IC_DTYPE_BIT(IC_DTYPE_FLOAT32),
 *         IC_LAYOUT_CONTIGUOUS, 0, shape, run, NULL };
 *     IC_EXPORT const ic_port *ic_port_entry_v1(void) { return &port; }
 *
 * Rules every adapter needs (torch 1.13.1 CPU semantics; the vectors are the evidence):
 *
 *   - Call order. output_shape() always runs first, and interpolate() only when it returned
 *     IC_OK with the shape torch produces; out->shape is then that shape, out->data
 *     contiguous. Do all argument validation in output_shape (it is the only place an error
 *     category is scored for a call torch refuses), and keep interpolate free of checks that
 *     could disagree with it.
 *   - Output size. Per spatial axis: size[k] when size is given (size_len 0 repeats size[0]);
 *     otherwise floor(double(in) * scale_factor[k]) - a truncated double product, never
 *     rounded (88 * (120/88) gives 119). recompute_scale_factor does not change the size.
 *     A spatial input size of 0 or a negative output size is IC_ERR_RUNTIME in every mode;
 *     an output size of 0 is too, except for "area" (an empty tensor). N == 0 is legal.
 *   - The scale the kernel sees. With a scale_factor and recompute_scale_factor None or
 *     False, torch hands the kernel the user's scale s: align_corners=False (and nearest)
 *     then map with 1/s computed in double and rounded to the kernel's type - not in/out, so
 *     W=5, s=1.7 (out 8) samples at 1/1.7, not 5/8. With recompute_scale_factor=True, with
 *     size, and always for "area", the kernel sees no scale and uses in/out.
 *     align_corners=True ignores the user scale: (in-1)/(out-1), and 0 when out == 1.
 *     Nearest forms the index as floor(float(scale) * i) in float (float rounding decides
 *     off-by-ones, e.g. in=2, size=82, i=41 reads index 0); linear with out == in is an
 *     exact copy whatever the scale. reference/src/coords.c holds each of these rules in
 *     one place, with the ATen function it matches.
 *   - A valid call you cannot handle. Declare what you support in modes/dims/dtypes/
 *     layouts/features (or answer 0 from supports()): those cases are SKIP and never called.
 *     For a finer limit found only at call time, return IC_UNSUPPORTED from either call
 *     (SKIP, with msg as the reason). Never return one of torch's error categories for a
 *     call torch accepts (that is ERROR "refused"), and use IC_ERR_INTERNAL only for your own
 *     failures (out of memory...): it scores ERROR.
 *   - Without IC_FEAT_VALIDATES, calls torch refuses are skipped; with it, each must come
 *     back with torch's category (ValueError -> IC_ERR_VALUE, ...), from either call.
 *
 * Using an installed suite (`make install`), a port repository needs only:
 *
 *     cc -std=c99 -O2 -fPIC -shared $(pkg-config --cflags interpcheck) my_port.c -o my.so
 *     interpcheck --port ./my.so --expect known-differences.txt --json report.json
 *
 * (the installed vectors are found next to the interpcheck binary; PREFIX/share/interpcheck
 * also holds the example port and CI examples: docs/ci/ in the source tree).
 *
 * Versioning rules:
 *   - The entry symbol carries the major version. A major bump renames it (ic_port_entry_v2)
 *     and may change anything; the harness refuses a port whose abi_major differs from its own.
 *   - A minor bump only appends fields to the end of ic_port (never to ic_tensor/ic_args, which
 *     the harness owns and sizes). struct_size tells the harness which fields the port has;
 *     a field beyond struct_size, or an optional function pointer left NULL, means
 *     "not provided".
 *   - Enum values are explicit, never reused, and travel in int32_t/uint32_t fields.
 *
 * Ownership: every pointer the harness passes is valid only during the call. Strings in
 * ic_port must live as long as the shared object. msg is a caller-owned buffer of msg_len
 * bytes for one line of detail (optional to fill; always NUL-terminate if you do).
 */
#ifndef IC_PORT_H
#define IC_PORT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define IC_ABI_MAJOR 1
#define IC_ABI_MINOR 1

/** Name of the exported entry function, as a string for dlsym(). */
#define IC_PORT_ENTRY_SYMBOL "ic_port_entry_v1"

/**
 * Optional second export, void IC_PORT_FLUSH_SYMBOL(void): when present the harness calls it
 * in each forked child after the call, before the child leaves with _exit(). `make
 * port-coverage` links one into the port that calls gcov's __gcov_dump(), so coverage counters
 * of every case reach the .gcda files. Ports never need to write it themselves.
 */
#define IC_PORT_FLUSH_SYMBOL "ic_port_flush_v1"

#if defined(__GNUC__)
#define IC_EXPORT __attribute__((visibility("default")))
#else
#define IC_EXPORT
#endif

/** Largest tensor rank and largest size/scale_factor list the ABI carries. */
#define IC_MAX_DIMS 8

/** "None" for the tri-state arguments (align_corners, recompute_scale_factor) and lengths. */
#define IC_NONE (-1)

/**
 * Element types (ic_tensor.dtype). int32 only appears in error vectors. float16 and bfloat16
 * (IEEE binary16 and the upper half of a binary32, little-endian 16-bit words) carry values
 * where torch 2.14 accepts them on CPU (ABI 1.1 added IC_DTYPE_BFLOAT16).
 */
enum ic_dtype {
    IC_DTYPE_FLOAT32 = 1,
    IC_DTYPE_FLOAT64 = 2,
    IC_DTYPE_UINT8 = 3,
    IC_DTYPE_INT32 = 4,
    IC_DTYPE_FLOAT16 = 5,
    IC_DTYPE_BFLOAT16 = 6
};
#define IC_DTYPE_BIT(d) (1u << (d))

/** Status returned by both calls. 1..5 mirror the Python exception torch raises. */
enum ic_status {
    IC_OK = 0,
    IC_ERR_VALUE = 1,           /* ValueError */
    IC_ERR_NOT_IMPLEMENTED = 2, /* NotImplementedError */
    IC_ERR_RUNTIME = 3,         /* RuntimeError */
    IC_ERR_TYPE = 4,            /* TypeError */
    IC_ERR_OVERFLOW = 5,        /* OverflowError */
    IC_UNSUPPORTED = 100,       /* the port does not handle this call: verdict SKIP */
    IC_ERR_INTERNAL = 101       /* the port failed for its own reasons: verdict ERROR */
};

/** Capability bits: ic_port.modes. */
enum ic_mode_bit {
    IC_MODE_NEAREST = 1u << 0,
    IC_MODE_NEAREST_EXACT = 1u << 1,
    IC_MODE_LINEAR = 1u << 2,
    IC_MODE_BILINEAR = 1u << 3,
    IC_MODE_BICUBIC = 1u << 4,
    IC_MODE_TRILINEAR = 1u << 5,
    IC_MODE_AREA = 1u << 6,
    IC_MODE_ALL = 0x7fu
};

/** Capability bits: ic_port.dims, by number of spatial dimensions (3-D/4-D/5-D input). */
enum ic_dims_bit {
    IC_DIMS_1D = 1u << 1,
    IC_DIMS_2D = 1u << 2,
    IC_DIMS_3D = 1u << 3,
    IC_DIMS_ALL = IC_DIMS_1D | IC_DIMS_2D | IC_DIMS_3D
};

/** Capability bits: ic_port.layouts, the input memory layouts the port reads correctly. */
enum ic_layout_bit {
    IC_LAYOUT_CONTIGUOUS = 1u << 0,    /* row-major N, C, spatial... */
    IC_LAYOUT_CHANNELS_LAST = 1u << 1, /* torch.channels_last / channels_last_3d */
    IC_LAYOUT_STRIDED = 1u << 2,       /* any other element strides */
    IC_LAYOUT_ALL = 0x7u
};

/** Capability bits: ic_port.features. */
enum ic_feature_bit {
    IC_FEAT_ANTIALIAS = 1u << 0, /* antialias=True */
    IC_FEAT_VALIDATES = 1u << 1, /* refuses what torch refuses: error vectors are scored */
    IC_FEAT_ALL = 0x3u
};

/** A strided tensor. Strides are in elements, not bytes; shape[0] is N, shape[1] is C. */
typedef struct ic_tensor {
    int32_t dtype; /* enum ic_dtype */
    int32_t ndim;
    int64_t shape[IC_MAX_DIMS];
    int64_t strides[IC_MAX_DIMS];
    void *data;
} ic_tensor;

/**
 * The arguments exactly as torch.nn.functional.interpolate received them.
 *
 * size_len / scale_len: IC_NONE when the argument is None; 0 when it is a single number
 * (held in element 0, repeated for every spatial dimension by torch); k >= 1 when it is a
 * tuple or list of k elements (k may be wrong for the input: torch then raises ValueError).
 */
typedef struct ic_args {
    const char *mode;               /* as passed: "nearest", "bilinear", ... or anything else */
    int32_t align_corners;          /* IC_NONE, 0 or 1 */
    int32_t recompute_scale_factor; /* IC_NONE, 0 or 1 */
    int32_t antialias;              /* 0 or 1 */
    int32_t size_len;
    int32_t size_is_float; /* 1 when a size element was a Python float (torch: TypeError) */
    int64_t size[IC_MAX_DIMS];
    int32_t scale_len;
    double scale_factor[IC_MAX_DIMS]; /* may be NaN or +-inf in error vectors */
} ic_args;

/** Reports the output rank and shape the port would produce, or an error category. */
typedef int32_t (*ic_output_shape_fn)(const ic_tensor *in, const ic_args *args, int32_t *out_ndim,
                                      int64_t out_shape[IC_MAX_DIMS], char *msg, size_t msg_len);

/** Computes the output into out->data (contiguous strides, shape from output_shape). */
typedef int32_t (*ic_interpolate_fn)(const ic_tensor *in, const ic_args *args,
                                     const ic_tensor *out, char *msg, size_t msg_len);

/** Optional finer capability test: return 1 if the port handles this call, 0 for SKIP. */
typedef int32_t (*ic_supports_fn)(const ic_tensor *in, const ic_args *args);

/** The port descriptor returned by the entry function (ABI 1.0). */
typedef struct ic_port {
    uint32_t abi_major;   /* IC_ABI_MAJOR the port was built with */
    uint32_t abi_minor;   /* IC_ABI_MINOR the port was built with */
    uint32_t struct_size; /* sizeof(ic_port) the port was built with */
    const char *name;
    const char *version;
    uint32_t modes;    /* enum ic_mode_bit */
    uint32_t dims;     /* enum ic_dims_bit */
    uint32_t dtypes;   /* IC_DTYPE_BIT(...) */
    uint32_t layouts;  /* enum ic_layout_bit */
    uint32_t features; /* enum ic_feature_bit */
    ic_output_shape_fn output_shape;
    ic_interpolate_fn interpolate;
    ic_supports_fn supports; /* optional: NULL means the bitmasks alone decide */
} ic_port;

/** The entry point every port exports. */
typedef const ic_port *(*ic_port_entry_fn)(void);
IC_EXPORT const ic_port *ic_port_entry_v1(void);

#ifdef __cplusplus
}
#endif

#endif /* IC_PORT_H */

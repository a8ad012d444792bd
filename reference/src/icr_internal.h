/* icr_internal.h - private types and helpers shared by the reference's source files. */
#ifndef ICR_INTERNAL_H
#define ICR_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "ic_port.h"
#include "icref.h"

/* ---- semantics.c: the one place where a torch version (and what-if bits) become rules ---- */

/**
 * The rules the kernels consult: built once per call from an icr_semantics by
 * icr_rules_from(), never tested against a version number anywhere else.
 */
typedef struct icr_rules {
    int32_t torch;   /* enum icr_torch, for messages only */
    uint32_t whatif; /* ICR_WHATIF_* bits as given */
    /* Source coordinates (area_pixel_compute_source_index and friends) in the scalar type:
     * float for float32 (opmath_type, 2.x, pytorch#88277) instead of double (1.13's
     * acc_type). */
    int opmath_coords;
    /* compute_source_index_and_lambda clamps i0 to in-1 and lambda to [0, 1] (2.x, #89252) */
    int linear_clamp;
    /* channels-last linear: the channels past the last full vector are computed in double
     * (1.13) rather than in the scalar type (2.x) */
    int cl_tail_double;
    /* antialias: a pass whose size is unchanged is skipped (identity), 2.x */
    int aa_skip_same_size;
    /* antialias with one output column repeats output row 0 down the height (2.x bug) */
    int aa_one_column_bug;
    /* antialias bicubic filter: 1 = cubic_convolution1/2 of UpSample.h in the scalar type
     * with a = -0.5 (2.x); 0 = 1.13's own expressions (|x| < 1 in double) */
    int aa_cubic_scalar;
    /* antialias: a window longer than the allocated taps is clamped to them (2.x) */
    int aa_clamp_window;
    /* kernel path selection for nearest and linear: 0 = 1.13 (the channels-last kernel iff
     * the input is channels-last contiguous, 2-D/3-D); 1 = 2.x heuristic (the channels-last
     * kernel when channels-last contiguous with C >= cl_min_channels, or, 2-D only, when
     * out_H + out_W <= cl_small_output, or, bilinear only, when C == 3 on one thread) */
    int cl_heuristic;
    int64_t cl_min_channels;
    int64_t cl_small_output;
    /* recompute_scale_factor: the Python output size is floor(in * s) (1.13) or int(in * s)
     * (2.x sym_int: truncation toward zero; differs for negative products) */
    int recompute_trunc;
    /* the status of the kernels' dtype-dispatch errors ("... not implemented for 'Byte'"):
     * RuntimeError in 1.13, NotImplementedError in 2.x */
    int32_t dtype_error;
    /* 2.x accepts float16 in every upsample kernel and uint8 for bilinear/bicubic (the
     * reference answers IC_UNSUPPORTED for those) */
    int wider_dtypes;
    /* float16 / bfloat16: the kernels whose results are bit-exact for them (ICR_HALF_*
     * bits; the reference answers IC_UNSUPPORTED for the rest) */
    uint32_t half_modes;
    /* generic nearest kernel with bfloat16: the scale computed in BFloat16
     * (compute_scales_value<BFloat16>, 1.13), not in float (opmath, 2.x) */
    int nearest_bf16_scale;
    /* ---- what-if departures from torch (ICR_WHATIF_* bits, icref.h); 0 = torch ---- */
    int half_pixel_dropped;  /* align_corners=False coordinate scale*i, no half-pixel centre */
    int linear_unclamped;    /* a negative linear source coordinate is not clamped to 0 */
    int nearest_index;       /* enum icr_nearest_departure */
    int nearest_exact_round; /* enum icr_nearest_exact_departure */
    int same_size;           /* enum icr_same_size */
    double cubic_a;          /* Keys A of bicubic: -0.75 in torch */
    double aa_cubic_a;       /* A of the antialias cubic filter: -0.5 (PIL) in torch */
    int cubic_zero_pad;      /* bicubic taps outside the input weigh 0 (not replicated) */
    int area_end_floor;      /* area windows end at floor((o+1)*in/out), not ceil */
    int aa_unnormalised;     /* antialias weights not divided by their sum */
} icr_rules;

/** The float16 / bfloat16 kernels the reference computes (rules.half_modes). */
enum icr_half_mode {
    ICR_HALF_NEAREST = 1, /* nearest and nearest-exact: gathers of 2-byte elements */
    ICR_HALF_AREA = 2,    /* area except an all-ones output (torch's mean) */
    /* linear / bilinear / trilinear, bfloat16, generic kernel, in BFloat16 arithmetic (1.13) */
    ICR_HALF_LINEAR_BF16_SCALAR = 4,
    /* linear / bilinear / trilinear, generic kernel, float from 2-byte weights (2.x) */
    ICR_HALF_LINEAR_OPMATH = 8,
    /* bicubic, float from 2-byte coefficients (2.x) */
    ICR_HALF_CUBIC_OPMATH = 16,
    /* bicubic, bfloat16, in BFloat16 arithmetic (1.13) */
    ICR_HALF_CUBIC_BF16_SCALAR = 32,
    /* area with an all-ones output: mean() in float on the widened input, one rounding (2.x) */
    ICR_HALF_MEAN_FLOAT = 64
};

/** How the nearest index departs from torch's (rules.nearest_index). */
enum icr_nearest_departure {
    ICR_NEAREST_TORCH = 0,
    ICR_NEAREST_EXACT_ARITH = 1, /* floor(i*in/out) in integers, floor(i/scale) in double */
    ICR_NEAREST_ROUNDED = 2      /* the float coordinate rounded instead of floored */
};

/** How nearest-exact rounds its half-pixel coordinate (rules.nearest_exact_round). */
enum icr_nearest_exact_departure {
    ICR_NEAREST_EXACT_TORCH = 0, /* floor(x + 0.5) */
    ICR_NEAREST_EXACT_FLOORED = 1,
    ICR_NEAREST_EXACT_HALF_EVEN = 2
};

/** Same-size axes (rules.same_size). */
enum icr_same_size {
    ICR_SAME_SIZE_TORCH = 0,   /* linear copies; nearest copies only in its channels-last
                                  kernel (out == in, and out == 2*in halves) */
    ICR_SAME_SIZE_COPIED = 1,  /* nearest modes copy a same-size axis in every layout */
    ICR_SAME_SIZE_COMPUTED = 2 /* no shortcut anywhere: computed with the scale */
};

/**
 * A what-if departure of the nearest / nearest-exact index (exact: nearest-exact; cl: the
 * channels-last kernel): replaces *idx (torch's) when the rules depart from torch.
 */
void icr_nearest_departure(const icr_rules *ru, int exact, int cl, int64_t i, int64_t in,
                           int64_t out, int has_scale, double scale, int64_t *idx);

/** get_cubic_upsample_coefficients with Keys parameter a (torch: -0.75). */
void icr_cubic_coefficients_a(double t, int f32, double a, double c[4]);

/** Whether the channels-last kernel runs for nearest/linear (mode) on this input. */
int icr_use_channels_last_kernel(const icr_rules *r, int mode, const ic_tensor *in,
                                 const int64_t *out);

/** Fills r from sem (NULL = the newest torch). Returns IC_OK or IC_ERR_VALUE. */
int32_t icr_rules_from(const icr_semantics *sem, icr_rules *r, char *msg, size_t msg_len);

/** Mode families after validation (linear covers linear, bilinear and trilinear). */
enum icr_mode {
    ICR_MODE_NEAREST = 0,
    ICR_MODE_NEAREST_EXACT = 1,
    ICR_MODE_LINEAR = 2,
    ICR_MODE_CUBIC = 3,
    ICR_MODE_AREA = 4
};

/** A validated call: what torch 1.13.1 hands to its kernel. */
typedef struct icr_call {
    int mode;               /* enum icr_mode */
    int nsp;                /* number of spatial dims, 1..3 */
    int align_corners;      /* 0 or 1 (0 for modes without the option) */
    int antialias;          /* 0 or 1 */
    int64_t out[3];         /* output spatial sizes */
    int has_scale[3];       /* the user scale reaches the kernel (recompute None/False) */
    double scale[3];        /* that scale, as a double */
    const icr_rules *rules; /* the semantics being followed */
} icr_call;

/**
 * The geometry of one kernel run: sizes and element strides of input and output, with the
 * spatial axes stored in sp[0..nsp-1] (first spatial axis first, as torch orders them).
 */
typedef struct icr_geom {
    int f32;       /* 1 for float32, 0 for float64 (value kernels) */
    size_t esize;  /* element size in bytes (nearest also handles uint8, float16, bfloat16) */
    int32_t dtype; /* IC_DTYPE_* of the input and output */
    int64_t vec;   /* channels-last SIMD lanes if not 0 (else 8 floats, 4 doubles) */
    int nsp;
    int64_t n, c;
    int64_t in[3], out[3];
    int64_t is_n, is_c, is[3]; /* input strides, elements */
    int64_t os_n, os_c, os[3]; /* output strides, elements */
    const void *src;
    void *dst;
} icr_geom;

/* ---- value access: kernels compute in double and round to the tensor's scalar type. ---- */

/**
 * Rounds a double to the scalar type. For float32 operands, one IEEE float operation equals
 * the same operation done in double and then rounded to float (double has more than 2*24+2
 * bits), so kernels written with ICR_R(...) around each float operation are bit-exact.
 */
#define ICR_R(f32, x) ((f32) ? (double)(float)(x) : (double)(x))

static inline double icr_load(const void *p, int64_t off, int f32)
{
    return f32 ? (double)((const float *)p)[off] : ((const double *)p)[off];
}

static inline void icr_store(void *p, int64_t off, double v, int f32)
{
    if (f32) {
        ((float *)p)[off] = (float)v;
    } else {
        ((double *)p)[off] = v;
    }
}

/* ---- coords.c: coordinate rules shared by every mode ---- */

double icr_area_pixel_compute_scale(int64_t in, int64_t out, int align_corners, int has_scale,
                                    double scale, int f32);
double icr_compute_scales_value(int64_t in, int64_t out, int has_scale, double scale, int f32);
double icr_area_pixel_compute_source_index(double scale, int64_t dst_index, int align_corners,
                                           int cubic, int f32);
int64_t icr_nearest_index_generic_bf16(int64_t i, int64_t in, int64_t out, int has_scale,
                                       double scale);
int64_t icr_nearest_index_generic(int64_t i, int64_t in, int64_t out, int has_scale, double scale,
                                  int f64_scale);
int64_t icr_nearest_exact_index_generic(int64_t i, int64_t in, int64_t out, int has_scale,
                                        double scale, int f64_scale, const icr_rules *ru);
int64_t icr_nearest_index_cl(int64_t i, int64_t in, int64_t out, int has_scale, double scale);
int64_t icr_nearest_exact_index_cl(int64_t i, int64_t in, int64_t out, int has_scale,
                                   double scale);
double icr_source_index(const icr_rules *ru, double scale, int64_t dst_index, int align_corners,
                        int cubic, int f32);
void icr_linear_source_and_lambda(int64_t i, int64_t in, int64_t out, double ratio,
                                  int align_corners, int f32, int64_t *i0, int64_t *i1, double *l0,
                                  double *l1, const icr_rules *ru);
void icr_linear_taps(int64_t first, int64_t count, int64_t in, int64_t out, double ratio,
                     int align_corners, int f32, int64_t stride, int64_t *off, double *lam,
                     const icr_rules *ru);
void icr_cubic_source(int64_t i, int64_t in, double scale, int align_corners, int f32, int64_t *k,
                      double *t, const icr_rules *ru);
void icr_cubic_coefficients(double t, int f32, double c[4]);
double icr_cubic_convolution1(double x, double a, int f32);
double icr_cubic_convolution2(double x, double a, int f32);
int64_t icr_output_size_from_scale(int64_t in, double scale);
int64_t icr_area_start_index(int64_t o, int64_t out, int64_t in);
int64_t icr_area_end_index(int64_t o, int64_t out, int64_t in);

/* ---- rowops.c: the kernels' hot loops over rows, in the scalar type ---- */

/** Element off of an array of esize-byte elements. */
static inline void *icr_at(const void *p, int64_t off, size_t esize)
{
    return (char *)(uintptr_t)p + off * (int64_t)esize;
}

void icr_scalar_copy(int f32, void *dst, const double *v, int64_t n);
void *icr_scalar_table(int f32, const double *v, int64_t n);
void icr_row_mul(int f32, void *dst, const void *a, double c, int64_t n);
void icr_row_axpy(int f32, void *dst, const void *a, double c, int64_t n);
void icr_row_lerp(int f32, void *dst, const void *a, double l0, const void *b, double l1,
                  int64_t n);
void icr_row_taps(int f32, void *dst, const void *src, const int64_t *off, const void *wt,
                  int ntaps, int64_t n);
void icr_row_taps_x2(int f32, void *dst0, void *dst1, const void *src0, const void *src1,
                     const int64_t *off, const void *wt, int ntaps, int64_t n);
void icr_row_window_x2(int f32, void *dst0, void *dst1, const void *src0, const void *src1,
                       const int64_t *start, int64_t stride, const int64_t *cnt, const void *wt,
                       int64_t isz, int64_t n);
void icr_row_window(int f32, void *dst, const void *src, const int64_t *start, int64_t stride,
                    const int64_t *cnt, const void *wt, int64_t isz, int64_t n);
void icr_row_store(int f32, void *dst, int64_t stride, const void *src, int64_t n);
void icr_row_div(int f32, void *dst, const void *div, int64_t n);
void icr_row_div1(int f32, void *dst, double d, int64_t n);
void icr_area_sums(int f32, void *dst, const void *src, int first, int64_t r0, int64_t r1,
                   int64_t rstride, const int64_t *c0, const int64_t *c1, int64_t cstride,
                   int64_t ulen, int64_t n);

/* ---- rowcache.c: intermediate rows of the separable kernels ---- */

/* Produces row y; and the pair form rows y and y + 1 at once (sharing the table reads). */
typedef void (*icr_row_fn)(void *ctx, int64_t y, void *row);
typedef void (*icr_row_pair_fn)(void *ctx, int64_t y, void *row, void *next);

typedef struct icr_row_cache {
    unsigned char *buf; /* cap rows of len elements of esize bytes */
    int64_t *tag;       /* which input row each slot holds, -1 for none */
    int64_t cap, len;
    size_t esize;
    icr_row_fn fn;
    icr_row_pair_fn pair;
    void *ctx;
} icr_row_cache;

int icr_row_cache_init(icr_row_cache *rc, int64_t cap, int64_t len, size_t esize, icr_row_fn fn,
                       icr_row_pair_fn pair, void *ctx);
void icr_row_cache_reset(icr_row_cache *rc);
void icr_row_cache_fill(icr_row_cache *rc, int64_t y0, int64_t y1, int64_t n0, int64_t n1);
const void *icr_row_cache_get(icr_row_cache *rc, int64_t y);
void icr_row_cache_free(icr_row_cache *rc);

/* ---- validate.c ---- */

int32_t icr_validate(const icr_rules *rules, const ic_tensor *in, const ic_args *args,
                     icr_call *call, char *msg, size_t msg_len);
void icr_set_msg(char *msg, size_t msg_len, const char *fmt, ...);
size_t icr_dtype_size(int32_t dtype);

/* ---- half.c: c10::Half / c10::BFloat16 conversions (round to nearest even) ---- */
float icr_half_to_float(uint16_t h);
uint16_t icr_float_to_half(float f);
float icr_bf16_to_float(uint16_t b);
uint16_t icr_float_to_bf16(float f);
float icr_half_round(float x);
float icr_bf16_round(float x);

/* ---- layout tests (interpolate.c), torch's TensorImpl rules ---- */

int icr_is_channels_last_contiguous(const ic_tensor *t);
int icr_is_channels_last_strides_2d(int ndim, const int64_t *sizes, const int64_t *strides);

/* ---- kernels: each returns IC_OK or IC_ERR_INTERNAL (allocation) ---- */

int32_t icr_nearest(const icr_geom *g, const icr_call *call, int channels_last);
int32_t icr_linear_generic(const icr_geom *g, const icr_call *call);
int32_t icr_linear_channels_last(const icr_geom *g, const icr_call *call);
int32_t icr_cubic(const icr_geom *g, const icr_call *call);
int32_t icr_antialias(const icr_geom *g, const icr_call *call, int out_channels_last);
int32_t icr_separable_u8(const icr_geom *g, const icr_call *call, int out_channels_last);
int32_t icr_area(const icr_geom *g, const icr_call *call, int channels_last_2d);
int32_t icr_linear_half(const icr_geom *g, const icr_call *call, int in_t);
int32_t icr_linear_half_cl(const icr_geom *g, const icr_call *call);
/** A float32 kernel run by icr_half_via_float on the widened copy of a 2-byte call. */
typedef int32_t (*icr_float_kernel)(const icr_geom *f, const void *ctx);
int32_t icr_half_via_float(const icr_geom *g, int vec, icr_float_kernel kernel, const void *ctx);
int32_t icr_linear_bf16_cl(const icr_geom *g, const icr_call *call);
int32_t icr_cubic_half(const icr_geom *g, const icr_call *call, int in_t);
int32_t icr_area_half(const icr_geom *g, const icr_call *call, int channels_last_2d);
int32_t icr_mean(const icr_geom *g, const ic_tensor *in);

#endif /* ICR_INTERNAL_H */

/* coords.c - the coordinate rules shared by every mode (ATen UpSample.h and
 * UpSampleKernel.cpp, 1.13.1 and 2.14.1): scales, source indices, align_corners, half-pixel
 * centres, clamping, nearest indices, cubic coefficients and the output-size arithmetic.
 *
 * Values of the tensor's scalar type travel as doubles; ICR_R(f32, x) rounds to float32 where
 * torch computes in float. Where the versions differ, the icr_rules say which arithmetic
 * applies (opmath_coords: the source coordinate in float for float32, as torch <= 1.12 and
 * >= 2.0 do, pytorch#88277, instead of 1.13's acc_type<float> = double; linear_clamp: the
 * index and lambda guard of #89252).
 */
#include <math.h>

#include "icr_internal.h"

/**
 * compute_scales_value<scalar_t> (UpSample.h, 1.13): a user scale s > 0 gives 1/s computed in
 * double and converted; otherwise in/out divided in the scalar type (int64 -> scalar_t).
 */
double icr_compute_scales_value(int64_t in, int64_t out, int has_scale, double scale, int f32)
{
    if (has_scale && scale > 0.) {
        return ICR_R(f32, 1.0 / scale);
    }
    return ICR_R(f32, ICR_R(f32, (double)in) / ICR_R(f32, (double)out));
}

/**
 * area_pixel_compute_scale<scalar_t> (UpSample.h, 1.13). align_corners=True ignores the user
 * scale: (in-1)/(out-1) in the scalar type, and 0 when out <= 1 (so out=1 samples pixel 0).
 */
double icr_area_pixel_compute_scale(int64_t in, int64_t out, int align_corners, int has_scale,
                                    double scale, int f32)
{
    if (align_corners) {
        if (out > 1) {
            return ICR_R(f32, ICR_R(f32, (double)(in - 1)) / ICR_R(f32, (double)(out - 1)));
        }
        return 0.0;
    }
    return icr_compute_scales_value(in, out, has_scale, scale, f32);
}

/**
 * area_pixel_compute_source_index<accscalar_t> (UpSample.h). In 1.13 the callers instantiate
 * it with acc_type<float> = double, so the float scale is promoted and the coordinate is a
 * double: scale*i (align_corners) or scale*(i+0.5)-0.5, clamped at 0 unless cubic. With
 * opmath (2.x, f32 only) every step rounds to float.
 */
static inline double source_index(double scale, int64_t dst_index, int align_corners, int cubic,
                                  int f32, int opmath)
{
    double r;

    if (opmath && f32) {
        /* torch 2.x opmath_type<float> = float: every step rounds to float. */
        if (align_corners) {
            return ICR_R(1, scale * ICR_R(1, (double)dst_index));
        }
        r = ICR_R(1, ICR_R(1, scale * ICR_R(1, (double)dst_index + 0.5)) - 0.5);
    } else {
        if (align_corners) {
            return scale * (double)dst_index;
        }
        r = scale * ((double)dst_index + 0.5) - 0.5;
    }
    return (!cubic && r < 0.0) ? 0.0 : r;
}

/* source_index under the rules' what-if departures (half-pixel centre dropped: scale*i;
   linear coordinate unclamped), else torch's. */
static inline double rule_source_index(double scale, int64_t dst_index, int align_corners,
                                       int cubic, int f32, const icr_rules *ru)
{
    if (ru->half_pixel_dropped && !align_corners) {
        return ICR_R(f32 && ru->opmath_coords, scale * (double)dst_index);
    }
    /* unclamped: 1.13's arithmetic only (trunc toward 0, then a negative lambda extrapolates);
       2.x's floor would index -1, and its lambda guard clamps the extrapolation away */
    return source_index(scale, dst_index, align_corners,
                        cubic || (ru->linear_unclamped && !ru->linear_clamp), f32,
                        ru->opmath_coords);
}

/** The rule above, for callers in other files (the tables here inline it). */
double icr_area_pixel_compute_source_index(double scale, int64_t dst_index, int align_corners,
                                           int cubic, int f32)
{
    return source_index(scale, dst_index, align_corners, cubic, f32, 0);
}

/** icr_area_pixel_compute_source_index under the rules' coordinate precision. */
double icr_source_index(const icr_rules *ru, double scale, int64_t dst_index, int align_corners,
                        int cubic, int f32)
{
    return rule_source_index(scale, dst_index, align_corners, cubic, f32, ru);
}

static int64_t clamp_last(int64_t idx, int64_t in)
{
    return idx < in - 1 ? idx : in - 1;
}

/**
 * Generic-kernel nearest index (HelperInterpNearest::compute_indices_weights, 1.13): the
 * scale is computed in the scalar type (float for float32 and uint8, double for float64:
 * f64_scale), the coordinate scale*i in double, then floorf() of it rounded to float.
 */
int64_t icr_nearest_index_generic(int64_t i, int64_t in, int64_t out, int has_scale, double scale,
                                  int f64_scale)
{
    int f32 = !f64_scale;
    double s = icr_area_pixel_compute_scale(in, out, 0, has_scale, scale, f32);
    double r = icr_area_pixel_compute_source_index(s, i, 1, 0, f32);
    return clamp_last((int64_t)floorf((float)r), in);
}

/**
 * Generic-kernel nearest index for bfloat16 in 1.13 (rules.nearest_bf16_scale;
 * HelperInterpNearest::compute_indices_weights with scalar_t = BFloat16): the scale is
 * compute_scales_value<BFloat16>, i.e. BFloat16(float(1 / user scale)) or
 * BFloat16(in) / BFloat16(out) rounded to BFloat16; then floorf(float(scale) * i) in float,
 * clamped to in-1. Measured on torch 1.13.1 (1-D, in and out up to 3000).
 */
int64_t icr_nearest_index_generic_bf16(int64_t i, int64_t in, int64_t out, int has_scale,
                                       double scale)
{
    float s;

    if (has_scale && scale > 0.) {
        s = icr_bf16_round((float)(1.0 / scale));
    } else {
        s = icr_bf16_round(icr_bf16_round((float)in) / icr_bf16_round((float)out));
    }
    return clamp_last((int64_t)floorf(s * (float)i), in);
}

/**
 * Generic-kernel nearest-exact index (HelperInterpNearestExact):
 * floorf(max(scale*(i+0.5)-0.5, 0) + 0.5), the coordinate in double (1.13) or opmath (2.x:
 * float for float32), the + 0.5 in double, clamped to in-1.
 */
int64_t icr_nearest_exact_index_generic(int64_t i, int64_t in, int64_t out, int has_scale,
                                        double scale, int f64_scale, const icr_rules *ru)
{
    int f32 = !f64_scale;
    double s = icr_area_pixel_compute_scale(in, out, 0, has_scale, scale, f32);
    double r = rule_source_index(s, i, 0, 0, f32, ru);
    return clamp_last((int64_t)floorf((float)(r + 0.5)), in);
}

/**
 * Channels-last nearest index: nearest_idx (UpSample.h, 1.13), for every dtype. Two legacy
 * shortcuts ignore the user scale (out == in copies, out == 2*in halves); otherwise
 * floorf(float(i) * float scale) clamped to in-1 (OpenCV INTER_NEAREST, pytorch#62237).
 */
int64_t icr_nearest_index_cl(int64_t i, int64_t in, int64_t out, int has_scale, double scale)
{
    float s;

    if (out == in) {
        return i;
    }
    if (out == 2 * in) {
        return i >> 1;
    }
    s = (float)icr_compute_scales_value(in, out, has_scale, scale, 1);
    return clamp_last((int64_t)floorf((float)i * s), in);
}

/**
 * Channels-last nearest-exact index: nearest_exact_idx (UpSample.h, 1.13):
 * floorf((i + 0.5) * float scale), the product in double, clamped to in-1. No shortcuts.
 */
int64_t icr_nearest_exact_index_cl(int64_t i, int64_t in, int64_t out, int has_scale, double scale)
{
    double s = icr_compute_scales_value(in, out, has_scale, scale, 1);
    return clamp_last((int64_t)floorf((float)(((double)i + 0.5) * s)), in);
}

/**
 * compute_source_index_and_lambda (UpSample.h). out == in is the identity whatever the
 * scale or align_corners; otherwise, in 1.13, i0 = trunc(r), i1 = i0+1 unless at the last
 * pixel, lambda1 = r - i0 (double, rounded), lambda0 = 1 - lambda1 in the scalar type, no
 * clamp. 2.x (rules->linear_clamp, guard_index_and_lambda, pytorch#89252):
 * i0 = min(floorf(r), in-1) (floorf: r rounded to float even for float64) and
 * lambda1 = clamp(r - i0, 0, 1) in opmath (the coordinate's precision).
 */
static inline void source_and_lambda(int64_t i, int64_t in, int64_t out, double ratio,
                                     int align_corners, int f32, int64_t *i0, int64_t *i1,
                                     double *l0, double *l1, const icr_rules *ru)
{
    double r;

    if (ru->linear_clamp && (out != in || ru->same_size == ICR_SAME_SIZE_COMPUTED)) {
        double l;
        r = rule_source_index(ratio, i, align_corners, 0, f32, ru);
        *i0 = (int64_t)floorf((float)r);
        *i0 = *i0 < in - 1 ? *i0 : in - 1;
        l = r - (double)*i0;
        l = ICR_R(f32 && ru->opmath_coords, l);
        l = l > 0.0 ? (l < 1.0 ? l : 1.0) : 0.0;
        *i1 = *i0 + ((*i0 < in - 1) ? 1 : 0);
        *l1 = ICR_R(f32, l);
        *l0 = ICR_R(f32, 1.0 - *l1);
        return;
    }

    if (out == in && ru->same_size != ICR_SAME_SIZE_COMPUTED) {
        *i0 = i;
        *i1 = i;
        *l0 = 1.0;
        *l1 = 0.0;
        return;
    }
    r = rule_source_index(ratio, i, align_corners, 0, f32, ru);
    *i0 = (int64_t)r;
    *i1 = *i0 + ((*i0 < in - 1) ? 1 : 0);
    *l1 = ICR_R(f32, r - (double)*i0);
    *l0 = ICR_R(f32, 1.0 - *l1);
}

/** The rule above, for callers in other files (icr_linear_taps inlines it). */
void icr_linear_source_and_lambda(int64_t i, int64_t in, int64_t out, double ratio,
                                  int align_corners, int f32, int64_t *i0, int64_t *i1, double *l0,
                                  double *l1, const icr_rules *ru)
{
    source_and_lambda(i, in, out, ratio, align_corners, f32, i0, i1, l0, l1, ru);
}

/**
 * icr_linear_source_and_lambda for the outputs [first, first + count) of one axis, as the
 * kernels' tables want them: per output, the two taps as element offsets (index * stride) in
 * off[2i], off[2i+1] and their lambdas in lam[2i], lam[2i+1].
 */
void icr_linear_taps(int64_t first, int64_t count, int64_t in, int64_t out, double ratio,
                     int align_corners, int f32, int64_t stride, int64_t *off, double *lam,
                     const icr_rules *ru)
{
    int64_t i, i0, i1;

    for (i = 0; i < count; i++) {
        source_and_lambda(first + i, in, out, ratio, align_corners, f32, &i0, &i1, &lam[2 * i],
                          &lam[2 * i + 1], ru);
        off[2 * i] = i0 * stride;
        off[2 * i + 1] = i1 * stride;
    }
}

/**
 * Bicubic source (HelperInterpCubic::compute_indices_weights): r unclamped in double (1.13)
 * or opmath (2.x), k = floorf(float(r)) (also for float64), t = r - k rounded to the scalar
 * type. 2.x (guard_index_and_lambda): k = min(k, in-1) and t clamped to [0, 1].
 */
void icr_cubic_source(int64_t i, int64_t in, double scale, int align_corners, int f32, int64_t *k,
                      double *t, const icr_rules *ru)
{
    double r = rule_source_index(scale, i, align_corners, 1, f32, ru);

    /* torch calls floorf() for every scalar type, so float64 coordinates round too. */
    *k = (int64_t)floorf((float)r);
    if (ru->linear_clamp) {
        *k = *k < in - 1 ? *k : in - 1;
        *t = ICR_R(f32, r - (double)*k);
        *t = *t > 0.0 ? (*t < 1.0 ? *t : 1.0) : 0.0;
        return;
    }
    *t = ICR_R(f32, r - (double)*k);
}

/* cubic_convolution1 (UpSample.h): ((A+2)*x - (A+3))*x*x + 1, in the scalar type. */
static double cubic_convolution1(double x, double a, int f32)
{
    double v = ICR_R(f32, ICR_R(f32, (a + 2.0) * x) - (a + 3.0));
    v = ICR_R(f32, v * x);
    v = ICR_R(f32, v * x);
    return ICR_R(f32, v + 1.0);
}

/* cubic_convolution2 (UpSample.h): ((A*x - 5A)*x + 8A)*x - 4A, in the scalar type. */
static double cubic_convolution2(double x, double a, int f32)
{
    double v = ICR_R(f32, ICR_R(f32, a * x) - 5.0 * a);
    v = ICR_R(f32, ICR_R(f32, v * x) + 8.0 * a);
    return ICR_R(f32, ICR_R(f32, v * x) - 4.0 * a);
}

/** cubic_convolution1 / 2 for other files (the antialias bicubic filter of 2.x). */
double icr_cubic_convolution1(double x, double a, int f32)
{
    return cubic_convolution1(x, a, f32);
}

double icr_cubic_convolution2(double x, double a, int f32)
{
    return cubic_convolution2(x, a, f32);
}

/**
 * get_cubic_upsample_coefficients (UpSample.h): Keys kernel with A = -0.75; t+1 and 1-t are
 * formed in double and rounded to the scalar type.
 */
void icr_cubic_coefficients(double t, int f32, double c[4])
{
    icr_cubic_coefficients_a(t, f32, -0.75, c);
}

/** The coefficients above with Keys parameter a (rules.cubic_a: a what-if may change it). */
void icr_cubic_coefficients_a(double t, int f32, double a, double c[4])
{
    double x2 = ICR_R(f32, 1.0 - t);

    c[0] = cubic_convolution2(ICR_R(f32, t + 1.0), a, f32);
    c[1] = cubic_convolution1(t, a, f32);
    c[2] = cubic_convolution1(x2, a, f32);
    c[3] = cubic_convolution2(ICR_R(f32, x2 + 1.0), a, f32);
}

/**
 * upsample::compute_output_size (UpSample.cpp, 1.13): (int64_t)(double(in) * scale), which
 * truncates; x86-64 turns NaN, inf and out-of-range values into INT64_MIN.
 */
int64_t icr_output_size_from_scale(int64_t in, double scale)
{
    double v = (double)in * scale;

    if (!(v > -9223372036854775808.0 && v < 9223372036854775808.0)) {
        return INT64_MIN;
    }
    return (int64_t)v;
}

/** start_index (AdaptivePooling.h): floor(o * in / out) in integers. */
int64_t icr_area_start_index(int64_t o, int64_t out, int64_t in)
{
    return (o / out) * in + ((o % out) * in) / out;
}

/** end_index (AdaptivePooling.h): ceil((o + 1) * in / out) in integers. */
int64_t icr_area_end_index(int64_t o, int64_t out, int64_t in)
{
    return 1 + ((o + 1) * in - 1) / out;
}

/**
 * What-if departures of the nearest index (rules.nearest_index, nearest_exact_round,
 * same_size); *idx holds torch's index and is replaced only when the rules depart from it.
 */
void icr_nearest_departure(const icr_rules *ru, int exact, int cl, int64_t i, int64_t in,
                           int64_t out, int has_scale, double scale, int64_t *idx)
{
    double s, r;

    if (ru->same_size == ICR_SAME_SIZE_COPIED && !exact && (out == in || out == 2 * in)) {
        *idx = out == in ? i : i >> 1; /* the channels-last shortcuts, in every layout */
        return;
    }
    if (ru->same_size == ICR_SAME_SIZE_COPIED && out == in) {
        *idx = i;
        return;
    }
    if (exact) {
        if (ru->nearest_exact_round == ICR_NEAREST_EXACT_TORCH) {
            return;
        }
        s = icr_compute_scales_value(in, out, has_scale, scale, 1);
        r = s * ((double)i + 0.5) - 0.5;
        r = r < 0.0 ? 0.0 : r;
        r = ru->nearest_exact_round == ICR_NEAREST_EXACT_FLOORED ? floor(r) : nearbyint(r);
        *idx = clamp_last((int64_t)r, in);
        return;
    }
    if (ru->nearest_index == ICR_NEAREST_EXACT_ARITH) {
        /* exact: floor(i * in / out) in integers, or floor(i / scale) in double */
        *idx = clamp_last(
            has_scale && scale > 0.0 ? (int64_t)floor((double)i / scale) : i * in / out, in);
    } else if (ru->nearest_index == ICR_NEAREST_ROUNDED) {
        s = icr_compute_scales_value(in, out, has_scale, scale, 1);
        *idx = clamp_last((int64_t)roundf((float)((double)(float)s * (double)i)), in);
    } else if (cl && ru->same_size == ICR_SAME_SIZE_COMPUTED && (out == in || out == 2 * in)) {
        /* the channels-last shortcuts skipped: nearest_idx's general formula */
        s = icr_compute_scales_value(in, out, has_scale, scale, 1);
        *idx = clamp_last((int64_t)floorf((float)i * (float)s), in);
    }
}

/* score.h - verdicts: error categories, shapes, sentinels, and the float tolerance bound. */
#ifndef IC_SCORE_H
#define IC_SCORE_H

#include <stddef.h>
#include <stdint.h>

#include "manifest.h"
#include "results.h"
#include "sandbox.h"

/** Kernel families, for the tolerance windows. */
enum ic_kernel {
    IC_K_NEAREST = 0, /* nearest, nearest-exact: exact tolerance, no window */
    IC_K_LINEAR = 1,  /* linear, bilinear, trilinear */
    IC_K_CUBIC = 2,   /* bicubic */
    IC_K_AA_LINEAR = 3,
    IC_K_AA_CUBIC = 4,
    IC_K_AREA = 5
};

/** The per-axis geometry of a value case (spatial axes only). */
typedef struct ic_geom {
    int dims;          /* 1..3 */
    int kernel;        /* enum ic_kernel */
    int align_corners; /* 1 only for align_corners=True */
    int64_t in[3], out[3];
    double scale[3]; /* torch's area_pixel_compute_scale, in double */
} ic_geom;

/**
 * Tolerance constants (see harness/README.md for the evidence):
 *   bound_e = max(spread_e, k1*eps*mag_e + k2*eps*coord_e, tiny)
 * with k1 = IC_TOL_K1_PER_TAP * (taps per axis, summed over axes) and k2 = IC_TOL_K2.
 */
#define IC_TOL_K1_PER_TAP 8.0
#define IC_TOL_K2 4.0

/** Fills g from the case's call, input and expected shapes. Returns 0, -1 if not scorable. */
int ic_geom_init(const ic_case *c, ic_geom *g);

/**
 * The input index window [*lo, *hi] (clamped to [0, in-1]) that output index o on `axis`
 * reads, and its continuous source coordinate *r (0 for area).
 */
void ic_geom_window(const ic_geom *g, int axis, int64_t o, int64_t *lo, int64_t *hi, double *r);

/** Taps per axis used for k1: 2 linear, 4 cubic, the window length for area/antialias. */
double ic_geom_taps(const ic_geom *g, int axis, int64_t o);

/** Kernel magnitude factor S (sum of |weights| bound per axis): 1 linear/area, 1.5 else. */
double ic_geom_sfactor(const ic_geom *g);

/**
 * The bound formula itself: max(spread, k1*eps*mag + k2*eps*coord, tiny); non-finite terms
 * give +inf.
 */
double ic_tol_bound(double spread, double k1, double k2, double eps, double mag, double coord,
                    double tiny);

/**
 * The bound of every element of c's expected output (heap array of numel doubles, caller
 * frees; 0 where torch's value is not finite), as the scorer computes it (spread included);
 * NULL for exact-tolerance cases or when memory is out.
 */
double *ic_case_bounds(const ic_case *c);

/** Distance in units in the last place between two floats of the dtype (NaN if either NaN). */
double ic_ulp_distance(double a, double b, int32_t dtype);

/**
 * Scores one case from the child's outcome and the buffers; fills every field of *r except
 * id/tags/seconds, the cause of a FAIL or ERROR included (cause.h). strict: PASS only when
 * bit-identical to the canonical expected.
 */
void ic_score_case(const ic_case *c, const ic_bufs *b, const ic_outcome *o, int strict,
                   ic_case_result *r);

/** Sets verdict/kind/message (heap copies) on a result. */
void ic_result_set(ic_case_result *r, int32_t verdict, const char *kind, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

#endif /* IC_SCORE_H */

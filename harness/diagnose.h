/* diagnose.h - turns a value mismatch into one line that points at the likely cause. */
#ifndef IC_DIAGNOSE_H
#define IC_DIAGNOSE_H

#include <stddef.h>
#include <stdint.h>

#include "manifest.h"
#include "results.h"

/** What the scorer found, for the diagnosis. */
typedef struct ic_diag_in {
    const ic_case *c;
    const void *got;          /* the port's output, contiguous over c->expected.shape */
    const unsigned char *bad; /* per element: 1 when outside tolerance */
    const float *ratio;       /* per element err/bound (float cases), or NULL */
    size_t nbad;
    size_t first, worst; /* flat indices of the first and the worst bad element */
    double worst_bound;  /* the bound at the worst element (0 for exact cases) */
} ic_diag_in;

/** Element i of a buffer of dtype as a double (uint8/int32 exact). */
double ic_elem(const void *p, int32_t dtype, size_t i);

/** IEEE binary16 bits to double (exact). */
double ic_half_to_double(uint16_t h);

/** Writes "[n,c,h,w]" for flat index i of a contiguous tensor of shape[0..ndim). */
void ic_format_index(const int64_t *shape, int ndim, size_t i, char *buf, size_t len);

/** Flat row-major index i -> per-axis index idx[0..ndim) (zero-size axes count as 1). */
void ic_unravel(const int64_t *shape, int ndim, size_t i, int64_t *idx);

/**
 * A hint when the pattern is recognisable, else NULL: only batch 0 right, only borders wrong,
 * shifted by one index along an axis, off by a constant factor.
 */
const char *ic_diag_hint(const ic_diag_in *d, char *buf, size_t len);

/**
 * ic_diag_hint, also naming the pattern in *cause (a static string: "batch-stride", "shift",
 * "constant-factor", "sentinel", "border-only", "nan-inf", "overflow", "subnormals-flushed"),
 * NULL when none.
 * Every hint needs evidence: closeness is relative (subnormal data is not "equal
 * everywhere"), non-finite values are no evidence of a shift, "overflow" needs a finite input
 * and a mode that sums, a factor needs IC_FACTOR_MIN_ELEMS (8) elements, border-only applies
 * to the weighted modes (linear, bilinear, trilinear, bicubic) only.
 */
const char *ic_diag_pattern(const ic_diag_in *d, char *buf, size_t len, const char **cause);

/** The one-line diagnosis: count, first and worst element (%.9g and %a), hint. */
void ic_diagnose(const ic_diag_in *d, char *msg, size_t len);

/** ic_diagnose, ending in "; <cause_line>" instead of the hint when cause_line is non-NULL. */
void ic_diagnose_with(const ic_diag_in *d, const char *cause_line, char *msg, size_t len);

/** Fills r->heat (err/bound over the worst (n,c) plane, at most 64x64, max-pooled). */
void ic_heat_fill(const ic_diag_in *d, ic_case_result *r);

#endif /* IC_DIAGNOSE_H */

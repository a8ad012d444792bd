/* rowops_body.h - the body of rowops.c's row loops, included once per scalar type with
 * ICR_T (float or double) and ICR_FN(name) (name_f32 or name_f64) defined. Not a header of
 * its own: only rowops.c includes it.
 *
 * Every loop runs across output elements; each element sees exactly the operations, in the
 * order, that the kernel's comment names (one rounding per operation, products never fused
 * with sums: the build has -ffp-contract=off), so vectorising these loops changes no bit.
 */

/* dst[i] = a[i] * c */
static void ICR_FN(row_mul)(ICR_T *restrict dst, const ICR_T *restrict a, ICR_T c, int64_t n)
{
    int64_t i;

    for (i = 0; i < n; i++) {
        dst[i] = a[i] * c;
    }
}

/* dst[i] = dst[i] + a[i] * c: the product rounded, then the sum rounded */
static void ICR_FN(row_axpy)(ICR_T *restrict dst, const ICR_T *restrict a, ICR_T c, int64_t n)
{
    int64_t i;

    for (i = 0; i < n; i++) {
        dst[i] = dst[i] + a[i] * c;
    }
}

/* dst[i] = a[i] * l0 + b[i] * l1 */
static void ICR_FN(row_lerp)(ICR_T *restrict dst, const ICR_T *restrict a, ICR_T l0,
                             const ICR_T *restrict b, ICR_T l1, int64_t n)
{
    int64_t i;

    for (i = 0; i < n; i++) {
        dst[i] = a[i] * l0 + b[i] * l1;
    }
}

/* dst[i] = src[off[2i]] * wt[2i] + src[off[2i+1]] * wt[2i+1] */
static void ICR_FN(row_taps2)(ICR_T *restrict dst, const ICR_T *restrict src,
                              const int64_t *restrict off, const ICR_T *restrict wt, int64_t n)
{
    int64_t i;

    for (i = 0; i < n; i++) {
        dst[i] = src[off[2 * i]] * wt[2 * i] + src[off[2 * i + 1]] * wt[2 * i + 1];
    }
}

/* acc = src[off[4i]] * wt[4i]; acc = acc + src[off[4i+j]] * wt[4i+j] for j = 1, 2, 3 */
static void ICR_FN(row_taps4)(ICR_T *restrict dst, const ICR_T *restrict src,
                              const int64_t *restrict off, const ICR_T *restrict wt, int64_t n)
{
    int64_t i;

    for (i = 0; i < n; i++) {
        const int64_t *o = off + 4 * i;
        const ICR_T *c = wt + 4 * i;
        ICR_T acc = src[o[0]] * c[0];
        acc = acc + src[o[1]] * c[1];
        acc = acc + src[o[2]] * c[2];
        dst[i] = acc + src[o[3]] * c[3];
    }
}

/* A window of cnt[i] consecutive inputs from start[i] (the first always read):
 * acc = src[s] * wt[i*isz]; acc = acc + src[s + j*stride] * wt[i*isz + j] */
static void ICR_FN(row_window)(ICR_T *restrict dst, const ICR_T *restrict src,
                               const int64_t *restrict start, int64_t stride,
                               const int64_t *restrict cnt, const ICR_T *restrict wt, int64_t isz,
                               int64_t n)
{
    int64_t i, j;

    for (i = 0; i < n; i++) {
        const ICR_T *x = src + start[i];
        const ICR_T *c = wt + i * isz;
        ICR_T acc = x[0] * c[0];
        for (j = 1; j < cnt[i]; j++) {
            acc = acc + x[j * stride] * c[j];
        }
        dst[i] = acc;
    }
}

/* row_taps2 for two input rows at once (the table is read once for both) */
static void ICR_FN(row_taps2_x2)(ICR_T *restrict d0, ICR_T *restrict d1, const ICR_T *restrict s0,
                                 const ICR_T *restrict s1, const int64_t *restrict off,
                                 const ICR_T *restrict wt, int64_t n)
{
    int64_t i;

    for (i = 0; i < n; i++) {
        int64_t o0 = off[2 * i], o1 = off[2 * i + 1];
        ICR_T c0 = wt[2 * i], c1 = wt[2 * i + 1];
        d0[i] = s0[o0] * c0 + s0[o1] * c1;
        d1[i] = s1[o0] * c0 + s1[o1] * c1;
    }
}

/* row_taps4 for two input rows at once */
static void ICR_FN(row_taps4_x2)(ICR_T *restrict d0, ICR_T *restrict d1, const ICR_T *restrict s0,
                                 const ICR_T *restrict s1, const int64_t *restrict off,
                                 const ICR_T *restrict wt, int64_t n)
{
    int64_t i;

    for (i = 0; i < n; i++) {
        const int64_t *o = off + 4 * i;
        const ICR_T *c = wt + 4 * i;
        ICR_T a0 = s0[o[0]] * c[0], a1 = s1[o[0]] * c[0];
        a0 = a0 + s0[o[1]] * c[1];
        a1 = a1 + s1[o[1]] * c[1];
        a0 = a0 + s0[o[2]] * c[2];
        a1 = a1 + s1[o[2]] * c[2];
        d0[i] = a0 + s0[o[3]] * c[3];
        d1[i] = a1 + s1[o[3]] * c[3];
    }
}

/* row_window for two input rows at once */
static void ICR_FN(row_window_x2)(ICR_T *restrict d0, ICR_T *restrict d1, const ICR_T *restrict s0,
                                  const ICR_T *restrict s1, const int64_t *restrict start,
                                  int64_t stride, const int64_t *restrict cnt,
                                  const ICR_T *restrict wt, int64_t isz, int64_t n)
{
    int64_t i, j;

    for (i = 0; i < n; i++) {
        const ICR_T *x0 = s0 + start[i], *x1 = s1 + start[i];
        const ICR_T *c = wt + i * isz;
        ICR_T a0 = x0[0] * c[0], a1 = x1[0] * c[0];
        for (j = 1; j < cnt[i]; j++) {
            a0 = a0 + x0[j * stride] * c[j];
            a1 = a1 + x1[j * stride] * c[j];
        }
        d0[i] = a0;
        d1[i] = a1;
    }
}

/* dst[i * stride] = src[i] */
static void ICR_FN(row_store)(ICR_T *restrict dst, int64_t stride, const ICR_T *restrict src,
                              int64_t n)
{
    int64_t i;

    if (stride == 1) {
        memcpy(dst, src, (size_t)n * sizeof *dst);
        return;
    }
    for (i = 0; i < n; i++) {
        dst[i * stride] = src[i];
    }
}

/* dst[i] = dst[i] / div[i] */
static void ICR_FN(row_div)(ICR_T *restrict dst, const ICR_T *restrict div, int64_t n)
{
    int64_t i;

    for (i = 0; i < n; i++) {
        dst[i] = dst[i] / div[i];
    }
}

/* dst[i] = dst[i] / d */
static void ICR_FN(row_div1)(ICR_T *restrict dst, ICR_T d, int64_t n)
{
    int64_t i;

    for (i = 0; i < n; i++) {
        dst[i] = dst[i] / d;
    }
}

/* Window sums of one output row of adaptive pooling: for each i, sum starts at 0 (first) or
 * at dst[i] (a later depth slice of a 3-D window); then sum = sum + x for x over rows
 * [r0, r1) of the window (row offsets step rstride), and within a row over columns
 * [c0[i], c1[i]) (step cstride). ulen > 0 says every window has ulen columns: then the
 * row is swept once per (row, column) pair, which keeps each element's order of additions
 * and lets the loop run across elements. */
static void ICR_FN(area_sums)(ICR_T *restrict dst, const ICR_T *restrict src, int first,
                              int64_t r0, int64_t r1, int64_t rstride, const int64_t *restrict c0,
                              const int64_t *restrict c1, int64_t cstride, int64_t ulen, int64_t n)
{
    int64_t i, r, k;

    if (ulen <= 0) {
        for (i = 0; i < n; i++) {
            ICR_T sum = first ? 0 : dst[i];
            for (r = r0; r < r1; r++) {
                const ICR_T *x = src + r * rstride;
                for (k = c0[i]; k < c1[i]; k++) {
                    sum = sum + x[k * cstride];
                }
            }
            dst[i] = sum;
        }
        return;
    }
    if (first) {
        for (i = 0; i < n; i++) {
            dst[i] = 0;
        }
    }
    for (r = r0; r < r1; r++) {
        for (k = 0; k < ulen; k++) {
            const ICR_T *x = src + r * rstride + k * cstride;
            for (i = 0; i < n; i++) {
                dst[i] = dst[i] + x[c0[i] * cstride];
            }
        }
    }
}

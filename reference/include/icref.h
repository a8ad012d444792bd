/* icref.h - the interpcheck C99 reference implementation of torch.nn.functional.interpolate.
 *
 * Bit-exact with PyTorch 1.13.1 or 2.14.1 (chosen per call, see icr_semantics) on CPU under
 * ATEN_CPU_CAPABILITY=default (no FMA), one thread, for float32 and float64 (and uint8 for
 * nearest / nearest-exact, and in 2.14 for bilinear / bicubic). It takes the arguments exactly as
 * the Python function does (see ic_args in ic_port.h) and refuses every call torch refuses, with
 * the same exception category and a message close to torch's.
 *
 * Use:
 *
 *     ic_tensor in = { IC_DTYPE_FLOAT32, 4, {1, 3, 7, 9}, {189, 63, 9, 1}, data };
 *     ic_args a = { "bilinear", 0, IC_NONE, 0, 2, 0, {4, 5}, IC_NONE, {0} };
 *     ic_tensor out;
 *     char msg[256];
 *     if (icr_output_shape(&in, &a, &out.ndim, out.shape, msg, sizeof msg) != IC_OK) ...
 *     out.dtype = in.dtype; fill out.strides (any strides); out.data = malloc(...);
 *     if (icr_interpolate(&in, &a, &out, msg, sizeof msg) != IC_OK) ...
 *
 * The library never prints, exits or allocates global state; it is thread-safe.
 */
#ifndef ICREF_H
#define ICREF_H

#include "ic_port.h"

#ifdef __cplusplus
extern "C" {
#endif

#define ICREF_VERSION "1.1.0"

/**
 * The newest PyTorch release whose CPU semantics the library reproduces. The plain entry
 * points (icr_output_shape, icr_interpolate) follow it, unless the library was built with
 * -DICR_DEFAULT_TORCH=113 (this project's build pins the torch of its committed vectors).
 */
#define ICREF_TORCH_VERSION "2.14.1"

/** The torch releases the reference can follow. */
enum icr_torch { ICR_TORCH_1_13 = 113, ICR_TORCH_2_14 = 214 };

/**
 * A semantics description: which torch to follow, plus what-if departures (bit set, 0 = none;
 * the bits are defined by the diagnosis work, ICR_WHATIF_*). The library turns it into one
 * internal rule set that the few decision points consult (coordinate/opmath precision, output
 * size, nearest index rounding, antialias filters and pass skipping, kernel path selection).
 */
typedef struct icr_semantics {
    int32_t torch;   /* enum icr_torch */
    uint32_t whatif; /* ICR_WHATIF_* bits, 0 = none */
} icr_semantics;

/*
 * What-if departures (icr_semantics.whatif bits): each a documented, plausible way in which a
 * port differs from torch, found in real ports. interpcheck re-runs a failing call under them
 * to name the one a port implements. Each is consulted at one decision point (coords.c,
 * linear/cubic/antialias/nearest rules); 0 = torch exactly.
 */
/** align_corners=False source coordinate s*i instead of s*(i+0.5)-0.5 (linear, cubic,
 * nearest-exact). */
#define ICR_WHATIF_HALF_PIXEL_DROPPED (1u << 0)
/** nearest index floor(i*in/out) in exact integers (or floor(i/scale) in double when a user
 * scale reaches the kernel), not torch's float arithmetic (pytorch#62237). */
#define ICR_WHATIF_NEAREST_INDEX_EXACT (1u << 1)
/** nearest index rounded (half away from zero) instead of floored (ONNX round_prefer_*). */
#define ICR_WHATIF_NEAREST_ROUND (1u << 2)
/** nearest-exact index floor(max(s*(i+0.5)-0.5, 0)): the half-pixel coordinate floored, not
 * rounded (ONNX half_pixel + floor). */
#define ICR_WHATIF_NEAREST_EXACT_FLOOR (1u << 3)
/** nearest-exact index rounded half to even (nearbyint) instead of floor(x + 0.5). */
#define ICR_WHATIF_NEAREST_EXACT_HALF_EVEN (1u << 4)
/** bicubic (not antialias) with Keys A = -0.5 (PIL, TensorFlow) instead of -0.75. */
#define ICR_WHATIF_CUBIC_A_HALF (1u << 5)
/** antialias bicubic with A = -0.75 instead of PIL's -0.5. */
#define ICR_WHATIF_AA_CUBIC_A_075 (1u << 6)
/** nearest / nearest-exact copy an axis whose output size equals its input size, and nearest
 * halves the index of an axis twice as long, in every layout (torch 1.13: only the
 * channels-last nearest kernel takes these shortcuts, pytorch#62237). */
#define ICR_WHATIF_SAME_SIZE_COPY (1u << 7)
/** no shortcut anywhere: linear's out == in identity and the channels-last nearest
 * out == in / out == 2*in shortcuts computed with the scale like any other size. */
#define ICR_WHATIF_SAME_SIZE_COMPUTED (1u << 8)
/** a negative linear source coordinate is not clamped to 0 (extrapolates at the border; 1.13
 * arithmetic only: under 2.x rules the lambda guard clamps it, so the bit changes nothing). */
#define ICR_WHATIF_LINEAR_UNCLAMPED (1u << 10)
/** bicubic taps outside the input weigh zero (constant border) instead of replicating it. */
#define ICR_WHATIF_CUBIC_ZERO_PAD (1u << 11)
/** area windows end at floor((o+1)*in/out) instead of torch's ceil (adaptive pooling). */
#define ICR_WHATIF_AREA_END_FLOOR (1u << 12)
/** antialias filter weights used as sampled, not divided by their sum. */
#define ICR_WHATIF_AA_UNNORMALISED (1u << 13)

/**
 * Fills sem for a version string "1.13" or "2.14" (also "1.13.1", "2.14.1"; NULL or "" =
 * the newest) with no what-if bits. Returns IC_OK, or IC_ERR_VALUE for an unknown version.
 */
int32_t icr_semantics_for(const char *version, icr_semantics *sem);

/** icr_output_shape under the semantics sem (NULL = the build's default torch, see below). */
int32_t icr_output_shape_ex(const icr_semantics *sem, const ic_tensor *in, const ic_args *args,
                            int32_t *out_ndim, int64_t out_shape[IC_MAX_DIMS], char *msg,
                            size_t msg_len);

/** icr_interpolate under the semantics sem (NULL = the build's default torch). */
int32_t icr_interpolate_ex(const icr_semantics *sem, const ic_tensor *in, const ic_args *args,
                           const ic_tensor *out, char *msg, size_t msg_len);

/**
 * Validates the call as the build's default torch does and computes the output shape.
 * Returns IC_OK, or the enum ic_status category of the exception torch raises, with a
 * message (NUL-terminated, truncated to msg_len) close to torch's in msg. msg may be NULL.
 */
int32_t icr_output_shape(const ic_tensor *in, const ic_args *args, int32_t *out_ndim,
                         int64_t out_shape[IC_MAX_DIMS], char *msg, size_t msg_len);

/**
 * Computes interpolate(in, args) into out. out->shape must equal what icr_output_shape
 * returns, out->dtype must equal in->dtype, out->strides may be any non-overlapping strides,
 * and out->data must not alias in->data. Temporary memory is allocated and freed inside.
 * Returns IC_OK, an error category as icr_output_shape does, IC_ERR_INTERNAL on allocation
 * failure or inconsistent out, or IC_UNSUPPORTED for dtypes torch accepts but the reference
 * does not implement.
 */
int32_t icr_interpolate(const ic_tensor *in, const ic_args *args, const ic_tensor *out, char *msg,
                        size_t msg_len);

#ifdef __cplusplus
}
#endif

#endif /* ICREF_H */

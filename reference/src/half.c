/* half.c - float16 (c10::Half) and bfloat16 (c10::BFloat16) conversions, exactly as c10
 * rounds: float -> Half by fp16_ieee_from_fp32_value (round to nearest even, NaN -> 0x7E00
 * with the sign kept), float -> BFloat16 by round_to_nearest_even (NaN -> 0x7FC0); both
 * widen to float exactly.
 */
#include <math.h>
#include <string.h>

#include "icr_internal.h"

static float bits_to_f32(uint32_t u)
{
    float f;

    memcpy(&f, &u, sizeof f);
    return f;
}

static uint32_t f32_to_bits(float f)
{
    uint32_t u;

    memcpy(&u, &f, sizeof u);
    return u;
}

float icr_half_to_float(uint16_t h)
{
    uint32_t sign = (uint32_t)(h & 0x8000u) << 16;
    uint32_t e = (h >> 10) & 0x1Fu, m = h & 0x3FFu;

    if (e == 0x1F) {
        return bits_to_f32(sign | UINT32_C(0x7F800000) | (m << 13)); /* inf, NaN (payload) */
    }
    if (e == 0) {
        /* zero or subnormal: m * 2^-24, exact in float */
        float v = (float)m * 0x1p-24f;
        return sign ? -v : v;
    }
    return bits_to_f32(sign | ((e + 112u) << 23) | (m << 13));
}

/* fp16_ieee_from_fp32_value (FP16 library, used by c10::Half) */
uint16_t icr_float_to_half(float f)
{
    const float scale_to_inf = 0x1.0p+112f;
    const float scale_to_zero = 0x1.0p-110f;
    float base = (fabsf(f) * scale_to_inf) * scale_to_zero;
    uint32_t w = f32_to_bits(f);
    uint32_t shl1_w = w + w;
    uint32_t sign = w & UINT32_C(0x80000000);
    uint32_t bias = shl1_w & UINT32_C(0xFF000000);
    uint32_t bits, exp_bits, mantissa_bits, nonsign;

    if (bias < UINT32_C(0x71000000)) {
        bias = UINT32_C(0x71000000);
    }
    base = bits_to_f32((bias >> 1) + UINT32_C(0x07800000)) + base;
    bits = f32_to_bits(base);
    exp_bits = (bits >> 13) & UINT32_C(0x00007C00);
    mantissa_bits = bits & UINT32_C(0x00000FFF);
    nonsign = exp_bits + mantissa_bits;
    return (uint16_t)((sign >> 16) | (shl1_w > UINT32_C(0xFF000000) ? UINT32_C(0x7E00) : nonsign));
}

float icr_bf16_to_float(uint16_t b)
{
    return bits_to_f32((uint32_t)b << 16);
}

uint16_t icr_float_to_bf16(float f)
{
    uint32_t u;

    if (f != f) {
        return 0x7FC0;
    }
    u = f32_to_bits(f);
    return (uint16_t)((u + UINT32_C(0x7FFF) + ((u >> 16) & 1u)) >> 16);
}

/**
 * float -> c10::BFloat16 -> float: round to nearest even on the upper 16 bits
 * (round_to_nearest_even, BFloat16.h); NaN becomes the quiet NaN 0x7FC0.
 */
float icr_bf16_round(float x)
{
    return icr_bf16_to_float(icr_float_to_bf16(x));
}

/** float -> c10::Half -> float. */
float icr_half_round(float x)
{
    return icr_half_to_float(icr_float_to_half(x));
}

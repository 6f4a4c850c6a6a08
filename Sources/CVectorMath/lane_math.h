/*
 * Eight-lane double arithmetic shared by the bulk kernels (vector_math.c, normal_rows.c) and the
 * fused path kernel (perpetual_paths.c). Internal header: not part of the module's interface.
 *
 * Everything here is written with clang's generic vector extensions and uses only IEEE-754
 * operations that are correctly rounded (add, multiply, fused multiply-add, divide, square root,
 * round-to-even, exact integer/bit manipulation), in a fixed order. The same source is compiled
 * for AVX-512, for AVX2+FMA and for the baseline x86-64 (where a fused multiply-add becomes a libm
 * `fma` call), so every level produces identical bits: results never depend on the CPU.
 *
 * Accuracy (tested against libm and a long-double reference in VectorMathTests):
 *   hs_exp8          e^x, within 1 ulp for x in [-708, 709]; other lanes are flagged
 *   hs_log8          ln x, within 1 ulp for positive normal x; other lanes are flagged
 *   hs_sincos_2pi8   cos 2πu and sin 2πu, within 2 ulp; 4u is reduced exactly, so there is no
 *                    rounding of the angle 2πu at all
 * The polynomial coefficients were fitted for HedgeSim with mpmath.chebyfit at 50 digits
 * (Chebyshev interpolation, near-minimax) and rounded to double.
 *   Philox4x32-10    integer-exact (Salmon et al., SC11)
 */
#ifndef HS_LANE_MATH_H
#define HS_LANE_MATH_H

#include <stdint.h>
#include <string.h>

typedef double hs_f8 __attribute__((vector_size(64)));
typedef int64_t hs_i8 __attribute__((vector_size(64)));
typedef uint64_t hs_u8 __attribute__((vector_size(64)));

/* Every helper is always inlined into a kernel compiled for one target, so no vector value ever
 * crosses a call boundary and the vector ABI of the baseline target (-Wpsabi) never applies. */
#pragma clang diagnostic ignored "-Wpsabi"

#define HS_INLINE static inline __attribute__((always_inline))

/* The three compilation targets of every kernel; see hs_vector_level. */
#if defined(__x86_64__)
#define HS_TARGET_AVX512 __attribute__((target("avx512f,avx512dq,avx2,fma")))
#define HS_TARGET_AVX2 __attribute__((target("avx2,fma")))
#else
#define HS_TARGET_AVX512
#define HS_TARGET_AVX2
#endif

/* Defines name_avx512, name_avx2 and name_base, each running name_body for its target. */
#define HS_LEVEL_VARIANTS(name, params, args)                                                  \
    HS_TARGET_AVX512 static void name##_avx512 params { name##_body args; }                     \
    HS_TARGET_AVX2 static void name##_avx2 params { name##_body args; }                         \
    static void name##_base params { name##_body args; }

/* MARK: - Loads, stores, selection */

HS_INLINE hs_f8 hs_load8(const double *p) {
    hs_f8 v;
    memcpy(&v, p, sizeof v);
    return v;
}

HS_INLINE void hs_store8(double *p, hs_f8 v) { memcpy(p, &v, sizeof v); }

/* Loads the first n (0..8) lanes; the others are `fill`. */
HS_INLINE hs_f8 hs_load_partial8(const double *p, long n, double fill) {
    double lanes[8];
    for (int l = 0; l < 8; l++) lanes[l] = l < n ? p[l] : fill;
    return hs_load8(lanes);
}

/* Stores the first n (0..8) lanes. */
HS_INLINE void hs_store_partial8(double *p, hs_f8 v, long n) {
    double lanes[8];
    hs_store8(lanes, v);
    for (int l = 0; l < 8 && l < n; l++) p[l] = lanes[l];
}

HS_INLINE hs_f8 hs_splat8(double x) { return (hs_f8){x, x, x, x, x, x, x, x}; }

HS_INLINE hs_f8 hs_fma8(hs_f8 a, hs_f8 b, hs_f8 c) { return __builtin_elementwise_fma(a, b, c); }

/* mask lanes (all ones) take a, the others b. */
HS_INLINE hs_f8 hs_select8(hs_i8 mask, hs_f8 a, hs_f8 b) {
    return (hs_f8)(((hs_i8)a & mask) | ((hs_i8)b & ~mask));
}

/* Swift's min/max: min(x, y) = y < x ? y : x, max(x, y) = y >= x ? y : x. */
HS_INLINE hs_f8 hs_min8(hs_f8 x, hs_f8 y) { return hs_select8(y < x, y, x); }
HS_INLINE hs_f8 hs_max8(hs_f8 x, hs_f8 y) { return hs_select8(y >= x, y, x); }

HS_INLINE int hs_any8(hs_i8 mask) { return __builtin_reduce_or(mask) != 0; }

/* MARK: - exp */

/* ln 2 split so that k·ln2_hi is exact for |k| < 2^11: ln2_hi has 42 significant bits. */
#define HS_LN2_HI 0x1.62e42fefa3800p-1
#define HS_LN2_LO 0x1.ef35793c76730p-45
#define HS_LOG2E 0x1.71547652b82fep+0

/* Lanes where hs_exp8's reduction is valid: x in [-708, 709] (NaN lanes are outside). */
HS_INLINE hs_i8 hs_exp_domain8(hs_f8 x) { return (x >= -708.0) & (x <= 709.0); }

/*
 * e^x = 2^k · e^r with k = round(x·log₂e) and r = x − k·ln 2 (two fused steps, |r| ≤ 0.35);
 * e^r by its Taylor polynomial to r¹³ (truncation < 2^-60), Horner with fused multiply-adds;
 * 2^k is added to the exponent field. Only lanes in hs_exp_domain8 are meaningful.
 */
HS_INLINE hs_f8 hs_exp8(hs_f8 x) {
    hs_f8 k = __builtin_elementwise_roundeven(x * HS_LOG2E);
    hs_f8 r = hs_fma8(-k, hs_splat8(HS_LN2_HI), x);
    r = hs_fma8(-k, hs_splat8(HS_LN2_LO), r);
    hs_f8 p = hs_splat8(0x1.6124613a86d09p-33);          /* 1/13! */
    p = hs_fma8(p, r, hs_splat8(0x1.1eed8eff8d898p-29));  /* 1/12! */
    p = hs_fma8(p, r, hs_splat8(0x1.ae64567f544e4p-26));  /* 1/11! */
    p = hs_fma8(p, r, hs_splat8(0x1.27e4fb7789f5cp-22));  /* 1/10! */
    p = hs_fma8(p, r, hs_splat8(0x1.71de3a556c734p-19));  /* 1/9! */
    p = hs_fma8(p, r, hs_splat8(0x1.a01a01a01a01ap-16));  /* 1/8! */
    p = hs_fma8(p, r, hs_splat8(0x1.a01a01a01a01ap-13));  /* 1/7! */
    p = hs_fma8(p, r, hs_splat8(0x1.6c16c16c16c17p-10));  /* 1/6! */
    p = hs_fma8(p, r, hs_splat8(0x1.1111111111111p-7));   /* 1/5! */
    p = hs_fma8(p, r, hs_splat8(0x1.5555555555555p-5));   /* 1/4! */
    p = hs_fma8(p, r, hs_splat8(0x1.5555555555555p-3));   /* 1/3! */
    p = hs_fma8(p, r, hs_splat8(0.5));
    p = hs_fma8(p, r, hs_splat8(1.0));
    p = hs_fma8(p, r, hs_splat8(1.0));
    hs_i8 scale = __builtin_convertvector(k, hs_i8) << 52;
    return (hs_f8)((hs_i8)p + scale);
}

/* MARK: - log */

/* Lanes where hs_log8 is valid: positive, normal and finite. */
HS_INLINE hs_i8 hs_log_domain8(hs_f8 x) { return (x >= 0x1p-1022) & (x <= 0x1.fffffffffffffp+1023); }

/*
 * ln x for x = m·2^e with m in [√½, √2): with f = m − 1, s = f/(2 + f), z = s², hf = f²/2,
 *   ln m = f − (hf − s·(hf + T(z))),   T(z) = 2·(atanh(s)/s − 1) = 2z/3 + 2z²/5 + …
 * (ln m = 2·atanh s rearranged so the rounding of s only enters a small correction), and
 * ln x = e·ln2_hi + (ln m + e·ln2_lo). T(z)/z is a degree-6 Chebyshev fit on [0, (3 − 2√2)²]
 * (relative error 2^-51 in T, which enters ln m scaled by z/3 ≤ 0.01). Only lanes in
 * hs_log_domain8 are meaningful.
 */
HS_INLINE hs_f8 hs_log8(hs_f8 x) {
    hs_i8 bits = (hs_i8)x;
    hs_i8 e = (bits - 0x3FE6A09E667F3BCDll) >> 52; /* 0x3FE6A09E667F3BCD = bits of √½ */
    hs_f8 m = (hs_f8)(bits - (e << 52));
    hs_f8 f = m - 1.0;
    hs_f8 s = f / (f + 2.0);
    hs_f8 z = s * s;
    hs_f8 t = hs_splat8(0x1.2b584aae78a57p-3);
    t = hs_fma8(t, z, hs_splat8(0x1.39fe606542ddep-3));
    t = hs_fma8(t, z, hs_splat8(0x1.7462b4ab2ef6bp-3));
    t = hs_fma8(t, z, hs_splat8(0x1.c71c62e5800a1p-3));
    t = hs_fma8(t, z, hs_splat8(0x1.2492492df148dp-2));
    t = hs_fma8(t, z, hs_splat8(0x1.99999999952e2p-2));
    t = hs_fma8(t, z, hs_splat8(0x1.5555555555558p-1));
    t = t * z;
    hs_f8 hf = 0.5 * f * f;
    hs_f8 k = __builtin_convertvector(e, hs_f8);
    return k * HS_LN2_HI - ((hf - (s * (hf + t) + k * HS_LN2_LO)) - f);
}

/* MARK: - cos 2πu, sin 2πu */

/*
 * With v = 4u (exact), n = round(v) and r = v − n in [−½, ½] (exact), 2πu = n·π/2 + θ, θ = r·π/2:
 * cos θ = C(r²) and sin θ = r·S(r²) from Chebyshev fits on r² in [0, ¼] (degree 7 and 6; relative
 * error 2^-64 and 2^-58), then rotated by the quadrant n mod 4. Valid for |u| < 2^50.
 */
HS_INLINE void hs_sincos_2pi8(hs_f8 u, hs_f8 *cosine, hs_f8 *sine) {
    hs_f8 v = 4.0 * u;
    hs_f8 n = __builtin_elementwise_roundeven(v);
    hs_f8 r = v - n;
    hs_f8 r2 = r * r;
    hs_f8 sp = hs_splat8(0x1.e3f38399551bfp-25);
    sp = hs_fma8(sp, r2, hs_splat8(-0x1.e30071afc3e59p-19));
    sp = hs_fma8(sp, r2, hs_splat8(0x1.50782fda12d96p-13));
    sp = hs_fma8(sp, r2, hs_splat8(-0x1.32d2cce2e5b19p-8));
    sp = hs_fma8(sp, r2, hs_splat8(0x1.466bc677587f8p-4));
    sp = hs_fma8(sp, r2, hs_splat8(-0x1.4abbce625be41p-1));
    sp = hs_fma8(sp, r2, hs_splat8(0x1.921fb54442d18p+0));
    hs_f8 sn = sp * r;
    hs_f8 cp = hs_splat8(-0x1.b264ba152378ap-28);
    cp = hs_fma8(cp, r2, hs_splat8(0x1.f9cc41140bb60p-22));
    cp = hs_fma8(cp, r2, hs_splat8(-0x1.a6d1ec7906c20p-16));
    cp = hs_fma8(cp, r2, hs_splat8(0x1.e1f5068355e15p-11));
    cp = hs_fma8(cp, r2, hs_splat8(-0x1.55d3c7e3c90f8p-6));
    cp = hs_fma8(cp, r2, hs_splat8(0x1.03c1f081b5aacp-2));
    cp = hs_fma8(cp, r2, hs_splat8(-0x1.3bd3cc9be45dep+0));
    hs_f8 cs = hs_fma8(cp, r2, hs_splat8(1.0));
    hs_i8 q = __builtin_convertvector(n, hs_i8) & 3;
    hs_i8 odd = -(q & 1);
    hs_f8 c = hs_select8(odd, sn, cs);
    hs_f8 s = hs_select8(odd, cs, sn);
    *cosine = (hs_f8)((hs_i8)c ^ (((q + 1) & 2) << 62));
    *sine = (hs_f8)((hs_i8)s ^ ((q & 2) << 62));
}

/* MARK: - Box–Muller */

/*
 * z1 = √(−2 ln u1)·cos 2πu2, z2 = √(−2 ln u1)·sin 2πu2 (Box & Muller 1958). Only lanes with u1
 * in hs_log_domain8 are meaningful.
 */
HS_INLINE void hs_box_muller8(hs_f8 u1, hs_f8 u2, hs_f8 *z1, hs_f8 *z2) {
    hs_f8 radius = __builtin_elementwise_sqrt(-2.0 * hs_log8(u1));
    hs_f8 c, s;
    hs_sincos_2pi8(u2, &c, &s);
    *z1 = radius * c;
    *z2 = radius * s;
}

/* MARK: - Philox4x32-10 */

#define HS_PHILOX_M0 0xD2511F53u
#define HS_PHILOX_M1 0xCD9E8D57u
#define HS_PHILOX_W0 0x9E3779B9u
#define HS_PHILOX_W1 0xBB67AE85u

/* The four output words of eight Philox4x32-10 blocks, one block per 64-bit lane, each word in
 * the low 32 bits of its lane (the high halves hold junk). */
typedef struct { hs_u8 w0, w1, w2, w3; } hs_philox8;

/*
 * Philox4x32-10 of the counters (c0, c1, c2, c3) — each in the low half of its lane — under the key
 * (k0, k1). Each round multiplies the low 32 bits of two words (vpmuludq): hi = product >> 32.
 */
HS_INLINE hs_philox8 hs_philox10(hs_u8 c0, hs_u8 c1, hs_u8 c2, hs_u8 c3, uint32_t k0, uint32_t k1) {
    const hs_u8 low = (hs_u8){0} + 0xFFFFFFFFull;
    for (int round = 0; round < 10; round++) {
        hs_u8 p0 = (c0 & low) * HS_PHILOX_M0;
        hs_u8 p1 = (c2 & low) * HS_PHILOX_M1;
        hs_u8 n0 = (p1 >> 32) ^ c1 ^ (uint64_t)k0;
        hs_u8 n2 = (p0 >> 32) ^ c3 ^ (uint64_t)k1;
        c1 = p1;
        c3 = p0;
        c0 = n0;
        c2 = n2;
        k0 += HS_PHILOX_W0;
        k1 += HS_PHILOX_W1;
    }
    return (hs_philox8){c0, c1, c2, c3};
}

/* (k + ½)·2^-52 for k = the top 52 bits of high·2^32 + low: in (0, 1), exact. */
HS_INLINE hs_f8 hs_open_unit52(hs_u8 high, hs_u8 low) {
    const hs_u8 word = (hs_u8){0} + 0xFFFFFFFFull;
    hs_u8 k = ((high & word) << 20) | ((low & word) >> 12);
    return (hs_f8)(k | 0x3FF0000000000000ull) - (1.0 - 0x1p-53);
}

/* (w + ½)·2^-32 for the 32-bit word w: in (0, 1), exact. */
HS_INLINE hs_f8 hs_open_unit32(hs_u8 w) {
    const hs_u8 word = (hs_u8){0} + 0xFFFFFFFFull;
    return (hs_f8)(((w & word) << 20) | 0x3FF0000000000000ull | (1ull << 19)) - 1.0;
}

#endif /* HS_LANE_MATH_H */

/*
 * Multi-lane double arithmetic shared by the bulk kernels (vector_math.c, normal_rows.c) and the
 * fused path kernel (perpetual_paths.c). Internal header: not part of the module's interface.
 *
 * Everything here is written with clang's generic vector extensions and uses only IEEE-754
 * operations that are correctly rounded (add, multiply, fused multiply-add, divide, square root,
 * round-to-even, exact integer/bit manipulation), in a fixed order. The same source is compiled
 * for AVX-512, for AVX2+FMA and for the baseline x86-64 (where a fused multiply-add becomes a libm
 * `fma` call), so every level produces identical bits: results never depend on the CPU.
 *
 * Accuracy (tested against libm and a long-double reference in VectorMathTests):
 *   hs_exp_v          e^x, within 1 ulp for x in [-708, 709]; other lanes are flagged
 *   hs_log_v          ln x, within 1 ulp for positive normal x; other lanes are flagged
 *   hs_sincos_2pi_v   cos 2πu and sin 2πu, within 2 ulp; 4u is reduced exactly, so there is no
 *                    rounding of the angle 2πu at all
 * The polynomial coefficients were fitted for HedgeSim with mpmath.chebyfit at 50 digits
 * (Chebyshev interpolation, near-minimax) and rounded to double.
 *   Philox4x32-10    integer-exact (Salmon et al., SC11)
 */
#ifndef HS_LANE_MATH_H
#define HS_LANE_MATH_H

#include <math.h>
#include <stdint.h>
#include <string.h>

/*
 * Lanes per vector value. Wider than a register on purpose: at 32 lanes every operation becomes four
 * independent AVX-512 instructions (eight AVX2 ones) issued side by side, so the long dependency
 * chains of the polynomials and of Philox overlap within the out-of-order window (measured on W1,
 * Zen 5: 2.85 ns per path·step at 8 lanes, 2.55 at 16, 2.35 at 32). Results do not depend on it:
 * lanes never interact.
 */
#define HS_WIDTH 32
#define HS_LANE_LIST 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
/* Lane 2k and 2k+1 both read lane 2k (antithetic pairs). */
#define HS_PAIR_LEADER_LIST 0, 0, 2, 2, 4, 4, 6, 6, 8, 8, 10, 10, 12, 12, 14, 14, 16, 16, 18, 18, 20, 20, 22, 22, 24, 24, 26, 26, 28, 28, 30, 30

typedef double hs_fv __attribute__((vector_size(8 * HS_WIDTH)));
typedef int64_t hs_iv __attribute__((vector_size(8 * HS_WIDTH)));
typedef uint64_t hs_uv __attribute__((vector_size(8 * HS_WIDTH)));

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

HS_INLINE hs_fv hs_load_v(const double *p) {
    hs_fv v;
    memcpy(&v, p, sizeof v);
    return v;
}

HS_INLINE void hs_store_v(double *p, hs_fv v) { memcpy(p, &v, sizeof v); }

/* Loads the first n (0..HS_WIDTH) lanes; the others are `fill`. */
HS_INLINE hs_fv hs_load_partial_v(const double *p, long n, double fill) {
    double lanes[HS_WIDTH];
    for (int l = 0; l < HS_WIDTH; l++) lanes[l] = l < n ? p[l] : fill;
    return hs_load_v(lanes);
}

/* Stores the first n (0..HS_WIDTH) lanes. */
HS_INLINE void hs_store_partial_v(double *p, hs_fv v, long n) {
    double lanes[HS_WIDTH];
    hs_store_v(lanes, v);
    for (int l = 0; l < HS_WIDTH && l < n; l++) p[l] = lanes[l];
}

/* x in every lane (x − (+0) is x exactly, −0 and NaN included). */
HS_INLINE hs_fv hs_splat_v(double x) { return x - (hs_fv){0}; }

/* 0, 1, …, HS_WIDTH − 1. */
HS_INLINE hs_uv hs_lane_index_v(void) { return (hs_uv){HS_LANE_LIST}; }

/* Antithetic pairs: lanes 2k and 2k+1 get z[2k] and −z[2k]. */
HS_INLINE hs_fv hs_mirror_pairs_v(hs_fv z) {
    hs_fv leader = __builtin_shufflevector(z, z, HS_PAIR_LEADER_LIST);
    hs_iv odd = (hs_iv)(hs_lane_index_v() & 1) << 63;
    return (hs_fv)((hs_iv)leader ^ odd);
}

HS_INLINE hs_fv hs_fma_v(hs_fv a, hs_fv b, hs_fv c) { return __builtin_elementwise_fma(a, b, c); }

/* mask lanes (all ones) take a, the others b. */
HS_INLINE hs_fv hs_select_v(hs_iv mask, hs_fv a, hs_fv b) {
    return (hs_fv)(((hs_iv)a & mask) | ((hs_iv)b & ~mask));
}

/* The integer lanes of a where mask is set, of b elsewhere. */
HS_INLINE hs_iv hs_select_i(hs_iv mask, hs_iv a, hs_iv b) { return (a & mask) | (b & ~mask); }

/* Swift's min/max: min(x, y) = y < x ? y : x, max(x, y) = y >= x ? y : x. */
HS_INLINE hs_fv hs_min_v(hs_fv x, hs_fv y) { return hs_select_v(y < x, y, x); }
HS_INLINE hs_fv hs_max_v(hs_fv x, hs_fv y) { return hs_select_v(y >= x, y, x); }

HS_INLINE int hs_any_v(hs_iv mask) { return __builtin_reduce_or(mask) != 0; }

/* MARK: - exp */

/* ln 2 split so that k·ln2_hi is exact for |k| < 2^11: ln2_hi has 42 significant bits. */
#define HS_LN2_HI 0x1.62e42fefa3800p-1
#define HS_LN2_LO 0x1.ef35793c76730p-45
#define HS_LOG2E 0x1.71547652b82fep+0

/* Lanes where hs_exp_v's reduction is valid: x in [-708, 709] (NaN lanes are outside). */
HS_INLINE hs_iv hs_exp_domain_v(hs_fv x) { return (x >= -708.0) & (x <= 709.0); }

/*
 * e^x = 2^k · e^r with k = round(x·log₂e) and r = x − k·ln 2 (two fused steps, |r| ≤ 0.35);
 * e^r by its Taylor polynomial to r¹³ (truncation < 2^-60), Horner with fused multiply-adds;
 * 2^k is added to the exponent field. Only lanes in hs_exp_domain_v are meaningful.
 */
HS_INLINE hs_fv hs_exp_v(hs_fv x) {
    hs_fv k = __builtin_elementwise_roundeven(x * HS_LOG2E);
    hs_fv r = hs_fma_v(-k, hs_splat_v(HS_LN2_HI), x);
    r = hs_fma_v(-k, hs_splat_v(HS_LN2_LO), r);
    hs_fv p = hs_splat_v(0x1.6124613a86d09p-33);          /* 1/13! */
    p = hs_fma_v(p, r, hs_splat_v(0x1.1eed8eff8d898p-29));  /* 1/12! */
    p = hs_fma_v(p, r, hs_splat_v(0x1.ae64567f544e4p-26));  /* 1/11! */
    p = hs_fma_v(p, r, hs_splat_v(0x1.27e4fb7789f5cp-22));  /* 1/10! */
    p = hs_fma_v(p, r, hs_splat_v(0x1.71de3a556c734p-19));  /* 1/9! */
    p = hs_fma_v(p, r, hs_splat_v(0x1.a01a01a01a01ap-16));  /* 1/8! */
    p = hs_fma_v(p, r, hs_splat_v(0x1.a01a01a01a01ap-13));  /* 1/7! */
    p = hs_fma_v(p, r, hs_splat_v(0x1.6c16c16c16c17p-10));  /* 1/6! */
    p = hs_fma_v(p, r, hs_splat_v(0x1.1111111111111p-7));   /* 1/5! */
    p = hs_fma_v(p, r, hs_splat_v(0x1.5555555555555p-5));   /* 1/4! */
    p = hs_fma_v(p, r, hs_splat_v(0x1.5555555555555p-3));   /* 1/3! */
    p = hs_fma_v(p, r, hs_splat_v(0.5));
    p = hs_fma_v(p, r, hs_splat_v(1.0));
    p = hs_fma_v(p, r, hs_splat_v(1.0));
    hs_iv scale = __builtin_convertvector(k, hs_iv) << 52;
    return (hs_fv)((hs_iv)p + scale);
}

/* MARK: - log */

/* Lanes where hs_log_v is valid: positive, normal and finite. */
HS_INLINE hs_iv hs_log_domain_v(hs_fv x) { return (x >= 0x1p-1022) & (x <= 0x1.fffffffffffffp+1023); }

/*
 * ln x for x = m·2^e with m in [√½, √2): with f = m − 1, s = f/(2 + f), z = s², hf = f²/2,
 *   ln m = f − (hf − s·(hf + T(z))),   T(z) = 2·(atanh(s)/s − 1) = 2z/3 + 2z²/5 + …
 * (ln m = 2·atanh s rearranged so the rounding of s only enters a small correction), and
 * ln x = e·ln2_hi + (ln m + e·ln2_lo). T(z)/z is a degree-6 Chebyshev fit on [0, (3 − 2√2)²]
 * (relative error 2^-51 in T, which enters ln m scaled by z/3 ≤ 0.01). Only lanes in
 * hs_log_domain_v are meaningful.
 */
HS_INLINE hs_fv hs_log_v(hs_fv x) {
    hs_iv bits = (hs_iv)x;
    hs_iv e = (bits - 0x3FE6A09E667F3BCDll) >> 52; /* 0x3FE6A09E667F3BCD = bits of √½ */
    hs_fv m = (hs_fv)(bits - (e << 52));
    hs_fv f = m - 1.0;
    hs_fv s = f / (f + 2.0);
    hs_fv z = s * s;
    hs_fv t = hs_splat_v(0x1.2b584aae78a57p-3);
    t = hs_fma_v(t, z, hs_splat_v(0x1.39fe606542ddep-3));
    t = hs_fma_v(t, z, hs_splat_v(0x1.7462b4ab2ef6bp-3));
    t = hs_fma_v(t, z, hs_splat_v(0x1.c71c62e5800a1p-3));
    t = hs_fma_v(t, z, hs_splat_v(0x1.2492492df148dp-2));
    t = hs_fma_v(t, z, hs_splat_v(0x1.99999999952e2p-2));
    t = hs_fma_v(t, z, hs_splat_v(0x1.5555555555558p-1));
    t = t * z;
    hs_fv hf = 0.5 * f * f;
    hs_fv k = __builtin_convertvector(e, hs_fv);
    return k * HS_LN2_HI - ((hf - (s * (hf + t) + k * HS_LN2_LO)) - f);
}

/* MARK: - Checked exp and log */

/* y with the lanes outside `inside` recomputed by the scalar libm function f: the same on every
 * level, for the rare arguments the polynomials do not cover. */
HS_INLINE hs_fv hs_patch_lanes_v(hs_fv x, hs_fv y, hs_iv inside, double (*f)(double)) {
    if (__builtin_reduce_and(inside) == -1) return y;
    double xs[HS_WIDTH], ys[HS_WIDTH];
    int64_t in[HS_WIDTH];
    hs_store_v(xs, x);
    hs_store_v(ys, y);
    memcpy(in, &inside, sizeof in);
    for (int l = 0; l < HS_WIDTH; l++)
        if (!in[l]) ys[l] = f(xs[l]);
    return hs_load_v(ys);
}

/* e^x for every finite or infinite x and NaN: hs_exp_v, with libm outside [−708, 709]. */
HS_INLINE hs_fv hs_exp_checked_v(hs_fv x) { return hs_patch_lanes_v(x, hs_exp_v(x), hs_exp_domain_v(x), exp); }

/* ln x for every x: hs_log_v, with libm for zero, negative, subnormal and non-finite x. */
HS_INLINE hs_fv hs_log_checked_v(hs_fv x) { return hs_patch_lanes_v(x, hs_log_v(x), hs_log_domain_v(x), log); }

/* MARK: - cos 2πu, sin 2πu */

/*
 * With v = 4u (exact), n = round(v) and r = v − n in [−½, ½] (exact), 2πu = n·π/2 + θ, θ = r·π/2:
 * cos θ = C(r²) and sin θ = r·S(r²) from Chebyshev fits on r² in [0, ¼] (degree 7 and 6; relative
 * error 2^-64 and 2^-58), then rotated by the quadrant n mod 4. Valid for |u| < 2^50.
 */
HS_INLINE void hs_sincos_2pi_v(hs_fv u, hs_fv *cosine, hs_fv *sine) {
    hs_fv v = 4.0 * u;
    hs_fv n = __builtin_elementwise_roundeven(v);
    hs_fv r = v - n;
    hs_fv r2 = r * r;
    hs_fv sp = hs_splat_v(0x1.e3f38399551bfp-25);
    sp = hs_fma_v(sp, r2, hs_splat_v(-0x1.e30071afc3e59p-19));
    sp = hs_fma_v(sp, r2, hs_splat_v(0x1.50782fda12d96p-13));
    sp = hs_fma_v(sp, r2, hs_splat_v(-0x1.32d2cce2e5b19p-8));
    sp = hs_fma_v(sp, r2, hs_splat_v(0x1.466bc677587f8p-4));
    sp = hs_fma_v(sp, r2, hs_splat_v(-0x1.4abbce625be41p-1));
    sp = hs_fma_v(sp, r2, hs_splat_v(0x1.921fb54442d18p+0));
    hs_fv sn = sp * r;
    hs_fv cp = hs_splat_v(-0x1.b264ba152378ap-28);
    cp = hs_fma_v(cp, r2, hs_splat_v(0x1.f9cc41140bb60p-22));
    cp = hs_fma_v(cp, r2, hs_splat_v(-0x1.a6d1ec7906c20p-16));
    cp = hs_fma_v(cp, r2, hs_splat_v(0x1.e1f5068355e15p-11));
    cp = hs_fma_v(cp, r2, hs_splat_v(-0x1.55d3c7e3c90f8p-6));
    cp = hs_fma_v(cp, r2, hs_splat_v(0x1.03c1f081b5aacp-2));
    cp = hs_fma_v(cp, r2, hs_splat_v(-0x1.3bd3cc9be45dep+0));
    hs_fv cs = hs_fma_v(cp, r2, hs_splat_v(1.0));
    hs_iv q = __builtin_convertvector(n, hs_iv) & 3;
    hs_iv odd = -(q & 1);
    hs_fv c = hs_select_v(odd, sn, cs);
    hs_fv s = hs_select_v(odd, cs, sn);
    *cosine = (hs_fv)((hs_iv)c ^ (((q + 1) & 2) << 62));
    *sine = (hs_fv)((hs_iv)s ^ ((q & 2) << 62));
}

/* MARK: - Box–Muller */

/*
 * z1 = √(−2 ln u1)·cos 2πu2, z2 = √(−2 ln u1)·sin 2πu2 (Box & Muller 1958). Only lanes with u1
 * in hs_log_domain_v are meaningful.
 */
HS_INLINE void hs_box_muller_v(hs_fv u1, hs_fv u2, hs_fv *z1, hs_fv *z2) {
    hs_fv radius = __builtin_elementwise_sqrt(-2.0 * hs_log_v(u1));
    hs_fv c, s;
    hs_sincos_2pi_v(u2, &c, &s);
    *z1 = radius * c;
    *z2 = radius * s;
}

/* MARK: - Student t */

/*
 * e^x − 1 for 0 ≤ x ≤ 709 without cancellation: below ⅛ the Taylor polynomial x·(1 + x/2! + … +
 * x¹⁰/11!) (truncation below 2^-61 relative), from ⅛ on hs_exp_v(x) − 1 (relative error below 2^-49).
 */
HS_INLINE hs_fv hs_expm1_nonnegative_v(hs_fv x) {
    hs_fv p = hs_splat_v(1.0 / 39916800.0);
    p = hs_fma_v(p, x, hs_splat_v(1.0 / 3628800.0));
    p = hs_fma_v(p, x, hs_splat_v(1.0 / 362880.0));
    p = hs_fma_v(p, x, hs_splat_v(1.0 / 40320.0));
    p = hs_fma_v(p, x, hs_splat_v(1.0 / 5040.0));
    p = hs_fma_v(p, x, hs_splat_v(1.0 / 720.0));
    p = hs_fma_v(p, x, hs_splat_v(1.0 / 120.0));
    p = hs_fma_v(p, x, hs_splat_v(1.0 / 24.0));
    p = hs_fma_v(p, x, hs_splat_v(1.0 / 6.0));
    p = hs_fma_v(p, x, hs_splat_v(0.5));
    p = hs_fma_v(p, x, hs_splat_v(1.0));
    return hs_select_v(x < 0.125, p * x, hs_exp_v(x) - 1.0);
}

/*
 * Box–Muller with a Student-t variate of the same two uniforms. Bailey's polar method (Bailey 1994,
 * Math. Comp. 62) takes a point (U, V) uniform in the unit disc, W = U² + V², and gives
 * T = U·√(ν(W^(−2/ν) − 1)/W) ~ t_ν for any real ν > 0. The point √u1·(cos 2πu2, sin 2πu2) is uniform
 * in the disc with W = u1, so with no rejection and no further uniforms
 *   t  = cos 2πu2 · √(ν·(e^((−2/ν)·ln u1) − 1)),
 *   z1 = cos 2πu2 · √(−2 ln u1),   z2 = sin 2πu2 · √(−2 ln u1)   (exactly hs_box_muller_v).
 * t and z1 share the angle and grow together with −ln u1. ν > 2 keeps the exponent below 37.
 */
HS_INLINE void hs_box_muller_t_v(hs_fv u1, hs_fv u2, double dof, hs_fv *z1, hs_fv *z2, hs_fv *t) {
    hs_fv log_u1 = hs_log_v(u1);
    hs_fv radius = __builtin_elementwise_sqrt(-2.0 * log_u1);
    hs_fv c, s;
    hs_sincos_2pi_v(u2, &c, &s);
    *z1 = radius * c;
    *z2 = radius * s;
    *t = c * __builtin_elementwise_sqrt(dof * hs_expm1_nonnegative_v((-2.0 / dof) * log_u1));
}

/* MARK: - Philox4x32-10 */

#define HS_PHILOX_M0 0xD2511F53u
#define HS_PHILOX_M1 0xCD9E8D57u
#define HS_PHILOX_W0 0x9E3779B9u
#define HS_PHILOX_W1 0xBB67AE85u

/* The four output words of HS_WIDTH Philox4x32-10 blocks, one block per 64-bit lane, each word in
 * the low 32 bits of its lane (the high halves hold junk). */
typedef struct { hs_uv w0, w1, w2, w3; } hs_philox_v;

/*
 * Philox4x32-10 of the counters (c0, c1, c2, c3) — each in the low half of its lane — under the key
 * (k0, k1). Each round multiplies the low 32 bits of two words (vpmuludq): hi = product >> 32.
 */
HS_INLINE hs_philox_v hs_philox10(hs_uv c0, hs_uv c1, hs_uv c2, hs_uv c3, uint32_t k0, uint32_t k1) {
    const hs_uv low = (hs_uv){0} + 0xFFFFFFFFull;
#pragma clang loop unroll(full)
    for (int round = 0; round < 10; round++) {
        hs_uv p0 = (c0 & low) * HS_PHILOX_M0;
        hs_uv p1 = (c2 & low) * HS_PHILOX_M1;
        hs_uv n0 = (p1 >> 32) ^ c1 ^ (uint64_t)k0;
        hs_uv n2 = (p0 >> 32) ^ c3 ^ (uint64_t)k1;
        c1 = p1;
        c3 = p0;
        c0 = n0;
        c2 = n2;
        k0 += HS_PHILOX_W0;
        k1 += HS_PHILOX_W1;
    }
    return (hs_philox_v){c0, c1, c2, c3};
}

/* (k + ½)·2^-52 for k = the top 52 bits of high·2^32 + low: in (0, 1), exact. */
HS_INLINE hs_fv hs_open_unit52(hs_uv high, hs_uv low) {
    const hs_uv word = (hs_uv){0} + 0xFFFFFFFFull;
    hs_uv k = ((high & word) << 20) | ((low & word) >> 12);
    return (hs_fv)(k | 0x3FF0000000000000ull) - (1.0 - 0x1p-53);
}

/* The stationary bootstrap of Politis and Romano over a history of `length` steps: each lane's
 * position after `step`. At step 0, and at a later step when the 52-bit uniform of words 1:0 of the
 * lane's Philox block `b` (counter (0, step, path, purpose bootstrap)) is below restart_probability
 * (1/L for a mean block length of L steps), a new block starts at ⌊u·length⌋, u the 52-bit uniform of
 * words 3:2; otherwise the position moves on by one, wrapping to 0 after the last step. The
 * single-coin kernel and the portfolio's joint bootstrap both step with this. */
HS_INLINE hs_iv hs_bootstrap_positions_v(hs_philox_v b, long step, double restart_probability, long length,
                                         hs_iv position) {
    const hs_iv restart = step == 0 ? (hs_iv){0} - 1 : hs_open_unit52(b.w1, b.w0) < restart_probability;
    hs_iv chosen = __builtin_convertvector(hs_open_unit52(b.w3, b.w2) * (double)length, hs_iv);
    chosen = hs_select_i(chosen < length - 1, chosen, (hs_iv){0} + (length - 1));
    hs_iv next = position + 1;
    next = hs_select_i(next == length, (hs_iv){0}, next);
    return hs_select_i(restart, chosen, next);
}

/* (w + ½)·2^-32 for the 32-bit word w: in (0, 1), exact. */
HS_INLINE hs_fv hs_open_unit32(hs_uv w) {
    const hs_uv word = (hs_uv){0} + 0xFFFFFFFFull;
    return (hs_fv)(((w & word) << 20) | 0x3FF0000000000000ull | (1ull << 19)) - 1.0;
}

/* The normal pair (z1, z2) and spare uniform u3 of the blocks with counters (index, step, path
 * lanes, purpose): Box–Muller of the 52-bit uniform of words 1:0 and the 32-bit uniform of word 2;
 * u3 from word 3 (see hs_normal_rows). */
HS_INLINE void hs_normal_pair_v(uint64_t seed, uint32_t purpose, uint32_t index, uint64_t step, hs_uv paths,
                                hs_fv *z1, hs_fv *z2, hs_fv *u3) {
    const hs_uv zero = {0};
    hs_philox_v w = hs_philox10(zero + index, zero + step, paths, zero + purpose, (uint32_t)seed,
                                (uint32_t)(seed >> 32));
    hs_box_muller_v(hs_open_unit52(w.w1, w.w0), hs_open_unit32(w.w2), z1, z2);
    *u3 = hs_open_unit32(w.w3);
}

/* The maximum of a log price's Brownian bridge over one step, from `previous` to `next` less `jump` (a
 * jump comes at the step's end), of variance s² = `variance`, with `log_uniform` = ln U, U uniform on
 * (0, 1]: max(previous + ½(m + √(m² − 2s² ln U)), next), m = next − previous − jump. */
HS_INLINE hs_fv hs_bridge_max_v(hs_fv previous, hs_fv next, hs_fv jump, hs_fv variance, hs_fv log_uniform) {
    const hs_fv move = next - previous - jump;
    const hs_fv rise = 0.5 * (move + __builtin_elementwise_sqrt(move * move - 2 * variance * log_uniform));
    return hs_max_v(previous + rise, next);
}

/* MARK: - Compound-Poisson jumps */

/*
 * Sum of the log jumps of a step for the lanes whose jump uniform exceeds no_jump = e^{−λΔt}: the
 * Poisson count k by inverse CDF (at most 64), then k·μ_J + √k·σ_J·Z with Z the first normal of the
 * jump-size block (index, step, path, purpose). Other lanes, and lanes at or past `valid`, get 0. The
 * one definition of a jump, for the path kernel and the portfolio step.
 */
HS_INLINE hs_fv hs_compound_jumps_v(uint64_t seed, uint32_t purpose, uint32_t index, long step, hs_uv paths,
                                    hs_fv jump_uniform, long valid, double no_jump, double rate, double mean,
                                    double stdev) {
    hs_fv z, unused, spare;
    hs_normal_pair_v(seed, purpose, index, (uint64_t)step, paths, &z, &unused, &spare);
    double u[HS_WIDTH], normal[HS_WIDTH], jump[HS_WIDTH];
    hs_store_v(u, jump_uniform);
    hs_store_v(normal, z);
    for (int l = 0; l < HS_WIDTH; l++) {
        jump[l] = 0;
        if (l >= valid || !(u[l] > no_jump)) continue;
        int count = 0;
        double probability = no_jump;
        double cumulative = probability;
        while (u[l] > cumulative && count < 64) {
            count += 1;
            probability *= rate / (double)count;
            cumulative += probability;
        }
        if (count == 0) continue;
        double k = (double)count;
        jump[l] = k * mean + sqrt(k) * stdev * normal[l];
    }
    return hs_load_v(jump);
}

#endif /* HS_LANE_MATH_H */

/*
 * Bulk Philox4x32-10 → uniform pairs (Salmon, Moraes, Dror & Shaw, "Parallel random numbers:
 * as easy as 1, 2, 3", SC11), the hot path behind HedgeSimRandom's
 * CounterRandomSource.fillUniformPairs. The Swift `Philox4x32.block` is the reference; this
 * file must agree with it bit for bit (integer arithmetic only, so the AVX-512, AVX2 and scalar
 * paths give identical results on every CPU).
 *
 * Vector layout (AVX2: four blocks per vector; AVX-512: eight): one block per 64-bit lane.
 * Counter word c lives in the low 32 bits of its lane; `vpmuludq` multiplies those low halves
 * into the full 64-bit product, so hi = product >> 32 and lo = low half of the product, with no
 * shuffles. The upper halves of the lanes carry junk that `vpmuludq` ignores and the final
 * conversion discards.
 *
 * The AVX-512 kernel covers the whole rectangle: the last partial vector is computed in full and
 * written with a masked store. The AVX2 kernel leaves the last (total mod 12) elements to the
 * scalar code; both give the same bits, so this does not affect reproducibility.
 */
#include "CVectorMath.h"

#define HS_PHILOX_M0 0xD2511F53u
#define HS_PHILOX_M1 0xCD9E8D57u
#define HS_PHILOX_W0 0x9E3779B9u
#define HS_PHILOX_W1 0xBB67AE85u

/* (k + 1/2)·2^-52 for the top 52 bits k of high·2^32 + low; exact (see UniformConversion.swift). */
static inline double hs_open_unit(uint32_t high, uint32_t low) {
    uint64_t bits = 0x3FF0000000000000ull | ((uint64_t)high << 20) | (uint64_t)(low >> 12);
    double x;
    __builtin_memcpy(&x, &bits, sizeof x);
    return x - (1.0 - 0x1p-53);
}

static inline void hs_philox_pair_scalar(uint32_t k0, uint32_t k1, uint32_t c0, uint32_t c1,
                                         uint32_t c2, uint32_t c3, double *u, double *v) {
    for (int r = 0; r < 10; r++) {
        if (r > 0) { k0 += HS_PHILOX_W0; k1 += HS_PHILOX_W1; }
        uint64_t p0 = (uint64_t)HS_PHILOX_M0 * c0;
        uint64_t p1 = (uint64_t)HS_PHILOX_M1 * c2;
        uint32_t n0 = (uint32_t)(p1 >> 32) ^ c1 ^ k0;
        uint32_t n2 = (uint32_t)(p0 >> 32) ^ c3 ^ k1;
        c1 = (uint32_t)p1;
        c3 = (uint32_t)p0;
        c0 = n0;
        c2 = n2;
    }
    *u = hs_open_unit(c1, c0);
    *v = hs_open_unit(c3, c2);
}

/* Walks the flattened (path, step) rectangle in row-major order. */
typedef struct { uint64_t path, step, step_begin, step_end; } hs_cursor;

static inline void hs_cursor_next(hs_cursor *c) {
    if (++c->step == c->step_end) { c->step = c->step_begin; c->path++; }
}

static long hs_philox_scalar(uint32_t k0, uint32_t k1, uint32_t purpose, uint32_t index,
                             hs_cursor *cur, long from, long total, double *first, double *second) {
    for (long e = from; e < total; e++) {
        hs_philox_pair_scalar(k0, k1, index, (uint32_t)cur->step, (uint32_t)cur->path, purpose,
                              first + e, second + e);
        hs_cursor_next(cur);
    }
    return total;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>

#define HS_AVX2 __attribute__((target("avx2,fma")))

/* Converts 4 lanes of (high, low) words, each in the low half of a 64-bit lane with junk above
 * bit 31, to uniforms: k = (high << 20) | (low >> 12), built with shifts that discard the junk. */
HS_AVX2 static inline __m256d hs_open_unit4(__m256i high, __m256i low) {
    /* Keeps the compiler from folding these shifts into the preceding vpmuludq, which would turn
     * it into an emulated 64×64-bit multiply. */
    __asm__("" : "+x"(high), "+x"(low));
    const __m256i one = _mm256_set1_epi64x(0x3FF0000000000000ll);
    __m256i k = _mm256_or_si256(_mm256_srli_epi64(_mm256_slli_epi64(high, 32), 12),
                                _mm256_srli_epi64(_mm256_slli_epi64(low, 32), 44));
    return _mm256_sub_pd(_mm256_castsi256_pd(_mm256_or_si256(k, one)),
                         _mm256_set1_pd(1.0 - 0x1p-53));
}

/* Independent 4-block groups per iteration, interleaved for instruction-level parallelism. */
#define HS_PHILOX_GROUPS 3

/* Runs the vector kernel over the first (total rounded down to 4·HS_PHILOX_GROUPS) elements of
 * the flattened rectangle and returns how many it did; the cursor is left at that element. */
HS_AVX2 static long hs_philox_avx2(uint32_t k0, uint32_t k1, uint32_t purpose, uint32_t index,
                                   hs_cursor *cur, long total, double *first, double *second) {
    const __m256i m0 = _mm256_set1_epi64x(HS_PHILOX_M0);
    const __m256i m1 = _mm256_set1_epi64x(HS_PHILOX_M1);
    __m256i key0[10], key1[10];
    uint32_t a = k0, b = k1;
    for (int r = 0; r < 10; r++) {
        key0[r] = _mm256_set1_epi64x(a);
        key1[r] = _mm256_set1_epi64x(b);
        a += HS_PHILOX_W0;
        b += HS_PHILOX_W1;
    }
    const __m256i vindex = _mm256_set1_epi64x(index);
    const __m256i vpurpose = _mm256_set1_epi64x(purpose);

    /* Lane l holds element e + l: its step and path. Advancing 4 elements adds 4 / count rows
     * and 4 % count steps, then wraps each lane at most once (count = steps per row). */
    const long long count = (long long)(cur->step_end - cur->step_begin);
    const __m256i step_count = _mm256_set1_epi64x(count);
    const __m256i step_last = _mm256_set1_epi64x((long long)cur->step_end - 1);
    const __m256i step_advance = _mm256_set1_epi64x(4 % count);
    const __m256i path_advance = _mm256_set1_epi64x(4 / count);
    long long s0[4], p0[4];
    for (int l = 0; l < 4; l++) {
        s0[l] = (long long)cur->step;
        p0[l] = (long long)cur->path;
        hs_cursor_next(cur);
    }
    __m256i vstep = _mm256_set_epi64x(s0[3], s0[2], s0[1], s0[0]);
    __m256i vpath = _mm256_set_epi64x(p0[3], p0[2], p0[1], p0[0]);

    const long width = 4 * HS_PHILOX_GROUPS;
    long e = 0;
    for (; e + width <= total; e += width) {
        __m256i c0[HS_PHILOX_GROUPS], c1[HS_PHILOX_GROUPS], c2[HS_PHILOX_GROUPS], c3[HS_PHILOX_GROUPS];
        for (int g = 0; g < HS_PHILOX_GROUPS; g++) {
            c0[g] = vindex;
            c1[g] = vstep;
            c2[g] = vpath;
            c3[g] = vpurpose;
            vstep = _mm256_add_epi64(vstep, step_advance);
            vpath = _mm256_add_epi64(vpath, path_advance);
            __m256i wrap = _mm256_cmpgt_epi64(vstep, step_last); /* all-ones where wrapped */
            vstep = _mm256_sub_epi64(vstep, _mm256_and_si256(wrap, step_count));
            vpath = _mm256_sub_epi64(vpath, wrap);
        }
#pragma clang loop unroll(full)
        for (int r = 0; r < 10; r++) {
            for (int g = 0; g < HS_PHILOX_GROUPS; g++) {
                __m256i q0 = _mm256_mul_epu32(c0[g], m0);
                __m256i q1 = _mm256_mul_epu32(c2[g], m1);
                c0[g] = _mm256_xor_si256(_mm256_xor_si256(_mm256_srli_epi64(q1, 32), c1[g]), key0[r]);
                c1[g] = q1;
                c2[g] = _mm256_xor_si256(_mm256_xor_si256(_mm256_srli_epi64(q0, 32), c3[g]), key1[r]);
                c3[g] = q0;
            }
        }
        for (int g = 0; g < HS_PHILOX_GROUPS; g++) {
            _mm256_storeu_pd(first + e + 4 * g, hs_open_unit4(c1[g], c0[g]));
            _mm256_storeu_pd(second + e + 4 * g, hs_open_unit4(c3[g], c2[g]));
        }
    }
    /* Lane 0 now addresses element e. */
    long long s_now[4], p_now[4];
    _mm256_storeu_si256((__m256i *)s_now, vstep);
    _mm256_storeu_si256((__m256i *)p_now, vpath);
    cur->step = (uint64_t)s_now[0];
    cur->path = (uint64_t)p_now[0];
    return e;
}

/* MARK: - AVX-512: eight blocks per vector */

#define HS_AVX512 __attribute__((target("avx512f,avx512dq")))

/* Converts 8 lanes of (high, low) words, each in the low half of a 64-bit lane with junk above
 * bit 31, to uniforms. One dword shuffle puts high's low dword into the upper half of each lane
 * (w = high·2^32 + low, junk gone); then k = w >> 12 and u = bits(0x3FF… | k) − (1 − 2^-53). */
HS_AVX512 static inline __m512d hs_open_unit8(__m512i high, __m512i low) {
    __m512i w = _mm512_mask_shuffle_epi32(low, (__mmask16)0xAAAA, high, _MM_PERM_CCAA);
    const __m512i one = _mm512_set1_epi64(0x3FF0000000000000ll);
    __m512i bits = _mm512_or_si512(_mm512_srli_epi64(w, 12), one);
    return _mm512_sub_pd(_mm512_castsi512_pd(bits), _mm512_set1_pd(1.0 - 0x1p-53));
}

/* Independent 8-block groups per iteration of the main loop, interleaved for instruction-level
 * parallelism (Zen 5, ns/pair: 1 group 1.0, 2 0.93, 4 0.75, 6 0.68, 8 0.68). */
#define HS_PHILOX512_GROUPS 6

/* Runs the whole flattened rectangle (all `total` elements) and returns total. */
HS_AVX512 static long hs_philox_avx512(uint32_t k0, uint32_t k1, uint32_t purpose, uint32_t index,
                                       hs_cursor *cur, long total, double *first, double *second) {
    const __m512i m0 = _mm512_set1_epi64(HS_PHILOX_M0);
    const __m512i m1 = _mm512_set1_epi64(HS_PHILOX_M1);
    __m512i key0[10], key1[10];
    uint32_t a = k0, b = k1;
    for (int r = 0; r < 10; r++) {
        key0[r] = _mm512_set1_epi64(a);
        key1[r] = _mm512_set1_epi64(b);
        a += HS_PHILOX_W0;
        b += HS_PHILOX_W1;
    }
    const __m512i vindex = _mm512_set1_epi64(index);
    const __m512i vpurpose = _mm512_set1_epi64(purpose);

    /* Lane l holds element e + l: its step and path. Advancing 8 elements adds 8 / count rows
     * and 8 % count steps, then wraps each lane at most once (count = steps per row). Lanes
     * past the end of the rectangle compute blocks that are never stored. */
    const long long count = (long long)(cur->step_end - cur->step_begin);
    const __m512i step_count = _mm512_set1_epi64(count);
    const __m512i step_last = _mm512_set1_epi64((long long)cur->step_end - 1);
    const __m512i step_advance = _mm512_set1_epi64(8 % count);
    const __m512i path_advance = _mm512_set1_epi64(8 / count);
    const __m512i one = _mm512_set1_epi64(1);
    long long s0[8], p0[8];
    for (int l = 0; l < 8; l++) {
        s0[l] = (long long)cur->step;
        p0[l] = (long long)cur->path;
        hs_cursor_next(cur);
    }
    __m512i vstep = _mm512_loadu_si512(s0);
    __m512i vpath = _mm512_loadu_si512(p0);

#define HS_PHILOX512_ADVANCE()                                                       \
    do {                                                                             \
        vstep = _mm512_add_epi64(vstep, step_advance);                               \
        vpath = _mm512_add_epi64(vpath, path_advance);                               \
        __mmask8 wrap = _mm512_cmpgt_epi64_mask(vstep, step_last);                   \
        vstep = _mm512_mask_sub_epi64(vstep, wrap, vstep, step_count);               \
        vpath = _mm512_mask_add_epi64(vpath, wrap, vpath, one);                      \
    } while (0)

    const long width = 8 * HS_PHILOX512_GROUPS;
    long e = 0;
    for (; e + width <= total; e += width) {
        __m512i c0[HS_PHILOX512_GROUPS], c1[HS_PHILOX512_GROUPS];
        __m512i c2[HS_PHILOX512_GROUPS], c3[HS_PHILOX512_GROUPS];
        for (int g = 0; g < HS_PHILOX512_GROUPS; g++) {
            c0[g] = vindex;
            c1[g] = vstep;
            c2[g] = vpath;
            c3[g] = vpurpose;
            HS_PHILOX512_ADVANCE();
        }
#pragma clang loop unroll(full)
        for (int r = 0; r < 10; r++) {
            for (int g = 0; g < HS_PHILOX512_GROUPS; g++) {
                __m512i q0 = _mm512_mul_epu32(c0[g], m0);
                __m512i q1 = _mm512_mul_epu32(c2[g], m1);
                c0[g] = _mm512_xor_si512(_mm512_xor_si512(_mm512_srli_epi64(q1, 32), c1[g]), key0[r]);
                c1[g] = q1;
                c2[g] = _mm512_xor_si512(_mm512_xor_si512(_mm512_srli_epi64(q0, 32), c3[g]), key1[r]);
                c3[g] = q0;
            }
        }
        for (int g = 0; g < HS_PHILOX512_GROUPS; g++) {
            _mm512_storeu_pd(first + e + 8 * g, hs_open_unit8(c1[g], c0[g]));
            _mm512_storeu_pd(second + e + 8 * g, hs_open_unit8(c3[g], c2[g]));
        }
    }
    /* The rest, one vector at a time; the last one is partial and stored under a mask. */
    for (; e < total; e += 8) {
        __m512i c0 = vindex, c1 = vstep, c2 = vpath, c3 = vpurpose;
        HS_PHILOX512_ADVANCE();
#pragma clang loop unroll(full)
        for (int r = 0; r < 10; r++) {
            __m512i q0 = _mm512_mul_epu32(c0, m0);
            __m512i q1 = _mm512_mul_epu32(c2, m1);
            c0 = _mm512_xor_si512(_mm512_xor_si512(_mm512_srli_epi64(q1, 32), c1), key0[r]);
            c1 = q1;
            c2 = _mm512_xor_si512(_mm512_xor_si512(_mm512_srli_epi64(q0, 32), c3), key1[r]);
            c3 = q0;
        }
        long rest = total - e;
        __mmask8 m = rest >= 8 ? (__mmask8)0xFF : (__mmask8)(0xFFu >> (8 - rest));
        _mm512_mask_storeu_pd(first + e, m, hs_open_unit8(c1, c0));
        _mm512_mask_storeu_pd(second + e, m, hs_open_unit8(c3, c2));
    }
#undef HS_PHILOX512_ADVANCE
    return total;
}
#endif

void hs_philox_uniform_pairs(uint64_t seed, uint32_t purpose, uint32_t index,
                             uint32_t path_begin, long path_count,
                             uint32_t step_begin, long step_count,
                             double *first, double *second) {
    if (path_count <= 0 || step_count <= 0) return;
    uint32_t k0 = (uint32_t)seed, k1 = (uint32_t)(seed >> 32);
    long total = path_count * step_count;
    hs_cursor cur = {path_begin, step_begin, step_begin, (uint64_t)step_begin + (uint64_t)step_count};
    long done = 0;
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    int level = hs_vector_level();
    if (level == 3) done = hs_philox_avx512(k0, k1, purpose, index, &cur, total, first, second);
    else if (level == 2) done = hs_philox_avx2(k0, k1, purpose, index, &cur, total, first, second);
#endif
    hs_philox_scalar(k0, k1, purpose, index, &cur, done, total, first, second);
}

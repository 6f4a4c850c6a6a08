/*
 * Bulk exp / log / Box–Muller over arrays of doubles, built on the multi-lane arithmetic of
 * lane_math.h, and the home of the level dispatch (hs_vector_level).
 *
 * Implementation goals, in order of priority:
 *   1. Reproducibility: every level (AVX-512, AVX2+FMA, baseline) runs the same IEEE operations
 *      in the same order, so results are identical bit for bit on every x86-64 CPU; element i's
 *      result depends only on element i's inputs, never on n or on its position (tails are
 *      computed as a full vector of HS_WIDTH lanes).
 *   2. Accuracy: within 1 ulp over the documented domains (see lane_math.h); inputs outside them
 *      (exp beyond [−708, 709], log of zero, negative, subnormal or non-finite values) are
 *      handed to libm, the same way on every level.
 *   3. No allocation, no errno (the target builds with -fno-math-errno).
 *   4. Speed.
 */
#include "CVectorMath.h"
#include "lane_math.h"

#include <math.h>
#include <stdlib.h>

/* MARK: - Kernels, one body for every level */

HS_INLINE void hs_vexp_body(const double *x, double *y, long n) {
    long i = 0;
    for (; i + HS_WIDTH <= n; i += HS_WIDTH) hs_store_v(y + i, hs_exp_checked_v(hs_load_v(x + i)));
    if (i < n) hs_store_partial_v(y + i, hs_exp_checked_v(hs_load_partial_v(x + i, n - i, 0.0)), n - i);
}

HS_INLINE void hs_vlog_body(const double *x, double *y, long n) {
    long i = 0;
    for (; i + HS_WIDTH <= n; i += HS_WIDTH) hs_store_v(y + i, hs_log_checked_v(hs_load_v(x + i)));
    if (i < n) hs_store_partial_v(y + i, hs_log_checked_v(hs_load_partial_v(x + i, n - i, 1.0)), n - i);
}

/* √(−2 ln u1)·(cos, sin) 2πu2, with libm's log for radius inputs outside hs_log_v's domain. */
HS_INLINE void hs_box_muller_lanes(hs_fv u1, hs_fv u2, hs_fv *z1, hs_fv *z2) {
    hs_fv radius = __builtin_elementwise_sqrt(-2.0 * hs_log_checked_v(u1));
    hs_fv c, s;
    hs_sincos_2pi_v(u2, &c, &s);
    *z1 = radius * c;
    *z2 = radius * s;
}

HS_INLINE void hs_box_muller_body(const double *u1, const double *u2, double *z1, double *z2, long n) {
    long i = 0;
    hs_fv a, b;
    for (; i + HS_WIDTH <= n; i += HS_WIDTH) {
        hs_box_muller_lanes(hs_load_v(u1 + i), hs_load_v(u2 + i), &a, &b);
        hs_store_v(z1 + i, a);
        hs_store_v(z2 + i, b);
    }
    if (i < n) {
        hs_box_muller_lanes(hs_load_partial_v(u1 + i, n - i, 0.5), hs_load_partial_v(u2 + i, n - i, 0.5), &a, &b);
        hs_store_partial_v(z1 + i, a, n - i);
        hs_store_partial_v(z2 + i, b, n - i);
    }
}

HS_LEVEL_VARIANTS(hs_vexp, (const double *x, double *y, long n), (x, y, n))
HS_LEVEL_VARIANTS(hs_vlog, (const double *x, double *y, long n), (x, y, n))
HS_LEVEL_VARIANTS(hs_box_muller, (const double *u1, const double *u2, double *z1, double *z2, long n),
                  (u1, u2, z1, z2, n))

/* MARK: - Dispatch */

/* -1 = not yet probed; otherwise 0, 2 or 3. Probed once; later loads are relaxed atomics. */
static int hs_level_cache = -1;

/* Per-thread test override (hs_set_vector_level_for_testing); -1 = none. */
static _Thread_local int hs_level_override = -1;

/* The CPU's level: 3, 2 or 0 on x86-64 (__builtin_cpu_* exist only there), 1 on AArch64 (NEON is
 * part of the base architecture, so the base build is the NEON one), 0 elsewhere. */
static int hs_cpu_level(void) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (!(__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))) return 0;
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq")) return 3;
    return 2;
#elif defined(__aarch64__)
    return 1;
#else
    return 0;
#endif
}

/* Maps a requested level to one this CPU can run, at most the CPU's level. On x86-64: 0, 2 or 3.
 * AArch64 has one build (1, NEON); any request keeps it. */
static int hs_clamp_level(int requested, int cpu) {
    if (cpu == 1) return 1;
    if (requested >= 3) return cpu;
    if (requested >= 2) return cpu < 2 ? cpu : 2;
    return 0;
}

static int hs_probe_level(void) {
    int level = hs_cpu_level();
    const char *forced = getenv("HEDGESIM_VECTOR_LEVEL");
    if (forced != NULL && forced[0] != '\0' && forced[1] == '\0' &&
        (forced[0] == '0' || forced[0] == '2' || forced[0] == '3'))
        level = hs_clamp_level(forced[0] - '0', level);
    return level;
}

static int hs_process_level(void) {
    int level = __atomic_load_n(&hs_level_cache, __ATOMIC_RELAXED);
    if (level < 0) {
        level = hs_probe_level();
        __atomic_store_n(&hs_level_cache, level, __ATOMIC_RELAXED);
    }
    return level;
}

int hs_vector_level(void) {
    int level = hs_level_override;
    return level >= 0 ? level : hs_process_level();
}

int hs_set_vector_level_for_testing(int level) {
    hs_level_override = level < 0 ? -1 : hs_clamp_level(level, hs_cpu_level());
    return hs_vector_level();
}

void hs_vexp(const double *x, double *y, long n) {
    if (n <= 0) return;
    switch (hs_vector_level()) {
    case 3: hs_vexp_avx512(x, y, n); return;
    case 2: hs_vexp_avx2(x, y, n); return;
    default: hs_vexp_base(x, y, n); return;
    }
}

void hs_vlog(const double *x, double *y, long n) {
    if (n <= 0) return;
    switch (hs_vector_level()) {
    case 3: hs_vlog_avx512(x, y, n); return;
    case 2: hs_vlog_avx2(x, y, n); return;
    default: hs_vlog_base(x, y, n); return;
    }
}

void hs_box_muller(const double *u1, const double *u2, double *z1, double *z2, long n) {
    if (n <= 0) return;
    switch (hs_vector_level()) {
    case 3: hs_box_muller_avx512(u1, u2, z1, z2, n); return;
    case 2: hs_box_muller_avx2(u1, u2, z1, z2, n); return;
    default: hs_box_muller_base(u1, u2, z1, z2, n); return;
    }
}

/*
 * Bulk exp / log / Box–Muller kernels: glibc libmvec AVX-512 and AVX2 variants with runtime
 * dispatch, and a scalar libm fallback. Also home of the level dispatch (hs_vector_level).
 *
 * Implementation goals, in order of priority:
 *   1. Reproducibility: element i's result depends only on element i's inputs,
 *      never on n or on the element's position. The vector paths therefore
 *      handle the tail by padding a full vector (a 4-lane buffer for AVX2, masked
 *      loads and stores for AVX-512) and making the same vector call; they never
 *      switch to scalar code for the tail.
 *   2. Accuracy: libmvec's documented bound is 4 ulp; in practice exp/log/sin/cos
 *      are within about 1 ulp of glibc's scalar functions (AVX2 and AVX-512 alike).
 *   3. No allocation, no errno (the target builds with -fno-math-errno).
 *   4. Speed.
 *
 * The kernels need no link settings of their own: glibc's libm.so linker script
 * is `GROUP ( libm.so.6 AS_NEEDED ( libmvec.so.1 ) )`, and Swift links -lm.
 */
#include "CVectorMath.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && defined(__linux__)
#define HS_HAVE_LIBMVEC 1
#else
#define HS_HAVE_LIBMVEC 0
#endif

/* 2π rounded to double (0x1.921fb54442d18p+2). */
static const double hs_two_pi = 6.28318530717958647692528676655900577;

/* MARK: - Scalar libm fallback */

static void hs_vexp_scalar(const double *x, double *y, long n) {
    for (long i = 0; i < n; i++) y[i] = exp(x[i]);
}

static void hs_vlog_scalar(const double *x, double *y, long n) {
    for (long i = 0; i < n; i++) y[i] = log(x[i]);
}

static void hs_box_muller_scalar(const double *u1, const double *u2, double *z1, double *z2, long n) {
    for (long i = 0; i < n; i++) {
        double r = sqrt(-2.0 * log(u1[i]));
        double t = hs_two_pi * u2[i];
        double c = cos(t);
        double s = sin(t);
        z1[i] = r * c;
        z2[i] = r * s;
    }
}

#if HS_HAVE_LIBMVEC
#include <immintrin.h>

/* MARK: - libmvec AVX2 entry points (glibc >= 2.22), declared by hand. */

#define HS_AVX2 __attribute__((target("avx2,fma")))

HS_AVX2 extern __m256d _ZGVdN4v_exp(__m256d x);
HS_AVX2 extern __m256d _ZGVdN4v_log(__m256d x);
HS_AVX2 extern __m256d _ZGVdN4v_sin(__m256d x);
HS_AVX2 extern __m256d _ZGVdN4v_cos(__m256d x);

/* One 4-lane Box–Muller step; every lane is computed by the same instructions. */
HS_AVX2 static inline void hs_box_muller4(__m256d a, __m256d b, __m256d *c1, __m256d *c2) {
    const __m256d minus_two = _mm256_set1_pd(-2.0);
    const __m256d two_pi = _mm256_set1_pd(hs_two_pi);
    __m256d r = _mm256_sqrt_pd(_mm256_mul_pd(minus_two, _ZGVdN4v_log(a)));
    __m256d t = _mm256_mul_pd(two_pi, b);
    __m256d c = _ZGVdN4v_cos(t);
    __m256d s = _ZGVdN4v_sin(t);
    *c1 = _mm256_mul_pd(r, c);
    *c2 = _mm256_mul_pd(r, s);
}

HS_AVX2 static void hs_vexp_avx2(const double *x, double *y, long n) {
    long i = 0;
    for (; i + 4 <= n; i += 4) _mm256_storeu_pd(y + i, _ZGVdN4v_exp(_mm256_loadu_pd(x + i)));
    long rest = n - i;
    if (rest > 0) {
        double buf[4] = {0.0, 0.0, 0.0, 0.0};
        memcpy(buf, x + i, (size_t)rest * sizeof(double));
        _mm256_storeu_pd(buf, _ZGVdN4v_exp(_mm256_loadu_pd(buf)));
        memcpy(y + i, buf, (size_t)rest * sizeof(double));
    }
}

HS_AVX2 static void hs_vlog_avx2(const double *x, double *y, long n) {
    long i = 0;
    for (; i + 4 <= n; i += 4) _mm256_storeu_pd(y + i, _ZGVdN4v_log(_mm256_loadu_pd(x + i)));
    long rest = n - i;
    if (rest > 0) {
        double buf[4] = {1.0, 1.0, 1.0, 1.0};
        memcpy(buf, x + i, (size_t)rest * sizeof(double));
        _mm256_storeu_pd(buf, _ZGVdN4v_log(_mm256_loadu_pd(buf)));
        memcpy(y + i, buf, (size_t)rest * sizeof(double));
    }
}

HS_AVX2 static void hs_box_muller_avx2(const double *u1, const double *u2, double *z1, double *z2, long n) {
    long i = 0;
    __m256d c1, c2;
    for (; i + 4 <= n; i += 4) {
        hs_box_muller4(_mm256_loadu_pd(u1 + i), _mm256_loadu_pd(u2 + i), &c1, &c2);
        _mm256_storeu_pd(z1 + i, c1);
        _mm256_storeu_pd(z2 + i, c2);
    }
    long rest = n - i;
    if (rest > 0) {
        double a[4] = {0.5, 0.5, 0.5, 0.5};
        double b[4] = {0.5, 0.5, 0.5, 0.5};
        memcpy(a, u1 + i, (size_t)rest * sizeof(double));
        memcpy(b, u2 + i, (size_t)rest * sizeof(double));
        hs_box_muller4(_mm256_loadu_pd(a), _mm256_loadu_pd(b), &c1, &c2);
        _mm256_storeu_pd(a, c1);
        _mm256_storeu_pd(b, c2);
        memcpy(z1 + i, a, (size_t)rest * sizeof(double));
        memcpy(z2 + i, b, (size_t)rest * sizeof(double));
    }
}

/* MARK: - libmvec AVX-512 entry points (glibc >= 2.22), declared by hand.
 * glibc resolves them (IFUNC) to its Skylake-X kernels when AVX512DQ is usable. */

#define HS_AVX512 __attribute__((target("avx512f,avx512dq")))

HS_AVX512 extern __m512d _ZGVeN8v_exp(__m512d x);
HS_AVX512 extern __m512d _ZGVeN8v_log(__m512d x);
HS_AVX512 extern __m512d _ZGVeN8v_sin(__m512d x);
HS_AVX512 extern __m512d _ZGVeN8v_cos(__m512d x);

/* Lanes [0, rest) of an 8-lane vector, 0 < rest <= 8. */
HS_AVX512 static inline __mmask8 hs_mask8(long rest) {
    return (__mmask8)(0xFFu >> (8 - rest));
}

/* One 8-lane Box–Muller step; every lane is computed by the same instructions. */
HS_AVX512 static inline void hs_box_muller8(__m512d a, __m512d b, __m512d *c1, __m512d *c2) {
    const __m512d minus_two = _mm512_set1_pd(-2.0);
    const __m512d two_pi = _mm512_set1_pd(hs_two_pi);
    __m512d r = _mm512_sqrt_pd(_mm512_mul_pd(minus_two, _ZGVeN8v_log(a)));
    __m512d t = _mm512_mul_pd(two_pi, b);
    __m512d c = _ZGVeN8v_cos(t);
    __m512d s = _ZGVeN8v_sin(t);
    *c1 = _mm512_mul_pd(r, c);
    *c2 = _mm512_mul_pd(r, s);
}

/* The n % 8 tail: masked loads fill the unused lanes with a harmless value (masked-off lanes
 * are never read from memory), the same vector call runs, and a masked store writes back. */
HS_AVX512 static void hs_vexp_avx512(const double *x, double *y, long n) {
    long i = 0;
    for (; i + 8 <= n; i += 8) _mm512_storeu_pd(y + i, _ZGVeN8v_exp(_mm512_loadu_pd(x + i)));
    if (i < n) {
        __mmask8 m = hs_mask8(n - i);
        __m512d v = _mm512_mask_loadu_pd(_mm512_set1_pd(0.0), m, x + i);
        _mm512_mask_storeu_pd(y + i, m, _ZGVeN8v_exp(v));
    }
}

HS_AVX512 static void hs_vlog_avx512(const double *x, double *y, long n) {
    long i = 0;
    for (; i + 8 <= n; i += 8) _mm512_storeu_pd(y + i, _ZGVeN8v_log(_mm512_loadu_pd(x + i)));
    if (i < n) {
        __mmask8 m = hs_mask8(n - i);
        __m512d v = _mm512_mask_loadu_pd(_mm512_set1_pd(1.0), m, x + i);
        _mm512_mask_storeu_pd(y + i, m, _ZGVeN8v_log(v));
    }
}

HS_AVX512 static void hs_box_muller_avx512(const double *u1, const double *u2, double *z1, double *z2, long n) {
    long i = 0;
    __m512d c1, c2;
    for (; i + 8 <= n; i += 8) {
        hs_box_muller8(_mm512_loadu_pd(u1 + i), _mm512_loadu_pd(u2 + i), &c1, &c2);
        _mm512_storeu_pd(z1 + i, c1);
        _mm512_storeu_pd(z2 + i, c2);
    }
    if (i < n) {
        __mmask8 m = hs_mask8(n - i);
        const __m512d half = _mm512_set1_pd(0.5);
        hs_box_muller8(_mm512_mask_loadu_pd(half, m, u1 + i), _mm512_mask_loadu_pd(half, m, u2 + i), &c1, &c2);
        _mm512_mask_storeu_pd(z1 + i, m, c1);
        _mm512_mask_storeu_pd(z2 + i, m, c2);
    }
}

/* MARK: - Dispatch */

/* -1 = not yet probed; otherwise 0, 2 or 3. Probed once; later loads are relaxed atomics. */
static int hs_level_cache = -1;

/* Per-thread test override (hs_set_vector_level_for_testing); -1 = none. */
static _Thread_local int hs_level_override = -1;

static int hs_cpu_level(void) {
    __builtin_cpu_init();
    if (!(__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))) return 0;
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq")) return 3;
    return 2;
}

/* Maps a requested level to one this CPU can run: 0, 2 or 3, at most the CPU's level. */
static int hs_clamp_level(int requested, int cpu) {
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
    case 3: hs_vexp_avx512(x, y, n); break;
    case 2: hs_vexp_avx2(x, y, n); break;
    default: hs_vexp_scalar(x, y, n); break;
    }
}

void hs_vlog(const double *x, double *y, long n) {
    if (n <= 0) return;
    switch (hs_vector_level()) {
    case 3: hs_vlog_avx512(x, y, n); break;
    case 2: hs_vlog_avx2(x, y, n); break;
    default: hs_vlog_scalar(x, y, n); break;
    }
}

void hs_box_muller(const double *u1, const double *u2, double *z1, double *z2, long n) {
    if (n <= 0) return;
    switch (hs_vector_level()) {
    case 3: hs_box_muller_avx512(u1, u2, z1, z2, n); break;
    case 2: hs_box_muller_avx2(u1, u2, z1, z2, n); break;
    default: hs_box_muller_scalar(u1, u2, z1, z2, n); break;
    }
}

#else /* !HS_HAVE_LIBMVEC: portable scalar libm only */

int hs_vector_level(void) { return 0; }

int hs_set_vector_level_for_testing(int level) {
    (void)level;
    return 0;
}

void hs_vexp(const double *x, double *y, long n) { hs_vexp_scalar(x, y, n); }

void hs_vlog(const double *x, double *y, long n) { hs_vlog_scalar(x, y, n); }

void hs_box_muller(const double *u1, const double *u2, double *z1, double *z2, long n) {
    hs_box_muller_scalar(u1, u2, z1, z2, n);
}

#endif

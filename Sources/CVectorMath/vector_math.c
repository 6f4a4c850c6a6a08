/*
 * Bulk exp / log / Box–Muller kernels: glibc libmvec AVX2 variants with runtime
 * dispatch, and a scalar libm fallback.
 *
 * Implementation goals, in order of priority:
 *   1. Reproducibility: element i's result depends only on element i's inputs,
 *      never on n or on the element's position. The vector path therefore
 *      handles the n % 4 tail by padding a 4-lane buffer and making the same
 *      vector call; it never switches to scalar code for the tail.
 *   2. Accuracy: libmvec's documented bound is 4 ulp; in practice exp/log/sin/cos
 *      are within about 1 ulp of glibc's scalar functions.
 *   3. No allocation, no errno (the target builds with -fno-math-errno).
 *   4. Speed.
 *
 * The kernels need no link settings of their own: glibc's libm.so linker script
 * is `GROUP ( libm.so.6 AS_NEEDED ( libmvec.so.1 ) )`, and Swift links -lm.
 */
#include "CVectorMath.h"

#include <math.h>
#include <string.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && defined(__linux__)
#define HS_HAVE_LIBMVEC_AVX2 1
#else
#define HS_HAVE_LIBMVEC_AVX2 0
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

#if HS_HAVE_LIBMVEC_AVX2
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

/* MARK: - Dispatch */

/* -1 = not yet probed; otherwise 0 or 2. Probed once; later loads are relaxed atomics. */
static int hs_level_cache = -1;

static int hs_probe_level(void) {
    __builtin_cpu_init();
    return (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) ? 2 : 0;
}

int hs_vector_level(void) {
    int level = __atomic_load_n(&hs_level_cache, __ATOMIC_RELAXED);
    if (level < 0) {
        level = hs_probe_level();
        __atomic_store_n(&hs_level_cache, level, __ATOMIC_RELAXED);
    }
    return level;
}

void hs_vexp(const double *x, double *y, long n) {
    if (n <= 0) return;
    if (hs_vector_level() == 2) hs_vexp_avx2(x, y, n);
    else hs_vexp_scalar(x, y, n);
}

void hs_vlog(const double *x, double *y, long n) {
    if (n <= 0) return;
    if (hs_vector_level() == 2) hs_vlog_avx2(x, y, n);
    else hs_vlog_scalar(x, y, n);
}

void hs_box_muller(const double *u1, const double *u2, double *z1, double *z2, long n) {
    if (n <= 0) return;
    if (hs_vector_level() == 2) hs_box_muller_avx2(u1, u2, z1, z2, n);
    else hs_box_muller_scalar(u1, u2, z1, z2, n);
}

#else /* !HS_HAVE_LIBMVEC_AVX2: portable scalar libm only */

int hs_vector_level(void) { return 0; }

void hs_vexp(const double *x, double *y, long n) { hs_vexp_scalar(x, y, n); }

void hs_vlog(const double *x, double *y, long n) { hs_vlog_scalar(x, y, n); }

void hs_box_muller(const double *u1, const double *u2, double *z1, double *z2, long n) {
    hs_box_muller_scalar(u1, u2, z1, z2, n);
}

#endif

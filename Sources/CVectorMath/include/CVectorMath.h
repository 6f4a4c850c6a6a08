/*
 * CVectorMath: bulk transcendental kernels over arrays of doubles.
 *
 * Three paths, chosen once per process (see hs_vector_level):
 *   3  AVX-512F/DQ: glibc's vector math library (libmvec) `_ZGVeN8v_*` 8-lane variants, and
 *      8 Philox blocks per vector;
 *   2  AVX2+FMA: libmvec `_ZGVdN4v_*` 4-lane variants, and 4 Philox blocks per vector;
 *   0  scalar libm and scalar Philox.
 * The highest level the CPU supports is used unless the environment variable
 * HEDGESIM_VECTOR_LEVEL (read once, at the first kernel call) asks for a lower one: "0", "2" or
 * "3"; a level above what the CPU supports is lowered to it, and any other value is ignored.
 *
 * Position independence: on every path, element i of the output depends only on element i of
 * the input(s). It does not depend on n or on the element's position in the array (tails are
 * padded to a full vector, never finished by a scalar loop).
 *
 * Results of different levels may differ in the last bits for exp, log and Box–Muller (each
 * is within a few ulp of glibc's scalar functions); Philox uniforms never differ.
 *
 * All functions accept n >= 0 (n <= 0 does nothing). Inputs and outputs may be
 * the same array (x == y); partially overlapping arrays are not supported.
 */
#ifndef HEDGESIM_CVECTORMATH_H
#define HEDGESIM_CVECTORMATH_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** y[i] = exp(x[i]) for 0 <= i < n. */
void hs_vexp(const double *x, double *y, long n);

/** y[i] = log(x[i]) for 0 <= i < n (natural logarithm). */
void hs_vlog(const double *x, double *y, long n);

/**
 * Box–Muller transform (Box & Muller 1958), for 0 <= i < n:
 *   r     = sqrt(-2 * log(u1[i]))
 *   t     = (2 * pi) * u2[i]          (product rounded to double)
 *   z1[i] = r * cos(t)
 *   z2[i] = r * sin(t)
 * u1 must lie in (0, 1]; u2 is normally in (0, 1). z1 may alias u1 and z2 may
 * alias u2.
 */
void hs_box_muller(const double *u1, const double *u2, double *z1, double *z2, long n);

/**
 * Philox4x32-10 uniform pairs (Salmon et al., SC11) for the row-major rectangle of addresses
 * path_begin + i (0 <= i < path_count), step_begin + j (0 <= j < step_count):
 *   key   = (seed & 0xFFFFFFFF, seed >> 32)
 *   w     = Philox4x32-10(counter = (index, step, path, purpose), key)
 *   first[i*step_count + j]  = (k + 1/2)·2^-52, k = top 52 bits of (w[1]·2^32 + w[0])
 *   second[i*step_count + j] = the same for (w[3], w[2])
 * Integer-exact, so the AVX-512, AVX2 and scalar paths agree bit for bit. The last path and
 * step must fit in uint32_t. This backs HedgeSimRandom's CounterRandomSource.fillUniformPairs.
 */
void hs_philox_uniform_pairs(uint64_t seed, uint32_t purpose, uint32_t index,
                             uint32_t path_begin, long path_count,
                             uint32_t step_begin, long step_count,
                             double *first, double *second);

/**
 * The path in use: 3 = AVX-512 (libmvec `_ZGVeN8v_*`), 2 = AVX2+FMA (libmvec `_ZGVdN4v_*`),
 * 0 = scalar libm. See HEDGESIM_VECTOR_LEVEL above.
 */
int hs_vector_level(void);

/**
 * FOR TESTS ONLY. Overrides the level for the calling thread: the kernels called on this thread
 * use min(level, CPU level) (level 0, 2 or 3) until the override is cleared with a negative
 * level. Other threads are not affected. Returns the level now in effect on this thread.
 */
int hs_set_vector_level_for_testing(int level);

#ifdef __cplusplus
}
#endif

#endif /* HEDGESIM_CVECTORMATH_H */

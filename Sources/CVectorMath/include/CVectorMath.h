/*
 * CVectorMath: bulk transcendental kernels over arrays of doubles.
 *
 * Three builds of every kernel on x86-64, chosen once per process (see hs_vector_level):
 *   3  AVX-512F/DQ (eight doubles per register);
 *   2  AVX2+FMA;
 *   0  baseline x86-64;
 * and one on AArch64:
 *   1  NEON (two doubles per register, fused multiply-add in hardware), the base build there.
 * The highest level the CPU supports is used unless the environment variable
 * HEDGESIM_VECTOR_LEVEL (read once, at the first kernel call) asks for a lower one: "0", "2" or
 * "3"; a level above what the CPU supports is lowered to it, and any other value is ignored.
 *
 * Position independence: on every path, element i of the output depends only on element i of
 * the input(s). It does not depend on n or on the element's position in the array (tails are
 * padded to a full vector, never finished by a scalar loop).
 *
 * Every level computes the same IEEE operations in the same order (own polynomials, see
 * lane_math.h), so all results are identical bit for bit on every CPU, x86-64 and AArch64 alike
 * (Scripts/check-aarch64.sh compares them under emulation).
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
 *   z1[i] = r * cos(2π·u2[i])         (the angle is reduced exactly: 4·u2 is split into
 *   z2[i] = r * sin(2π·u2[i])          quadrant and remainder without rounding)
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
 * Standard normal pairs from Philox counters, step-major: for row j (step = step_begin + j) and
 * path i (path = path_begin + i), element e = j·path_count + i:
 *   (w0, w1, w2, w3) = Philox4x32-10(counter = (index, step, path, purpose), key = seed)
 *   u1 = (k + ½)·2^-52, k = top 52 bits of w1·2^32 + w0;  u2 = (w2 + ½)·2^-32
 *   z1[e], z2[e] = Box–Muller(u1, u2) as hs_box_muller;  u3[e] = (w3 + ½)·2^-32 (u3 may be NULL)
 * Identical bits on every level.
 */
void hs_normal_rows(uint64_t seed, uint32_t purpose, uint32_t index, uint32_t path_begin, long path_count,
                    uint32_t step_begin, long step_count, double *z1, double *z2, double *u3);

/** hs_normal_rows for one address: out = (z1, z2, u3). */
void hs_normal_pair(uint64_t seed, uint32_t purpose, uint32_t index, uint32_t path, uint32_t step,
                    double out[3]);

/**
 * Constants of the fused perpetual-path kernel (hs_perpetual_paths); HedgeSimCore's SimulationPlan
 * fills them. Per step of Δt years, for each path:
 *   (w0, w1, w2, w3) = Philox4x32-10(counter = (0, step, path, purpose_diffusion), key = seed)
 *   z1, z2 = Box–Muller of u1 = (top 52 bits of w1·2^32 + w0 + ½)·2^-52 and u2 = (w2 + ½)·2^-32
 *   (antithetic: path 2k+1 takes −z1, −z2 of path 2k)
 *   ln P += drift_per_step + vol_per_step·z1 + J, J = Σ of the step's jumps when the jump uniform
 *     (w3 + ½)·2^-32 exceeds no_jump_probability (Poisson count by inverse CDF, sizes from the
 *     purpose_jump_size block's first normal)
 *   the funding shock correlation·z1 + orthogonal·z2 accumulates; every steps_per_funding steps the
 *     deviation x ← funding_persistence·x + funding_scale·Σshocks and the rate
 *     clamp(funding_mean + shrink(x, funding_dead_zone), ±funding_cap) pays its coin amount rate/F
 *   the account per USD of notional, mark_coefficient/F + account_constant + Σ funding, is checked
 *     against the thresholds (descending), at the step end and, with between_step_check, at the
 *     Brownian-bridge maximum of the step (uniform: purpose_bridge block's first uniform).
 */
typedef struct {
    uint64_t seed;
    uint32_t purpose_diffusion;
    uint32_t purpose_bridge;
    uint32_t purpose_jump_size;
    int antithetic;
    int between_step_check;
    int has_jumps;
    long steps;
    double log_price0;
    double drift_per_step;
    double vol_per_step;
    double correlation;
    double orthogonal;
    double no_jump_probability;
    double jump_rate_per_step;
    double jump_mean;
    double jump_stdev;
    long steps_per_funding;
    double funding_persistence;
    double funding_scale;
    double funding_mean;
    double funding_dead_zone;
    double funding_cap;
    double mark_coefficient;
    double account_constant;
    const double *thresholds;
    long threshold_count;
    /** For each step, its point in the band (the fan chart's recorded steps), or −1. */
    const long *band_point_of_step;
    long band_paths;
    long band_points;
} hs_perpetual_plan;

/**
 * One block of paths [first_path, first_path + count) and where its results go, `count` entries
 * per array unless stated: the terminal ln P, 1/F and funding received and paid (coin per USD of
 * notional); lowest_account, the lowest account per USD of notional the path reached (between-step
 * maxima included; a cell of threshold θ is liquidated exactly when it is ≤ θ); next_group (working
 * state); records, count × threshold_count × 5 doubles — step
 * (−1 = never), funding in, funding out, 1/F, 1/P at the liquidation — and band_log_index,
 * path·band_points + point, for the paths below plan.band_paths.
 */
typedef struct {
    long first_path;
    long count;
    double *log_index;
    double *inverse_mark;
    double *funding_in;
    double *funding_out;
    double *lowest_account;
    long *next_group;
    double *records;
    double *band_log_index;
} hs_perpetual_block;

/** Simulates one block of paths to the horizon (see hs_perpetual_plan). */
void hs_perpetual_paths(const hs_perpetual_plan *plan, const hs_perpetual_block *block);

/**
 * The build in use: 3 = AVX-512, 2 = AVX2+FMA, 0 = baseline x86-64. See HEDGESIM_VECTOR_LEVEL above.
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

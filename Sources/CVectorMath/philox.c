/*
 * Bulk Philox4x32-10 → uniform pairs (Salmon, Moraes, Dror & Shaw, "Parallel random numbers:
 * as easy as 1, 2, 3", SC11), the hot path behind HedgeSimRandom's
 * CounterRandomSource.fillUniformPairs. The Swift `Philox4x32.block` is the reference; this
 * file must agree with it bit for bit. It runs the lane Philox of lane_math.h (one block per
 * 64-bit lane, integer arithmetic only), so the AVX-512, AVX2 and baseline builds give identical
 * results.
 *
 * The rectangle is walked in row-major order (one row per path); HS_WIDTH consecutive elements go
 * to the lanes of one vector value, each with its own (path, step), and the last partial group is
 * computed in full and stored in part, so an element's value never depends on its position.
 */
#include "CVectorMath.h"
#include "lane_math.h"

HS_INLINE void hs_philox_uniform_pairs_body(uint64_t seed, uint32_t purpose, uint32_t index,
                                            uint32_t path_begin, long path_count, uint32_t step_begin,
                                            long step_count, double *first, double *second) {
    const hs_uv zero = {0};
    const long total = path_count * step_count;
    uint64_t path = path_begin, step = step_begin;
    const uint64_t step_end = (uint64_t)step_begin + (uint64_t)step_count;
    for (long e = 0; e < total; e += HS_WIDTH) {
        hs_uv lane_paths, lane_steps;
        if (step_count == 1) {
            /* One step per row (how the engine fills a step of a block): the lanes are paths. */
            lane_paths = hs_lane_index_v() + ((uint64_t)path_begin + (uint64_t)e);
            lane_steps = zero + step_begin;
        } else {
            uint64_t paths[HS_WIDTH], steps[HS_WIDTH];
            for (int l = 0; l < HS_WIDTH; l++) {
                paths[l] = path;
                steps[l] = step;
                if (++step == step_end) {
                    step = step_begin;
                    path++;
                }
            }
            memcpy(&lane_paths, paths, sizeof lane_paths);
            memcpy(&lane_steps, steps, sizeof lane_steps);
        }
        hs_philox_v w = hs_philox10(zero + index, lane_steps, lane_paths, zero + purpose, (uint32_t)seed,
                                    (uint32_t)(seed >> 32));
        long n = total - e < HS_WIDTH ? total - e : HS_WIDTH;
        hs_store_partial_v(first + e, hs_open_unit52(w.w1, w.w0), n);
        hs_store_partial_v(second + e, hs_open_unit52(w.w3, w.w2), n);
    }
}

HS_LEVEL_VARIANTS(hs_philox_uniform_pairs,
                  (uint64_t seed, uint32_t purpose, uint32_t index, uint32_t path_begin, long path_count,
                   uint32_t step_begin, long step_count, double *first, double *second),
                  (seed, purpose, index, path_begin, path_count, step_begin, step_count, first, second))

void hs_philox_uniform_pairs(uint64_t seed, uint32_t purpose, uint32_t index,
                             uint32_t path_begin, long path_count,
                             uint32_t step_begin, long step_count,
                             double *first, double *second) {
    if (path_count <= 0 || step_count <= 0) return;
    switch (hs_vector_level()) {
    case 3:
        hs_philox_uniform_pairs_avx512(seed, purpose, index, path_begin, path_count, step_begin, step_count,
                                       first, second);
        return;
    case 2:
        hs_philox_uniform_pairs_avx2(seed, purpose, index, path_begin, path_count, step_begin, step_count,
                                     first, second);
        return;
    default:
        hs_philox_uniform_pairs_base(seed, purpose, index, path_begin, path_count, step_begin, step_count,
                                     first, second);
        return;
    }
}

/*
 * Standard normal pairs straight from Philox counters (hs_normal_rows, hs_normal_pair): one
 * Philox4x32-10 block per address gives the Box–Muller radius uniform (52 bits), the angle
 * uniform (32 bits) and a spare 32-bit uniform, so a path step that needs two normals and one
 * uniform (a jump test) costs a single block. Built on lane_math.h: identical bits on every level.
 */
#include "CVectorMath.h"
#include "lane_math.h"

HS_INLINE void hs_normal_rows_body(uint64_t seed, uint32_t purpose, uint32_t index, uint32_t path_begin,
                                   long path_count, uint32_t step_begin, long step_count, double *z1,
                                   double *z2, double *u3) {
    const hs_uv lanes = hs_lane_index_v();
    for (long row = 0; row < step_count; row++) {
        const uint64_t step = (uint64_t)step_begin + (uint64_t)row;
        double *out1 = z1 + row * path_count, *out2 = z2 + row * path_count;
        double *out3 = u3 ? u3 + row * path_count : 0;
        for (long i = 0; i < path_count; i += HS_WIDTH) {
            hs_fv a, b, c;
            hs_normal_pair_v(seed, purpose, index, step, lanes + ((uint64_t)path_begin + (uint64_t)i), &a, &b, &c);
            long n = path_count - i < HS_WIDTH ? path_count - i : HS_WIDTH;
            if (n == HS_WIDTH) {
                hs_store_v(out1 + i, a);
                hs_store_v(out2 + i, b);
                if (out3) hs_store_v(out3 + i, c);
            } else {
                hs_store_partial_v(out1 + i, a, n);
                hs_store_partial_v(out2 + i, b, n);
                if (out3) hs_store_partial_v(out3 + i, c, n);
            }
        }
    }
}

HS_LEVEL_VARIANTS(hs_normal_rows,
                  (uint64_t seed, uint32_t purpose, uint32_t index, uint32_t path_begin, long path_count,
                   uint32_t step_begin, long step_count, double *z1, double *z2, double *u3),
                  (seed, purpose, index, path_begin, path_count, step_begin, step_count, z1, z2, u3))

void hs_normal_rows(uint64_t seed, uint32_t purpose, uint32_t index, uint32_t path_begin, long path_count,
                    uint32_t step_begin, long step_count, double *z1, double *z2, double *u3) {
    if (path_count <= 0 || step_count <= 0) return;
    switch (hs_vector_level()) {
    case 3:
        hs_normal_rows_avx512(seed, purpose, index, path_begin, path_count, step_begin, step_count, z1, z2, u3);
        return;
    case 2:
        hs_normal_rows_avx2(seed, purpose, index, path_begin, path_count, step_begin, step_count, z1, z2, u3);
        return;
    default:
        hs_normal_rows_base(seed, purpose, index, path_begin, path_count, step_begin, step_count, z1, z2, u3);
        return;
    }
}

void hs_normal_pair(uint64_t seed, uint32_t purpose, uint32_t index, uint32_t path, uint32_t step,
                    double out[3]) {
    hs_normal_rows(seed, purpose, index, path, 1, step, 1, out, out + 1, out + 2);
}

HS_INLINE void hs_student_t_rows_body(uint64_t seed, uint32_t purpose, uint32_t index, uint32_t path_begin,
                                      long path_count, uint32_t step_begin, long step_count, double dof,
                                      double *t) {
    const hs_uv zero = {0};
    const hs_uv lanes = hs_lane_index_v();
    for (long row = 0; row < step_count; row++) {
        const uint64_t step = (uint64_t)step_begin + (uint64_t)row;
        double *out = t + row * path_count;
        for (long i = 0; i < path_count; i += HS_WIDTH) {
            hs_philox_v w = hs_philox10(zero + index, zero + step, lanes + ((uint64_t)path_begin + (uint64_t)i),
                                        zero + purpose, (uint32_t)seed, (uint32_t)(seed >> 32));
            hs_fv z1, z2, student;
            hs_box_muller_t_v(hs_open_unit52(w.w1, w.w0), hs_open_unit32(w.w2), dof, &z1, &z2, &student);
            long n = path_count - i < HS_WIDTH ? path_count - i : HS_WIDTH;
            hs_store_partial_v(out + i, student, n);
        }
    }
}

HS_LEVEL_VARIANTS(hs_student_t_rows,
                  (uint64_t seed, uint32_t purpose, uint32_t index, uint32_t path_begin, long path_count,
                   uint32_t step_begin, long step_count, double dof, double *t),
                  (seed, purpose, index, path_begin, path_count, step_begin, step_count, dof, t))

void hs_student_t_rows(uint64_t seed, uint32_t purpose, uint32_t index, uint32_t path_begin, long path_count,
                       uint32_t step_begin, long step_count, double dof, double *t) {
    if (path_count <= 0 || step_count <= 0) return;
    switch (hs_vector_level()) {
    case 3: hs_student_t_rows_avx512(seed, purpose, index, path_begin, path_count, step_begin, step_count, dof, t); return;
    case 2: hs_student_t_rows_avx2(seed, purpose, index, path_begin, path_count, step_begin, step_count, dof, t); return;
    default: hs_student_t_rows_base(seed, purpose, index, path_begin, path_count, step_begin, step_count, dof, t); return;
    }
}

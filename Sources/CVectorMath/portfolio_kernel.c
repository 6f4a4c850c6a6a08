/*
 * The portfolio step (see hs_portfolio_step in CVectorMath.h): K coins' log prices under correlated
 * GBM, Merton jump-diffusions or GARCH(1,1)-t (whose shocks hs_portfolio_mixing turns into a
 * multivariate t) or the joint bootstrap of their history (hs_portfolio_history_shocks), and for each
 * contract (each written on one coin; several may share a coin, one per venue account and expiry), the
 * account of an inverse short per USD of notional, its lowest value so far (at the step end and, with
 * the between-step check, at the Brownian-bridge maximum of the step from the coin's one uniform) and
 * the funding it has accrued, or for a dated contract its basis, mark and roll yield. The correlated
 * shocks come in already multiplied by the correlation factor (BLAS dgemm, in the engine); this file is
 * the step model.
 */
#include "CVectorMath.h"
#include "lane_math.h"

/* The most Marsaglia–Tsang attempts of a mixing draw (see hs_portfolio_mixing). */
#define HS_MIXING_ATTEMPTS 64

/*
 * √((ν − 2)/W), W = 2G ~ χ²_ν, for the paths `lanes` (the first `valid` real): G ~ Gamma(ν/2) by
 * Marsaglia–Tsang, every lane's attempt 0 at once, then further attempts while a real lane is still
 * rejected, each lane keeping its first accepted d·v (see hs_portfolio_mixing).
 */
HS_INLINE hs_fv hs_mixing_scale_v(const hs_portfolio_plan *plan, long step, hs_uv lanes, long valid) {
    const double dof = plan->garch_dof, d = 0.5 * dof - 1.0 / 3.0, c = 1.0 / sqrt(9.0 * d);
    hs_fv gamma = hs_splat_v(0.5 * dof);
    hs_iv pending = (hs_iv)(hs_lane_index_v() < (uint64_t)valid);
    for (uint32_t attempt = 0; attempt < HS_MIXING_ATTEMPTS && hs_any_v(pending); attempt++) {
        hs_fv x, unused, u;
        hs_normal_pair_v(plan->seed, plan->purpose_mixing, attempt, (uint64_t)step, lanes, &x, &unused, &u);
        const hs_fv root = 1.0 + c * x;
        const hs_fv v = root * root * root;
        const hs_iv accepted = pending & hs_log_domain_v(v) & (hs_log_v(u) < ((0.5 * x * x + d) - d * v) + d * hs_log_v(v));
        gamma = hs_select_v(accepted, d * v, gamma);
        pending = pending & ~accepted;
    }
    return __builtin_elementwise_sqrt((dof - 2.0) / (2.0 * gamma));
}

HS_INLINE void hs_portfolio_mixing_body(const hs_portfolio_plan *plan, long step, long first_path, long paths, double *shocks,
                                        double *scales) {
    for (long p = 0; p < paths; p += HS_WIDTH) {
        const long n = paths - p < HS_WIDTH ? paths - p : HS_WIDTH;
        const hs_fv scale = hs_mixing_scale_v(plan, step, hs_lane_index_v() + (uint64_t)(first_path + p), n);
        hs_store_partial_v(scales + p, scale, n);
        for (long k = 0; k < plan->assets; k++) {
            if (!plan->garch[k]) continue;
            double *z = shocks + k * paths + p;
            hs_store_partial_v(z, hs_load_partial_v(z, n, 0) * scale, n);
        }
    }
}

/*
 * Contract c, a dated one, on the lanes of one coin's step (see hs_portfolio_plan.dated): its basis
 * moves, its mark is ln F = next + b·τ, its account is checked at the bridge maximum of ln F (from
 * log_uniform, the coin's bridge uniform's log, and step_variance) and at the step end, and at a roll
 * again at the next contract's mark after booking the roll yield and fees.
 */
HS_INLINE void hs_portfolio_dated_lanes(const hs_portfolio_plan *plan, long c, long step, hs_uv lanes, long p, long n, long paths,
                                        hs_fv next, hs_fv jump, hs_fv unit_shock, hs_fv log_uniform, hs_fv step_variance,
                                        double *funding, double *lowest, double *inverse_mark, double *basis, double *log_mark) {
    double *phi = funding + c * paths, *low = lowest + c * paths, *inverse = inverse_mark + c * paths;
    double *b_column = basis + c * paths, *mark_column = log_mark + c * paths;
    const double a = plan->mark_coefficient[c], constant = plan->account_constant[c];
    const double mean = plan->basis_mean[c], rho = plan->basis_price_correlation[c];
    hs_fv e, unused, spare;
    hs_normal_pair_v(plan->seed, plan->purpose_basis, (uint32_t)c, (uint64_t)step, lanes, &e, &unused, &spare);
    const hs_fv b = (mean + (hs_load_partial_v(b_column + p, n, 0) - mean) * plan->basis_decay[c])
        + plan->basis_innovation[c] * (rho * unit_shock + sqrt(1 - rho * rho) * e);
    const hs_fv previous = hs_load_partial_v(mark_column + p, n, 0);
    hs_fv mark = next + b * plan->years_to_expiry[c * plan->steps + step];
    hs_fv v = hs_exp_v(-mark);
    const hs_fv accrued = hs_load_partial_v(phi + p, n, 0);
    hs_fv worst = hs_load_partial_v(low + p, n, 0);
    if (plan->between_step_check) {
        worst = hs_min_v(worst, a * hs_exp_v(-hs_bridge_max_v(previous, mark, jump, step_variance, log_uniform)) + constant + accrued);
    }
    worst = hs_min_v(worst, a * v + constant + accrued);
    hs_fv booked = accrued;
    const double roll = plan->roll_to_years[c * plan->steps + step];
    if (roll > 0) {
        mark = next + b * roll;
        const hs_fv rolled = hs_exp_v(-mark);
        booked = booked + ((v - rolled) - plan->roll_fee_rate[c] * (v + rolled));
        v = rolled;
        worst = hs_min_v(worst, a * v + constant + booked);
    }
    hs_store_partial_v(b_column + p, b, n);
    hs_store_partial_v(mark_column + p, mark, n);
    hs_store_partial_v(phi + p, booked, n);
    hs_store_partial_v(inverse + p, v, n);
    hs_store_partial_v(low + p, worst, n);
}

/* The step with (has_dated = 1) or without dated contracts, the flag a constant in each inlined copy so
 * that a portfolio of perpetuals runs without the dated contracts' code in its loop. */
HS_INLINE void hs_portfolio_step_lanes(const hs_portfolio_plan *plan, long step, long first_path, const double *shocks,
                                       long paths, const hs_portfolio_columns *columns, const int has_dated) {
    double *log_price = columns->log_price, *variance = columns->variance, *funding = columns->funding;
    double *lowest = columns->lowest, *inverse_mark = columns->inverse_mark, *basis = columns->basis, *log_mark = columns->log_mark;
    const double *mixing_scale = columns->mixing_scale;
    const hs_uv zero = {0};
    const uint32_t seed_low = (uint32_t)plan->seed, seed_high = (uint32_t)(plan->seed >> 32);
    for (long k = 0; k < plan->assets; k++) {
        const double drift = plan->drift_per_step[k], vol = plan->vol_per_step[k];
        const int history = plan->history_length > 0, garch = plan->garch && plan->garch[k];
        const double rate = plan->jump_rate_per_step[k], no_jump = plan->no_jump_probability[k];
        const double *z = shocks + k * paths;
        double *x = log_price + k * paths, *h = garch ? variance + k * paths : 0;
        int carried = 0, perpetuals = 0;
        for (long c = 0; c < plan->contracts; c++) {
            carried |= plan->contract_asset[c] == k;
            perpetuals |= plan->contract_asset[c] == k && !(has_dated && plan->dated[c]);
        }
        /* A history return over its sample stdev is the unit shock a dated contract's basis reads. */
        const double unit_scale = plan->bridge_variance[k] > 0 ? 1 / sqrt(plan->bridge_variance[k]) : 0;
        for (long p = 0; p < paths; p += HS_WIDTH) {
            const long n = paths - p < HS_WIDTH ? paths - p : HS_WIDTH;
            const hs_uv lanes = hs_lane_index_v() + (uint64_t)(first_path + p);
            const hs_fv previous = hs_load_partial_v(x + p, n, 0);
            const hs_fv shock = hs_load_partial_v(z + p, n, 0);
            hs_fv next, step_variance = hs_splat_v(plan->bridge_variance[k]);
            if (garch) {
                /* GARCH(1,1)-t: move √h·s, then h ← min(ω + α·move² + β·h, cap); given the step's mixing
                 * scale c = √((ν − 2)/W) the move is normal with variance h·c², the bridge's variance. */
                const hs_fv variance_h = hs_load_partial_v(h + p, n, 0);
                const hs_fv scale = hs_load_partial_v(mixing_scale + p, n, 1);
                step_variance = variance_h * (scale * scale);
                const hs_fv move = __builtin_elementwise_sqrt(variance_h) * shock;
                next = previous + ((drift - 0.5 * variance_h) + move);
                const hs_fv updated =
                    (plan->garch_omega[k] + plan->garch_alpha[k] * move * move) + plan->garch_beta[k] * variance_h;
                hs_store_partial_v(h + p, hs_min_v(updated, hs_splat_v(plan->garch_variance_cap[k])), n);
            } else {
                next = history ? previous + shock : previous + (drift + vol * shock);
            }
            hs_fv jump = hs_splat_v(0);
            if (rate > 0 && !history) {
                /* Merton: the count from a 52-bit uniform of its own, the sizes from a normal block. */
                const hs_philox_v w = hs_philox10(zero + (uint64_t)k, zero + (uint64_t)step, lanes, zero + plan->purpose_jump_test,
                                                  seed_low, seed_high);
                const hs_fv u = hs_open_unit52(w.w1, w.w0);
                if (hs_any_v(u > no_jump)) {
                    jump = hs_compound_jumps_v(plan->seed, plan->purpose_jump_size, (uint32_t)k, step, lanes, u, n, no_jump, rate,
                                               plan->jump_mean[k], plan->jump_stdev[k]);
                    next = next + jump;
                }
            }
            hs_store_partial_v(x + p, next, n);
            if (!carried) continue;
            /* One price path, one bridge uniform: every perpetual on coin k reads the same e^{−max}, every
             * dated contract the maximum of its own ln F's bridge from the same uniform. */
            hs_fv peak_inverse = hs_splat_v(0), log_uniform = hs_splat_v(0);
            if (plan->between_step_check) {
                /* The maximum of the log price's Brownian bridge from previous to next less the jump,
                 * s² the step's variance. */
                const hs_philox_v w = hs_philox10(zero + (uint64_t)plan->bridge_index[k], zero + (uint64_t)step, lanes,
                                                  zero + plan->purpose_bridge, seed_low, seed_high);
                log_uniform = hs_log_v(hs_open_unit52(w.w1, w.w0));
                if (perpetuals) peak_inverse = hs_exp_v(-hs_bridge_max_v(previous, next, jump, step_variance, log_uniform));
            }
            const hs_fv v = perpetuals ? hs_exp_v(-next) : hs_splat_v(0);
            for (long c = 0; c < plan->contracts; c++) {
                if (plan->contract_asset[c] != k) continue;
                if (has_dated && plan->dated[c]) {
                    hs_portfolio_dated_lanes(plan, c, step, lanes, p, n, paths, next, jump, history ? shock * unit_scale : shock,
                                             log_uniform, step_variance, funding, lowest, inverse_mark, basis, log_mark);
                    continue;
                }
                double *phi = funding + c * paths, *low = lowest + c * paths, *inverse = inverse_mark + c * paths;
                const double a = plan->mark_coefficient[c], constant = plan->account_constant[c];
                const hs_fv before = hs_load_partial_v(phi + p, n, 0);
                hs_fv worst = hs_load_partial_v(low + p, n, 0);
                if (plan->between_step_check) worst = hs_min_v(worst, a * peak_inverse + constant + before);
                const hs_fv accrued = before + plan->funding_per_step[c] * v;
                worst = hs_min_v(worst, a * v + constant + accrued);
                hs_store_partial_v(phi + p, accrued, n);
                hs_store_partial_v(inverse + p, v, n);
                hs_store_partial_v(low + p, worst, n);
            }
        }
    }
}

HS_INLINE void hs_portfolio_step_body(const hs_portfolio_plan *plan, long step, long first_path, const double *shocks,
                                      long paths, const hs_portfolio_columns *columns) {
    if (plan->dated) {
        hs_portfolio_step_lanes(plan, step, first_path, shocks, paths, columns, 1);
    } else {
        hs_portfolio_step_lanes(plan, step, first_path, shocks, paths, columns, 0);
    }
}

void hs_round_to_grid(double *values, long count, double grid_inverse) {
    const double bias = 6755399441055744.0; /* 1.5·2⁵² */
    const double grid = 1 / grid_inverse;
    for (long i = 0; i < count; i++) values[i] = ((values[i] * grid_inverse + bias) - bias) * grid;
}

void hs_portfolio_history_shocks(const hs_portfolio_plan *plan, long step, long first_path, long paths, long *position,
                                 double *shocks) {
    const hs_uv zero = {0};
    const long length = plan->history_length;
    for (long p = 0; p < paths; p += HS_WIDTH) {
        const long n = paths - p < HS_WIDTH ? paths - p : HS_WIDTH;
        const hs_uv lanes = hs_lane_index_v() + (uint64_t)(first_path + p);
        const hs_philox_v w = hs_philox10(zero, zero + (uint64_t)step, lanes, zero + plan->purpose_bootstrap, (uint32_t)plan->seed,
                                          (uint32_t)(plan->seed >> 32));
        int64_t lanes_position[HS_WIDTH] = {0};
        for (long l = 0; l < n; l++) lanes_position[l] = position[p + l];
        hs_iv moved;
        memcpy(&moved, lanes_position, sizeof moved);
        moved = hs_bootstrap_positions_v(w, step, plan->restart_probability, length, moved);
        memcpy(lanes_position, &moved, sizeof moved);
        for (long l = 0; l < n; l++) position[p + l] = lanes_position[l];
    }
    for (long k = 0; k < plan->assets; k++) {
        const double *returns = plan->history_returns + k * length;
        for (long p = 0; p < paths; p++) shocks[k * paths + p] = returns[position[p]];
    }
}

HS_LEVEL_VARIANTS(hs_portfolio_mixing,
                  (const hs_portfolio_plan *plan, long step, long first_path, long paths, double *shocks, double *scale),
                  (plan, step, first_path, paths, shocks, scale))

void hs_portfolio_mixing(const hs_portfolio_plan *plan, long step, long first_path, long paths, double *shocks, double *scale) {
    if (paths <= 0 || !plan->garch) return;
    switch (hs_vector_level()) {
    case 3: hs_portfolio_mixing_avx512(plan, step, first_path, paths, shocks, scale); return;
    case 2: hs_portfolio_mixing_avx2(plan, step, first_path, paths, shocks, scale); return;
    default: hs_portfolio_mixing_base(plan, step, first_path, paths, shocks, scale); return;
    }
}

HS_LEVEL_VARIANTS(hs_portfolio_step,
                  (const hs_portfolio_plan *plan, long step, long first_path, const double *shocks, long paths,
                   const hs_portfolio_columns *columns),
                  (plan, step, first_path, shocks, paths, columns))

void hs_portfolio_step(const hs_portfolio_plan *plan, long step, long first_path, const double *shocks, long paths,
                       const hs_portfolio_columns *columns) {
    if (paths <= 0) return;
    switch (hs_vector_level()) {
    case 3: hs_portfolio_step_avx512(plan, step, first_path, shocks, paths, columns); return;
    case 2: hs_portfolio_step_avx2(plan, step, first_path, shocks, paths, columns); return;
    default: hs_portfolio_step_base(plan, step, first_path, shocks, paths, columns); return;
    }
}

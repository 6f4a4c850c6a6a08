/*
 * The path kernel (see hs_simulate_paths in CVectorMath.h): HedgeSim's step model, written once.
 * HS_WIDTH paths travel together in the lanes of one vector value, from the first step to the
 * horizon, with their state in registers: per step one Philox block gives the two Box–Muller
 * uniforms and a spare uniform (the jump test, or the bridge maximum without jumps), and the price
 * update, the funding or basis factor, the coin funding accrual and the liquidation test follow
 * without touching memory. Rare events — a jump, a liquidation, a band point — and the history
 * models' table look-ups leave the vector path for scalar code.
 *
 * The test target's reference model (ReferenceKernel) computes the same paths with the same
 * operations in the same order, written plainly over step rows; the engine's tests compare the two
 * for every shape.
 */
#include "CVectorMath.h"
#include "lane_math.h"

#include <math.h>

/* The path state of HS_WIDTH lanes. */
typedef struct {
    hs_fv log_index;      /* ln P after the last step */
    hs_fv log_mark;       /* ln F after the last step (dated; a perpetual's mark is its index) */
    hs_fv basis;          /* dated: the annualised basis */
    hs_fv variance;       /* GARCH: h, the next step's conditional variance */
    hs_fv deviation;      /* funding AR(1) deviation from the mean */
    hs_fv shock_sum;      /* funding shocks since the last payment */
    hs_fv funding_in;     /* Σ max(f, 0)/F, coin per USD of notional (dated: Σ roll yield) */
    hs_fv funding_out;    /* Σ max(−f, 0)/F (dated: Σ roll fees) */
    hs_fv next_threshold;
    hs_fv inverse_mark;   /* 1/F after the last step */
    hs_fv lowest_account; /* the lowest account per USD of notional so far (+∞ before the first step) */
    hs_fv next_funding_normal; /* several payments a step: the funding-sum normal of the next (odd) step */
    hs_iv position;       /* history models: the history step each lane is at */
} hs_lanes_state;

/* Lane l's path number, as a 64-bit lane (counter word c2). */
HS_INLINE hs_uv hs_path_lanes(long first) {
    return hs_lane_index_v() + (uint64_t)first;
}

/* Philox4x32-10 of the counters (index 0, step, path lanes, purpose). */
HS_INLINE hs_philox_v hs_step_block(uint64_t seed, uint32_t purpose, long step, hs_uv paths) {
    hs_uv zero = {0};
    return hs_philox10(zero, zero + (uint64_t)step, paths, zero + purpose, (uint32_t)seed,
                       (uint32_t)(seed >> 32));
}

/* The step's log jumps (hs_compound_jumps_v) under the plan's jump model, index 0. */
HS_INLINE hs_fv hs_jump_sizes_v(const hs_path_plan *plan, long step, hs_uv paths, hs_fv jump_uniform,
                                long valid) {
    return hs_compound_jumps_v(plan->seed, plan->purpose_jump_size, 0, step, paths, jump_uniform, valid,
                               plan->price.no_jump_probability, plan->price.jump_rate_per_step, plan->price.jump_mean, plan->price.jump_stdev);
}

/* The account's mark term of a log price: 1/F = e^{−ln F} for an inverse contract, F/E = e^{ln F − ln E}
 * for a linear one. */
HS_INLINE hs_fv hs_mark_term_v(const hs_path_plan *plan, hs_fv log_price) {
    return plan->account.linear ? hs_exp_checked_v(log_price + plan->account.linear_shift) : hs_exp_checked_v(-log_price);
}

/* The liquidation record each lane would book at this step: the step, funding received and paid, the
 * mark term, and the index's (the mark term for a perpetual; 1/e^{ln P}, or P/E linear, for a dated
 * contract). */
HS_INLINE void hs_lanes_records(const hs_path_plan *plan, long step, const hs_lanes_state *s,
                                hs_liquidation_record records[HS_WIDTH]) {
    double in[HS_WIDTH], out[HS_WIDTH], inverse[HS_WIDTH], index[HS_WIDTH];
    hs_store_v(in, s->funding_in);
    hs_store_v(out, s->funding_out);
    hs_store_v(inverse, s->inverse_mark);
    hs_store_v(index, !plan->dated ? s->inverse_mark
                      : plan->account.linear ? hs_mark_term_v(plan, s->log_index)
                                     : 1.0 / hs_exp_checked_v(s->log_index));
    for (int l = 0; l < HS_WIDTH; l++)
        records[l] = (hs_liquidation_record){
            .step = (double)step, .funding_in = in[l], .funding_out = out[l], .inverse_mark = inverse[l],
            .inverse_index = index[l],
        };
}

/* For every real lane whose worst account of the step is at or below its next threshold: books each
 * threshold group it has now reached, in order, as a liquidation record (step, funding in, funding
 * out, 1/F, 1/P; 1/P = 1/F for a perpetual, 1/e^{ln P} for a dated contract), and moves its next
 * threshold on. */
HS_INLINE void hs_record_liquidations(const hs_path_plan *plan, const hs_path_block *block, long first,
                                      long valid, long step, hs_fv worst, hs_lanes_state *state) {
    double w[HS_WIDTH], next[HS_WIDTH];
    hs_liquidation_record records[HS_WIDTH];
    hs_store_v(w, worst);
    hs_store_v(next, state->next_threshold);
    hs_lanes_records(plan, step, state, records);
    const long groups = plan->threshold_count;
    for (int l = 0; l < valid; l++) {
        if (!(w[l] <= next[l])) continue;
        long p = first + l;
        long group = block->next_group[p];
        while (group < groups && w[l] <= plan->thresholds[group]) {
            block->records[p * groups + group] = records[l];
            group += 1;
        }
        block->next_group[p] = group;
        next[l] = group < groups ? plan->thresholds[group] : -INFINITY;
    }
    state->next_threshold = hs_load_v(next);
}

/* Keeps the log index of the band paths at a band step. */
HS_INLINE void hs_record_band(const hs_path_plan *plan, const hs_path_block *block, long first,
                              long valid, long point, hs_fv log_index) {
    double x[HS_WIDTH];
    hs_store_v(x, log_index);
    for (int l = 0; l < valid; l++) {
        long p = first + l;
        if (block->first_path + p >= plan->bands.paths) break;
        block->band_log_index[p * plan->bands.points + point] = x[l];
    }
}

/* The constants of the step loop, and its switches: constants in the specialised copies of the
 * loop (see hs_simulate_paths_body), otherwise tested once per step and predicted. */
typedef struct {
    const hs_path_plan *plan;
    const hs_path_block *block;
    double a, c, variance;
    /* The smallest word w whose uniform (w + ½)·2^-32 exceeds no_jump_probability p:
     * ⌊p·2^32 − ½⌋ + 1 (both steps exact), so the test needs no conversion. */
    int64_t jump_word_threshold;
    /* 1/no_jump_probability: the bridge uniform of a lane without a jump is min(u3·(1/p), 1). */
    double inverse_no_jump;
    int antithetic, several_payments;
    int garch, history, dated, has_jumps, between_step_check, dead_zone, every_step_funding;
    /* The second factor comes from the history: its funding rates (perpetual) or basis (dated). */
    int history_factor;
} hs_step_context;

/* The normals (and GARCH's t) of a step's diffusion block, mirrored for antithetic pairs. */
HS_INLINE void hs_lanes_normals(const hs_step_context *x, hs_philox_v w, hs_fv *z1, hs_fv *z2, hs_fv *t) {
    if (x->garch) {
        hs_box_muller_t_v(hs_open_unit52(w.w1, w.w0), hs_open_unit32(w.w2), x->plan->price.garch_dof, z1, z2, t);
    } else {
        hs_box_muller_v(hs_open_unit52(w.w1, w.w0), hs_open_unit32(w.w2), z1, z2);
    }
    if (x->antithetic) {
        *z1 = hs_mirror_pairs_v(*z1);
        *z2 = hs_mirror_pairs_v(*z2);
        if (x->garch) *t = hs_mirror_pairs_v(*t);
    }
}

/* The history's value at each lane's position. */
HS_INLINE hs_fv hs_lanes_history_value(const double *history, const hs_lanes_state *s) {
    double value[HS_WIDTH];
    for (int l = 0; l < HS_WIDTH; l++) value[l] = history[s->position[l]];
    return hs_load_v(value);
}

/* The history models: each lane's position after this step (bootstrap blocks restart at random:
 * at ⌊u·length⌋ when the restart uniform is below the restart probability, and at the first step;
 * otherwise the next history step, wrapping; replay walks the history in order), and the history's
 * log return there. Lane-wise in vectors; only the table look-up is per lane. */
HS_INLINE hs_fv hs_lanes_history_return(const hs_step_context *x, long step, hs_uv paths, hs_lanes_state *s) {
    const hs_path_plan *plan = x->plan;
    const long length = plan->history_length;
    if (plan->price.model == HS_MODEL_BOOTSTRAP) {
        const hs_philox_v b = hs_step_block(plan->seed, plan->purpose_bootstrap, step, paths);
        s->position = hs_bootstrap_positions_v(b, step, plan->price.restart_probability, length, s->position);
    } else {
        s->position = (hs_iv){0} + step % length;
    }
    return hs_lanes_history_value(plan->history_returns, s);
}

/* Moves HS_WIDTH paths (lanes start .. start + HS_WIDTH − 1 of the block, the first `valid` real)
 * through one step given its normals and spare word: log index, the step's diffusive variance
 * (`*variance`), funding shocks or basis, log mark, band point. Returns the log jump of the step. */
HS_INLINE hs_fv hs_lanes_move(const hs_step_context *x, long step, long point, hs_uv paths, long start,
                              long valid, hs_fv z1, hs_fv z2, hs_fv t, hs_uv spare_word, hs_lanes_state *s,
                              hs_fv *variance) {
    const hs_path_plan *plan = x->plan;
    hs_fv factor_shock = plan->correlation * z1 + plan->orthogonal * z2;
    hs_fv increment;
    if (x->garch) {
        hs_fv h = s->variance;
        hs_fv shock = __builtin_elementwise_sqrt(h) * (t * plan->price.t_scale);
        increment = (plan->price.drift_per_step - 0.5 * h) + shock;
        *variance = h;
        s->variance = hs_min_v((plan->price.garch_omega + plan->price.garch_alpha * shock * shock) + plan->price.garch_beta * h,
                               hs_splat_v(plan->price.garch_variance_cap));
    } else if (x->history) {
        increment = hs_lanes_history_return(x, step, paths, s);
        *variance = hs_splat_v(x->variance);
    } else {
        increment = plan->price.drift_per_step + plan->price.vol_per_step * z1;
        *variance = hs_splat_v(x->variance);
    }
    hs_fv jump = hs_splat_v(0);
    if (x->has_jumps) {
        const hs_iv word = (hs_iv){0} + 0xFFFFFFFFll;
        if (hs_any_v(((hs_iv)spare_word & word) >= x->jump_word_threshold))
            jump = hs_jump_sizes_v(plan, step, paths, hs_open_unit32(spare_word), valid);
    }
    s->log_index = s->log_index + increment + jump;
    if (x->dated) {
        hs_fv basis = x->history_factor
            ? hs_lanes_history_value(plan->history_basis, s)
            : (plan->basis.mean + (s->basis - plan->basis.mean) * plan->basis.decay) + plan->basis.innovation * factor_shock;
        s->basis = basis;
        s->log_mark = s->log_index + basis * plan->years_to_expiry[step];
    } else if (!x->history_factor) {
        /* With a payment every step the sum since the last payment is the step's shock itself (0 + v
         * is v: the shock is never −0). */
        s->shock_sum = x->every_step_funding ? factor_shock : s->shock_sum + factor_shock;
    }
    if (point >= 0 && plan->bands.points > 0 && x->block->first_path + start < plan->bands.paths)
        hs_record_band(plan, x->block, start, valid, point, s->log_index);
    return jump;
}

/* The account per unit of notional at the step's Brownian-bridge maximum of the mark, before the
 * step's funding: a/F_max + c + Σ funding (+∞ without the between-step check). The bridge uniform is
 * the diffusion block's spare uniform u3; under the jump model, where u3 decides the jump, it is
 * min(u3/p, 1) in the lanes without a jump (u3 ≤ p = no_jump_probability, so u3/p is uniform on
 * (0, 1] and independent of the normals), and a block of its own only in the lanes with one. */
HS_INLINE hs_fv hs_lanes_bridge_account(const hs_step_context *x, long step, hs_uv paths, hs_fv previous,
                                        hs_fv jump, hs_fv variance, hs_uv spare_word, const hs_lanes_state *s) {
    if (!x->between_step_check) return hs_splat_v(INFINITY);
    hs_fv uniform = hs_open_unit32(spare_word);
    if (x->has_jumps) {
        const hs_iv jumped = ((hs_iv)spare_word & ((hs_iv){0} + 0xFFFFFFFFll)) >= x->jump_word_threshold;
        uniform = hs_min_v(uniform * x->inverse_no_jump, hs_splat_v(1.0));
        if (hs_any_v(jumped)) {
            hs_philox_v b = hs_step_block(x->plan->seed, x->plan->purpose_bridge, step, paths);
            uniform = hs_select_v(jumped, hs_open_unit52(b.w1, b.w0), uniform);
        }
    }
    hs_fv log_uniform = hs_log_v(uniform);
    hs_fv next = x->dated ? s->log_mark : s->log_index;
    hs_fv inverse_max = hs_mark_term_v(x->plan, hs_bridge_max_v(previous, next, jump, variance, log_uniform));
    return x->a * inverse_max + x->c + (s->funding_in - s->funding_out);
}

/* The rate paid for a deviation: clamp(mean + shrink(x, dead zone), ±cap), shrink(x, w) =
 * min(max(0, x − w), x + w), which is exactly x when w = 0. */
HS_INLINE hs_fv hs_funding_rate_v(const hs_step_context *x, hs_fv deviation) {
    const hs_path_plan *plan = x->plan;
    hs_fv shrunk = x->dead_zone ? hs_min_v(hs_max_v(hs_splat_v(0), deviation - plan->funding.dead_zone),
                                          deviation + plan->funding.dead_zone)
                                : deviation;
    return hs_min_v(hs_splat_v(plan->funding.cap), hs_max_v(hs_splat_v(-plan->funding.cap), plan->funding.mean + shrunk));
}

/* The funding rate paid at this step end by a perpetual: the history's, or the AR(1)'s (one payment,
 * or the exact sum of several in the step). Advances the deviation. */
HS_INLINE hs_fv hs_lanes_funding_rate(const hs_step_context *x, long step, hs_uv paths, hs_lanes_state *s) {
    const hs_path_plan *plan = x->plan;
    if (x->history_factor) return hs_lanes_history_value(plan->history_funding, s);
    hs_fv deviation = plan->funding.persistence * s->deviation + plan->funding.scale * s->shock_sum;
    if (!x->several_payments) {
        s->deviation = deviation;
        if (!x->every_step_funding) s->shock_sum = hs_splat_v(0);
        return hs_funding_rate_v(x, deviation);
    }
    /* One normal pair serves two steps: block step/2's z1 at an even step, its z2 (kept) at the next. */
    hs_fv independent = s->next_funding_normal;
    if (step % 2 == 0) {
        hs_fv spare;
        hs_normal_pair_v(plan->seed, plan->purpose_funding_sum, 0, (uint64_t)(step / 2), paths, &independent,
                         &s->next_funding_normal, &spare);
    }
    const double payments = (double)plan->funding.payments_per_step;
    hs_fv sum = (plan->funding.sum_decay * s->deviation + plan->funding.sum_loading * s->shock_sum)
        + plan->funding.sum_residual * independent;
    s->deviation = deviation;
    return hs_funding_rate_v(x, sum / payments) * payments;
}

/* The trigger 1/F_trig of a policy cell after a top-up (or at the start) at mark 1/F = `inverse`, with
 * threshold θ = −M/N and funding Φ: the liquidation price solves a/F_liq + c + Φ = θ, and the trigger
 * is F + s·(F_liq − F); 0 (never) when no liquidation price exists or no top-up is left. */
HS_INLINE double hs_policy_trigger(const hs_step_context *x, const hs_policy_cell *cell, double inverse, double threshold,
                                   double funding, int exhausted) {
    const double inverse_liquidation = (threshold - x->c - funding) / x->a;
    if (exhausted || !(inverse_liquidation > 0)) return 0;
    const double mark = 1 / inverse;
    return 1 / (mark + cell->trigger_share * (1 / inverse_liquidation - mark));
}

/* The highest threshold and trigger and the lowest floor over the policy cells of the paths
 * start .. start + valid − 1. */
HS_INLINE void hs_policy_maxima(const hs_path_plan *plan, const hs_path_block *block, long start, long valid) {
    for (long p = start; p < start + valid; p++) {
        double threshold = -INFINITY, trigger = 0, floor = INFINITY;
        for (long c = 0; c < plan->policy_cell_count; c++) {
            const long i = c * block->policy_stride + p;
            if (block->policy_threshold[i] > threshold) threshold = block->policy_threshold[i];
            if (block->policy_trigger[i] > trigger) trigger = block->policy_trigger[i];
            if (block->policy_floor[i] < floor) floor = block->policy_floor[i];
        }
        block->policy_max_threshold[p] = threshold;
        block->policy_max_trigger[p] = trigger;
        block->policy_min_floor[p] = floor;
        if (plan->funding_window > 0) {
            double exit = INFINITY, reenter = -INFINITY;
            for (long c = 0; c < plan->policy_cell_count; c++) {
                const hs_policy_cell *cell = plan->policy_cells + c;
                if (cell->kind != HS_POLICY_FUNDING_EXIT) continue;
                const hs_policy_path *path = block->policy_paths + c * block->policy_stride + p;
                if (path->notional > 0 && cell->exit_rate_above < exit) exit = cell->exit_rate_above;
                if (path->waiting > 0 && cell->reenter_rate_below > reenter) reenter = cell->reenter_rate_below;
            }
            block->policy_min_exit[p] = exit;
            block->policy_max_reenter[p] = reenter;
        }
    }
}

/* A policy path's balance at mark 1/F = `inverse` and funding received and paid (in, out) per USD of
 * notional: M + n·(1/F − 1/F_o) + n·((in − in_o) − (out − out_o)) (see hs_policy_cell). */
HS_INLINE double hs_policy_balance(const hs_policy_path *p, double inverse, double in, double out) {
    return p->margin + p->notional * (inverse - p->open_inverse_mark)
        + p->notional * ((in - p->open_funding_in) - (out - p->open_funding_out));
}

/* Books the coin flows of the stretch that ends at `now`: funding received and paid, and the basis
 * income n·((1/F − 1/F_o) − (1/P − 1/P_o)). */
HS_INLINE void hs_policy_close_stretch(hs_policy_path *p, const hs_liquidation_record *now) {
    p->funding_in += p->notional * (now->funding_in - p->open_funding_in);
    p->funding_out += p->notional * (now->funding_out - p->open_funding_out);
    p->basis_income += p->notional
        * ((now->inverse_mark - p->open_inverse_mark) - (now->inverse_index - p->open_inverse_index));
}

/* Starts a stretch at a trade at mark 1/F = `inverse` (and `now`'s funding and index): the values the
 * balance is measured from, and base = 1/F_o + Φ_o + c + m_e·w of the threshold θ = base − M/n. */
HS_INLINE void hs_policy_open_stretch(const hs_step_context *x, const hs_policy_cell *cell, hs_policy_path *p,
                                      const hs_liquidation_record *now, double inverse) {
    p->open_inverse_mark = inverse;
    p->open_inverse_index = x->dated ? now->inverse_index : inverse;
    p->open_funding_in = now->funding_in;
    p->open_funding_out = now->funding_out;
    p->base = inverse + (now->funding_in - now->funding_out) + x->c + cell->entry_maintenance_rate * p->entry_inverse;
}

/* Re-hedge: reopens the cell's notional at mark 1/F = `inverse` with the margin n/(F·L_r) and the entry
 * fee from the spot holding, unless it has too few coins left (then the hedge stays closed). */
HS_INLINE void hs_policy_reopen(const hs_step_context *x, const hs_policy_cell *cell, hs_policy_path *p,
                                const hs_liquidation_record *now, double inverse, double *threshold, double *trigger) {
    const double notional = cell->notional;
    const double margin = notional * inverse / cell->rehedge_leverage;
    const double fee = cell->fee_rate * notional * inverse;
    p->reopen_step = -1;
    *trigger = 0;
    if (!(margin + fee <= cell->spot_coin - p->moved)) return;
    p->moved += margin + fee;
    p->fees += fee;
    p->actions += 1;
    p->notional = notional;
    p->margin = margin;
    p->entry_inverse = inverse;
    hs_policy_open_stretch(x, cell, p, now, inverse);
    *threshold = p->base - margin / notional;
}

/* A liquidation of a policy path at `now`: the balance left at the liquidation level (the mark where
 * the account reached θ with the between-step check, else the step-end mark) is forfeited, the stretch
 * closes, and a re-hedge cell schedules its reopening (at once, at that level, without a delay). */
HS_INLINE void hs_policy_liquidate(const hs_step_context *x, const hs_policy_cell *cell, hs_policy_path *p,
                                   const hs_liquidation_record *now, long step, double *threshold, double *trigger) {
    const double funding = now->funding_in - now->funding_out;
    const double level = x->between_step_check ? (*threshold - x->c - funding) / x->a : now->inverse_mark;
    const double left = hs_policy_balance(p, level, now->funding_in, now->funding_out);
    p->forfeited += left > 0 ? left : 0;
    hs_policy_close_stretch(p, now);
    if (p->first_liquidation.step < 0) p->first_liquidation = *now;
    p->liquidations += 1;
    p->notional = 0;
    p->margin = 0;
    *threshold = -INFINITY;
    *trigger = 0;
    if (cell->kind != HS_POLICY_REHEDGE || !(p->actions < (double)cell->max_actions)) return;
    if (cell->rehedge_delay_steps == 0) {
        hs_policy_reopen(x, cell, p, now, level, threshold, trigger);
    } else {
        p->reopen_step = (double)(step + cell->rehedge_delay_steps);
        *trigger = INFINITY;
    }
}

/* A top-up or a deleverage at a step end where the mark reached the trigger (see hs_policy_cell). */
HS_INLINE void hs_policy_act(const hs_step_context *x, const hs_policy_cell *cell, hs_policy_path *p,
                             const hs_liquidation_record *now, double *threshold, double *trigger) {
    const double funding = now->funding_in - now->funding_out;
    const double balance = hs_policy_balance(p, now->inverse_mark, now->funding_in, now->funding_out);
    if (cell->kind == HS_POLICY_TOP_UP) {
        double coin = cell->top_up_coin > 0 ? cell->top_up_coin
                                            : p->notional * now->inverse_mark / cell->initial_leverage - balance;
        const double left = cell->spot_coin - p->moved;
        if (coin > left) coin = left;
        if (coin > 0) {
            p->margin += coin;
            p->moved += coin;
            p->actions += 1;
            *threshold = p->base - p->margin / p->notional;
        }
    } else {
        const double closed = p->notional * cell->deleverage_share;
        const double fee = cell->fee_rate * closed * now->inverse_mark;
        hs_policy_close_stretch(p, now);
        p->notional -= closed;
        p->margin = balance - fee;
        p->fees += fee;
        p->actions += 1;
        hs_policy_open_stretch(x, cell, p, now, now->inverse_mark);
        *threshold = p->base - p->margin / p->notional;
    }
    const int exhausted = !(p->actions < (double)cell->max_actions)
        || (cell->kind == HS_POLICY_TOP_UP && !(p->moved < cell->spot_coin));
    *trigger = hs_policy_trigger(x, cell, now->inverse_mark, *threshold, funding, exhausted);
}

/* De-hedge: buys the whole short back at the mark (the balance less the fee stays as coin) and sells the
 * share spot_sell_share of the spot coins left at the index. */
HS_INLINE void hs_policy_dehedge(const hs_policy_cell *cell, hs_policy_path *p, const hs_liquidation_record *now,
                                 double *threshold, double *trigger, double *floor) {
    const double balance = hs_policy_balance(p, now->inverse_mark, now->funding_in, now->funding_out);
    const double fee = cell->fee_rate * p->notional * now->inverse_mark;
    hs_policy_close_stretch(p, now);
    p->notional = 0;
    p->margin = balance - fee;
    p->fees += fee;
    p->actions += 1;
    const double sold = cell->spot_sell_share * (cell->spot_coin - p->moved - p->spot_sold);
    p->spot_sold += sold;
    p->cash += sold / now->inverse_index;
    *threshold = -INFINITY;
    *trigger = 0;
    *floor = INFINITY;
}

/* Funding exit at funding step `k`: closes the short when the trailing mean rate is above the exit
 * level, reopens a waiting one when it is below the reentry level. */
HS_INLINE void hs_policy_funding_exit(const hs_step_context *x, const hs_policy_cell *cell, hs_policy_path *p,
                                      const hs_liquidation_record *now, double mean, double *threshold, double *trigger,
                                      double *floor) {
    if (p->notional > 0) {
        if (!(mean > cell->exit_rate_above)) return;
        hs_policy_dehedge(cell, p, now, threshold, trigger, floor);
        p->waiting = cell->reenter_rate_below > -INFINITY ? 1 : 0;
        return;
    }
    if (!(p->waiting > 0) || !(mean < cell->reenter_rate_below)) return;
    const double notional = cell->notional, inverse = now->inverse_mark;
    const double margin = notional * inverse / cell->initial_leverage;
    const double fee = cell->fee_rate * notional * inverse;
    const double from_spot = margin + fee - p->margin;
    if (!(from_spot <= cell->spot_coin - p->moved - p->spot_sold)) return;
    p->moved += from_spot;
    p->fees += fee;
    p->actions += 1;
    p->waiting = 0;
    p->notional = notional;
    p->margin = margin;
    p->entry_inverse = inverse;
    hs_policy_open_stretch(x, cell, p, now, inverse);
    *threshold = p->base - margin / notional;
}

/* The policy cells at a step end: each liquidation the step's worst account caused, each pending
 * reopening that is due, then each top-up or deleverage the mark's rise triggered, or de-hedge its fall. */
HS_INLINE void hs_lanes_policies(const hs_step_context *x, long step, long start, long valid, hs_fv worst,
                                 const hs_lanes_state *s, long funding_index) {
    const hs_path_plan *plan = x->plan;
    const hs_path_block *block = x->block;
    /* A funding exit looks at the funding steps, once a window has passed, where some lane's trailing
     * mean is beyond the level of one of its cells. */
    int funding_check = 0;
    if (funding_index + 1 >= plan->funding_window && plan->funding_window > 0) {
        const hs_fv mean = hs_load_v(block->funding_ring_sum + start) / (double)plan->funding_window;
        funding_check = hs_any_v((mean > hs_load_v(block->policy_min_exit + start))
                                 | (mean < hs_load_v(block->policy_max_reenter + start)));
    }
    if (!funding_check && !hs_any_v((worst <= hs_load_v(block->policy_max_threshold + start))
                  | (s->inverse_mark <= hs_load_v(block->policy_max_trigger + start))
                  | (s->inverse_mark >= hs_load_v(block->policy_min_floor + start))))
        return;
    for (long c = 0; c < plan->policy_cell_count; c++) {
        const hs_policy_cell *cell = plan->policy_cells + c;
        const long offset = c * block->policy_stride + start;
        double *threshold = block->policy_threshold + offset;
        double *trigger = block->policy_trigger + offset;
        double *floor = block->policy_floor + offset;
        const hs_iv liquidated = worst <= hs_load_v(threshold);
        const hs_iv triggered = (s->inverse_mark <= hs_load_v(trigger)) | (s->inverse_mark >= hs_load_v(floor));
        const int funding_cell = funding_check && cell->kind == HS_POLICY_FUNDING_EXIT;
        if (!funding_cell && !hs_any_v(liquidated | triggered)) continue;
        const double window = (double)plan->funding_window;
        double w[HS_WIDTH];
        hs_liquidation_record records[HS_WIDTH];
        hs_store_v(w, worst);
        hs_lanes_records(plan, step, s, records);
        for (int l = 0; l < valid; l++) {
            const hs_liquidation_record *now = records + l;
            hs_policy_path *p = block->policy_paths + offset + l;
            if (w[l] <= threshold[l]) {
                hs_policy_liquidate(x, cell, p, now, step, threshold + l, trigger + l);
                floor[l] = INFINITY;
            } else if (funding_cell) {
                hs_policy_funding_exit(x, cell, p, now, block->funding_ring_sum[start + l] / window, threshold + l, trigger + l,
                                       floor + l);
            } else if (p->reopen_step >= 0) {
                if ((double)step >= p->reopen_step) hs_policy_reopen(x, cell, p, now, now->inverse_mark, threshold + l, trigger + l);
            } else if (now->inverse_mark <= trigger[l]) {
                hs_policy_act(x, cell, p, now, threshold + l, trigger + l);
            } else if (now->inverse_mark >= floor[l]) {
                hs_policy_dehedge(cell, p, now, threshold + l, trigger + l, floor + l);
            }
        }
    }
    hs_policy_maxima(plan, block, start, valid);
}

/* Keeps funding step k's rate of the lanes in the ring's row k mod W (see hs_path_block) and the
 * ring's sums, one vector each. */
HS_INLINE void hs_lanes_ring(const hs_step_context *x, long start, hs_fv rate, long funding_index) {
    const hs_path_block *block = x->block;
    double *row = block->funding_ring + (funding_index % x->plan->funding_window) * block->policy_stride + start;
    double *sum = block->funding_ring_sum + start;
    hs_store_v(sum, hs_load_v(sum) + (rate - hs_load_v(row)));
    hs_store_v(row, rate);
}

/* Pays the step's funding (a perpetual's payment step) and books the liquidations the step caused.
 * max(f, 0)/F is computed as max(f/F, 0) and max(−f, 0)/F as max(−f/F, 0): the same values, since
 * 1/F > 0. */
HS_INLINE void hs_lanes_settle_step(const hs_step_context *x, long step, int funding_step, long funding_index,
                                    hs_uv paths, long start, long valid, hs_fv worst, hs_lanes_state *s) {
    if (funding_step && !x->dated) {
        const hs_fv rate = hs_lanes_funding_rate(x, step, paths, s);
        if (x->plan->funding_window > 0) hs_lanes_ring(x, start, rate, funding_index);
        hs_fv paid = rate * s->inverse_mark;
        s->funding_in = s->funding_in + hs_max_v(paid, hs_splat_v(0));
        s->funding_out = s->funding_out + hs_max_v(-paid, hs_splat_v(0));
    }
    hs_fv account = x->a * s->inverse_mark + x->c + (s->funding_in - s->funding_out);
    /* Without the between-step check `worst` is +∞ and the minimum is the step-end account. */
    worst = x->between_step_check ? hs_min_v(worst, account) : account;
    s->lowest_account = hs_min_v(s->lowest_account, worst);
    if (hs_any_v(worst <= s->next_threshold))
        hs_record_liquidations(x->plan, x->block, start, valid, step, worst, s);
    if (x->plan->policy_cell_count > 0)
        hs_lanes_policies(x, step, start, valid, worst, s, funding_step && !x->dated ? funding_index : -1);
}

/* Rolls a dated contract at a step end (see hs_path_plan): the next contract's mark, the roll yield
 * 1/F_old − 1/F_new (linear: (F_new − F_old)/E) and the fees of both trades, per USD of notional. */
HS_INLINE void hs_lanes_roll(const hs_path_plan *plan, long step, hs_lanes_state *s) {
    const hs_fv old = s->inverse_mark;
    s->log_mark = s->log_index + s->basis * plan->roll_to_years[step];
    s->inverse_mark = hs_mark_term_v(plan, s->log_mark);
    s->funding_in = s->funding_in + (plan->account.linear ? s->inverse_mark - old : old - s->inverse_mark);
    s->funding_out = s->funding_out + plan->basis.roll_fee_rate * (old + s->inverse_mark);
}

/* Independent groups of HS_WIDTH paths run side by side, so that the long dependency chains of one
 * step (Philox rounds, polynomials) of different groups overlap in the out-of-order core; each
 * group's next Philox block is computed next to its current step's floating-point work. */
#define HS_GROUPS 8

/* Runs the paths first .. first + HS_WIDTH·HS_GROUPS − 1 of the block (those below block->count are real)
 * to the horizon. */
HS_INLINE void hs_run_lanes(const hs_step_context *x, long first) {
    const hs_path_plan *plan = x->plan;
    const hs_path_block *block = x->block;
    const uint32_t seed_low = (uint32_t)plan->seed, seed_high = (uint32_t)(plan->seed >> 32);
    const double first_threshold = plan->threshold_count > 0 ? plan->thresholds[0] : -INFINITY;
    const hs_uv zero = {0};
    const hs_uv purpose = zero + plan->purpose_diffusion;
    hs_uv paths[HS_GROUPS];
    long start[HS_GROUPS], valid[HS_GROUPS];
    hs_lanes_state s[HS_GROUPS];
    hs_philox_v w[HS_GROUPS];
    for (int g = 0; g < HS_GROUPS; g++) {
        start[g] = first + HS_WIDTH * g;
        long left = block->count - start[g];
        valid[g] = left < 0 ? 0 : left < HS_WIDTH ? left : HS_WIDTH;
        paths[g] = hs_path_lanes(block->first_path + start[g]);
        s[g] = (hs_lanes_state){
            .log_index = hs_splat_v(plan->log_price0),
            .log_mark = hs_splat_v(plan->log_mark0),
            .basis = hs_splat_v(plan->basis.mean),
            .variance = hs_splat_v(plan->price.initial_variance),
            .deviation = hs_splat_v(0),
            .shock_sum = hs_splat_v(0),
            .funding_in = hs_splat_v(0),
            .funding_out = hs_splat_v(0),
            .next_threshold = hs_splat_v(first_threshold),
            .inverse_mark = hs_splat_v(0),
            .lowest_account = hs_splat_v(INFINITY),
            .next_funding_normal = hs_splat_v(0),
        };
        w[g] = hs_philox10(zero, zero, paths[g], purpose, seed_low, seed_high);
    }
    long until_funding = plan->funding.steps_per_funding;
    long funding_index = -1;
    for (long step = 0; step < plan->steps; step++) {
        int funding_step = --until_funding == 0;
        if (funding_step) until_funding = plan->funding.steps_per_funding;
        if (x->history_factor) funding_step = 1;
        if (funding_step) funding_index += 1;
        const long point = plan->bands.point_of_step[step];
        const hs_uv next_step = zero + (uint64_t)(step + 1);
        hs_fv z1[HS_GROUPS], z2[HS_GROUPS], t[HS_GROUPS], jump[HS_GROUPS], previous[HS_GROUPS], worst[HS_GROUPS];
        hs_fv variance[HS_GROUPS];
        hs_uv spare_word[HS_GROUPS];
        /* Stage by stage over the groups; the next step's Philox blocks (integer work) are drawn
         * beside this step's Box–Muller (floating-point work). */
        for (int g = 0; g < HS_GROUPS; g++) {
            hs_lanes_normals(x, w[g], &z1[g], &z2[g], &t[g]);
            spare_word[g] = w[g].w3;
            w[g] = hs_philox10(zero, next_step, paths[g], purpose, seed_low, seed_high);
        }
        for (int g = 0; g < HS_GROUPS; g++) {
            previous[g] = x->dated ? s[g].log_mark : s[g].log_index;
            jump[g] = hs_lanes_move(x, step, point, paths[g], start[g], valid[g], z1[g], z2[g], t[g],
                                    spare_word[g], &s[g], &variance[g]);
        }
        for (int g = 0; g < HS_GROUPS; g++)
            worst[g] = hs_lanes_bridge_account(x, step, paths[g], previous[g], jump[g], variance[g], spare_word[g], &s[g]);
        for (int g = 0; g < HS_GROUPS; g++)
            s[g].inverse_mark = hs_mark_term_v(plan, x->dated ? s[g].log_mark : s[g].log_index);
        for (int g = 0; g < HS_GROUPS; g++)
            hs_lanes_settle_step(x, step, funding_step, funding_index, paths[g], start[g], valid[g], worst[g], &s[g]);
        if (x->dated && plan->roll_to_years && plan->roll_to_years[step] > 0)
            for (int g = 0; g < HS_GROUPS; g++) hs_lanes_roll(plan, step, &s[g]);
    }
    for (int g = 0; g < HS_GROUPS; g++) {
        hs_store_partial_v(block->log_index + start[g], s[g].log_index, valid[g]);
        hs_store_partial_v(block->inverse_mark + start[g], s[g].inverse_mark, valid[g]);
        hs_store_partial_v(block->funding_in + start[g], s[g].funding_in, valid[g]);
        hs_store_partial_v(block->funding_out + start[g], s[g].funding_out, valid[g]);
        hs_store_partial_v(block->lowest_account + start[g], s[g].lowest_account, valid[g]);
    }
}

/* One copy of the step loop per combination of switches given as constants (the others are read
 * from the plan at run time). */
#define HS_RUN(GARCH, HISTORY, DATED, EVERY, JUMPS, BRIDGE, DEAD, FACTOR, SEVERAL)                         \
    do {                                                                                              \
        x.several_payments = (SEVERAL);                                                               \
        x.garch = (GARCH);                                                                            \
        x.history = (HISTORY);                                                                        \
        x.dated = (DATED);                                                                            \
        x.every_step_funding = (EVERY);                                                               \
        x.has_jumps = (JUMPS);                                                                        \
        x.between_step_check = (BRIDGE);                                                              \
        x.dead_zone = (DEAD);                                                                         \
        x.history_factor = (FACTOR);                                                                  \
        hs_run_lanes(&x, first);                                                                      \
    } while (0)

HS_INLINE void hs_simulate_paths_body(const hs_path_plan *plan, const hs_path_block *block) {
    const long groups = plan->threshold_count;
    for (long p = 0; p < block->count; p++) {
        block->next_group[p] = 0;
        for (long g = 0; g < groups; g++) block->records[p * groups + g].step = -1;
    }
    hs_step_context start_context = {.plan = plan, .a = plan->account.mark_coefficient, .c = plan->account.constant};
    for (long c = 0; c < plan->policy_cell_count; c++) {
        const hs_policy_cell *cell = plan->policy_cells + c;
        const double threshold = -cell->margin / cell->notional;
        const int none = cell->kind == HS_POLICY_REHEDGE || cell->kind == HS_POLICY_DEHEDGE
            || cell->kind == HS_POLICY_FUNDING_EXIT || cell->max_actions < 1
            || (cell->kind == HS_POLICY_TOP_UP && !(cell->spot_coin > 0));
        const double trigger = hs_policy_trigger(&start_context, cell, plan->account.inverse_entry, threshold, 0, none);
        for (long p = 0; p < block->policy_stride; p++) {
            const long i = c * block->policy_stride + p;
            const int real = p < block->count;
            block->policy_threshold[i] = real ? threshold : -INFINITY;
            block->policy_trigger[i] = real ? trigger : 0;
            block->policy_floor[i] = real && cell->kind == HS_POLICY_DEHEDGE ? cell->dehedge_inverse_floor : INFINITY;
            block->policy_paths[i] = (hs_policy_path){
                .notional = cell->notional,
                .margin = cell->margin,
                .base = 0,
                .entry_inverse = plan->account.inverse_entry,
                .open_inverse_mark = plan->account.inverse_entry,
                .open_inverse_index = cell->inverse_index0,
                .reopen_step = -1,
                .first_liquidation = {.step = -1},
            };
        }
    }
    if (plan->funding_window > 0) {
        for (long i = 0; i < block->policy_stride * plan->funding_window; i++) block->funding_ring[i] = 0;
        for (long p = 0; p < block->policy_stride; p++) block->funding_ring_sum[p] = 0;
    }
    if (plan->policy_cell_count > 0) {
        for (long p = block->count; p < block->policy_stride; p++) {
            block->policy_max_threshold[p] = -INFINITY;
            block->policy_max_trigger[p] = 0;
            block->policy_min_floor[p] = INFINITY;
            if (plan->funding_window > 0) {
                block->policy_min_exit[p] = INFINITY;
                block->policy_max_reenter[p] = -INFINITY;
            }
        }
        hs_policy_maxima(plan, block, 0, block->count);
    }
    const int garch = plan->price.model == HS_MODEL_GARCH;
    const int history = plan->price.model == HS_MODEL_BOOTSTRAP || plan->price.model == HS_MODEL_REPLAY;
    const int dated = plan->dated != 0;
    const int every = plan->funding.steps_per_funding == 1;
    const int jumps = plan->price.model == HS_MODEL_JUMP;
    const int bridge = plan->account.between_step_check != 0;
    const int dead = plan->funding.dead_zone != 0;
    const int factor = dated ? plan->history_basis != 0 : plan->history_funding != 0;
    const int several = plan->funding.payments_per_step > 1;
    hs_step_context x = {
        .plan = plan,
        .block = block,
        .a = plan->account.mark_coefficient,
        .c = plan->account.constant,
        .variance = plan->price.vol_per_step * plan->price.vol_per_step,
        .antithetic = plan->antithetic,
        .jump_word_threshold = (int64_t)floor(plan->price.no_jump_probability * 0x1p32 - 0.5) + 1,
        .inverse_no_jump = 1 / plan->price.no_jump_probability,
    };
    /* Specialised copies: every combination of the common switches for a perpetual under GBM or
     * jumps paid at most once a step (16), a dated contract under GBM or jumps (4), and the
     * between-step check (with funding every step or not, for a perpetual) under GARCH-t (6) and the
     * history models (4), and several payments a step under GBM or jumps (jumps × bridge, 4). */
    const int perpetual_variant = every | jumps << 1 | bridge << 2 | dead << 3;
    for (long first = 0; first < block->count; first += HS_WIDTH * HS_GROUPS) {
        if (!garch && !history && !dated && several) {
            switch (jumps | bridge << 1) {
            case 0: HS_RUN(0, 0, 0, 1, 0, 0, dead, 0, 1); break;
            case 1: HS_RUN(0, 0, 0, 1, 1, 0, dead, 0, 1); break;
            case 2: HS_RUN(0, 0, 0, 1, 0, 1, dead, 0, 1); break;
            case 3: HS_RUN(0, 0, 0, 1, 1, 1, dead, 0, 1); break;
            }
        } else if (!garch && !history && !dated) {
            switch (perpetual_variant) {
#define HS_PERPETUAL(v) case v: HS_RUN(0, 0, 0, (v) & 1, ((v) >> 1) & 1, ((v) >> 2) & 1, ((v) >> 3) & 1, 0, 0); break;
            HS_PERPETUAL(0) HS_PERPETUAL(1) HS_PERPETUAL(2) HS_PERPETUAL(3) HS_PERPETUAL(4) HS_PERPETUAL(5)
            HS_PERPETUAL(6) HS_PERPETUAL(7) HS_PERPETUAL(8) HS_PERPETUAL(9) HS_PERPETUAL(10) HS_PERPETUAL(11)
            HS_PERPETUAL(12) HS_PERPETUAL(13) HS_PERPETUAL(14) HS_PERPETUAL(15)
#undef HS_PERPETUAL
            }
        } else if (!garch && !history) {
            switch (jumps | bridge << 1) {
            case 0: HS_RUN(0, 0, 1, 0, 0, 0, 0, 0, 0); break;
            case 1: HS_RUN(0, 0, 1, 0, 1, 0, 0, 0, 0); break;
            case 2: HS_RUN(0, 0, 1, 0, 0, 1, 0, 0, 0); break;
            case 3: HS_RUN(0, 0, 1, 0, 1, 1, 0, 0, 0); break;
            }
        } else if (garch) {
            switch (dated ? 4 + bridge : every | bridge << 1) {
            case 0: HS_RUN(1, 0, 0, 0, 0, 0, dead, 0, several); break;
            case 1: HS_RUN(1, 0, 0, 1, 0, 0, dead, 0, several); break;
            case 2: HS_RUN(1, 0, 0, 0, 0, 1, dead, 0, several); break;
            case 3: HS_RUN(1, 0, 0, 1, 0, 1, dead, 0, several); break;
            case 4: HS_RUN(1, 0, 1, 0, 0, 0, 0, 0, 0); break;
            case 5: HS_RUN(1, 0, 1, 0, 0, 1, 0, 0, 0); break;
            }
        } else {
            switch (dated << 1 | bridge) {
            case 0: HS_RUN(0, 1, 0, every, 0, 0, dead, factor, several); break;
            case 1: HS_RUN(0, 1, 0, every, 0, 1, dead, factor, several); break;
            case 2: HS_RUN(0, 1, 1, 0, 0, 0, 0, factor, 0); break;
            case 3: HS_RUN(0, 1, 1, 0, 0, 1, 0, factor, 0); break;
            }
        }
    }
}
#undef HS_RUN

HS_LEVEL_VARIANTS(hs_simulate_paths, (const hs_path_plan *plan, const hs_path_block *block), (plan, block))

void hs_simulate_paths(const hs_path_plan *plan, const hs_path_block *block) {
    switch (hs_vector_level()) {
    case 3: hs_simulate_paths_avx512(plan, block); return;
    case 2: hs_simulate_paths_avx2(plan, block); return;
    default: hs_simulate_paths_base(plan, block); return;
    }
}

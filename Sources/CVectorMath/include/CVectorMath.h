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
 * Standard t variates of the normal rows' uniforms, step-major like hs_normal_rows: with u1, u2 the
 * Box–Muller uniforms of the block (index, step, path, purpose),
 *   t[e] = cos 2πu2 · √(ν·(e^((−2/ν)·ln u1) − 1))  ~ Student t with ν > 2 degrees of freedom
 * (Bailey's polar method with the polar point √u1·(cos 2πu2, sin 2πu2); see lane_math.h). The same
 * bits as the path kernel's GARCH-t shocks, on every level.
 */
void hs_student_t_rows(uint64_t seed, uint32_t purpose, uint32_t index, uint32_t path_begin, long path_count,
                       uint32_t step_begin, long step_count, double dof, double *t);

/** The margin policies of hs_policy_cell. */
enum {
    HS_POLICY_TOP_UP = 1,
    HS_POLICY_DELEVERAGE = 2,
    HS_POLICY_REHEDGE = 3,
    HS_POLICY_DEHEDGE = 4,
    HS_POLICY_FUNDING_EXIT = 5,
};

/**
 * A cell with a margin policy, followed path by path (cells without a policy share the threshold
 * groups). Its position is n USD of notional (n = `notional` at the start) with a margin balance
 *   B = M + n·((1/F − 1/F_o) + (Φ − Φ_o))          (coin)
 * where M, 1/F_o and Φ_o are the balance, the mark and the funding at the last trade (at the start: the
 * initial margin, 1/E and 0). It is liquidated when the account per USD of notional, a/F + c + Φ, is at
 * or below θ = base − M/n, base = 1/F_o + Φ_o + c + entry_maintenance_rate·w (w = 1/E of the position; the
 * position as opened has base 0), which is B at or below the maintenance margin. The trigger: at a step
 * end where the mark has risen `trigger_share` of the way from the reference price (the entry, then the
 * mark at the last action) to the liquidation price,
 *   top-up      coins move from the spot holding into the margin: `top_up_coin`, or (0) enough to bring
 *               the leverage at the mark back to `initial_leverage`, n/(F·L₀) − B; at most `spot_coin`
 *               in all;
 *   deleverage  the share `deleverage_share` of the position is bought back at the mark, paying
 *               `fee_rate` on the notional closed from the balance;
 * and at a step end where the mark has fallen to the floor 1/F ≥ `dehedge_inverse_floor` (the entry less
 * a share),
 *   de-hedge    the whole short is bought back at the mark (the fee from the balance, which stays in
 *               the portfolio as coin) and the share `spot_sell_share` of the spot coins left is sold at
 *               the index for USD (`cash`);
 * and at a funding step where the trailing mean of the funding rate per funding step over the last
 * plan.funding_window funding steps (once that many have passed) is above `exit_rate_above`,
 *   funding exit the short is closed as by a de-hedge (no spot sold), and reopened at a later funding
 *               step where the mean is below `reenter_rate_below` (−∞: never) with the margin n/(F·L₀)
 *               and the fee, from the balance kept at the exit and then the spot holding;
 * and after a liquidation,
 *   re-hedge    the notional is reopened `rehedge_delay_steps` step ends later at the mark then (with no
 *               delay: at once, at the mark where the account reached θ) with the margin n/(F·L_r),
 *               L_r = `rehedge_leverage`, and the entry fee, both from the spot holding (skipped when it
 *               has too few coins left);
 * each at most `max_actions` times.
 */
typedef struct {
    int kind;
    double notional;
    double margin;
    double spot_coin;
    double trigger_share;
    double top_up_coin;
    double initial_leverage;
    double deleverage_share;
    long rehedge_delay_steps;
    double rehedge_leverage;
    double fee_rate;
    /** De-hedge: the mark term 1/F at which the short is closed (+∞: never), and the share of the spot
     * coins sold then. */
    double dehedge_inverse_floor;
    double spot_sell_share;
    /** Funding exit: the trailing mean rate per funding step above which the short is closed, and the
     * one below which it is reopened. */
    double exit_rate_above;
    double reenter_rate_below;
    /** m under the entry convention (the maintenance margin is m·n·w), 0 under the mark convention. */
    double entry_maintenance_rate;
    /** 1/P₀: the index's inverse at the start (the first stretch's 1/P_o). */
    double inverse_index0;
    long max_actions;
} hs_policy_cell;

/**
 * The account state of a path when the account first reaches a threshold group (or a policy cell's
 * threshold): the step (−1 = never), funding received and paid so far (coin per USD of notional; a
 * dated contract's roll yield and roll fees), 1/F and 1/P then (1/P = 1/F for a perpetual).
 */
typedef struct {
    double step;
    double funding_in;
    double funding_out;
    double inverse_mark;
    double inverse_index;
} hs_liquidation_record;

/**
 * One path of a policy cell: its position (notional n, 0 while closed; balance M and the values at the
 * last trade, see hs_policy_cell), what the policy did, and the coin flows of the stretches already
 * closed (funding received and paid, basis income n·((1/F − 1/F_o) − (1/P − 1/P_o)), fees of the
 * policy's trades), the balance forfeited at liquidations, and the first liquidation.
 */
typedef struct {
    double notional;
    double margin;
    double base;
    double entry_inverse;
    double open_inverse_mark;
    double open_inverse_index;
    double open_funding_in;
    double open_funding_out;
    /** Re-hedge: the step at whose end the hedge reopens (−1: none pending). */
    double reopen_step;
    double moved;
    double actions;
    double liquidations;
    double fees;
    double forfeited;
    double funding_in;
    double funding_out;
    double basis_income;
    /** De-hedge: the spot coins sold and the USD they fetched. */
    double spot_sold;
    double cash;
    /** Funding exit: 1 while closed and waiting for the funding to fall. */
    double waiting;
    hs_liquidation_record first_liquidation;
} hs_policy_path;

/** The price models of the path kernel. */
enum {
    HS_MODEL_GBM = 0,
    HS_MODEL_JUMP = 1,
    HS_MODEL_GARCH = 2,
    HS_MODEL_BOOTSTRAP = 3,
    HS_MODEL_REPLAY = 4,
};

/** The price step of hs_path_plan (the step model below; units per step of Δt years). */
typedef struct {
    /** HS_MODEL_*. */
    int model;
    /** GBM and jumps: (μ − λk − σ²/2)·Δt, k = e^{μ_J + σ_J²/2} − 1; GARCH-t, bootstrap, replay: μ·Δt. */
    double drift_per_step;
    /** σ·√Δt (the history models: the sample stdev of the history's returns). */
    double vol_per_step;
    /** Jumps: e^{−λΔt}, the probability of a step without a jump; λΔt; the mean and stdev of a jump's
     * log size. */
    double no_jump_probability;
    double jump_rate_per_step;
    double jump_mean;
    double jump_stdev;
    /** GARCH(1,1)-t: ω = σ²Δt(1 − α − β), α, β, ν (any real ν > 2), √((ν − 2)/ν) that gives the t
     * shock unit variance, the first step's variance σ²Δt, and the largest conditional variance per
     * step (a heavy-tailed shock cannot make h explode). */
    double garch_omega;
    double garch_alpha;
    double garch_beta;
    double garch_dof;
    double t_scale;
    double initial_variance;
    double garch_variance_cap;
    /** Bootstrap: 1/L, the probability that a path starts a new block at a step (mean block length L
     * steps). */
    double restart_probability;
} hs_price_step;

/** The funding of a perpetual in hs_path_plan: an AR(1) deviation x and the rate it pays. */
typedef struct {
    /** One payment every steps_per_funding steps, or payments_per_step > 1 payments at each step end. */
    long steps_per_funding;
    long payments_per_step;
    /** x ← persistence·x + scale·Σ shocks at a funding step: persistence φ^m, scale the innovation
     * σ·√((1 − φ^{2m})/(1 − φ²)) of m payments over √steps_per_funding. */
    double persistence;
    double scale;
    /** Several payments a step: the sum of their deviations S = sum_decay·x + sum_loading·Σ shocks +
     * sum_residual·Z'. */
    double sum_decay;
    double sum_loading;
    double sum_residual;
    /** The rate of one payment, clamp(mean + shrink(x, dead_zone), ±cap) per funding interval. */
    double mean;
    double dead_zone;
    double cap;
} hs_funding_step;

/** The basis of a dated contract in hs_path_plan: an Ornstein–Uhlenbeck annualised basis b, per step
 * b ← mean + (b − mean)·decay + innovation·shock with decay = e^{−κΔt} and innovation =
 * σ_b·√((1 − e^{−2κΔt})/(2κ)); and the fee rate of each leg of a roll. */
typedef struct {
    double mean;
    double decay;
    double innovation;
    double roll_fee_rate;
} hs_basis_step;

/** The margin account of hs_path_plan per USD of notional, mark_coefficient·v + constant + Σ funding,
 * with the mark term v = 1/F (inverse, coin per USD) or F/E = e^{ln F + linear_shift} (linear,
 * linear_shift = −ln E); inverse_entry is v at entry (1/E; linear: 1). It is checked at step ends and,
 * with between_step_check, at the step's Brownian-bridge maximum of the mark. */
typedef struct {
    int between_step_check;
    int linear;
    double mark_coefficient;
    double constant;
    double inverse_entry;
    double linear_shift;
} hs_margin_account;

/** The fan chart's price bands: the log index of the first `paths` paths at `points` recorded steps;
 * point_of_step[step] is the step's point, or −1. */
typedef struct {
    const long *point_of_step;
    long paths;
    long points;
} hs_band_plan;

/**
 * Constants of the path kernel (hs_simulate_paths), the one definition of HedgeSim's step model;
 * HedgeSimCore's SimulationPlan fills them. Per step of Δt years, for each path:
 *   (w0, w1, w2, w3) = Philox4x32-10(counter = (0, step, path, purpose_diffusion), key = seed)
 *   u1 = (top 52 bits of w1·2^32 + w0 + ½)·2^-52, u2 = (w2 + ½)·2^-32, u3 = (w3 + ½)·2^-32
 *   z1, z2 = Box–Muller(u1, u2); GARCH: t = Bailey's t of (u1, u2) (hs_student_t_rows)
 *   (antithetic: path 2k+1 takes −z1, −z2, −t of path 2k)
 *   the log index moves by
 *     GBM, jumps  price.drift_per_step + price.vol_per_step·z1 (+ J: when u3 > price.no_jump_probability, the Poisson
 *                 count by inverse CDF, sizes k·price.jump_mean + √k·price.jump_stdev·Z, Z the first normal of
 *                 the purpose_jump_size block)
 *     GARCH-t     price.drift_per_step − h/2 + √h·price.t_scale·t, then h ← min(ω + α·shock² + β·h,
 *                 price.garch_variance_cap) (h starts at price.initial_variance)
 *     bootstrap   history_returns[position]: position restarts at ⌊v·n⌋ at step 0 and when u <
 *                 price.restart_probability ((u, v) = the 52-bit uniforms of words 1:0 and 3:2 of the
 *                 purpose_bootstrap block), else moves on by one (wrapping)
 *     replay      history_returns[step mod n]
 *   the second factor's shock is correlation·z1 + orthogonal·z2:
 *     perpetual: funding shocks accumulate; every funding.steps_per_funding steps the deviation
 *       x ← funding.persistence·x + funding.scale·Σshocks and the rate clamp(funding.mean +
 *       shrink(x, funding.dead_zone), ±funding.cap) pays rate/F coin per USD of notional; with
 *       funding.payments_per_step = m > 1, the rate paid is m·rate(S/m), S = funding.sum_decay·x +
 *       funding.sum_loading·Σshocks + funding.sum_residual·Z' (Z' the first normal of the
 *       purpose_funding_sum block of step/2 at an even step, its second normal at an odd one); with history_funding, the history's rate at the position, each step
 *     dated: basis b ← basis.mean + (b − basis.mean)·basis.decay + basis.innovation·shock (or the
 *       history's basis at the position), ln F = ln P + b·years_to_expiry[step]; at a step end with
 *       roll_to_years[step] > 0 the contract is rolled after the liquidation check: the short is bought
 *       back at 1/F_old and sold again in the next contract, ln F_new = ln P + b·roll_to_years[step],
 *       the roll yield 1/F_old − 1/F_new and the fees basis.roll_fee_rate·(1/F_old + 1/F_new) (coin per USD of
 *       notional) accrue to the account in the places of funding received and paid (a dated contract
 *       pays no funding), and the path goes on with the new contract's mark
 *   the account per USD of notional, account.mark_coefficient·v + account.constant + Σ funding (dated: Σ roll
 *     yield − Σ roll fees), with the mark term v = 1/F (inverse: coin per USD) or F/E (linear: USD per
 *     USD, the short's PnL 1 − F/E; the record's and the block's "inverse mark" fields then hold F/E
 *     and P/E, and funding pays rate·F/E), is checked
 *     against the thresholds (descending) at the step end and, with account.between_step_check, at the
 *     Brownian-bridge maximum of the mark in the step, from ln U with U = u3 without jumps; with
 *     jumps U = min(u3·(1/price.no_jump_probability), 1) in a step without a jump (u3 ≤ p there, so u3/p is
 *     uniform and independent of the normals) and the 52-bit uniform of words 1:0 of the purpose_bridge
 *     block in a step with one.
 */
typedef struct {
    uint64_t seed;
    uint32_t purpose_diffusion;
    uint32_t purpose_bridge;
    uint32_t purpose_jump_size;
    uint32_t purpose_bootstrap;
    uint32_t purpose_funding_sum;
    int dated;
    int antithetic;
    long steps;
    double dt;
    double log_price0;
    /** ln F at the start (the entry price of the contract). */
    double log_mark0;
    /** The second factor's shock (funding or basis) is correlation·z1 + orthogonal·z2. */
    double correlation;
    double orthogonal;
    hs_price_step price;
    hs_funding_step funding;
    hs_basis_step basis;
    hs_margin_account account;
    hs_band_plan bands;
    /** The history models: log returns, funding rates and annualised basis per history step (NULL when
     * not used), and their length. */
    const double *history_returns;
    const double *history_funding;
    const double *history_basis;
    long history_length;
    /** Dated: per step, the years from its end to the expiry of the contract held during it. */
    const double *years_to_expiry;
    /** Dated: per step, the next contract's years to expiry when the contract is rolled at its end, else
     * 0; NULL without rolls. */
    const double *roll_to_years;
    /** The liquidation thresholds of the cells without a policy, descending. */
    const double *thresholds;
    long threshold_count;
    /** Funding steps in the trailing window of a funding exit (0: no funding-exit cell). */
    long funding_window;
    /** The cells with a margin policy (see hs_policy_cell). */
    const hs_policy_cell *policy_cells;
    long policy_cell_count;
} hs_path_plan;

/**
 * One block of paths [first_path, first_path + count) and where its results go, `count` entries
 * per array unless stated: the terminal ln P, 1/F and funding received and paid (coin per USD of
 * notional); lowest_account, the lowest account per USD of notional the path reached (between-step
 * maxima included; a cell of threshold θ is liquidated exactly when it is ≤ θ); next_group (working
 * state); records, count × threshold_count records (path-major); and band_log_index,
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
    hs_liquidation_record *records;
    double *band_log_index;
    /** Per policy cell c and path p, at c·policy_stride + p (policy_stride ≥ count rounded up to 256):
     * the threshold θ (−∞ while closed), the trigger 1/F_trig (0: none; +∞: a reopening is pending),
     * the floor 1/F_floor of a de-hedge (+∞: none), and the path's state (hs_policy_path). */
    long policy_stride;
    double *policy_threshold;
    double *policy_trigger;
    double *policy_floor;
    hs_policy_path *policy_paths;
    /** Per path (policy_stride entries): the highest threshold and trigger and the lowest floor over
     * the policy cells, so
     * that a step where no cell can act costs one test. */
    double *policy_max_threshold;
    double *policy_max_trigger;
    double *policy_min_floor;
    /** Funding exit: the rates of the last funding_window funding steps, path p's rate of funding step k
     * at (k mod funding_window)·policy_stride + p, and per path their sum. */
    double *funding_ring;
    double *funding_ring_sum;
    /** Per path: the lowest exit level over the open funding-exit cells (+∞: none) and the highest
     * reentry level over the waiting ones (−∞: none), the funding exit's quick test. */
    double *policy_min_exit;
    double *policy_max_reenter;
} hs_path_block;

/** Simulates one block of paths to the horizon (see hs_path_plan). */
void hs_simulate_paths(const hs_path_plan *plan, const hs_path_block *block);

/**
 * A portfolio of K coins under correlated GBM, Merton jump-diffusions or GARCH(1,1)-t and the isolated
 * inverse shorts written on some of them (HedgeSimCore's PortfolioEngine). Per step, asset k's log price moves by
 * drift_per_step[k] + vol_per_step[k]·z_k, z the step's correlated shocks, plus (jump_rate_per_step[k]
 * > 0) the compound-Poisson jumps of hs_compound_jumps_v: the count from the 52-bit uniform of the
 * Philox block (k, step, path, purpose_jump_test), the sizes from purpose_jump_size at index k. Contract c
 * is written on asset contract_asset[c] (several contracts may share an asset: one per venue account):
 * its account per USD of notional at the step end is a·(1/F) + account_constant[c] + Φ, a =
 * mark_coefficient[c], Φ the funding accrued, Φ += funding_per_step[c]·(1/F) (a rate per step, positive:
 * the short receives); the lowest account is kept, with between_step_check also at the step's
 * Brownian-bridge maximum of the asset's log price (before the step's funding, variance
 * bridge_variance[k]), whose uniform is the Philox block (index bridge_index[k], step, path,
 * purpose_bridge) under seed: one maximum per asset and step, shared by every contract on it. Under the joint bootstrap
 * (history_length > 0) the log price moves by z_k, the history's return. A GARCH(1,1)-t coin
 * (garch[k] = 1) moves by drift_per_step[k] − h/2 + √h·s_k (drift_per_step = μΔt), s_k its shock after
 * hs_portfolio_mixing, with h the path's conditional variance per step (below); given the step's
 * mixing variable W the move is normal with variance h·(ν − 2)/W, which is its bridge variance.
 */
typedef struct {
    long assets;
    long contracts;
    const double *drift_per_step;
    const double *vol_per_step;
    /** Per asset: λΔt (0 without jumps), e^{−λΔt}, and the jump sizes' mean and stdev (log). */
    const double *jump_rate_per_step;
    const double *no_jump_probability;
    const double *jump_mean;
    const double *jump_stdev;
    uint32_t purpose_jump_test;
    uint32_t purpose_jump_size;
    /** Per contract: the asset it is written on (0 ≤ contract_asset[c] < assets). */
    const long *contract_asset;
    /** Per contract, the account per USD of notional a·(1/F) + account_constant + Φ: on the mark,
     * a = 1 − m and account_constant = −1/E; on the entry value, a = 1 and account_constant = −(1 + m)/E
     * (m the maintenance rate, E the entry price in USD, 1/F in coin per USD). */
    const double *mark_coefficient;
    const double *account_constant;
    /** Per contract: the funding rate per step (fraction of the notional; positive: the short receives). */
    const double *funding_per_step;
    int between_step_check;
    /** Per asset: the address index of its bridge uniform (assets that share their dominant correlation
     * factor share it; every contract on an asset uses the asset's). */
    const long *bridge_index;
    uint32_t purpose_bridge;
    uint64_t seed;
    /** Per asset: the step's diffusive variance s² of the bridge maximum (σ²Δt; a history's sample
     * variance of its returns). */
    const double *bridge_variance;
    /** The joint bootstrap of history (history_length > 0): the coins' log returns, column-major
     * (history_returns[k·history_length + t]), each path at one history step for every coin. Its
     * shocks come from hs_portfolio_history_shocks and are the log increments themselves (no drift,
     * vol or jumps). */
    const double *history_returns;
    long history_length;
    double restart_probability;
    uint32_t purpose_bootstrap;
    /** GARCH(1,1)-t coins; NULL when there is none. Per asset: 1 for a GARCH coin, 0 otherwise. For a
     * GARCH coin, with h the path's conditional variance per step (the variance column k of
     * hs_portfolio_step, σ²Δt at the start) and s_k its unit-variance t shock, the step's move is
     * √h·s_k and then
     *   h ← min(garch_omega[k] + garch_alpha[k]·(√h·s_k)² + garch_beta[k]·h, garch_variance_cap[k]),
     * ω = σ²Δt(1 − α − β) and the cap (max(5, σ))²·Δt, σ the long-run annual volatility: the
     * single-coin GARCH-t recursion (hs_path_plan). */
    const int *garch;
    const double *garch_omega;
    const double *garch_alpha;
    const double *garch_beta;
    const double *garch_variance_cap;
    /** ν ≥ 3 of the GARCH coins' multivariate t, shared by all of them (one mixing variable per path
     * and step), and the purpose of the Philox blocks of its chi-square draw (hs_portfolio_mixing). */
    double garch_dof;
    uint32_t purpose_mixing;
    /** Dated contracts; NULL when every contract is a perpetual. Per contract: 1 for a dated contract
     * (the single coin's dated instrument, hs_basis_step), 0 for a perpetual. A dated contract's
     * annualised basis b (column c of hs_portfolio_step's basis, basis_mean[c] at the start) moves each
     * step as
     *   b ← basis_mean + (b − basis_mean)·basis_decay + basis_innovation·(ρ·u_k + √(1 − ρ²)·e),
     * ρ = basis_price_correlation[c], u_k its coin's unit shock (the correlated shock; under the joint
     * bootstrap the history return over √bridge_variance[k]) and e the first normal of the Philox block
     * (c, step, path, purpose_basis); its log mark (column c of log_mark) is ln F = ln P + b·τ with
     * τ = years_to_expiry[c·steps + step], the years from the step's end to the expiry of the contract
     * held. Its bridge maximum is that of ln F from the last step end's ln F to this one's, less the
     * jump, with the coin's uniform and variance. At a step end with roll_to_years[c·steps + step] > 0
     * the short is rolled into the next contract, ln F' = ln P + b·roll_to_years: after the step end's
     * check the funding column books the roll yield less the fees of both trades,
     *   Φ ← Φ + (1/F − 1/F') − roll_fee_rate[c]·(1/F + 1/F'),
     * and the account is checked again at the new mark. A dated contract accrues no funding. */
    const int *dated;
    long steps;
    const double *years_to_expiry;
    const double *roll_to_years;
    const double *basis_mean;
    const double *basis_decay;
    const double *basis_innovation;
    const double *basis_price_correlation;
    const double *roll_fee_rate;
    uint32_t purpose_basis;
} hs_portfolio_plan;

/**
 * Rounds each of `count` values to the nearest multiple of 1/grid_inverse (a power of two), ties to
 * even, exactly: (x·g + 1.5·2⁵²) − 1.5·2⁵² with g = grid_inverse, for |x·g| < 2⁵¹. The portfolio
 * rounds its independent normals and its correlation factor to multiples of 2⁻²² before BLAS multiplies
 * them: a normal (|z| < 9) is then an integer times 2⁻²² below 2²⁶ in size and a factor entry (|f| ≤ 1)
 * one below 2²² + 1, so every product is an integer times 2⁻⁴⁴ below 2⁴⁸ and every partial sum of at
 * most 20 of them one below 2⁵³: exact in a double. Any dgemm kernel, in any order, with or without
 * fused multiply-adds, then gives the same bits on every CPU.
 */
void hs_round_to_grid(double *values, long count, double grid_inverse);

/**
 * The joint bootstrap's shocks of one step: each path's history position moves on (the stationary
 * bootstrap of Politis and Romano: with probability restart_probability, and at step 0, a new block
 * starts at ⌊u·history_length⌋, u and the restart test the 52-bit uniforms of words 3:2 and 1:0 of
 * the Philox block (0, step, path, purpose_bootstrap); otherwise the next history step, wrapping),
 * and shocks[k·paths + p] is coin k's history return there, one position for every coin so that
 * their co-movement is kept. position holds the paths' positions between steps.
 */
void hs_portfolio_history_shocks(const hs_portfolio_plan *plan, long step, long first_path, long paths, long *position,
                                 double *shocks);

/**
 * The multivariate Student-t mixing of one step's correlated normals z (shocks, K columns of `paths`,
 * column-major): every GARCH coin's column (garch[k] = 1) is multiplied in place by
 *   √((ν − 2)/W),   W ~ χ²_ν,  one W per path and step, shared by every GARCH coin,
 * which is also written to scale[p] (the step's hs_portfolio_columns.mixing_scale),
 * so that the coins' shocks s = z·√((ν − 2)/W) are a unit-variance multivariate t_ν with the
 * correlation of z among the GARCH coins; other columns are left alone (a GARCH coin and a normal coin
 * then have correlation ρ·√((ν − 2)/2)·Γ((ν − 1)/2)/Γ(ν/2)). W = 2G, G ~ Gamma(ν/2) by Marsaglia and
 * Tsang (2000) with d = ν/2 − 1/3, c = 1/√(9d): attempt j (0, 1, …) takes x, the first Box–Muller
 * normal of words 0–2, and u, the 32-bit uniform of word 3, of the Philox block (j, step, path,
 * purpose_mixing) under seed; with v = (1 + c·x)³ it is accepted when v > 0 and
 * ln u < x²/2 + d − d·v + d·ln v, giving G = d·v. For ν ≥ 3 an attempt is rejected with probability
 * below 2.7 %; after 64 rejections (probability below 10⁻¹⁰⁰) a path takes G = ν/2, the mean, a bias
 * far below any double's resolution. Every path's draw depends only on its address, never on the
 * other lanes or the block.
 */
void hs_portfolio_mixing(const hs_portfolio_plan *plan, long step, long first_path, long paths, double *shocks, double *scale);

/**
 * A block's state between portfolio steps, column-major with leading dimension `paths`: K columns of
 * log prices and of conditional variances per step h (read and updated for GARCH coins only; may be
 * NULL when plan.garch is), and per contract the funding accrued (for a dated contract its roll yields
 * less their fees), the lowest account so far, 1/F at the last step end, and a dated contract's basis and
 * ln F (read and updated for dated contracts only; may be NULL when plan.dated is); mixing_scale holds
 * the step's √((ν − 2)/W) per path from hs_portfolio_mixing (read only; NULL when plan.garch is).
 */
typedef struct {
    double *log_price;
    double *variance;
    double *funding;
    double *lowest;
    double *inverse_mark;
    double *basis;
    double *log_mark;
    const double *mixing_scale;
} hs_portfolio_columns;

/**
 * One step (`step`, 0-based) of `paths` paths starting at path number `first_path`, with the shocks
 * (K columns, column-major): updates the log prices, GARCH variances, funding, lowest accounts and dated
 * contracts' bases and marks of `columns`, and sets inverse_mark to 1/F at the step end.
 */
void hs_portfolio_step(const hs_portfolio_plan *plan, long step, long first_path, const double *shocks, long paths,
                       const hs_portfolio_columns *columns);

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

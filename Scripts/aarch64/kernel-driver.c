/*
 * Runs every CVectorMath kernel on fixed inputs and prints each output double as 16 hex digits,
 * one block per kernel, so that builds for different CPUs can be compared bit for bit
 * (Scripts/check-aarch64.sh). With an argument L (0, 2 or 3) the x86-64 build runs at level L.
 *
 * Kernels: hs_vexp and hs_vlog over their domains and edges (libm lanes included), hs_box_muller,
 * hs_philox_uniform_pairs, hs_normal_rows, hs_student_t_rows, the path kernel hs_simulate_paths
 * on five shapes (see run_shape), the portfolio step hs_portfolio_step (see run_portfolio) and its
 * GARCH(1,1)-t coins with the multivariate-t mixing hs_portfolio_mixing (see run_portfolio_garch).
 */
#include "CVectorMath.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Each double as its 16 hex digits; a NaN as "nan" (its sign and payload are not a number and
 * differ between CPUs: x86-64's default NaN has the sign bit set, AArch64's does not). */
static void print_block(const char *name, const double *values, long n) {
    printf("%s %ld\n", name, n);
    for (long i = 0; i < n; i++) {
        uint64_t bits;
        memcpy(&bits, &values[i], sizeof bits);
        char separator = (i % 8 == 7 || i == n - 1) ? '\n' : ' ';
        if (isnan(values[i])) printf("%16s%c", "nan", separator);
        else printf("%016" PRIx64 "%c", bits, separator);
    }
}

static void print_longs(const char *name, const long *values, long n) {
    printf("%s %ld\n", name, n);
    for (long i = 0; i < n; i++) printf("%ld%c", values[i], (i % 16 == 15 || i == n - 1) ? '\n' : ' ');
}

/* Bailey's t of the normal rows' uniforms, at ν = 3.5 and 30. */
static void print_student_t(void) {
    enum { PATHS = 37, STEPS = 11 };
    static double t[PATHS * STEPS];
    hs_student_t_rows(42, 1, 0, 7, PATHS, 2, STEPS, 3.5, t);
    print_block("student_t_3.5", t, PATHS * STEPS);
    hs_student_t_rows(42, 1, 0, 7, PATHS, 2, STEPS, 30.0, t);
    print_block("student_t_30", t, PATHS * STEPS);
}

/* The path kernel on one shape: 0 perpetual with jumps, funding every step, a dead zone, the
 * between-step check and antithetic pairs; 1 GARCH-t (ν = 3.5) on a dated contract rolled halfway;
 * 2 GBM with four funding payments per step on a linear (USD-margined) contract; 3 bootstrap of a
 * history with funding; 4 replay of a history with a basis on a dated contract. Three liquidation
 * thresholds, band points, a full and a partial block. */
static void run_shape(int shape) {
    enum { BLOCK = 256, GROUPS = 3, BAND_PATHS = 40, BAND_POINTS = 5, PATH_STEPS = 96, HISTORY = 500 };
    static const double thresholds[GROUPS] = {-0.000004, -0.000007, -0.000012};
    static const double linear_thresholds[GROUPS] = {-0.1, -0.2, -1.0 / 3};
    static long band_point_of_step[PATH_STEPS];
    static double returns[HISTORY], funding[HISTORY], basis[HISTORY];
    for (int s = 0; s < PATH_STEPS; s++) band_point_of_step[s] = (s + 1) % 20 == 0 ? (s + 1) / 20 - 1 : -1;
    /* A contract expiring 30 days after the horizon; shape 1 rolls it halfway into one 91 days longer. */
    static double years_to_expiry[PATH_STEPS], roll_to_years[PATH_STEPS];
    for (int s = 0; s < PATH_STEPS; s++) {
        years_to_expiry[s] = (double)(PATH_STEPS - s - 1) * (1.0 / 8760) + 30.0 / 365;
        roll_to_years[s] = 0;
    }
    for (int i = 0; i < HISTORY; i++) {
        returns[i] = 0.01 * sin(0.37 * i) * (i % 50 < 10 ? 3 : 1);
        funding[i] = 0.0000125 + 0.00002 * cos(0.11 * i);
        basis[i] = 0.05 + 0.03 * sin(0.05 * i);
    }
    hs_path_plan plan = {
        .seed = 20261205, .purpose_diffusion = 1, .purpose_bridge = 2, .purpose_jump_size = 3,
        .purpose_bootstrap = 5, .purpose_funding_sum = 6, .antithetic = 1, .steps = PATH_STEPS, .dt = 1.0 / 8760,
        .log_price0 = log(70000.0), .log_mark0 = log(70000.0), .correlation = 0.3, .orthogonal = sqrt(1 - 0.09),
        .price = {
            .model = HS_MODEL_JUMP, .drift_per_step = -0.00002, .vol_per_step = 0.9 * sqrt(1.0 / 8760),
            .no_jump_probability = exp(-30.0 / 8760), .jump_rate_per_step = 30.0 / 8760, .jump_mean = -0.02,
            .jump_stdev = 0.08, .garch_omega = 0.81 / 8760 * 0.05, .garch_alpha = 0.08, .garch_beta = 0.87,
            .garch_dof = 3.5, .t_scale = sqrt(1.5 / 3.5), .initial_variance = 0.81 / 8760,
            .garch_variance_cap = 4.0 / 8760, .restart_probability = 1.0 / 24,
        },
        .funding = {
            .steps_per_funding = 1, .payments_per_step = 1, .persistence = 0.97, .scale = 0.00002,
            .mean = 0.0000125, .dead_zone = 0.00001, .cap = 0.00375,
        },
        .basis = {.mean = 0.06, .decay = 0.999, .innovation = 0.3 * sqrt(1.0 / 8760)},
        .account = {.between_step_check = 1, .mark_coefficient = 0.995, .constant = -1.0 / 70000.0},
        .bands = {.point_of_step = band_point_of_step, .paths = BAND_PATHS, .points = BAND_POINTS},
        .years_to_expiry = years_to_expiry, .thresholds = thresholds, .threshold_count = GROUPS,
    };
    switch (shape) {
    case 1:
        plan.price.model = HS_MODEL_GARCH;
        plan.dated = 1;
        plan.log_mark0 = log(70000.0) + 0.06 * (PATH_STEPS / 8760.0 + 30.0 / 365);
        plan.account.constant = -1.0 / exp(plan.log_mark0);
        roll_to_years[PATH_STEPS / 2] = years_to_expiry[PATH_STEPS / 2] + 91.0 / 365;
        for (int s = PATH_STEPS / 2 + 1; s < PATH_STEPS; s++) years_to_expiry[s] += 91.0 / 365;
        plan.roll_to_years = roll_to_years;
        plan.basis.roll_fee_rate = 0.0005;
        break;
    case 2:
        plan.price.model = HS_MODEL_GBM;
        plan.funding.payments_per_step = 4;
        plan.funding.sum_decay = 3.8;
        plan.funding.sum_loading = 0.00007;
        plan.funding.sum_residual = 0.00001;
        /* A linear (USD-margined) short: mark term F/E, thresholds −1/L for 3x, 5x and 10x. */
        plan.account.linear = 1;
        plan.account.linear_shift = -log(70000.0);
        plan.account.inverse_entry = 1;
        plan.account.mark_coefficient = -1.005;
        plan.account.constant = 1;
        plan.thresholds = linear_thresholds;
        break;
    case 3:
        plan.price.model = HS_MODEL_BOOTSTRAP;
        plan.history_returns = returns;
        plan.history_funding = funding;
        plan.history_length = HISTORY;
        plan.price.vol_per_step = 0.012;
        break;
    case 4:
        plan.price.model = HS_MODEL_REPLAY;
        plan.dated = 1;
        plan.antithetic = 0;
        plan.history_returns = returns;
        plan.history_basis = basis;
        plan.history_length = HISTORY;
        plan.price.vol_per_step = 0.012;
        break;
    }
    static double log_index[BLOCK], inverse_mark[BLOCK], funding_in[BLOCK], funding_out[BLOCK], lowest[BLOCK];
    static long next_group[BLOCK];
    static hs_liquidation_record records[BLOCK * GROUPS];
    static double band[BAND_PATHS * BAND_POINTS];
    printf("shape %d\n", shape);
    for (long first_path = 0; first_path < 2 * BLOCK; first_path += BLOCK) {
        long count = first_path == 0 ? BLOCK : 201;              /* a full and a partial block */
        hs_path_block block = {
            .first_path = first_path, .count = count, .log_index = log_index, .inverse_mark = inverse_mark,
            .funding_in = funding_in, .funding_out = funding_out, .lowest_account = lowest,
            .next_group = next_group, .records = records, .band_log_index = band,
        };
        hs_simulate_paths(&plan, &block);
        print_block("paths_log_index", log_index, count);
        print_block("paths_inverse_mark", inverse_mark, count);
        print_block("paths_funding_in", funding_in, count);
        print_block("paths_funding_out", funding_out, count);
        print_block("paths_lowest_account", lowest, count);
        print_longs("paths_next_group", next_group, count);
        print_block("paths_records", (const double *)records, count * GROUPS * 5);
        if (first_path == 0) print_block("paths_band", band, BAND_PATHS * BAND_POINTS);
    }
}

/* Three coins and two contracts (bridge check on), 37 paths, 11 steps of hs_portfolio_step on fixed shocks (the
 * normal rows of purpose 7; the correlation is applied by BLAS in the engine, not here). */
static void run_portfolio(void) {
    enum { PATHS = 37, STEPS = 11, ASSETS = 3, CONTRACTS = 2 };
    static double shocks[ASSETS * PATHS], spare[PATHS], log_price[ASSETS * PATHS], funding[CONTRACTS * PATHS],
        lowest[CONTRACTS * PATHS], inverse[CONTRACTS * PATHS];
    const double drift[ASSETS] = {-1e-5, 2e-5, -3e-5}, vol[ASSETS] = {0.012, 0.015, 0.03};
    const long contract_asset[CONTRACTS] = {0, 1};
    const double coefficient[CONTRACTS] = {0.995, 0.995}, constant[CONTRACTS] = {-1 / 70000.0, -1 / 3500.0};
    const double funding_rate[CONTRACTS] = {1e-5, -2e-5};
    const long bridge_index[ASSETS] = {0, 1, 2};
    /* The third coin jumps often (λΔt = 0.2) so that the jump path runs. */
    const double jump_rate[ASSETS] = {0, 0, 0.2}, no_jump[ASSETS] = {1, 1, exp(-0.2)};
    const double jump_mean[ASSETS] = {0, 0, -0.05}, jump_stdev[ASSETS] = {0, 0, 0.1};
    const double variance[ASSETS] = {0.012 * 0.012, 0.015 * 0.015, 0.03 * 0.03};
    hs_portfolio_plan plan = {
        .assets = ASSETS, .contracts = CONTRACTS, .drift_per_step = drift, .vol_per_step = vol,
        .jump_rate_per_step = jump_rate, .no_jump_probability = no_jump, .jump_mean = jump_mean, .jump_stdev = jump_stdev,
        .purpose_jump_test = 9, .purpose_jump_size = 10, .contract_asset = contract_asset, .mark_coefficient = coefficient,
        .account_constant = constant, .funding_per_step = funding_rate, .between_step_check = 1, .bridge_index = bridge_index,
        .purpose_bridge = 8, .seed = 7, .bridge_variance = variance};
    const double start[ASSETS] = {log(70000.0), log(3500.0), log(150.0)};
    for (int k = 0; k < ASSETS; k++) for (int p = 0; p < PATHS; p++) log_price[k * PATHS + p] = start[k];
    for (int i = 0; i < CONTRACTS * PATHS; i++) { funding[i] = 0; lowest[i] = INFINITY; }
    for (int step = 0; step < STEPS; step++) {
        hs_normal_rows(7, 7, 0, 0, PATHS, step, 1, shocks, shocks + PATHS, 0);
        hs_normal_rows(7, 7, 1, 0, PATHS, step, 1, shocks + 2 * PATHS, spare, 0);
        {
            const hs_portfolio_columns columns = {.log_price = log_price, .variance = 0, .funding = funding, .lowest = lowest,
                                                  .inverse_mark = inverse, .basis = 0, .log_mark = 0, .mixing_scale = 0};
            hs_portfolio_step(&plan, step, 0, shocks, PATHS, &columns);
        }
    }
    print_block("portfolio_log_price", log_price, ASSETS * PATHS);
    print_block("portfolio_funding", funding, CONTRACTS * PATHS);
    print_block("portfolio_lowest", lowest, CONTRACTS * PATHS);
    print_block("portfolio_inverse_mark", inverse, CONTRACTS * PATHS);

    /* The joint bootstrap of a 23-step history of the three coins (blocks of 4 steps on average). */
    enum { LENGTH = 23 };
    static double history[ASSETS * LENGTH];
    static long position[PATHS];
    for (int i = 0; i < ASSETS * LENGTH; i++) history[i] = 0.02 * sin(0.7 * i + 0.3) - 0.001;
    plan.history_returns = history;
    plan.history_length = LENGTH;
    plan.restart_probability = 0.25;
    plan.purpose_bootstrap = 11;
    for (int k = 0; k < ASSETS; k++) for (int p = 0; p < PATHS; p++) log_price[k * PATHS + p] = start[k];
    for (int i = 0; i < CONTRACTS * PATHS; i++) { funding[i] = 0; lowest[i] = INFINITY; }
    for (int step = 0; step < STEPS; step++) {
        hs_portfolio_history_shocks(&plan, step, 0, PATHS, position, shocks);
        {
            const hs_portfolio_columns columns = {.log_price = log_price, .variance = 0, .funding = funding, .lowest = lowest,
                                                  .inverse_mark = inverse, .basis = 0, .log_mark = 0, .mixing_scale = 0};
            hs_portfolio_step(&plan, step, 0, shocks, PATHS, &columns);
        }
    }
    print_block("portfolio_bootstrap_log_price", log_price, ASSETS * PATHS);
    print_block("portfolio_bootstrap_lowest", lowest, CONTRACTS * PATHS);
}

/* Venue accounts: four contracts on two of three coins, 37 paths from path 3, 11 steps, bridge check
 * on. BTC (coin 0) carries three contracts: on the mark at 0.5 % and 1 % and on the entry value at
 * 0.5 % (a = 1, constant −1.005/E), each with its own funding; ETH (coin 1) one; coins 0 and 2 share a
 * bridge index. Every contract on coin 0 reads coin 0's one bridge maximum. */
static void run_portfolio_venues(void) {
    enum { PATHS = 37, STEPS = 11, ASSETS = 3, CONTRACTS = 4, FIRST = 3 };
    static double shocks[ASSETS * PATHS], spare[PATHS], log_price[ASSETS * PATHS], funding[CONTRACTS * PATHS],
        lowest[CONTRACTS * PATHS], inverse[CONTRACTS * PATHS];
    const double drift[ASSETS] = {-1e-5, 2e-5, -3e-5}, vol[ASSETS] = {0.02, 0.025, 0.03};
    const long contract_asset[CONTRACTS] = {0, 1, 0, 0};
    const double coefficient[CONTRACTS] = {0.995, 0.995, 0.99, 1};
    const double constant[CONTRACTS] = {-1 / 70000.0, -1 / 3500.0, -1 / 70000.0, -1.005 / 70000.0};
    const double funding_rate[CONTRACTS] = {1e-5, -2e-5, 3e-5, 0};
    const long bridge_index[ASSETS] = {0, 1, 0};
    const double zeros[ASSETS] = {0, 0, 0}, ones[ASSETS] = {1, 1, 1};
    const double variance[ASSETS] = {0.02 * 0.02, 0.025 * 0.025, 0.03 * 0.03};
    hs_portfolio_plan plan = {
        .assets = ASSETS, .contracts = CONTRACTS, .drift_per_step = drift, .vol_per_step = vol,
        .jump_rate_per_step = zeros, .no_jump_probability = ones, .jump_mean = zeros, .jump_stdev = zeros,
        .purpose_jump_test = 9, .purpose_jump_size = 10, .contract_asset = contract_asset, .mark_coefficient = coefficient,
        .account_constant = constant, .funding_per_step = funding_rate, .between_step_check = 1, .bridge_index = bridge_index,
        .purpose_bridge = 8, .seed = 11, .bridge_variance = variance};
    const double start[ASSETS] = {log(70000.0), log(3500.0), log(150.0)};
    for (int k = 0; k < ASSETS; k++) for (int p = 0; p < PATHS; p++) log_price[k * PATHS + p] = start[k];
    for (int i = 0; i < CONTRACTS * PATHS; i++) { funding[i] = 0; lowest[i] = INFINITY; }
    for (int step = 0; step < STEPS; step++) {
        hs_normal_rows(11, 7, 0, FIRST, PATHS, step, 1, shocks, shocks + PATHS, 0);
        hs_normal_rows(11, 7, 1, FIRST, PATHS, step, 1, shocks + 2 * PATHS, spare, 0);
        {
            const hs_portfolio_columns columns = {.log_price = log_price, .variance = 0, .funding = funding, .lowest = lowest,
                                                  .inverse_mark = inverse, .basis = 0, .log_mark = 0, .mixing_scale = 0};
            hs_portfolio_step(&plan, step, FIRST, shocks, PATHS, &columns);
        }
    }
    print_block("portfolio_venues_log_price", log_price, ASSETS * PATHS);
    print_block("portfolio_venues_funding", funding, CONTRACTS * PATHS);
    print_block("portfolio_venues_lowest", lowest, CONTRACTS * PATHS);
    print_block("portfolio_venues_inverse_mark", inverse, CONTRACTS * PATHS);
}

/* Two GARCH(1,1)-t coins at ν = 3.5 (one carrying a contract, the bridge on its h) beside a GBM coin
 * carrying the other, 37 paths from path 5, 11 steps: the normal rows of purpose 7 (no correlation
 * factor here), the mixing, the step. Then the mixing scale √((ν − 2)/W) alone at ν = 3 for 1003 paths
 * (its Marsaglia–Tsang retries run on about 2.7 % of them). */
static void run_portfolio_garch(void) {
    enum { PATHS = 37, STEPS = 11, ASSETS = 3, CONTRACTS = 2, FIRST = 5 };
    static double shocks[ASSETS * PATHS], spare[PATHS], log_price[ASSETS * PATHS], variance[ASSETS * PATHS],
        funding[CONTRACTS * PATHS], lowest[CONTRACTS * PATHS], inverse[CONTRACTS * PATHS], mixing_scale[PATHS];
    const double drift[ASSETS] = {1e-5, -2e-5, 3e-5}, vol[ASSETS] = {0.012, 0.015, 0.03};
    const double start_variance[ASSETS] = {0.012 * 0.012, 0.015 * 0.015, 0.03 * 0.03};
    const long contract_asset[CONTRACTS] = {0, 1};
    const double coefficient[CONTRACTS] = {0.995, 0.995}, constant[CONTRACTS] = {-1 / 70000.0, -1 / 3500.0};
    const double funding_rate[CONTRACTS] = {1e-5, -2e-5};
    const long bridge_index[ASSETS] = {0, 1, 2};
    const double zeros[ASSETS] = {0, 0, 0}, ones[ASSETS] = {1, 1, 1};
    const int garch[ASSETS] = {1, 0, 1};
    const double alpha[ASSETS] = {0.1, 0, 0.3}, beta[ASSETS] = {0.85, 0, 0.6};
    const double omega[ASSETS] = {start_variance[0] * 0.05, 0, start_variance[2] * 0.1};
    /* The third coin's cap binds whenever its shock exceeds about 1.6 (h0·(0.7 + 0.3·s²) > 1.5·h0). */
    const double cap[ASSETS] = {25 * start_variance[0], 0, 1.5 * start_variance[2]};
    hs_portfolio_plan plan = {
        .assets = ASSETS, .contracts = CONTRACTS, .drift_per_step = drift, .vol_per_step = vol,
        .jump_rate_per_step = zeros, .no_jump_probability = ones, .jump_mean = zeros, .jump_stdev = zeros,
        .purpose_jump_test = 9, .purpose_jump_size = 10, .contract_asset = contract_asset, .mark_coefficient = coefficient,
        .account_constant = constant, .funding_per_step = funding_rate, .between_step_check = 1, .bridge_index = bridge_index,
        .purpose_bridge = 8, .seed = 7, .bridge_variance = start_variance, .garch = garch, .garch_omega = omega,
        .garch_alpha = alpha, .garch_beta = beta, .garch_variance_cap = cap, .garch_dof = 3.5, .purpose_mixing = 12};
    const double start[ASSETS] = {log(70000.0), log(3500.0), log(150.0)};
    for (int k = 0; k < ASSETS; k++) {
        for (int p = 0; p < PATHS; p++) {
            log_price[k * PATHS + p] = start[k];
            variance[k * PATHS + p] = start_variance[k];
        }
    }
    for (int i = 0; i < CONTRACTS * PATHS; i++) { funding[i] = 0; lowest[i] = INFINITY; }
    for (int step = 0; step < STEPS; step++) {
        hs_normal_rows(7, 7, 0, FIRST, PATHS, step, 1, shocks, shocks + PATHS, 0);
        hs_normal_rows(7, 7, 1, FIRST, PATHS, step, 1, shocks + 2 * PATHS, spare, 0);
        hs_portfolio_mixing(&plan, step, FIRST, PATHS, shocks, mixing_scale);
        {
            const hs_portfolio_columns columns = {.log_price = log_price, .variance = variance, .funding = funding, .lowest = lowest,
                                                  .inverse_mark = inverse, .basis = 0, .log_mark = 0, .mixing_scale = mixing_scale};
            hs_portfolio_step(&plan, step, FIRST, shocks, PATHS, &columns);
        }
    }
    print_block("portfolio_garch_log_price", log_price, ASSETS * PATHS);
    print_block("portfolio_garch_variance", variance, ASSETS * PATHS);
    print_block("portfolio_garch_funding", funding, CONTRACTS * PATHS);
    print_block("portfolio_garch_lowest", lowest, CONTRACTS * PATHS);

    enum { SCALES = 1003 };
    static double scale[SCALES];
    for (int p = 0; p < SCALES; p++) scale[p] = 1;
    const int one_garch[1] = {1};
    hs_portfolio_plan mixing = {.assets = 1, .seed = 0x0123456789abcdefULL, .garch = one_garch, .garch_dof = 3,
                                .purpose_mixing = 12};
    static double written[SCALES];
    hs_portfolio_mixing(&mixing, 4, 0, SCALES, scale, written);
    print_block("portfolio_mixing_scale", scale, SCALES);
    print_block("portfolio_mixing_written_scale", written, SCALES);
}

/* Dated contracts: three contracts on two coins, 37 paths from path 2, 11 steps, bridge check on. Coin 0
 * carries a perpetual and a dated contract rolled at the end of step 4 (τ 0.01 → 0.05 years); coin 1 a
 * dated contract expiring at step 11's end (τ reaching 0), its basis correlated −0.4 with the price. */
static void run_portfolio_dated(void) {
    enum { PATHS = 37, STEPS = 11, ASSETS = 2, CONTRACTS = 3, FIRST = 2 };
    static double shocks[ASSETS * PATHS], log_price[ASSETS * PATHS], funding[CONTRACTS * PATHS], lowest[CONTRACTS * PATHS],
        inverse[CONTRACTS * PATHS], basis[CONTRACTS * PATHS], log_mark[CONTRACTS * PATHS];
    static double to_expiry[CONTRACTS * STEPS], roll_to[CONTRACTS * STEPS];
    const double drift[ASSETS] = {-1e-5, 2e-5}, vol[ASSETS] = {0.02, 0.025};
    const long contract_asset[CONTRACTS] = {0, 0, 1};
    const double coefficient[CONTRACTS] = {0.995, 0.995, 1};
    const double constant[CONTRACTS] = {-1 / 70000.0, -1 / 70700.0, -1.005 / 3510.0};
    const double funding_rate[CONTRACTS] = {1e-5, 0, 0};
    const long bridge_index[ASSETS] = {0, 1};
    const double zeros[ASSETS] = {0, 0}, ones[ASSETS] = {1, 1};
    const double variance[ASSETS] = {0.02 * 0.02, 0.025 * 0.025};
    const int dated[CONTRACTS] = {0, 1, 1};
    const double mean[CONTRACTS] = {0, 0.1, 0.05}, decay[CONTRACTS] = {1, 0.99, 0.95}, innovation[CONTRACTS] = {0, 0.02, 0.05};
    const double correlation[CONTRACTS] = {0, 0.3, -0.4}, roll_fee[CONTRACTS] = {0, 5e-4, 5e-4};
    for (int step = 0; step < STEPS; step++) {
        to_expiry[STEPS + step] = step <= 4 ? 0.01 - 0.002 * step : 0.05 - 0.002 * step;
        to_expiry[2 * STEPS + step] = 0.001 * (STEPS - 1 - step);
    }
    roll_to[STEPS + 4] = 0.05 - 0.008;
    hs_portfolio_plan plan = {
        .assets = ASSETS, .contracts = CONTRACTS, .drift_per_step = drift, .vol_per_step = vol,
        .jump_rate_per_step = zeros, .no_jump_probability = ones, .jump_mean = zeros, .jump_stdev = zeros,
        .purpose_jump_test = 9, .purpose_jump_size = 10, .contract_asset = contract_asset, .mark_coefficient = coefficient,
        .account_constant = constant, .funding_per_step = funding_rate, .between_step_check = 1, .bridge_index = bridge_index,
        .purpose_bridge = 8, .seed = 13, .bridge_variance = variance, .dated = dated, .steps = STEPS,
        .years_to_expiry = to_expiry, .roll_to_years = roll_to, .basis_mean = mean, .basis_decay = decay,
        .basis_innovation = innovation, .basis_price_correlation = correlation, .roll_fee_rate = roll_fee, .purpose_basis = 13};
    const double start[ASSETS] = {log(70000.0), log(3500.0)};
    for (int k = 0; k < ASSETS; k++) for (int p = 0; p < PATHS; p++) log_price[k * PATHS + p] = start[k];
    for (int i = 0; i < CONTRACTS * PATHS; i++) { funding[i] = 0; lowest[i] = INFINITY; }
    for (int c = 0; c < CONTRACTS; c++) {
        for (int p = 0; p < PATHS; p++) {
            basis[c * PATHS + p] = mean[c];
            log_mark[c * PATHS + p] = start[contract_asset[c]] + mean[c] * (to_expiry[c * STEPS] + 0.002);
        }
    }
    for (int step = 0; step < STEPS; step++) {
        hs_normal_rows(13, 7, 0, FIRST, PATHS, step, 1, shocks, shocks + PATHS, 0);
        {
            const hs_portfolio_columns columns = {.log_price = log_price, .variance = 0, .funding = funding, .lowest = lowest,
                                                  .inverse_mark = inverse, .basis = basis, .log_mark = log_mark, .mixing_scale = 0};
            hs_portfolio_step(&plan, step, FIRST, shocks, PATHS, &columns);
        }
    }
    print_block("portfolio_dated_log_price", log_price, ASSETS * PATHS);
    print_block("portfolio_dated_funding", funding, CONTRACTS * PATHS);
    print_block("portfolio_dated_lowest", lowest, CONTRACTS * PATHS);
    print_block("portfolio_dated_inverse_mark", inverse, CONTRACTS * PATHS);
    print_block("portfolio_dated_basis", basis, CONTRACTS * PATHS);
}

int main(int argc, char **argv) {
    if (argc > 1) hs_set_vector_level_for_testing(atoi(argv[1]));
    printf("level %d\n", hs_vector_level());

    enum { N = 1003 };
    static double x[N], y[N], u1[N], u2[N], z1[N], z2[N];
    for (int i = 0; i < N; i++) {
        x[i] = -745.0 + 1460.0 * i / (N - 1);                   /* exp: libm lanes at both ends */
        u1[i] = (i + 0.5) / N;
        u2[i] = fmod(0.618033988749895 * (i + 1), 1.0);
    }
    x[0] = -INFINITY; x[1] = NAN; x[2] = 0.0; x[3] = -0.0; x[4] = 1e-300;
    hs_vexp(x, y, N);
    print_block("exp", y, N);
    for (int i = 0; i < N; i++) x[i] = ldexp(1.0 + (double)i / N, i % 2100 - 1070); /* subnormals to huge */
    x[0] = 0.0; x[1] = -1.0; x[2] = INFINITY; x[3] = 1.0;
    hs_vlog(x, y, N);
    print_block("log", y, N);
    hs_box_muller(u1, u2, z1, z2, N);
    print_block("box_muller_z1", z1, N);
    print_block("box_muller_z2", z2, N);

    enum { PATHS = 37, STEPS = 11 };
    static double first[PATHS * STEPS], second[PATHS * STEPS], third[PATHS * STEPS];
    hs_philox_uniform_pairs(0x0123456789abcdefULL, 2, 1, 5, PATHS, 3, STEPS, first, second);
    print_block("philox_first", first, PATHS * STEPS);
    print_block("philox_second", second, PATHS * STEPS);
    hs_normal_rows(42, 1, 0, 7, PATHS, 2, STEPS, first, second, third);
    print_block("normal_z1", first, PATHS * STEPS);
    print_block("normal_z2", second, PATHS * STEPS);
    print_block("normal_u3", third, PATHS * STEPS);

    print_student_t();
    enum { SHAPES = 5 };
    for (int shape = 0; shape < SHAPES; shape++) run_shape(shape);
    run_portfolio();
    run_portfolio_venues();
    run_portfolio_garch();
    run_portfolio_dated();
    return 0;
}

/*
 * The portfolio step (see hs_portfolio_step in CVectorMath.h): K coins' log prices under correlated
 * GBM, and for each coin a contract is written on, the account of an isolated inverse short per USD of
 * notional, its lowest value so far and the funding it has accrued. The correlated shocks come in
 * already multiplied by the Cholesky factor (BLAS dgemm, in the engine); this file is the step model.
 */
#include "CVectorMath.h"
#include "lane_math.h"

HS_INLINE void hs_portfolio_step_body(const hs_portfolio_plan *plan, const double *shocks, long paths,
                                      double *log_price, double *funding, double *lowest, double *inverse_mark) {
    for (long k = 0; k < plan->assets; k++) {
        const double drift = plan->drift_per_step[k], vol = plan->vol_per_step[k];
        const double *z = shocks + k * paths;
        double *x = log_price + k * paths;
        for (long p = 0; p < paths; p++) x[p] = x[p] + (drift + vol * z[p]);
    }
    for (long c = 0; c < plan->contracts; c++) {
        const double *x = log_price + plan->contract_asset[c] * paths;
        double *phi = funding + c * paths, *low = lowest + c * paths, *inverse = inverse_mark + c * paths;
        const double a = plan->mark_coefficient[c], constant = plan->account_constant[c], rate = plan->funding_per_step[c];
        for (long p = 0; p < paths; p += HS_WIDTH) {
            const long n = paths - p < HS_WIDTH ? paths - p : HS_WIDTH;
            hs_fv v = hs_exp_v(-hs_load_partial_v(x + p, n, 0));
            hs_fv accrued = hs_load_partial_v(phi + p, n, 0) + rate * v;
            hs_fv account = a * v + constant + accrued;
            hs_store_partial_v(phi + p, accrued, n);
            hs_store_partial_v(inverse + p, v, n);
            hs_store_partial_v(low + p, hs_min_v(hs_load_partial_v(low + p, n, 0), account), n);
        }
    }
}

HS_LEVEL_VARIANTS(hs_portfolio_step,
                  (const hs_portfolio_plan *plan, const double *shocks, long paths, double *log_price, double *funding,
                   double *lowest, double *inverse_mark),
                  (plan, shocks, paths, log_price, funding, lowest, inverse_mark))

void hs_portfolio_step(const hs_portfolio_plan *plan, const double *shocks, long paths, double *log_price,
                       double *funding, double *lowest, double *inverse_mark) {
    if (paths <= 0) return;
    switch (hs_vector_level()) {
    case 3: hs_portfolio_step_avx512(plan, shocks, paths, log_price, funding, lowest, inverse_mark); return;
    case 2: hs_portfolio_step_avx2(plan, shocks, paths, log_price, funding, lowest, inverse_mark); return;
    default: hs_portfolio_step_base(plan, shocks, paths, log_price, funding, lowest, inverse_mark); return;
    }
}

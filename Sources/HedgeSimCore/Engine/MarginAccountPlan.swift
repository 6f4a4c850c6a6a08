internal import CVectorMath
import Foundation

extension hs_margin_account {
    /// The account of `scenario`'s short per USD of notional, `x = a·v + c + Φ` with the mark term `v`
    /// (see `hs_margin_account`):
    /// - inverse (`v = 1/F`, coin), maintenance on the mark `(1 − m)/F − 1/E + Φ`, on the entry
    ///   `1/F − (1 + m)/E + Φ`;
    /// - linear (`v = F/E`, USD: the balance `M + Q(E − F)` less `m·Q·F` or `m·Q·E`, per `N = Q·E`),
    ///   on the mark `1 − (1 + m)·F/E + Φ`, on the entry `1 − m − F/E + Φ`.
    init(scenario: Scenario) {
        let linear = scenario.instrument.isLinear
        let entry = scenario.entryPrice
        let m = scenario.maintenanceRate
        let (a, c): (Double, Double)
        switch (scenario.maintenanceConvention, linear) {
        case (.mark, false): (a, c) = (1 - m, -1 / entry)
        case (.entry, false): (a, c) = (1, -(1 + m) / entry)
        case (.mark, true): (a, c) = (-(1 + m), 1)
        case (.entry, true): (a, c) = (-1, 1 - m)
        }
        self.init(
            between_step_check: scenario.betweenStepCheck ? 1 : 0, linear: linear ? 1 : 0, mark_coefficient: a, constant: c,
            inverse_entry: linear ? 1 : 1 / entry, linear_shift: linear ? -Foundation.log(entry) : 0)
    }
}

internal import CVectorMath
import Foundation

/// Per-step constants derived once from a validated `Scenario`, so the kernels do no parameter
/// arithmetic. Time is in years (365-day year); log prices are natural logs of USD per coin.
struct SimulationPlan: Sendable {
    /// Paths per block: a constant of the algorithm, never derived from the core count, so results do
    /// not depend on threads or shards.
    static let blockSize = 256

    let scenario: Scenario
    let steps: Int
    let dt: Double
    let logPrice0: Double
    /// `ln E`: the log mark at the start (the contract's entry price).
    let logMark0: Double
    let entryPrice: Double
    /// The index's mark term at the start: `1/P₀` for an inverse contract (coin per USD), `P₀/E` for a
    /// linear one, whose mark term is `F/E`.
    let inverseIndex0: Double

    /// The price step: model, drift, vol, jumps, GARCH-t, the bootstrap's restarts.
    let price: hs_price_step
    /// The second factor's shock (funding of a perpetual, basis of a dated contract) is
    /// `correlation·Z₁ + orthogonal·Z₂` (the 2×2 Cholesky factor, inline), `Z₁` being the price's normal.
    let correlation: Double
    let orthogonal: Double
    /// A perpetual's funding and a dated contract's basis and rolls.
    let funding: hs_funding_step
    let basis: hs_basis_step
    /// Dated: per step, years from its end to the expiry of the contract held during it; and, at a step
    /// whose end rolls the short into the next contract, that contract's years to expiry (0 elsewhere;
    /// empty without rolls). See `DatedSchedule`.
    let yearsToExpiry: [Double]
    let rollToYears: [Double]
    /// The number of rolls before the horizon.
    let rollCount: Int
    /// The margin account per USD of notional and its checks.
    let account: hs_margin_account
    /// Exit fee rate at the horizon (settlement fee when a dated contract is held to expiry).
    let exitFeeRate: Double

    // History models (bootstrap, replay).
    /// Log returns and funding rates per step of the history (empty for the parametric models).
    let historyReturns: [Double]
    let historyFunding: [Double]
    /// Annualised basis per step of the history, replacing the OU basis of a dated contract (empty: OU).
    let historyBasis: [Double]

    /// `E[P_T] = P₀·e^{μT}` under GBM and Merton jumps (the drift is compensated for the jumps, and each
    /// step's log increment has `E[e^{ΔlnP}] = e^{μΔt}` exactly); nil for GARCH-t (its Student-t shocks
    /// have no exponential moment) and the history models. The control variate of the USD means.
    let expectedTerminalIndex: Double?

    let cells: [HedgeCell]
    /// Distinct liquidation thresholds in descending order (the first is reached first).
    let thresholds: [Double]
    /// For each cell, the index of its threshold in `thresholds` (nil: no position, or a policy cell).
    let cellThresholdIndex: [Int?]
    /// The cells with a margin policy as the kernel follows them, path by path (`hs_policy_cell`), and
    /// for each cell its index among them (nil: no policy).
    let policyCells: [hs_policy_cell]
    let cellPolicyIndex: [Int?]
    /// Funding exit: funding steps in the trailing window, `round(window·24 h / hours per funding step)`
    /// (at least 1); 0 without a funding-exit cell.
    let fundingWindow: Int

    /// The paths and steps whose index the fan chart keeps.
    let bands: BandPlan

    /// The plan of `scenario`'s cells, or of `cells` when given (the leverage search's first pass
    /// runs the paths with none).
    init(scenario: Scenario, history: MarketHistory? = nil, cells: [HedgeCell]? = nil) {
        self.scenario = scenario
        historyReturns = scenario.model.needsHistory ? history?.logReturns ?? [] : []
        historyFunding = scenario.model.needsHistory && scenario.instrument.isPerpetual ? history?.fundingRates ?? [] : []
        historyBasis = scenario.model.needsHistory && scenario.instrument.isDated ? history?.basis ?? [] : []
        steps = scenario.stepCount
        dt = scenario.stepYears
        logPrice0 = Foundation.log(scenario.price)
        logMark0 = Foundation.log(scenario.entryPrice)
        entryPrice = scenario.entryPrice
        inverseIndex0 = scenario.instrument.isLinear ? scenario.price / entryPrice : 1 / scenario.price
        price = hs_price_step(scenario: scenario, history: history)
        let rho = scenario.instrument.isPerpetual ? scenario.fundingPriceCorrelation : scenario.basisPriceCorrelation
        correlation = rho
        orthogonal = max(0, 1 - rho * rho).squareRoot()
        funding = hs_funding_step(scenario: scenario)
        basis = hs_basis_step(scenario: scenario)
        let schedule = DatedSchedule(scenario: scenario)
        yearsToExpiry = schedule.yearsToExpiry
        rollToYears = schedule.rollToYears
        rollCount = schedule.rollSteps.count
        account = hs_margin_account(scenario: scenario)
        let heldToExpiry = scenario.instrument.isDated && schedule.lastExpiryDays == scenario.horizonDays
        exitFeeRate = heldToExpiry ? scenario.settlementFee : scenario.fee

        let cells = cells ?? scenario.cells
        self.cells = cells
        let grouped = { (cell: HedgeCell) in cell.notional > 0 && cell.policy == .none }
        let distinct = Set(cells.filter(grouped).map(\.threshold)).sorted(by: >)
        thresholds = distinct
        cellThresholdIndex = cells.map { cell in grouped(cell) ? distinct.firstIndex(of: cell.threshold) : nil }
        var managed: [hs_policy_cell] = []
        // Hours between funding steps (every step when the funding comes from a history).
        let fundingStepHours = Double(historyFunding.isEmpty ? funding.steps_per_funding : 1) * 24 / scenario.stepsPerDay
        cellPolicyIndex = cells.map { cell in
            guard cell.notional > 0, let kind = cell.policy.kernelKind else { return nil }
            managed.append(SimulationPlan.policyCell(cell, kind: kind, scenario: scenario, fundingStepHours: fundingStepHours))
            return managed.count - 1
        }
        policyCells = managed
        fundingWindow = cells.contains { $0.policy == .fundingExit && $0.notional > 0 }
            ? max(1, Int((scenario.management.exitWindowDays * 24 / fundingStepHours).rounded())) : 0
        bands = BandPlan(scenario: scenario)
        expectedTerminalIndex = scenario.model == .gbm || scenario.model == .jump
            ? scenario.price * Foundation.exp(scenario.drift * Double(scenario.stepCount) * scenario.stepYears)
            : nil
    }

    /// A linear (USD-margined) contract: the short's PnL per USD of notional is `pnlSign·(v − v_E)` with
    /// `pnlSign` = 1 for an inverse contract (`1/F − 1/E`, coin) and −1 for a linear one (`1 − F/E`,
    /// USD); its flows are in USD, an inverse contract's in coin.
    var isLinear: Bool { account.linear != 0 }
    var pnlSign: Double { isLinear ? -1 : 1 }
    var isPerpetual: Bool { scenario.instrument.isPerpetual }

    /// The kernel's description of a policy cell (`hs_policy_cell`).
    private static func policyCell(_ cell: HedgeCell, kind: Int32, scenario: Scenario, fundingStepHours: Double) -> hs_policy_cell {
        let rules = scenario.management
        let initialLeverage: Double = cell.notional / (scenario.entryPrice * cell.marginCoin)
        let stepHours: Double = 24 / scenario.stepsPerDay
        let trigger: Double = cell.policy == .deleverage ? rules.deleverageAt : rules.topUpAt
        let delay = Int((rules.rehedgeAfterHours / stepHours - 1e-9).rounded(.up))
        let floor: Double = 1 / (scenario.entryPrice * (1 - rules.dehedgeAfterDrop))
        let entryMaintenance: Double = scenario.maintenanceConvention == .entry ? scenario.maintenanceRate : 0
        let limit: Int = rules.maxActions(for: cell.policy) ?? Int.max
        // Annualised funding levels as rates per funding step (a step's payments summed).
        let perStep: Double = fundingStepHours / (24 * 365)
        let exitAbove: Double = rules.exitFundingAbove * perStep
        let reenterBelow: Double = rules.reenterFundingBelow.map { $0 * perStep } ?? -.infinity
        let sellShare: Double = cell.policy == .dehedge ? rules.dehedgeSellShare : 0
        return hs_policy_cell(
            kind: kind, notional: cell.notional, margin: cell.marginCoin, spot_coin: max(0, cell.spotCoin),
            trigger_share: trigger, top_up_coin: rules.topUpCoins ?? 0, initial_leverage: initialLeverage,
            deleverage_share: rules.deleverageShare, rehedge_delay_steps: delay,
            rehedge_leverage: rules.rehedgeLeverage ?? initialLeverage, fee_rate: scenario.fee, dehedge_inverse_floor: floor,
            spot_sell_share: sellShare, exit_rate_above: exitAbove, reenter_rate_below: reenterBelow,
            entry_maintenance_rate: entryMaintenance,
            inverse_index0: 1 / scenario.price, max_actions: limit)
    }

    var blockCount: Int { (scenario.paths + SimulationPlan.blockSize - 1) / SimulationPlan.blockSize }

    /// The frictionless synthetic dollar at the horizon, USD: the holding at the index plus a short of
    /// `notional` USD that earns exactly the index's move, `P_T·S + N(1 − P_T/P₀)` (inverse and linear
    /// alike; for linear `inverseIndex0 = P₀/E` and `1/E` scale the same move), plus a linear hedge's
    /// stablecoin balance `B`. A path's hedge cost is
    /// this minus its USD value `P_T × coin`; the cost components add up to that gap.
    func idealUSD(index: Double, notional: Double) -> Double {
        isLinear
            ? index * scenario.holding + (scenario.stablecoinBalance ?? 0) + notional * (inverseIndex0 - index / entryPrice)
            : index * scenario.holding + notional * (1 - index * inverseIndex0)
    }

    /// The mark price at which cell `index` is liquidated before any funding: solving `a·v + c = θ`
    /// gives `F = a/(θ − c)` (inverse, `v = 1/F`) or `F = E·(θ − c)/a` (linear, `v = F/E`); nil without a
    /// position or when no price reaches `θ`.
    func liquidationPrice(of index: Int) -> Double? {
        guard cells[index].notional > 0 else { return nil }
        let a = account.mark_coefficient
        let denominator = cells[index].threshold - account.constant
        if isLinear { return denominator / a > 0 ? entryPrice * denominator / a : nil }
        return denominator > 0 ? a / denominator : nil
    }

    /// Whether funding may be paid at the end of step `s` (0-based): every `funding.steps_per_funding` steps, or
    /// at any step when the funding comes from a history.
    @inline(__always)
    func isFundingStep(_ step: Int) -> Bool { !historyFunding.isEmpty || (step + 1) % funding.steps_per_funding == 0 }
}

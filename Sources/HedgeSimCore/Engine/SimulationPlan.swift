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
    /// The mark term `v` at entry and the index's at the start: `1/E` and `1/P₀` for an inverse
    /// contract (coin per USD); `1` and `P₀/E` for a linear one, whose mark term is `F/E`.
    let inverseEntry: Double
    let inverseIndex0: Double
    /// A linear (USD-margined) contract: the short's PnL per USD of notional is `pnlSign·(v − v_E)` with
    /// `pnlSign` = 1 for an inverse contract (`1/F − 1/E`, coin) and −1 for a linear one (`1 − F/E`,
    /// USD); its flows are in USD, an inverse contract's in coin.
    let isLinear: Bool
    let pnlSign: Double

    // Price process.
    let model: PriceModelKind
    /// GBM and jump: `(μ − λk − σ²/2)·Δt` per step; GARCH: `μ·Δt`.
    let driftPerStep: Double
    /// `σ·√Δt`.
    let volPerStep: Double
    /// `e^{−λΔt}`: probability of no jump in a step.
    let noJumpProbability: Double
    let jumpRatePerStep: Double
    let jumpMean: Double
    let jumpStdev: Double
    /// GARCH `ω = σ²Δt(1 − α − β)`, `α`, `β`, `ν` (any real ν > 2), `√((ν−2)/ν)` that standardises
    /// the t shock, and the first step's variance `σ²Δt`.
    let garchOmega: Double
    let garchAlpha: Double
    let garchBeta: Double
    let degreesOfFreedom: Double
    let tScale: Double
    let initialVariance: Double
    /// The cap on GARCH's conditional variance per step, `(σ_max)²·Δt` with `σ_max` = 5 (500 % a year)
    /// or the long-run σ if higher: with ν near 3 the t shocks have an infinite fourth moment, and an
    /// uncapped `h` lets a few paths fall to almost nothing and dominate every mean.
    let garchVarianceCap: Double
    /// `σ_max` of `garchVarianceCap`, per year.
    static let maxGarchVol = 5.0

    // Second factor: funding (perpetual) or basis (dated), correlated through `correlationFactor`.
    /// The second factor's shock is `ρ·Z₁ + √(1−ρ²)·Z₂` (the 2×2 Cholesky factor, inline), `Z₁` being the
    /// price's normal.
    let correlation: Double
    let orthogonal: Double
    let isPerpetual: Bool
    /// Funding: one payment every `stepsPerFunding` steps, or `paymentsPerStep` payments at each step end.
    let stepsPerFunding: Int
    let paymentsPerStep: Int
    let fundingMean: Double
    let fundingDeadZone: Double
    let fundingCap: Double
    /// AR(1) persistence and innovation stdev for one funding update (aggregated over the payments of a
    /// step when several fall in one step: `φ^m` and `σ·√((1−φ^{2m})/(1−φ²))`).
    let fundingPersistence: Double
    let fundingInnovation: Double
    /// `fundingInnovation/√k`: the weight of each step's shock when `k = stepsPerFunding` steps make one
    /// interval.
    let fundingScale: Double
    /// With `m > 1` payments per step, the sum of the `m` deviations `S = Σ_{i=1..m} x_{t+i}` is drawn
    /// exactly with the end value: `S = (Σφ^i)·x_t + loading·Z₁ + residual·Z₂`, where `Z₁` also drives
    /// `x_{t+m}` and `Z₂` is an independent normal (see `init`).
    let fundingSumDecay: Double
    let fundingSumLoading: Double
    let fundingSumResidual: Double
    /// Basis: long-run mean `b̄ = b_0`, decay `e^{−κΔt}`, innovation `σ_b·√((1−e^{−2κΔt})/(2κ))`.
    let basisMean: Double
    let basisDecay: Double
    let basisInnovation: Double
    /// Dated: per step, years from its end to the expiry of the contract held during it; and, at a step
    /// whose end rolls the short into the next contract, that contract's years to expiry (0 elsewhere;
    /// empty without rolls). See `DatedSchedule`.
    let yearsToExpiry: [Double]
    let rollToYears: [Double]
    /// The number of rolls before the horizon.
    let rollCount: Int

    // Margin account.
    let betweenStepCheck: Bool
    /// Per-unit account value without margin, `x = markCoefficient·v + constant + Φ` with the mark term
    /// `v`: inverse, mark convention `(1−m)/F − 1/E + Φ`, entry convention `1/F − (1+m)/E + Φ`; linear
    /// (`v = F/E`, the balance `M + Q(E − F)` less `m·Q·F` or `m·Q·E`, per `N = Q·E`), mark convention
    /// `1 − (1+m)·F/E + Φ`, entry convention `1 − m − F/E + Φ`.
    let markCoefficient: Double
    let accountConstant: Double
    /// Exit fee rate at the horizon (settlement fee when a dated contract is held to expiry).
    let exitFeeRate: Double

    // History models (bootstrap, replay).
    /// Log returns and funding rates per step of the history (empty for the parametric models).
    let historyReturns: [Double]
    let historyFunding: [Double]
    /// Annualised basis per step of the history, replacing the OU basis of a dated contract (empty: OU).
    let historyBasis: [Double]
    /// Probability `1/L` that a bootstrap path starts a new block at a step (mean block length `L`).
    let restartProbability: Double

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

    // Price bands: the index of the first `bandPaths` paths is kept at `bandSteps` for the fan chart.
    static let maxBandPaths = 4_096
    static let maxBandPoints = 61
    let bandPaths: Int
    /// Steps (0-based, index after the step) at which the band paths are recorded, ascending.
    let bandSteps: [Int]
    /// For each step, its position in `bandSteps`, or −1.
    let bandPointOfStep: [Int]

    /// The plan of `scenario`'s cells, or of `cells` when given (the leverage search's first pass
    /// runs the paths with none).
    init(scenario: Scenario, history: MarketHistory? = nil, cells: [HedgeCell]? = nil) {
        self.scenario = scenario
        historyReturns = scenario.model.needsHistory ? history?.logReturns ?? [] : []
        historyFunding = scenario.model.needsHistory && scenario.instrument.isPerpetual ? history?.fundingRates ?? [] : []
        historyBasis = scenario.model.needsHistory && scenario.instrument.isDated ? history?.basis ?? [] : []
        restartProbability = 1 / max(1, scenario.bootstrapBlockSteps)
        steps = scenario.stepCount
        dt = scenario.stepYears
        logPrice0 = Foundation.log(scenario.price)
        logMark0 = Foundation.log(scenario.entryPrice)
        entryPrice = scenario.entryPrice
        isLinear = scenario.instrument.isLinear
        pnlSign = isLinear ? -1 : 1
        inverseEntry = isLinear ? 1 : 1 / entryPrice
        inverseIndex0 = isLinear ? scenario.price / entryPrice : 1 / scenario.price
        model = scenario.model
        let sigma = scenario.vol
        volPerStep = scenario.model.needsHistory ? (history?.returnVariance ?? 0).squareRoot() : sigma * dt.squareRoot()
        let jumps = scenario.model == .jump
        let lambda = jumps ? scenario.jumpIntensity : 0
        let compensator = Foundation.exp(scenario.jumpMean + 0.5 * scenario.jumpStdev * scenario.jumpStdev) - 1
        switch scenario.model {
        case .garch, .bootstrap, .replay: driftPerStep = scenario.drift * dt
        case .gbm, .jump: driftPerStep = (scenario.drift - lambda * compensator - 0.5 * sigma * sigma) * dt
        }
        jumpRatePerStep = lambda * dt
        noJumpProbability = Foundation.exp(-lambda * dt)
        jumpMean = scenario.jumpMean
        jumpStdev = scenario.jumpStdev
        garchAlpha = scenario.garchAlpha
        garchBeta = scenario.garchBeta
        garchOmega = sigma * sigma * dt * (1 - scenario.garchAlpha - scenario.garchBeta)
        degreesOfFreedom = scenario.garchDegreesOfFreedom
        tScale = ((scenario.garchDegreesOfFreedom - 2) / scenario.garchDegreesOfFreedom).squareRoot()
        initialVariance = sigma * sigma * dt
        let capVol = max(SimulationPlan.maxGarchVol, sigma)
        garchVarianceCap = capVol * capVol * dt

        isPerpetual = scenario.instrument.isPerpetual
        let rho = isPerpetual ? scenario.fundingPriceCorrelation : scenario.basisPriceCorrelation
        correlation = rho
        orthogonal = max(0, 1 - rho * rho).squareRoot()
        let ratio = scenario.fundingIntervalHours / (24 / scenario.stepsPerDay)
        if ratio >= 1 - 1e-9 {
            stepsPerFunding = Int(ratio.rounded())
            paymentsPerStep = 1
        } else {
            stepsPerFunding = 1
            paymentsPerStep = Int((1 / ratio).rounded())
        }
        let phi = scenario.fundingPersistence
        let m = Double(paymentsPerStep)
        fundingPersistence = Foundation.pow(phi, m)
        let sumOfSquares = phi < 1 ? (1 - Foundation.pow(phi, 2 * m)) / (1 - phi * phi) : m
        fundingInnovation = scenario.fundingVol * sumOfSquares.squareRoot()
        fundingScale = fundingInnovation / Double(stepsPerFunding).squareRoot()
        // x_{t+m} = φ^m x_t + σU and S = Σ_{i≤m} x_{t+i} = (Σ_{i≤m} φ^i) x_t + σW, with
        // U = Σ_j φ^{m−j} ε_j, W = Σ_j c_j ε_j, c_j = Σ_{k=0}^{m−j} φ^k:
        // Var U = Σ φ^{2k}, Var W = Σ c_j², Cov(U, W) = Σ φ^{m−j} c_j.
        let payments = paymentsPerStep
        let weights = (1...payments).map { j in (0...(payments - j)).reduce(0.0) { $0 + Foundation.pow(phi, Double($1)) } }
        let varianceW = weights.reduce(0) { $0 + $1 * $1 }
        let covariance = (1...payments).reduce(0.0) { $0 + Foundation.pow(phi, Double(payments - $1)) * weights[$1 - 1] }
        fundingSumDecay = (1...payments).reduce(0.0) { $0 + Foundation.pow(phi, Double($1)) }
        fundingSumLoading = scenario.fundingVol * covariance / sumOfSquares.squareRoot()
        fundingSumResidual = scenario.fundingVol * max(0, varianceW - covariance * covariance / sumOfSquares).squareRoot()
        fundingMean = scenario.fundingMean
        fundingDeadZone = scenario.fundingDeadZone
        fundingCap = scenario.fundingCap
        basisMean = scenario.basis
        let kappa = scenario.basisMeanReversion
        basisDecay = Foundation.exp(-kappa * dt)
        let basisVariance = kappa > 0 ? (1 - Foundation.exp(-2 * kappa * dt)) / (2 * kappa) : dt
        basisInnovation = scenario.basisVol * basisVariance.squareRoot()
        let schedule = DatedSchedule(scenario: scenario)
        yearsToExpiry = schedule.yearsToExpiry
        rollToYears = schedule.rollToYears
        rollCount = schedule.rollSteps.count

        betweenStepCheck = scenario.betweenStepCheck
        switch (scenario.maintenanceConvention, isLinear) {
        case (.mark, false):
            markCoefficient = 1 - scenario.maintenanceRate
            accountConstant = -1 / entryPrice
        case (.entry, false):
            markCoefficient = 1
            accountConstant = -(1 + scenario.maintenanceRate) / entryPrice
        case (.mark, true):
            markCoefficient = -(1 + scenario.maintenanceRate)
            accountConstant = 1
        case (.entry, true):
            markCoefficient = -1
            accountConstant = 1 - scenario.maintenanceRate
        }
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
        let fundingStepHours = Double(historyFunding.isEmpty ? stepsPerFunding : 1) * 24 / scenario.stepsPerDay
        cellPolicyIndex = cells.map { cell in
            guard cell.notional > 0, let kind = cell.policy.kernelKind else { return nil }
            managed.append(SimulationPlan.policyCell(cell, kind: kind, scenario: scenario, fundingStepHours: fundingStepHours))
            return managed.count - 1
        }
        policyCells = managed
        fundingWindow = cells.contains { $0.policy == .fundingExit && $0.notional > 0 }
            ? max(1, Int((scenario.management.exitWindowDays * 24 / fundingStepHours).rounded())) : 0
        bandPaths = min(scenario.paths, SimulationPlan.maxBandPaths)
        let stepCount = scenario.stepCount
        let points = min(stepCount, SimulationPlan.maxBandPoints - 1)
        let chosen = Array(Set((1...points).map { ($0 * stepCount + points - 1) / points - 1 })).sorted()
        bandSteps = chosen
        var pointOfStep = [Int](repeating: -1, count: stepCount)
        for (point, step) in chosen.enumerated() { pointOfStep[step] = point }
        bandPointOfStep = pointOfStep
        expectedTerminalIndex = scenario.model == .gbm || scenario.model == .jump
            ? scenario.price * Foundation.exp(scenario.drift * Double(scenario.stepCount) * scenario.stepYears)
            : nil
    }

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
        let denominator = cells[index].threshold - accountConstant
        if isLinear { return denominator / markCoefficient > 0 ? entryPrice * denominator / markCoefficient : nil }
        return denominator > 0 ? markCoefficient / denominator : nil
    }

    /// Whether funding may be paid at the end of step `s` (0-based): every `stepsPerFunding` steps, or
    /// at any step when the funding comes from a history.
    @inline(__always)
    func isFundingStep(_ step: Int) -> Bool { !historyFunding.isEmpty || (step + 1) % stepsPerFunding == 0 }
}

import Foundation

/// The `hedgesim size` calculator: the short that hedges ratio `h` of a holding, built by `HedgeCell`
/// exactly as the engine builds its cells, with the liquidation and bankruptcy prices of that short.
///
/// With holding `S` coins, entry `E` and face value `C`: contracts `n = round(h·S·E/C)`, notional
/// `N = n·C` USD, initial (isolated) margin `M = N/(E·L)` coin, entry fee `fee·N/E` coin; USD values
/// are coin × `E`. The liquidation price is `InverseContract.liquidationPrice` of the short — the
/// mark at which the engine's per-unit account value `a/F + c` meets the cell's threshold `−M/N`. A linear
/// instrument sizes `Q` coins in lots of 0.001 with a stablecoin margin `N/L` bought with coins sold
/// (`HedgeCell`), priced by `LinearContract`.
public struct HedgeSizing: Sendable, Equatable, Encodable {
    /// The resolved scenario (venue, fees, maintenance) the cell comes from.
    public let scenario: Scenario
    /// The cell of the scenario's first ratio and leverage.
    public let cell: HedgeCell
    /// Entry price of the short `E` (the index for a perpetual).
    public let entryPrice: Double
    /// nil without a position, or when the margin covers every rise (1x under the mark convention).
    public let liquidationPrice: Double?
    /// nil without a position or for a 1x short.
    public let bankruptcyPrice: Double?

    /// Sizes the first ratio and leverage of `scenario`.
    /// - Throws: `InputError` when the scenario is invalid (`Scenario.validate`).
    public init(scenario: Scenario) throws {
        try scenario.validate()
        let cell = HedgeCell(scenario: scenario, ratio: scenario.hedgeRatios[0], leverage: scenario.leverages[0])
        let entry = scenario.entryPrice
        self.scenario = scenario
        self.cell = cell
        self.entryPrice = entry
        if scenario.instrument.isLinear {
            let quantity = cell.notional / entry
            liquidationPrice = LinearContract.liquidationPrice(
                side: .short, quantity: quantity, entry: entry, margin: cell.linearMarginUSD,
                maintenanceRate: scenario.maintenanceRate, convention: scenario.maintenanceConvention)
            bankruptcyPrice = LinearContract.bankruptcyPrice(side: .short, quantity: quantity, entry: entry, margin: cell.linearMarginUSD)
        } else {
            liquidationPrice = InverseContract.liquidationPrice(
                side: .short, notional: cell.notional, entry: entry, margin: cell.marginCoin,
                maintenanceRate: scenario.maintenanceRate, convention: scenario.maintenanceConvention)
            bankruptcyPrice = InverseContract.bankruptcyPrice(side: .short, notional: cell.notional, entry: entry, margin: cell.marginCoin)
        }
    }

    private enum CodingKeys: String, CodingKey {
        case venue, instrument, holding, price, entryPrice, hedgeRatio, leverage, faceValue, contracts, quantityCoin, notional, coinsSold
        case initialMarginCoin, initialMarginUSD, feeRate, entryFeeCoin, entryFeeUSD, spotCoinLeft
        case maintenanceRate, maintenanceConvention, liquidationPrice, liquidationDistancePercent
        case bankruptcyPrice, bankruptcyDistancePercent
    }

    /// Every key, `null` where there is no value.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(scenario.venue, forKey: .venue)
        try container.encode(scenario.instrument, forKey: .instrument)
        try container.encode(scenario.holding, forKey: .holding)
        try container.encode(scenario.price, forKey: .price)
        try container.encode(entryPrice, forKey: .entryPrice)
        try container.encode(cell.hedgeRatio, forKey: .hedgeRatio)
        try container.encode(cell.leverage, forKey: .leverage)
        try container.encode(scenario.faceValue, forKey: .faceValue)
        try container.encode(cell.contracts, forKey: .contracts)
        try container.encode(cell.notional / entryPrice, forKey: .quantityCoin)
        try container.encode(cell.notional, forKey: .notional)
        try container.encode(cell.coinsSold, forKey: .coinsSold)
        let linear = scenario.instrument.isLinear
        try container.encode(cell.marginCoin, forKey: .initialMarginCoin)
        try container.encode(linear ? cell.linearMarginUSD : cell.marginCoin * entryPrice, forKey: .initialMarginUSD)
        try container.encode(scenario.fee, forKey: .feeRate)
        try container.encode(cell.entryFeeCoin, forKey: .entryFeeCoin)
        try container.encode(linear ? scenario.fee * cell.notional : cell.entryFeeCoin * entryPrice, forKey: .entryFeeUSD)
        try container.encode(cell.spotCoin, forKey: .spotCoinLeft)
        try container.encode(scenario.maintenanceRate, forKey: .maintenanceRate)
        try container.encode(scenario.maintenanceConvention, forKey: .maintenanceConvention)
        try container.encode(liquidationPrice, forKey: .liquidationPrice)
        try container.encode(LiquidationQuote.distancePercent(liquidationPrice, from: entryPrice), forKey: .liquidationDistancePercent)
        try container.encode(bankruptcyPrice, forKey: .bankruptcyPrice)
        try container.encode(LiquidationQuote.distancePercent(bankruptcyPrice, from: entryPrice), forKey: .bankruptcyDistancePercent)
    }
}

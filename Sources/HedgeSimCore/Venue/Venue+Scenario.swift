import Foundation

extension Venue {
    /// Sets the scenario fields the engine uses from this preset: `venue`, `faceValue`, `fee` (the
    /// taker fee), `settlementFee` and `fundingCap` where the note has a value, `maintenanceRate` (the
    /// first tier; `Scenario.applyVenueMaintenanceTier` later picks the tier of the grid's largest
    /// position), `maintenanceConvention`, `fundingIntervalHours`, and `fundingMean` = the neutral
    /// rate (the interest term; 0 on Deribit and OKX). Later values from a config or flags override
    /// any of them.
    ///
    /// Not applied, because the engine has no such input: maker fee, liquidation fee (the engine
    /// books the whole isolated margin as lost), clamp band, dead band, continuous accrual and the
    /// settlement averaging window.
    public func apply(to scenario: inout Scenario) {
        scenario.venue = name
        // A linear preset's size step is the engine's lot (0.001 coin); the face value is an inverse input.
        if contract == .inverse { scenario.faceValue = faceValue.value }
        scenario.fee = takerFee.value
        if let settlement = settlementFee.value { scenario.settlementFee = settlement }
        scenario.maintenanceRate = maintenance.value.firstTier.rate
        scenario.maintenanceConvention = maintenanceConvention.value
        scenario.fundingIntervalHours = funding.intervalHours.value
        if let cap = funding.cap.value { scenario.fundingCap = cap }
        scenario.fundingMean = funding.interestPerInterval.value
        scenario.fundingDeadZone = funding.clampBand.value ?? funding.deadBand.value
    }
}

extension Scenario {
    /// The largest short of the grid, in contracts and in coin at entry: the cell of the largest hedge
    /// ratio (`HedgeCell` rounds to whole contracts exactly as the engine does).
    public var largestPosition: PositionSize {
        let ratio = hedgeRatios.max() ?? 0
        let cell = HedgeCell(scenario: self, ratio: ratio, leverage: leverages.first ?? 1)
        return PositionSize(contracts: cell.contracts, coin: cell.notional / entryPrice, usd: cell.notional)
    }

    /// Sets `maintenanceRate` to the venue's tier for the grid's largest position. One rate serves
    /// every cell: the engine's per-unit account value `a/F + c` carries `m` in `a` under the mark
    /// convention, so a rate per cell would need one account value per cell. The largest position's
    /// tier is the highest rate of the grid (tiers only rise with size), so smaller cells are judged
    /// conservatively.
    ///
    /// Does nothing without a venue or when the grid's sizes are not yet valid numbers (validation
    /// then names the field at fault).
    /// - Throws: `InputError` on `maintenanceRate` when the size lies outside the venue's sourced
    ///   tiers, when its tier has a maintenance deduction (the engine models none), or when the tier's
    ///   rate is 0.5 or more: the user must give `maintenanceRate`.
    /// - Returns: a note when the venue's sourced tiers do not cover the size exactly (see
    ///   `MaintenanceSchedule.conservativeRequirement`), nil otherwise.
    @discardableResult
    public mutating func applyVenueMaintenanceTier() throws -> String? {
        guard let name = venue, let preset = Venue.named(name) else { return nil }
        let size = largestPosition
        guard size.coin.isFinite, size.contracts.isFinite, size.coin >= 0 else { return nil }
        let position = "\(describe(size.contracts)) \(preset.contract == .linear ? "lots" : "contracts") (\(describe(size.coin)) coin, "
            + "\(describe(size.usd)) USD) at the largest ratio on \(name)"
        guard let (tier, note) = preset.maintenance.value.conservativeRequirement(for: size) else { return nil }
        guard tier.rate < 0.5 else {
            throw InputError(
                field: "maintenanceRate", value: position + " gives \(describe(tier.rate))",
                allowed: "a tier rate below 0.5; lower the position or give maintenanceRate")
        }
        maintenanceRate = tier.rate
        return note.map { "\(name) maintenance for \(position): \($0)" }
    }
}

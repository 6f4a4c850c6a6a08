extension Venue {
    /// OKX BTC-USD-SWAP (coin-margined perpetual) and BTC-USD dated futures (`exchange-mechanics.md` §5).
    public static let okx = Venue(
        name: "okx",
        title: "OKX BTC-USD-SWAP and BTC-USD dated futures",
        faceValue: VenueFact(
            100, row: "§5 Face value",
            source: "https://www.okx.com/help/7053456733325 ; https://support.okex.me/hc/en-us/articles/360020149012-I-Introduction",
            grade: .primary),
        takerFee: VenueFact(
            0.0005, row: "§5 Fees", source: "https://www.pastorq.com/7548.html", grade: .uncertain,
            note: "[?] regular-tier perpetual taker from a secondary source; current OKX tier not verified"),
        makerFee: VenueFact(
            0.0002, row: "§5 Fees", source: "https://www.pastorq.com/7548.html", grade: .uncertain,
            note: "[?] secondary source"),
        settlementFee: VenueFact(
            nil, row: "§5 Dated futures", source: "https://hk.okx.com/help/i-future-contracts ; https://www.okx.com/help/7053702553613",
            grade: .uncertain, note: "[?] no delivery fee in the note; applying the preset keeps the scenario's settlementFee"),
        maintenance: VenueFact(
            .brackets(unit: .contracts, rows: [
                MaintenanceBracket(over: 0, upTo: 999, rate: 0.005),
                MaintenanceBracket(over: 999, upTo: 9_999, rate: 0.01),
                MaintenanceBracket(over: 9_999, upTo: 14_999, rate: 0.015),
                MaintenanceBracket(over: 14_999, upTo: 24_999, rate: 0.02),
            ]),
            row: "§5 MMR tiers (2019 table, BTC swap)",
            source: "https://www.okx.com/id/help/adjustment-of-perpetual-swap-tiered-maintenance-margin-ratio-schedule",
            grade: .uncertain,
            note: "[?] 2019 table, outdated; the steps past 24,999 contracts (+0.5 % each) are not sized in the note, "
                + "so larger positions need an explicit maintenanceRate"),
        maintenanceConvention: VenueFact(
            .mark, row: "§5 PnL / IM / MM", source: "https://okx.com/fr/help/iii-calculation-of-contract-profit-and-loss",
            grade: .primary, note: "MM = FV·|n|·mult·MMR / mark"),
        liquidationFee: VenueFact(
            nil, row: "§5 Liquidation trigger", source: "https://okx.huicker.com/fr-fr/help/v-tiered-maintenance-margin-ratio-rules",
            grade: .uncertain, note: "[?] liquidation at equity ≤ MM + liquidation fees; the fee rate is not in the note"),
        funding: FundingRule(
            intervalHours: VenueFact(
                8, row: "§5 Funding times", source: "https://www.okx.com/help/360053909272", grade: .primary,
                note: "00:00, 08:00, 16:00 UTC"),
            interestPerInterval: VenueFact(
                0, row: "§5 Funding", source: "https://www.okx.com/help/360053909272", grade: .primary,
                note: "interest = 0: neutral funding ≈ 0"),
            clampBand: VenueFact(
                nil, row: "§5 Funding", source: "https://www.okx.com/help/360053909272", grade: .primary,
                note: "F = clamp[MA(premium − interest), a, b]: no interest clamp band"),
            cap: VenueFact(
                0.00375, row: "§5 Funding cap", source: "https://www.okx.com/help/360053909272", grade: .primary,
                note: "BTC USD and USDT swaps ±0.375 %"),
            deadBand: VenueFact(0, row: "§5 Funding", source: "https://www.okx.com/help/360053909272", grade: .primary),
            continuousAccrual: VenueFact(
                false, row: "§5 Funding times", source: "https://www.okx.com/help/360053909272", grade: .primary)),
        settlementWindowMinutes: VenueFact(
            60, row: "§5 Dated futures", source: "https://hk.okx.com/help/i-future-contracts ; https://www.okx.com/help/7053702553613",
            grade: .primary, note: "index averaged each second over the last hour before 08:00 UTC Friday delivery"),
        note: "[?] fees from a secondary source; [?] MMR tiers from a 2019 table, sized only to 24,999 contracts; "
            + "[?] no liquidation or delivery fee in the note (scenario keeps its settlementFee).")
}

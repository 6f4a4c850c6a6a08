extension Venue {
    /// Bybit BTCUSD inverse perpetual and inverse futures (`exchange-mechanics.md` §3).
    public static let bybit = Venue(
        name: "bybit",
        title: "Bybit BTCUSD inverse perpetual and inverse futures",
        faceValue: VenueFact(
            1, row: "§3 Face value",
            source: "https://help.bybit.com/hc/en-us/articles/360039261334-How-to-calculate-Liquidation-Price-Inverse-Contract-",
            grade: .primary),
        takerFee: VenueFact(
            0.00055, row: "§3 Fees",
            source: "https://bybit.nl/nl-NL/help-center/article/Perpetual-Futures-Contract-Fees-ExplainedDerivatives_Trading_Mechanism_UTA",
            grade: .primary, note: "base rate for inverse perpetual and futures"),
        makerFee: VenueFact(
            0.0002, row: "§3 Fees",
            source: "https://bybit.nl/nl-NL/help-center/article/Perpetual-Futures-Contract-Fees-ExplainedDerivatives_Trading_Mechanism_UTA",
            grade: .primary),
        settlementFee: VenueFact(
            nil, row: "§3 Futures settlement", source: "https://bybit.nl/en-US/help-center/bybitHC_Article?id=000001076",
            grade: .uncertain, note: "[?] no delivery fee in the note; applying the preset keeps the scenario's settlementFee"),
        maintenance: VenueFact(
            .brackets(unit: .coin, rows: [MaintenanceBracket(over: 0, upTo: nil, rate: 0.005)]),
            row: "§3 MM base / Risk-limit table",
            source: "https://www.bybit.com/ar-SA/help-center/article/Risk-Limit-Inverse-Contract ; "
                + "https://bybit.nl/en-NL/help-center/article/?id=000001095&language=en_US",
            grade: .uncertain,
            note: "[?] base MM 0.5 % for BTC; the risk-limit table was not retrievable, so 0.5 % is used for every size "
                + "(set maintenanceRate for a large position)"),
        maintenanceConvention: VenueFact(
            .mark, row: "§1.4 Convention B (Bybit newer UTA formula)",
            source: "https://www.kbybit.com/en/help-center/article/Liquidation-Price-Calculation-under-Isolated-Mode-Unified-Trading-Account",
            grade: .uncertain,
            note: "[?] Bybit's pages show both conventions: the 2024 UTA page uses entry (A), the 2025-26 page mark (B, "
                + "with fee terms the engine leaves out); the newer one is used"),
        liquidationFee: VenueFact(
            0, row: "§3 Liquidation execution",
            source: "https://www.kbybit.com/en/help-center/article/Liquidation-Price-Calculation-under-Isolated-Mode-Unified-Trading-Account",
            grade: .primary, note: "no separate fee: closed at the bankruptcy price; ADL if the insurance fund falls short"),
        funding: FundingRule(
            intervalHours: VenueFact(
                8, row: "§3 Funding interval", source: "https://www.bybit.com/en/announcement-info/contract-summarize/?symbol=BTCUSDT",
                grade: .primary, note: "00:00, 08:00, 16:00 UTC; can differ per symbol"),
            interestPerInterval: VenueFact(
                0.0001, row: "§3 Interest",
                source: "https://help.bybit.com/hc/en-us/articles/360039261114-What-is-funding-rate-and-predicted-rate-",
                grade: .primary, note: "(0.06 % − 0.03 %)/3"),
            clampBand: VenueFact(
                0.0005, row: "§3 Funding formula",
                source: "https://bybit.com/fil-PH/help-center/s/article/What-is-funding-rate-and-predicted-rate", grade: .primary,
                note: "premium averaged with linear time weights 1…480; Bybit may widen or narrow the limits"),
            cap: VenueFact(
                nil, row: "§3 Funding formula",
                source: "https://bybit.com/fil-PH/help-center/s/article/What-is-funding-rate-and-predicted-rate", grade: .uncertain,
                note: "[?] no cap value in the note; applying the preset keeps the scenario's fundingCap"),
            deadBand: VenueFact(
                0, row: "§3 Funding formula",
                source: "https://bybit.com/fil-PH/help-center/s/article/What-is-funding-rate-and-predicted-rate", grade: .primary),
            continuousAccrual: VenueFact(
                false, row: "§3 Funding interval",
                source: "https://www.bybit.com/en/announcement-info/contract-summarize/?symbol=BTCUSDT", grade: .primary)),
        settlementWindowMinutes: VenueFact(
            30, row: "§3 Futures settlement", source: "https://bybit.nl/en-US/help-center/bybitHC_Article?id=000001076",
            grade: .primary, note: "index sampled every second from 07:30 to 08:00 UTC"),
        note: "[?] risk-limit table not retrievable (0.5 % for every size); [?] maintenance convention (pages show both); "
            + "[?] no settlement fee or funding cap in the note, so the scenario keeps its own.")
}

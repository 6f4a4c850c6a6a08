extension Venue {
    /// Bybit BTCUSDT perpetual, a linear contract margined in USDT (`docs/research/usd-margined.md` §2).
    public static let bybitLinear = Venue(
        name: "bybit-linear",
        title: "Bybit BTCUSDT perpetual (linear, USDT-margined)",
        faceValue: VenueFact(
            0.001, row: "usd-margined.md §2 Contract", source: "https://bybit-tr.com/en/announcement-info/contract-detail",
            grade: .primary, note: "1 contract = 1 BTC; minimum order 0.001 BTC", checked: VenueFact<Double>.linearCheckedDate),
        takerFee: VenueFact(
            0.00055, row: "usd-margined.md §2 Fees",
            source: "https://bybit.nl/nl-NL/help-center/article/Perpetual-Futures-Contract-Fees-ExplainedDerivatives_Trading_Mechanism_UTA",
            grade: .primary, note: "base (non-VIP) rate", checked: VenueFact<Double>.linearCheckedDate),
        makerFee: VenueFact(
            0.0002, row: "usd-margined.md §2 Fees",
            source: "https://bybit.nl/nl-NL/help-center/article/Perpetual-Futures-Contract-Fees-ExplainedDerivatives_Trading_Mechanism_UTA",
            grade: .primary, checked: VenueFact<Double>.linearCheckedDate),
        settlementFee: VenueFact(
            nil, row: "usd-margined.md §2", source: "https://bybit-tr.com/en/announcement-info/contract-detail", grade: .uncertain,
            note: "[?] the note covers the perpetual only; applying the preset keeps the scenario's settlementFee",
            checked: VenueFact<Double>.linearCheckedDate),
        maintenance: VenueFact(
            .brackets(unit: .usd, rows: [MaintenanceBracket(over: 0, upTo: 2_000_000, rate: 0.005)]),
            row: "usd-margined.md §2 Base IM / MM",
            source: "https://bybit-tr.com/en/announcement-info/contract-detail ; https://bybitglobal.com/es-MX/announcement-info/contract-detail",
            grade: .primary, note: "base MM 0.5 % up to the base risk limit of 2,000,000 USDT; [?] higher tiers not in the note",
            checked: VenueFact<Double>.linearCheckedDate),
        maintenanceConvention: VenueFact(
            .entry, row: "usd-margined.md §2.1 Bybit isolated liquidation price",
            source: "https://testnet.bybit.com/en-US/help-center/s/article/Liquidation-Price-USDT-Contract", grade: .primary,
            note: "the classic USDT-contract page puts maintenance on the entry value (worked examples 19,700, 9,850, 8,160 USDT); "
                + "[?] the newer unified-account page adds closing-fee terms the engine leaves out",
            checked: VenueFact<Double>.linearCheckedDate),
        liquidationFee: VenueFact(
            0, row: "usd-margined.md §2 Liquidation", source: "https://testnet.bybit.com/en-US/help-center/s/article/Liquidation-Price-USDT-Contract",
            grade: .primary, note: "closed at the bankruptcy price; no separate fee", checked: VenueFact<Double>.linearCheckedDate),
        funding: FundingRule(
            intervalHours: VenueFact(
                8, row: "usd-margined.md §2 Funding interval", source: "https://bybit-tr.com/en/announcement-info/contract-detail",
                grade: .primary, note: "00:00, 08:00, 16:00 UTC; can differ per symbol", checked: VenueFact<Double>.linearCheckedDate),
            interestPerInterval: VenueFact(
                0.0001, row: "usd-margined.md §2 Interest", source: "https://bybit-tr.com/en/announcement-info/contract-detail",
                grade: .primary, note: "(0.06 % − 0.03 %)/3", checked: VenueFact<Double>.linearCheckedDate),
            clampBand: VenueFact(
                0.0005, row: "usd-margined.md §2 Premium clamp", source: "https://www.bybit.com/en/announcement-info/fund-rate/",
                grade: .primary, note: "premium averaged with linear time weights", checked: VenueFact<Double>.linearCheckedDate),
            cap: VenueFact(
                nil, row: "usd-margined.md §2 Funding cap / floor", source: "https://www.bybit.com/en/announcement-info/fund-rate/",
                grade: .uncertain, note: "[?] no numeric cap in the note; the scenario keeps its fundingCap",
                checked: VenueFact<Double>.linearCheckedDate),
            deadBand: VenueFact(0, row: "usd-margined.md §2 Premium clamp", source: "https://www.bybit.com/en/announcement-info/fund-rate/",
                                grade: .primary, checked: VenueFact<Double>.linearCheckedDate),
            continuousAccrual: VenueFact(
                false, row: "usd-margined.md §2 Funding interval", source: "https://bybit-tr.com/en/announcement-info/contract-detail",
                grade: .primary, checked: VenueFact<Double>.linearCheckedDate)),
        settlementWindowMinutes: VenueFact(
            30, row: "exchange-mechanics.md §3 Futures settlement", source: "https://bybit.nl/en-US/help-center/bybitHC_Article?id=000001076",
            grade: .uncertain, note: "[?] the inverse futures' rule, assumed for USDT futures", checked: VenueFact<Double>.linearCheckedDate),
        note: "[?] maintenance tiers past 2,000,000 USDT and the funding cap are not in the note; the classic entry convention "
            + "is used (the newer page adds fee terms).",
        contract: .linear)
}

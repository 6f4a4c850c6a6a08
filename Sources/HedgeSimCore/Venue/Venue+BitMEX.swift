extension Venue {
    /// BitMEX XBTUSD inverse perpetual and XBT quarterly inverse futures (`exchange-mechanics.md` §2).
    public static let bitmex = Venue(
        name: "bitmex",
        title: "BitMEX XBTUSD perpetual and XBT quarterly futures",
        faceValue: VenueFact(
            1, row: "§2 Face value", source: "https://bitmex.com/app/perpetualContractsGuideExamples", grade: .primary),
        takerFee: VenueFact(
            0.0005, row: "§2 Fees (later)",
            source: "https://blog.bitmex.com/site_announcement/now-live-revamp-of-bitmex-fee-structures-for-increased-trader-rewards/",
            grade: .primary, note: "base tier; a later volume/BMEX schedule goes down to 0.0175 % taker"),
        makerFee: VenueFact(
            -0.0001, row: "§2 Fees (later)",
            source: "https://blog.bitmex.com/site_announcement/now-live-revamp-of-bitmex-fee-structures-for-increased-trader-rewards/",
            grade: .primary, note: "a 0.01 % rebate; later schedule up to 0.0125 %"),
        settlementFee: VenueFact(
            0.0005, row: "§2 Fees (historic)", source: "https://www.bitmex.com/app/fees", grade: .uncertain,
            note: "[?] from the historic fee page; not restated after the later fee changes"),
        maintenance: VenueFact(
            .steps(unit: .coin, baseLimit: 200, stepSize: 150, baseRate: 0.005, stepRate: 0.005),
            row: "§2 Risk-limit steps", source: "https://bitmex.com/app/riskLimitsExamples ; https://cryptomak.co.uk/?p=263944",
            grade: .primary,
            note: "XBTUSD: < 200 XBT 0.5 %, < 350 1.0 %, < 500 1.5 %, < 650 2.0 % (150 XBT steps since 31 Aug 2021); "
                + "the exit taker fee and owed funding that BitMEX adds to MM are not included"),
        maintenanceConvention: VenueFact(
            .entry, row: "§1.4 Convention A",
            source: "https://help.btcmex.com/hc/en-001/articles/360039592991-How-to-calculate-Liquidation-Price-on-BTCMEX-",
            grade: .secondary, note: "the note calls convention A the BitMEX-style formula; shown on a BitMEX-model venue (BTCMEX)"),
        liquidationFee: VenueFact(
            0, row: "§2 Liquidation", source: "https://testnet.bitmex.com/app/liquidation", grade: .primary,
            note: "no separate fee: closed at the bankruptcy price, the margin left goes to the insurance fund"),
        funding: FundingRule(
            intervalHours: VenueFact(
                8, row: "§2 Funding interval",
                source: "https://www.bitmex.com/app/swapsGuide ; https://blog.bitmex.com/important-changes-to-bitcoin-usd-swap-funding",
                grade: .primary, note: "04:00, 12:00, 20:00 UTC; may be shortened to 2 h in extreme markets"),
            interestPerInterval: VenueFact(
                0.0001, row: "§2 Interest component", source: "https://bitmex.com/app/perpetualContractsGuideExamples",
                grade: .primary, note: "(USD rate − XBT rate)/3; 0.01 % per 8 h in practice (10.95 %/yr to shorts)"),
            clampBand: VenueFact(
                0.0005, row: "§2 Funding formula", source: "https://www.bitmex.com/app/perpetualContractsGuide#Funding",
                grade: .secondary, note: "guide text quoted in GitHub notes; 8-hour TWAP of minute samples"),
            cap: VenueFact(
                0.00375, row: "§2 Caps",
                source: "https://www.bitmex.com/app/perpetualContractsGuide#Funding ; https://blog.bitmex.com/important-changes-to-bitcoin-usd-swap-funding",
                grade: .secondary, note: "75 % × (IM 1 % − MM 0.5 %); matches the blog's ±1.125 % per day"),
            deadBand: VenueFact(
                0, row: "§2 Funding formula", source: "https://www.bitmex.com/app/perpetualContractsGuide#Funding",
                grade: .secondary),
            continuousAccrual: VenueFact(
                false, row: "§2 Funding interval", source: "https://www.bitmex.com/app/swapsGuide", grade: .primary)),
        settlementWindowMinutes: VenueFact(
            30, row: "§2 Quarterly futures",
            source: "https://testnet.bitmex.com/app/contract/XBTZ25 ; https://bitmex.com/app/inverseFuturesGuide", grade: .primary,
            note: "settles on .BXBT30M, the 30-minute TWAP of the index, 12:00 UTC on the last Friday"),
        note: "[?] settlement fee from the historic fee page. MM excludes BitMEX's fee and funding add-ons. "
            + "Funding: premium + clamped interest; the engine draws it around the interest term.")
}

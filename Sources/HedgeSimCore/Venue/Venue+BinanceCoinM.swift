extension Venue {
    /// Binance COIN-M BTCUSD perpetual and quarterlies (`exchange-mechanics.md` §6).
    public static let binanceCoinM = Venue(
        name: "binance-coinm",
        title: "Binance COIN-M BTCUSD_PERP and BTCUSD quarterlies",
        faceValue: VenueFact(
            100, row: "§6 Face value", source: "https://www.binance.com/en/support/faq/a4470430e3164c13932be8967961aede",
            grade: .primary, note: "BTC contracts; most altcoins 10 USD"),
        takerFee: VenueFact(
            0.0004, row: "§6 Fees",
            source: "https://www.binance.com/en-ZA/support/faq/binance-futures-fee-structure-fee-calculations-360033544231",
            grade: .uncertain, note: "[?] the page's regular-tier example; COIN-M fees were revised in Sept 2023"),
        makerFee: VenueFact(
            0.00015, row: "§6 Fees",
            source: "https://www.binance.com/en-ZA/support/faq/binance-futures-fee-structure-fee-calculations-360033544231",
            grade: .uncertain, note: "[?] the page's regular-tier example"),
        settlementFee: VenueFact(
            0.0004, row: "§6 Quarterly settlement",
            source: "https://bbapi.viigoo.eu.org/fr/support/faq/detail/a3401595e1734084959c61491bc0dbe3", grade: .primary,
            note: "settlement fee = taker fee"),
        maintenance: VenueFact(
            .brackets(unit: .coin, rows: [
                MaintenanceBracket(over: 0, upTo: 5, rate: 0.004),
                MaintenanceBracket(over: 200, upTo: 400, rate: 0.125, deduction: 11.605),
            ]),
            row: "§6 MM ; §6 IM",
            source: "https://www.binance.com/es-MX/support/faq/how-to-calculate-liquidation-price-of-coin-m-futures-contracts-ceccfcfb4e3a45e3b48b0b1bb1a8ae46 ; "
                + "https://www.binance.com/en-NG/support/faq/be2c7d9d95b04a7e8044ed02dd7dfe5c",
            grade: .derived,
            note: "rates and amounts [P]: tier 1 0.4 %, a 300 BTC position 12.5 % less 11.605 BTC; row bounds [D] from the "
                + "leverage brackets (125x to 5 BTC, 4x from 200 to 400 BTC); [?] rows between 5 and 200 BTC and past "
                + "400 BTC are not in the note"),
        maintenanceConvention: VenueFact(
            .mark, row: "§6 Liquidation price (§1.4 convention B)",
            source: "https://www.binance.com/en/support/faq/ceccfcfb4e3a45e3b48b0b1bb1a8ae46", grade: .derived,
            note: "[?] the closed form is derived from the FAQ's variable list; the formula image was not retrievable"),
        liquidationFee: VenueFact(
            nil, row: "§6 Liquidation fee", source: "GitHub bradkyle/Qenv logic/binance.md (copy of a Binance FAQ)",
            grade: .uncertain, note: "[?] COIN-M value not verified (USDⓈ-M 0.3 %–0.5 %)"),
        funding: FundingRule(
            intervalHours: VenueFact(
                8, row: "§6 Funding interval",
                source: "https://www.binance.com/en/support/faq/a4470430e3164c13932be8967961aede ; https://blogs.density.exchange/funding-rate/",
                grade: .primary, note: "00:00, 08:00, 16:00 UTC; may change with market conditions"),
            interestPerInterval: VenueFact(
                0.0001, row: "§6 Funding formula", source: "https://www.binance.com/en/square/post/588537", grade: .secondary,
                note: "0.03 % per day; 0 for some BNB pairs"),
            clampBand: VenueFact(
                0.0005, row: "§6 Funding formula",
                source: "https://www.binance.com/en/square/post/588537 ; https://www.binance.com/vn/futures/funding-history/0",
                grade: .primary, note: "premium sampled every 5 s, 5,760 points averaged per 8 h"),
            cap: VenueFact(
                nil, row: "§6 Funding cap",
                source: "https://www.btcysb.com/what-is-funding-in-binance-futures/ ; http://www.abak-vm.com/revolutionize-your-contract-with-these-easy-peasy-tips/",
                grade: .uncertain,
                note: "[?] clamp(F, ±MMR) or 0.75 × (IMR − MMR) in different copies, plus ad-hoc caps; the scenario keeps its fundingCap"),
            deadBand: VenueFact(0, row: "§6 Funding formula", source: "https://www.binance.com/en/square/post/588537", grade: .secondary),
            continuousAccrual: VenueFact(
                false, row: "§6 Funding interval", source: "https://www.binance.com/en/support/faq/a4470430e3164c13932be8967961aede",
                grade: .primary)),
        settlementWindowMinutes: VenueFact(
            30, row: "§6 Quarterly settlement",
            source: "https://bbapi.viigoo.eu.org/fr/support/faq/detail/a3401595e1734084959c61491bc0dbe3 ; https://www.chaincatcher.com/en/article/2150246",
            grade: .primary, note: "last 30 minutes (1,800 samples) since 11 Nov 2024; the last hour before"),
        note: "[?] fees are the FAQ's example (revised Sept 2023); [?] MM rows between 5 and 200 BTC and past 400 BTC are "
            + "missing; [?] liquidation fee and funding cap not verified (scenario keeps its fundingCap).")
}

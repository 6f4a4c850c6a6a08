extension Venue {
    /// Binance USDⓈ-M BTCUSDT perpetual, a linear contract margined in USDT (`docs/research/usd-margined.md` §1).
    public static let binanceUSDM = Venue(
        name: "binance-usdm",
        title: "Binance USDⓈ-M BTCUSDT perpetual (linear, USDT-margined)",
        faceValue: VenueFact(
            0.001, row: "usd-margined.md §1 Contract unit ; Min order / step",
            source: "https://www.binance.com/en/support/faq/usd%E2%93%A2-margined-futures-contract-specifications-360033161972",
            grade: .primary, note: "1 contract unit = 1 BTC; 0.001 BTC is the page's example of the smallest order (the engine's lot)",
            checked: VenueFact<Double>.linearCheckedDate),
        takerFee: VenueFact(
            0.0005, row: "usd-margined.md §1 Fees, regular tier", source: "https://babianfox.com/en/kb/binance-futures-fee/",
            grade: .secondary, note: "regular tier; older copies quote 0.04 %; 10 % less when paid in BNB",
            checked: VenueFact<Double>.linearCheckedDate),
        makerFee: VenueFact(
            0.0002, row: "usd-margined.md §1 Fees, regular tier", source: "https://babianfox.com/en/kb/binance-futures-fee/",
            grade: .secondary, checked: VenueFact<Double>.linearCheckedDate),
        settlementFee: VenueFact(
            nil, row: "usd-margined.md §1", source: "https://www.binance.com/en/support/faq/usd%E2%93%A2-margined-futures-contract-specifications-360033161972",
            grade: .uncertain, note: "[?] the note covers the perpetual only; applying the preset keeps the scenario's settlementFee",
            checked: VenueFact<Double>.linearCheckedDate),
        maintenance: VenueFact(
            .brackets(unit: .usd, rows: [
                MaintenanceBracket(over: 0, upTo: 50_000, rate: 0.004),
                MaintenanceBracket(over: 50_000, upTo: 250_000, rate: 0.005, deduction: 50),
                MaintenanceBracket(over: 250_000, upTo: 1_000_000, rate: 0.01, deduction: 1_300),
            ]),
            row: "usd-margined.md §1 MMR brackets BTCUSDT",
            source: "https://www.binance.com/en-NG/support/faq/b3c689c1f50a44cabb3a84e663b81d93 ; "
                + "https://gist.github.com/crackcomm/e29582030d9eeac6c6124a7503cd0ac2",
            grade: .primary,
            note: "the FAQ's own examples: a 264,000 USDT position at 1 %, the third bracket's amount 1,300 USDT; the first two rows "
                + "from copies of the table; [?] rows past 1,000,000 USDT differ between copies and are left out",
            checked: VenueFact<Double>.linearCheckedDate),
        maintenanceConvention: VenueFact(
            .mark, row: "usd-margined.md §1 Isolated liquidation price",
            source: "https://www.binance.com/en/support/faq/how-to-calculate-liquidation-price-of-usd%E2%93%A2-m-futures-contracts-b3c689c1f50a44cabb3a84e663b81d93",
            grade: .derived, note: "maintenance on the value at the liquidation price, from the FAQ's formula (its worked example is "
                + "known only from code that cites it [S])",
            checked: VenueFact<Double>.linearCheckedDate),
        liquidationFee: VenueFact(
            nil, row: "usd-margined.md §6 Not found", source: "GitHub bradkyle/Qenv logic/binance.md (copy of a Binance FAQ)",
            grade: .uncertain, note: "[?] the clearance fee is quoted as 0.3 %–0.5 % or 1.25 % in different copies",
            checked: VenueFact<Double>.linearCheckedDate),
        funding: FundingRule(
            intervalHours: VenueFact(
                8, row: "usd-margined.md §1 Funding",
                source: "https://www.binance.bh/fr-AF/square/post/30034459664665", grade: .secondary,
                note: "00:00, 08:00, 16:00 UTC; some symbols settle every 4 h", checked: VenueFact<Double>.linearCheckedDate),
            interestPerInterval: VenueFact(
                0.0001, row: "usd-margined.md §1 Funding", source: "https://www.binance.com/en/square/post/588537", grade: .secondary,
                note: "0.03 % a day", checked: VenueFact<Double>.linearCheckedDate),
            clampBand: VenueFact(
                0.0005, row: "usd-margined.md §1 Funding", source: "https://www.binance.com/en/square/post/588537", grade: .secondary,
                checked: VenueFact<Double>.linearCheckedDate),
            cap: VenueFact(
                nil, row: "usd-margined.md §6 Not found", source: "https://www.btcysb.com/what-is-funding-in-binance-futures/",
                grade: .uncertain, note: "[?] the cap rule differs between copies; the scenario keeps its fundingCap",
                checked: VenueFact<Double>.linearCheckedDate),
            deadBand: VenueFact(0, row: "usd-margined.md §1 Funding", source: "https://www.binance.com/en/square/post/588537",
                                grade: .secondary, checked: VenueFact<Double>.linearCheckedDate),
            continuousAccrual: VenueFact(false, row: "usd-margined.md §1 Funding", source: "https://www.binance.bh/fr-AF/square/post/30034459664665",
                                         grade: .secondary, checked: VenueFact<Double>.linearCheckedDate)),
        settlementWindowMinutes: VenueFact(
            30, row: "exchange-mechanics.md §6 Quarterly settlement",
            source: "https://bbapi.viigoo.eu.org/fr/support/faq/detail/a3401595e1734084959c61491bc0dbe3", grade: .uncertain,
            note: "[?] the COIN-M rule, assumed for USDⓈ-M quarterlies", checked: VenueFact<Double>.linearCheckedDate),
        note: "[?] fees from a third-party copy of the regular tier; [?] maintenance rows past 1,000,000 USDT, the clearance fee and "
            + "the funding cap are not in the note; maintenance deductions are dropped (conservative).",
        contract: .linear)
}

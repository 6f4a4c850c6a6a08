extension Venue {
    /// Deribit BTC-PERPETUAL and dated BTC futures (`exchange-mechanics.md` §4).
    public static let deribit = Venue(
        name: "deribit",
        title: "Deribit BTC-PERPETUAL and dated BTC futures",
        faceValue: VenueFact(
            10, row: "§4 Face value",
            source: "https://www.deribit.com/pages/docs/perpetual ; https://legacy.deribit.com/pages/docs/futures", grade: .primary),
        takerFee: VenueFact(
            0.0005, row: "§4 Fees (current page)", source: "https://support.deribit.com/hc/en-us/articles/25944746248989-Fees",
            grade: .primary),
        makerFee: VenueFact(
            0, row: "§4 Fees (current page)", source: "https://support.deribit.com/hc/en-us/articles/25944746248989-Fees",
            grade: .primary, note: "weekly futures: maker −0.01 %"),
        settlementFee: VenueFact(
            0.00025, row: "§4 Fees (older)",
            source: "https://www.deribit.com/pages/information/fees ; https://www.deribit.com/docs/fees/", grade: .uncertain,
            note: "[?] delivery = half the taker fee, from the older fee pages"),
        maintenance: VenueFact(
            .linear(baseRate: 0.01, ratePerCoin: 0.00005), row: "§4 IM / MM (BTC)",
            source: "https://support.deribit.com/hc/en-us/articles/25944826427293-11-January-2022", grade: .primary,
            note: "MM = 1 % + size (BTC) × 0.005 % since 11 Jan 2022 (e.g. 25 BTC → 1.125 %)"),
        maintenanceConvention: VenueFact(
            .mark, row: "§4 Margining", source: "https://www.deribit.com/docs/contract-specifications/", grade: .uncertain,
            note: "[?] the note does not say which value Deribit's MM is measured on; the mark value is assumed. "
                + "Deribit margins the account (cross) and liquidates incrementally; isolated margin is emulated"),
        liquidationFee: VenueFact(
            0.0075, row: "§4 Liquidation fee",
            source: "https://support.deribit.com/hc/en-us/articles/25944826427293-11-January-2022", grade: .primary,
            note: "to the insurance fund; the engine books the whole isolated margin as lost instead"),
        funding: FundingRule(
            intervalHours: VenueFact(
                8, row: "§4 Funding accrual",
                source: "https://support.deribit.com/hc/en-us/articles/31424939178397-Funding-Specifications", grade: .primary,
                note: "the rate is quoted per 8 h and accrues continuously; the engine pays it every 8 h"),
            interestPerInterval: VenueFact(
                0, row: "§4 Funding formula",
                source: "https://support.deribit.com/hc/en-us/articles/31424939178397-Funding-Specifications", grade: .primary,
                note: "no interest component: a perp at the index pays nothing"),
            clampBand: VenueFact(
                nil, row: "§4 Funding formula",
                source: "https://support.deribit.com/hc/en-us/articles/31424939178397-Funding-Specifications", grade: .primary,
                note: "no interest clamp: a dead band instead"),
            cap: VenueFact(
                nil, row: "§4 Funding cap value", source: "https://support.deribit.com/hc/en-us/articles/31424939178397-Funding-Specifications",
                grade: .uncertain, note: "[?] instrument specific; the BTC-PERPETUAL value was not found, so the scenario keeps its fundingCap"),
            deadBand: VenueFact(
                0.00025, row: "§4 Funding formula",
                source: "https://support.deribit.com/hc/en-us/articles/31424939178397-Funding-Specifications", grade: .primary,
                note: "F = max(0.025 %, PR) + min(−0.025 %, PR), PR = (mark − index)/index"),
            continuousAccrual: VenueFact(
                true, row: "§4 Funding accrual",
                source: "https://support.deribit.com/hc/en-us/articles/31424939178397-Funding-Specifications ; https://www.deribit.com/pages/docs/perpetual",
                grade: .primary, note: "every millisecond into session PnL, F × size × elapsed/8 h")),
        settlementWindowMinutes: VenueFact(
            30, row: "§4 Dated futures", source: "https://legacy.deribit.com/pages/docs/futures", grade: .primary,
            note: "TWAP of the Deribit index from 07:30 to 08:00 UTC"),
        note: "[?] funding cap not found (scenario keeps its own); [?] delivery fee from older pages; [?] MM assumed on the "
            + "mark value; cross margin with incremental liquidation, emulated as isolated. Continuous funding is paid "
            + "every 8 h by the engine; dead band and no interest term make the neutral rate 0.")
}

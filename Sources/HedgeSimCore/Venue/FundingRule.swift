/// A venue's perpetual funding rule (`exchange-mechanics.md` §1.2–1.3), all rates per funding interval
/// as fractions (0.0001 = 0.01 %). Positive funding: longs pay, shorts receive.
///
/// ```
/// premium family (BitMEX, Bybit, Binance):  F = P̄ + clamp(I − P̄, −band, +band),  then clamp(F, −cap, +cap)
/// OKX:                                      F = clamp(MA(premium), −cap, +cap)            (I = 0)
/// Deribit:                                  F = max(d, PR) + min(−d, PR), then the cap    (dead band d, I = 0)
/// ```
/// The engine draws funding as an AR(1) around a mean and clamps it at the cap; applying a preset
/// sets that mean to the neutral rate `I` (the rate when the premium is inside the band).
public struct FundingRule: Sendable, Equatable, Encodable {
    /// Hours between payments (Deribit: the interval its rate is quoted for; it accrues continuously).
    public let intervalHours: VenueFact<Double>
    /// Interest term `I` per interval: the neutral rate.
    public let interestPerInterval: VenueFact<Double>
    /// Half-width of the clamp on `I − P̄`; nil where the formula has no such clamp.
    public let clampBand: VenueFact<Double?>
    /// Cap on `|F|` per interval; nil where the note has no value.
    public let cap: VenueFact<Double?>
    /// Half-width of the band of premiums that pay nothing; 0 where there is none.
    public let deadBand: VenueFact<Double>
    /// Whether funding accrues continuously (Deribit) rather than at interval timestamps.
    public let continuousAccrual: VenueFact<Bool>
}

import Foundation
import HedgeSimCore

/// `hedgesim portfolio`'s table: the coins, the unhedged portfolio, every cell, the minimum-variance
/// hedge and the choice.
public enum PortfolioReport {
    public static func table(_ r: PortfolioResult) -> String {
        let s = r.scenario
        typealias F = NumberFormatting
        var lines = [
            "\(r.tool) · portfolio · seed \(r.seed)",
            "Coins: " + s.assets.map { "\(F.compact($0.holding)) \($0.name) at \(F.grouped($0.price)) USD (\(Self.model(of: $0)))" }
                .joined(separator: ", ") + " = \(F.grouped(s.startValueUSD)) USD · \(F.compact(s.horizonDays)) days in \(s.stepCount) steps · "
                + "\(F.grouped(Double(s.paths))) paths · correlation rank \(r.correlationRank) of \(s.assets.count)"
                + (s.assets.contains(where: \.isGarch) ? " · GARCH-t shocks with ν \(F.compact(s.degreesOfFreedom)), one mixing variable" : ""),
            "Hedges: " + s.hedges.enumerated().map { i, h in Self.describe(h, number: i + 1, in: s) }.joined(separator: "; "),
            (s.betweenStepCheck ? "Liquidation checked between steps (bridge maximum)" : "Liquidation checked at step ends") + "; maintenance \(F.percent(s.maintenanceRate, decimals: 2)) on the mark, fee \(F.percent(s.fee, decimals: 3))"
                + (s.hedges.contains { $0.venue != nil } ? " without a venue." : "."),
            "",
            "Each coin held alone and the unhedged portfolio (USD at the horizon)",
        ]
        let u = r.unhedged
        lines += TextColumns.render(
            header: ["coin", "mean USD", "stdev USD", "VaR95 USD", "ES95 USD"],
            rows: (r.assets.map { ($0.name, $0.netValueUSD) } + [("all", u)]).map { name, d in
                [name, F.grouped(d.mean), F.grouped(d.stdev), F.grouped(d.var95), F.grouped(d.es95)]
            }, leftAligned: [0])
        lines += ["", "Cells: one ratio per hedge (the chosen one marked ◀); P(liq) per hedge account (upper 95 % bound)"]
        lines += TextColumns.render(
            header: ["ratios", "mean USD", "stdev USD", "ES95 USD", "ES99 USD", "effect", "P(liq) upper", ""],
            rows: r.cells.enumerated().map { index, cell in
                let d = cell.netValueUSD
                return [
                    cell.ratios.map(F.compact).joined(separator: " "), F.grouped(d.mean), F.grouped(d.stdev), F.grouped(d.es95),
                    F.grouped(d.es99), cell.hedgeEffectiveness.map { F.percent($0, decimals: 0) } ?? "–",
                    cell.liquidation.map { $0.map { F.percent($0.ci95[1], decimals: 2) } ?? "–" }.joined(separator: " "),
                    index == r.recommendedCell ? "◀" : "",
                ]
            }, leftAligned: [0, 7])
        let meanError = r.cells.map(\.netValueUSD.meanStandardError).max() ?? 0
        let stdevError = r.cells.compactMap { $0.netValueUSD.standardErrors?.stdev }.max()
        lines.append("Monte Carlo error (1 s.e.): mean at most ±\(F.grouped(meanError)) USD"
            + (stdevError.map { ", stdev at most ±\(F.grouped($0)) USD (batch means)" } ?? ""))
        if let m = r.minimumVariance {
            lines += ["", "Minimum-variance hedge from the paths (least squares; ± 1 s.e.), per contract coin:"]
            for c in m.contracts {
                lines.append("  \(c.label): short \(F.grouped(c.notionalUSD)) ± \(F.grouped(c.standardErrorUSD)) USD = ratio "
                    + "\(String(format: "%.4f", c.ratio)) ± \(String(format: "%.4f", c.ratioStandardError)) of the holdings hedged with it")
            }
            lines.append("  variance no contract removes (basis risk): \(F.percent(m.residualVarianceShare, decimals: 2)) of the unhedged variance")
        } else {
            lines += ["", "Minimum-variance hedge: none (the contracts' PnLs are collinear on these paths)"]
        }
        lines += ["", "Recommendation: " + r.recommendation]
        lines.append("Simulated \(F.grouped(r.timing.pathSteps)) path·steps × \(s.assets.count) coins in "
            + "\(String(format: "%.3f", r.timing.simulationSeconds)) s (\(F.grouped(r.timing.pathStepsPerSecond * Double(s.assets.count) / 1e6)) M coin·path·steps/s, \(r.timing.threads) threads).")
        return lines.joined(separator: "\n") + "\n"
    }

    /// `vol 44%` (GBM); `vol 44%, jumps 20 a year of log size −0.05 ± 0.1`; `history btc.csv, vol 44%`; or
    /// for a GARCH(1,1)-t coin `GARCH-t, long-run vol 44%, α 0.08, β 0.9`.
    static func model(of asset: PortfolioAsset) -> String {
        typealias F = NumberFormatting
        let vol = F.percent(asset.vol, decimals: 0)
        if let alpha = asset.garchAlpha, let beta = asset.garchBeta {
            return "GARCH-t, long-run vol \(vol), α \(F.compact(alpha)), β \(F.compact(beta))"
        }
        if let history = asset.history { return "history \((history as NSString).lastPathComponent), vol \(vol)" }
        guard asset.jumpIntensity > 0 else { return "vol \(vol)" }
        return "vol \(vol), jumps \(F.compact(asset.jumpIntensity)) a year of log size \(F.compact(asset.jumpMean)) ± \(F.compact(asset.jumpStdev))"
    }

    /// `[2] ETH with BTC inverse perpetual at 3x` or `… on the BTC cross account`, with its funding; at a
    /// venue `[1] BTC @ deribit inverse perpetual on the BTC @ deribit cross account (2 BTC), fee 0.050 %,
    /// maintenance 1.00 % on the mark`.
    static func describe(_ h: PortfolioHedge, number: Int, in s: PortfolioScenario) -> String {
        let margin: String
        if let leverage = h.leverage {
            margin = "at \(NumberFormatting.compact(leverage))x"
        } else {
            margin = "on the \(h.account.label) cross account" + (h.collateral.map { " (\(NumberFormatting.compact($0)) \(h.contract))" } ?? "")
        }
        let funding = h.fundingRate != 0 ? ", funding \(NumberFormatting.percent(h.fundingRate, decimals: 1)) a year" : ""
        let terms = s.terms(of: h.account)
        let venue = h.venue == nil && h.maintenanceRate == nil ? "" : ", fee \(NumberFormatting.percent(terms.fee, decimals: 3)), maintenance "
            + "\(NumberFormatting.percent(terms.maintenanceRate, decimals: 2)) on the \(terms.convention == .mark ? "mark" : "entry value")"
        return "[\(number)] \(h.label) \(instrument(h, in: s)) \(margin)\(funding)\(venue)"
    }

    /// `inverse perpetual`, or `inverse dated (expiry day 90, basis 8.0 % a year reverting at κ 4 with
    /// vol 30 % and correlation 0.3 with the price; rolled 3 days before each expiry into the next, 91
    /// days later; settles at 0.050 %)`.
    static func instrument(_ h: PortfolioHedge, in s: PortfolioScenario) -> String {
        guard let d = h.dated else { return "inverse perpetual" }
        typealias F = NumberFormatting
        let roll = d.rollDaysBefore.map {
            "; rolled \(F.compact($0)) day\($0 == 1 ? "" : "s") before each expiry into the next, \(F.compact(d.contractCycleDays)) days later"
        } ?? ""
        let settles = s.settlesAtHorizon(h.account) ? "; settles at the horizon at \(F.percent(s.terms(of: h.account).settlementFee, decimals: 3))" : ""
        return "inverse dated (expiry day \(F.compact(d.expiryDays)), basis \(F.percent(d.basis, decimals: 1)) a year reverting at κ "
            + "\(F.compact(d.basisMeanReversion)) with vol \(F.percent(d.basisVol, decimals: 0)) and correlation \(F.compact(d.basisPriceCorrelation)) "
            + "with the price\(roll)\(settles))"
    }
}

import Foundation
import HedgeSimCore

/// One CSV row per cell with every reported number; a header row names the columns. Values are
/// plain decimals (no thousands separators) so spreadsheets read them as numbers.
public enum CSVReport {
    public static func render(_ result: SimulationResult) -> String {
        var header = ["hedgeRatio", "leverage", "contracts", "notionalUSD", "marginCoin"]
        for side in ["netValueUSD", "netValueCoin"] {
            header += ["mean", "stdev", "meanStandardError", "standardErrorReduction", "var95", "var99", "es95", "es99"]
                .map { "\(side).\($0)" }
            header += ValueDistribution.levels.map { "\(side).q\($0.key)" }
        }
        header += ["liquidation.probability", "liquidation.ci95Low", "liquidation.ci95High", "liquidation.meanTimeDays"]
        header += ["cost.fundingUSD", "cost.fundingReceivedUSD", "cost.fundingPaidUSD", "cost.feesUSD", "cost.basisUSD"]
        header += ["cost.liquidationLossUSD", "cost.totalUSD", "cost.annualisedPercent", "hedgeEffectiveness", "recommended", "seed"]
        header += ["controlVariateMean", "controlVariateStandardError", "controlVariateReduction"].map { "netValueUSD.\($0)" }
        header += ["marginUSD", "liquidationPriceUSD"]
        header += ["stdev", "var95", "es95", "es99"].map { "netValueUSD.standardErrors.\($0)" } + ["cost.standardErrors.totalUSD"]
        header += ["cost.forfeitedMarginUSD", "cost.exposureAfterLiquidationUSD"]
        header += ["policy", "management.probability", "management.meanActions", "management.meanCoinsMoved",
                   "management.meanLiquidations", "management.meanHedgeLeft", "cost.hedgeCutUSD", "cost.rollUSD", "cost.marginSaleUSD"]
        var lines = [header.joined(separator: ",")]
        let chosen = result.recommendation
        for cell in result.cells {
            var values = [cell.hedgeRatio, cell.leverage, cell.contracts, cell.notionalUSD, cell.marginCoin].map(number)
            for side in [cell.netValueUSD, cell.netValueCoin] {
                values += [side.mean, side.stdev, side.meanStandardError, side.standardErrorReduction, side.var95, side.var99]
                    .map(number)
                values += [side.es95, side.es99].map(number)
                values += ValueDistribution.levels.map { number(side.quantiles[$0.key] ?? 0) }
            }
            let liquidation = cell.liquidation
            values += [liquidation.probability, liquidation.ci95[0], liquidation.ci95[1]].map(number)
            values.append(liquidation.meanTimeDays.map(number) ?? "")
            let cost = cell.cost
            values += [cost.fundingUSD, cost.fundingReceivedUSD, cost.fundingPaidUSD, cost.feesUSD, cost.basisUSD].map(number)
            values += [cost.liquidationLossUSD, cost.totalUSD, cost.annualisedPercent].map(number)
            values.append(cell.hedgeEffectiveness.map(number) ?? "")
            let isChosen = cell.cell == chosen.cell
            values.append(isChosen ? "true" : "false")
            values.append(String(result.seed))
            let usd = cell.netValueUSD
            values += [usd.controlVariateMean, usd.controlVariateStandardError, usd.controlVariateReduction].map { $0.map(number) ?? "" }
            values.append(number(cell.marginCoin * result.scenario.price))
            values.append(cell.liquidationPriceUSD.map(number) ?? "")
            let errors = usd.standardErrors
            values += [errors?.stdev, errors?.var95, errors?.es95, errors?.es99, cell.cost.standardErrors?.totalUSD].map { $0.map(number) ?? "" }
            values += [cost.forfeitedMarginUSD, cost.exposureAfterLiquidationUSD].map(number)
            values.append(cell.policy.rawValue)
            let m = cell.management
            values += [m?.probability, m?.meanActions, m?.meanCoinsMoved, m?.meanLiquidations, m?.meanHedgeLeft].map { $0.map(number) ?? "" }
            values += [number(cell.cost.hedgeCutUSD), number(cell.cost.rollUSD), number(cell.cost.marginSaleUSD)]
            lines.append(values.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Shortest text that reads back as the same Double.
    private static func number(_ value: Double) -> String { "\(value)" }
}

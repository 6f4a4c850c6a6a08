import Foundation
import Yams

extension PortfolioScenario {
    /// The keys of a portfolio file besides `assets`, `correlations`, `hedges` and `seed`.
    static let settingKeys = [
        "horizonDays", "stepsPerDay", "paths", "fee", "settlementFee", "maintenanceRate", "maxLiquidationProbability", "betweenStepCheck", "threads",
        "bootstrapBlockDays", "garchDegreesOfFreedom",
    ]

    /// An asset's keys of the jump model and of GARCH(1,1)-t: a coin has one model.
    static let jumpKeys = ["jumpIntensity", "jumpMean", "jumpStdev"]
    static let garchKeys = ["garchAlpha", "garchBeta"]

    /// Whether a scenario file's text describes a portfolio (has a top-level `assets:` key).
    public static func describesPortfolio(_ text: String) -> Bool {
        (try? Yams.compose(yaml: text))??.mapping?.keys.contains { $0.string == "assets" } ?? false
    }

    /// Reads a portfolio file (YAML or JSON); `source` names it in errors, which name each key by its
    /// path (`assets[1].vol`). Returns the scenario and the file's seed.
    /// - Throws: `InputError` for malformed text, unknown keys, and values of the wrong type.
    public static func parse(text: String, source: String) throws -> (scenario: PortfolioScenario, seed: UInt64?) {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            let reason = "\(error)".split(separator: "\n").first.map(String.init) ?? "unreadable"
            throw InputError(flag: "", field: "config", value: source, allowed: "a YAML or JSON mapping with assets: and hedges: (\(reason))")
        }
        guard let mapping = node?.mapping else {
            throw InputError(flag: "", field: "config", value: source, allowed: "a YAML or JSON mapping with assets: and hedges:")
        }
        var assets: [PortfolioAsset] = []
        var correlations: [[Double]]?
        var hedges: [PortfolioHedge] = []
        var settings: [(String, Node)] = []
        var seed: UInt64?
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            switch key {
            case "assets":
                assets = try list(value, "assets").enumerated().map { i, item in
                    let fields = try map(item, "assets[\(i)]", keys: ["name", "holding", "price", "vol", "drift"] + jumpKeys + garchKeys + ["history"])
                    let path = "assets[\(i)]"
                    let history = try fields["history"].map { node -> String in
                        guard let file = node.scalar?.string, !file.isEmpty else {
                            throw InputError(flag: "", field: path + ".history", value: "a list or mapping", allowed: "the path of a price CSV")
                        }
                        return file
                    }
                    if history != nil, let model = (["vol", "drift"] + jumpKeys + garchKeys).first(where: { fields[$0] != nil }) {
                        throw InputError(
                            flag: "", field: "\(path).\(model)", value: fields[model]?.scalar?.string ?? "a value",
                            allowed: "none with history: (the joint bootstrap draws the coin's returns from its history)")
                    }
                    if garchKeys.contains(where: { fields[$0] != nil }), let jump = jumpKeys.first(where: { fields[$0] != nil }) {
                        throw InputError(
                            flag: "", field: "\(path).\(jump)", value: fields[jump]?.scalar?.string ?? "a value",
                            allowed: "none with garchAlpha and garchBeta (a coin is GBM, jump or GARCH-t)")
                    }
                    var asset = PortfolioAsset(
                        name: try coinName(fields["name"], path + ".name"), holding: try number(fields["holding"], path + ".holding"),
                        price: try number(fields["price"], path + ".price"),
                        vol: history == nil ? try number(fields["vol"], path + ".vol") : 0,
                        drift: try fields["drift"].map { try number($0, path + ".drift") } ?? 0)
                    asset.history = history
                    asset.jumpIntensity = try fields["jumpIntensity"].map { try number($0, path + ".jumpIntensity") } ?? 0
                    asset.jumpMean = try fields["jumpMean"].map { try number($0, path + ".jumpMean") } ?? 0
                    asset.jumpStdev = try fields["jumpStdev"].map { try number($0, path + ".jumpStdev") } ?? 0
                    asset.garchAlpha = try fields["garchAlpha"].map { try number($0, path + ".garchAlpha") }
                    asset.garchBeta = try fields["garchBeta"].map { try number($0, path + ".garchBeta") }
                    return asset
                }
            case "correlations":
                correlations = try list(value, "correlations").enumerated().map { i, row in
                    try list(row, "correlations[\(i)]").enumerated().map { j, cell in try number(cell, "correlations[\(i)][\(j)]") }
                }
            case "hedges":
                hedges = try list(value, "hedges").enumerated().map { i, item in
                    let path = "hedges[\(i)]"
                    let fields = try map(
                        item, path,
                        keys: ["asset", "contract", "ratios", "margin", "leverage", "fundingRate", "venue", "collateral", "maintenanceRate", "expiryDays"]
                            + PortfolioDated.keys)
                    let ratios: [Double]
                    let automatic = fields["ratios"]?.scalar?.string == "auto"
                    if automatic {
                        ratios = []
                    } else if let node = fields["ratios"], node.sequence != nil {
                        ratios = try list(node, path + ".ratios").enumerated().map { j, r in try number(r, path + ".ratios[\(j)]") }
                    } else {
                        ratios = [try number(fields["ratios"], path + ".ratios")]
                    }
                    let margin: PortfolioMargin
                    switch fields["margin"]?.scalar?.string ?? "isolated" {
                    case "isolated":
                        margin = .isolated(leverage: try number(fields["leverage"], path + ".leverage"))
                    case "cross":
                        if let leverage = fields["leverage"] {
                            throw InputError(
                                flag: "", field: path + ".leverage", value: leverage.scalar?.string ?? "a value",
                                allowed: "none with margin: cross (the contract coin's holding is the collateral)")
                        }
                        margin = .cross
                    case let other:
                        throw InputError(flag: "", field: path + ".margin", value: other, allowed: "isolated | cross")
                    }
                    var hedge = PortfolioHedge(
                        asset: try coinName(fields["asset"], path + ".asset"),
                        contract: try fields["contract"].map { try coinName($0, path + ".contract") }, ratios: ratios,
                        margin: margin,
                        fundingRate: try fields["fundingRate"].map { try number($0, path + ".fundingRate") } ?? 0)
                    hedge.ratiosAroundMinimumVariance = automatic
                    hedge.venue = try fields["venue"].map { node in
                        guard let name = node.scalar?.string, !name.isEmpty else {
                            throw InputError(flag: "", field: path + ".venue", value: "a list or mapping",
                                             allowed: "an inverse venue preset: " + Venue.names(of: .inverse))
                        }
                        return name
                    }
                    hedge.collateral = try fields["collateral"].map { try number($0, path + ".collateral") }
                    hedge.dated = try dated(fields, path)
                    hedge.maintenanceRate = try fields["maintenanceRate"].map { try number($0, path + ".maintenanceRate") }
                    return hedge
                }
            case "seed":
                guard let text = value.scalar?.string, let parsed = UInt64(text) else {
                    throw InputError(flag: "", field: "seed", value: value.scalar?.string ?? "a non-scalar", allowed: "a whole number from 0 to 18446744073709551615")
                }
                seed = parsed
            case _ where settingKeys.contains(key):
                settings.append((key, value))
            default:
                throw InputError(
                    field: "config", value: "unknown key '\(key)' in \(source)",
                    allowed: "a portfolio key: assets, correlations, hedges, seed, " + settingKeys.joined(separator: ", "))
            }
        }
        if correlations != nil, assets.contains(where: { $0.history != nil }) {
            throw InputError(
                flag: "", field: "correlations", value: "a matrix",
                allowed: "none with the coins' history: (the joint bootstrap keeps the history's own co-movement)")
        }
        if let fee = settings.first(where: { $0.0 == "settlementFee" }), !hedges.contains(where: { $0.dated != nil }) {
            throw InputError(flag: "", field: "settlementFee", value: fee.1.scalar?.string ?? "a value",
                             allowed: "none without a dated hedge (expiryDays): only a dated contract settles")
        }
        var scenario = PortfolioScenario(assets: assets, correlations: correlations, hedges: hedges)
        for (key, value) in settings { try scenario.apply(key, value) }
        return (scenario, seed)
    }

    /// A hedge's dated contract: `expiryDays` and the basis keys (each defaulting to the single coin's),
    /// nil without `expiryDays`.
    /// - Throws: `InputError` on a basis key without `expiryDays`, or `fundingRate` with it (a dated
    ///   contract pays no funding).
    private static func dated(_ fields: [String: Node], _ path: String) throws -> PortfolioDated? {
        guard let expiry = fields["expiryDays"] else {
            if let key = PortfolioDated.keys.first(where: { fields[$0] != nil }) {
                throw InputError(flag: "", field: "\(path).\(key)", value: fields[key]?.scalar?.string ?? "a value",
                                 allowed: "none without expiryDays (the basis belongs to a dated contract; the hedge is a perpetual)")
            }
            return nil
        }
        if let funding = fields["fundingRate"] {
            throw InputError(flag: "", field: path + ".fundingRate", value: funding.scalar?.string ?? "a value",
                             allowed: "none with expiryDays (a dated contract pays no funding; its price carries the basis)")
        }
        var dated = PortfolioDated(expiryDays: try number(expiry, path + ".expiryDays"))
        func value(_ key: String) throws -> Double? { try fields[key].map { try number($0, "\(path).\(key)") } }
        dated.basis = try value("basis") ?? dated.basis
        dated.basisMeanReversion = try value("basisMeanReversion") ?? dated.basisMeanReversion
        dated.basisVol = try value("basisVol") ?? dated.basisVol
        dated.basisPriceCorrelation = try value("basisPriceCorrelation") ?? dated.basisPriceCorrelation
        dated.rollDaysBefore = try value("rollDaysBefore")
        dated.contractCycleDays = try value("contractCycleDays") ?? dated.contractCycleDays
        return dated
    }

    /// Sets one of `settingKeys` from a file value.
    private mutating func apply(_ key: String, _ node: Node) throws {
        switch key {
        case "horizonDays": horizonDays = try Self.number(node, key)
        case "stepsPerDay": stepsPerDay = try Self.number(node, key)
        case "paths": paths = try Self.whole(node, key)
        case "fee": fee = try Self.number(node, key)
        case "settlementFee": settlementFee = try Self.number(node, key)
        case "maintenanceRate": maintenanceRate = try Self.number(node, key)
        case "maxLiquidationProbability": maxLiquidationProbability = try Self.number(node, key)
        case "betweenStepCheck":
            guard let value = node.scalar?.string, let flag = Bool(value) else {
                throw InputError(flag: "", field: key, value: node.scalar?.string ?? "a list or mapping", allowed: "true | false")
            }
            betweenStepCheck = flag
        case "bootstrapBlockDays": bootstrapBlockDays = try Self.number(node, key)
        case "garchDegreesOfFreedom": garchDegreesOfFreedom = try Self.number(node, key)
        default: threads = try Self.whole(node, key)
        }
    }

    /// Overrides from the command line: `paths` and `threads`.
    public mutating func override(paths: Int?, threads: Int?) {
        if let paths { self.paths = paths }
        if let threads { self.threads = threads }
    }

    private static func list(_ node: Node, _ path: String) throws -> [Node] {
        guard let sequence = node.sequence else {
            throw InputError(flag: "", field: path, value: node.scalar?.string ?? "a mapping", allowed: "a list")
        }
        return Array(sequence)
    }

    private static func map(_ node: Node, _ path: String, keys: [String]) throws -> [String: Node] {
        guard let mapping = node.mapping else {
            throw InputError(flag: "", field: path, value: node.scalar?.string ?? "a list", allowed: "a mapping of " + keys.joined(separator: ", "))
        }
        var fields: [String: Node] = [:]
        for (key, value) in mapping {
            let name = key.string ?? ""
            guard keys.contains(name) else {
                throw InputError(flag: "", field: path + "." + name, value: value.scalar?.string ?? "given", allowed: "one of " + keys.joined(separator: ", "))
            }
            fields[name] = value
        }
        return fields
    }

    private static func number(_ node: Node?, _ path: String) throws -> Double {
        guard let node else { throw InputError(flag: "", field: path, value: "none", allowed: "a number") }
        guard let text = node.scalar?.string, let value = Double(text), value.isFinite else {
            throw InputError(flag: "", field: path, value: node.scalar?.string ?? "a list or mapping", allowed: "a finite number")
        }
        return value
    }

    private static func whole(_ node: Node, _ path: String) throws -> Int {
        guard let text = node.scalar?.string, let value = Int(text) else {
            throw InputError(flag: "", field: path, value: node.scalar?.string ?? "a list or mapping", allowed: "a whole number")
        }
        return value
    }

    private static func coinName(_ node: Node?, _ path: String) throws -> String {
        guard let value = node?.scalar?.string, !value.isEmpty else {
            throw InputError(flag: "", field: path, value: node?.scalar?.string ?? "none", allowed: "a coin's name, e.g. BTC")
        }
        return value
    }
}

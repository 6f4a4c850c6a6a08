import Foundation

/// The table of scenario fields that configs and flags may set: key (camelCase, as in config files and
/// the report), flag, and how a raw value is checked and stored. One table serves both inputs, so a
/// flag and a config key always accept the same values.
public enum ScenarioFields {
    enum Kind {
        case number(WritableKeyPath<Scenario, Double>)
        case optionalNumber(WritableKeyPath<Scenario, Double?>)
        case integer(WritableKeyPath<Scenario, Int>)
        case optionalInteger(WritableKeyPath<Scenario, Int?>)
        case numberList(WritableKeyPath<Scenario, [Double]>)
        /// `auto`, or a number list that pins the leverages.
        case leverages
        /// A list of margin policies (`none,top-up,deleverage,rehedge`).
        case policies
        case textList(WritableKeyPath<Scenario, [String]>)
        case boolean(WritableKeyPath<Scenario, Bool>)
        case choice([String], (inout Scenario, String) -> Void)
    }

    struct Field {
        let key: String
        let flag: String
        let kind: Kind
    }

    static var all: [Field] {
        func field(_ key: String, _ kind: Kind, flag: String? = nil) -> Field {
            Field(key: key, flag: flag ?? InputError.flagName(for: key), kind: kind)
        }
        func choice<T: RawRepresentable & CaseIterable>(_ key: String, _ path: WritableKeyPath<Scenario, T>) -> Field
        where T.RawValue == String {
            field(key, .choice(T.allCases.map(\.rawValue)) { scenario, raw in
                if let value = T(rawValue: raw) { scenario[keyPath: path] = value }
            })
        }
        return [
            field("holding", .number(\.holding)),
            field("price", .number(\.price)),
            field("horizonDays", .number(\.horizonDays)),
            field("stepsPerDay", .number(\.stepsPerDay)),
            field("paths", .integer(\.paths)),
            field("hedgeRatios", .numberList(\.hedgeRatios), flag: "ratios"),
            field("leverages", .leverages, flag: "leverage"),
            field("maxLeverage", .number(\.maxLeverage)),
            choice("margin", \.margin),
            field("collateral", .optionalNumber(\.collateral)),
            field("stablecoinBalance", .optionalNumber(\.stablecoinBalance)),
            field("maintenanceRate", .number(\.maintenanceRate)),
            choice("maintenanceConvention", \.maintenanceConvention),
            field("betweenStepCheck", .boolean(\.betweenStepCheck)),
            field("policies", .policies, flag: "policy"),
            field("topUpAt", .number(\.management.topUpAt)),
            field("maxTopUps", .optionalInteger(\.management.maxTopUps)),
            field("topUpCoins", .optionalNumber(\.management.topUpCoins)),
            field("deleverageAt", .number(\.management.deleverageAt)),
            field("deleverageShare", .number(\.management.deleverageShare)),
            field("maxDeleverages", .optionalInteger(\.management.maxDeleverages)),
            field("rehedgeAfterHours", .number(\.management.rehedgeAfterHours)),
            field("rehedgeLeverage", .optionalNumber(\.management.rehedgeLeverage)),
            field("maxRehedges", .optionalInteger(\.management.maxRehedges)),
            field("dehedgeAfterDrop", .number(\.management.dehedgeAfterDrop)),
            field("dehedgeSellShare", .number(\.management.dehedgeSellShare)),
            field("exitFundingAbove", .number(\.management.exitFundingAbove)),
            field("exitWindowDays", .number(\.management.exitWindowDays)),
            field("reenterFundingBelow", .optionalNumber(\.management.reenterFundingBelow)),
            choice("instrument", \.instrument),
            field("expiryDays", .optionalNumber(\.expiryDays)),
            field("rollDaysBefore", .optionalNumber(\.rollDaysBefore)),
            field("contractCycleDays", .number(\.contractCycleDays)),
            field("basis", .number(\.basis)),
            field("basisMeanReversion", .number(\.basisMeanReversion)),
            field("basisVol", .number(\.basisVol)),
            field("basisPriceCorrelation", .number(\.basisPriceCorrelation)),
            field("venue", .choice(Venue.names) { scenario, name in Venue.named(name)?.apply(to: &scenario) }),
            field("faceValue", .number(\.faceValue)),
            field("fee", .number(\.fee)),
            field("settlementFee", .number(\.settlementFee)),
            choice("model", \.model),
            field("vol", .number(\.vol)),
            field("drift", .number(\.drift)),
            field("jumpIntensity", .number(\.jumpIntensity)),
            field("jumpMean", .number(\.jumpMean)),
            field("jumpStdev", .number(\.jumpStdev)),
            field("garchAlpha", .number(\.garchAlpha)),
            field("garchBeta", .number(\.garchBeta)),
            field("garchDegreesOfFreedom", .number(\.garchDegreesOfFreedom)),
            field("bootstrapBlockSteps", .number(\.bootstrapBlockSteps)),
            field("history", .textList(\.history)),
            field("fundingMean", .number(\.fundingMean)),
            field("fundingVol", .number(\.fundingVol)),
            field("fundingPersistence", .number(\.fundingPersistence)),
            field("fundingIntervalHours", .number(\.fundingIntervalHours)),
            field("fundingPriceCorrelation", .number(\.fundingPriceCorrelation)),
            field("fundingCap", .number(\.fundingCap)),
            field("fundingDeadZone", .number(\.fundingDeadZone)),
            choice("objective", \.objective),
            field("liquidationPenalty", .number(\.liquidationPenalty)),
            field("maxLiquidationProbability", .number(\.maxLiquidationProbability)),
            field("untilSettled", .boolean(\.untilSettled)),
            field("maxPaths", .integer(\.maxPaths)),
            field("antithetic", .boolean(\.antithetic)),
            field("threads", .optionalInteger(\.threads)),
        ]
    }

    static let allowedPolicies = MarginPolicy.allCases.map(\.rawValue).joined(separator: " | ")

    /// Every key a config may hold (the scenario fields plus `seed`, `stress` and `variants`).
    public static var keys: [String] { all.map(\.key) + ["seed", "stress", "variants"] }

    /// The flag of a key, e.g. `hedgeRatios` → `ratios`.
    public static func flag(for key: String) -> String {
        all.first { $0.key == key }?.flag ?? InputError.flagName(for: key)
    }

    /// Checks `value` against the field `key` and stores it in `scenario`.
    /// - Throws: `InputError` naming the key, the value and what is allowed.
    public static func apply(key: String, value: FieldValue, to scenario: inout Scenario) throws {
        guard let field = all.first(where: { $0.key == key }) else {
            throw InputError(field: "config", value: "unknown key '\(key)'", allowed: "one of the scenario keys" + suggestion(for: key))
        }
        func fail(_ allowed: String) -> InputError { InputError(field: key, value: value.display, allowed: allowed) }
        switch field.kind {
        case .number(let path):
            scenario[keyPath: path] = try number(value, or: fail("a number"))
        case .optionalNumber(let path):
            scenario[keyPath: path] = value == .null ? nil : try number(value, or: fail("a number"))
        case .integer(let path):
            scenario[keyPath: path] = try integer(value, or: fail("a whole number"))
        case .optionalInteger(let path):
            scenario[keyPath: path] = value == .null ? nil : try integer(value, or: fail("a whole number"))
        case .numberList(let path):
            scenario[keyPath: path] = try NumberList.parse(value, or: fail("numbers as a list (0,0.5,1) or a range start:end:step (0:1:0.1)"))
        case .leverages:
            if value == .text("auto") {
                scenario.leverageMode = .auto
            } else {
                // Setting the list pins it (`Scenario.leverages` sets `leverageMode` to `fixed`).
                scenario.leverages = try NumberList.parse(
                    value, or: fail("auto, or numbers as a list (2,3,5) or a range start:end:step (1:5:1)"))
            }
        case .policies:
            let names: [String]
            switch value {
            case .text(let text): names = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            case .list(let items):
                names = try items.map { item in
                    guard case .text(let text) = item else { throw fail("a list of " + allowedPolicies) }
                    return text
                }
            default: throw fail("a list of " + allowedPolicies)
            }
            scenario.policies = try names.map { name in
                guard let policy = MarginPolicy(rawValue: name) else { throw fail("a list of " + allowedPolicies) }
                return policy
            }
        case .textList(let path):
            switch value {
            case .text(let text): scenario[keyPath: path] = text.split(separator: ",").map(String.init)
            case .list(let items):
                scenario[keyPath: path] = try items.map { item in
                    guard case .text(let text) = item else { throw fail("file names") }
                    return text
                }
            default: throw fail("file names")
            }
        case .boolean(let path):
            switch value {
            case .boolean(let flag): scenario[keyPath: path] = flag
            case .text("true"), .text("yes"), .text("on"): scenario[keyPath: path] = true
            case .text("false"), .text("no"), .text("off"): scenario[keyPath: path] = false
            default: throw fail("true or false")
            }
        case .choice(let names, let store):
            guard case .text(let raw) = value, names.contains(raw) else { throw fail(names.joined(separator: " | ")) }
            store(&scenario, raw)
        }
    }

    static func number(_ value: FieldValue, or error: InputError) throws -> Double {
        switch value {
        case .number(let number): return number
        case .text(let text):
            guard let number = Double(text.trimmingCharacters(in: .whitespaces)) else { throw error }
            return number
        default: throw error
        }
    }

    static func integer(_ value: FieldValue, or error: InputError) throws -> Int {
        let number = try number(value, or: error)
        guard number.isFinite, number == number.rounded(), abs(number) < 1e15 else { throw error }
        return Int(number)
    }

    /// Common names people use for a key, checked before the spelling distance.
    static let synonyms: [String: String] = [
        "volatility": "vol", "sigma": "vol", "mu": "drift", "ratios": "hedgeRatios", "ratio": "hedgeRatios",
        "hedgeRatio": "hedgeRatios", "leverage": "leverages", "lambda": "jumpIntensity", "seeds": "seed",
        "steps": "stepsPerDay", "horizon": "horizonDays", "days": "horizonDays", "coins": "holding",
        "spot": "price", "takerFee": "fee", "maintenance": "maintenanceRate", "expiry": "expiryDays",
    ]

    /// " (did you mean 'x'?)" for a known synonym, a key that starts the same way, or the closest
    /// key within edit distance 3; "" when nothing is close.
    static func suggestion(for key: String) -> String {
        if let known = synonyms[key] { return " (did you mean '\(known)'?)" }
        let lowered = key.lowercased()
        if let prefix = keys.first(where: { lowered.count >= 3 && $0.lowercased().hasPrefix(lowered) }) {
            return " (did you mean '\(prefix)'?)"
        }
        let candidates = keys.map { ($0, editDistance($0.lowercased(), lowered)) }
        guard let best = candidates.min(by: { $0.1 < $1.1 }), best.1 <= 3 else { return "" }
        return " (did you mean '\(best.0)'?)"
    }

    /// Levenshtein distance between two words (insertions, deletions and substitutions cost 1).
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(1, a.count) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(1, b.count) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}

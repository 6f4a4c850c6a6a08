import ArgumentParser
import HedgeSimCore
import HedgeSimReport

/// The reason a typed option's value was refused, as ArgumentParser prints it after "The value 'X' is
/// invalid for '--flag <flag>': ".
struct AllowedValues: Error, CustomStringConvertible {
    let description: String
}

extension ReportFormat {
    /// A `--format` transform that accepts only `allowed` (the formats a command can write).
    static func parser(_ allowed: [ReportFormat]) -> @Sendable (String) throws -> ReportFormat {
        { text in
            guard let format = ReportFormat(rawValue: text), allowed.contains(format) else {
                throw AllowedValues(description: "allowed: " + allowed.map(\.rawValue).joined(separator: " | "))
            }
            return format
        }
    }
}

/// A transform for an option that names one case of `T` (its raw value), e.g. `--model garch`.
func choice<T: RawRepresentable & CaseIterable & Sendable>(_ type: T.Type) -> @Sendable (String) throws -> T
where T.RawValue == String {
    { text in
        guard let value = T(rawValue: text) else {
            throw AllowedValues(description: "allowed: " + T.allCases.map(\.rawValue).joined(separator: " | "))
        }
        return value
    }
}

/// `--seed`: one type and one rule for every command that draws random numbers: the given seed, else
/// the scenario file's `seed:` (for the commands that read scenario files), else `Seed.fallback`. So
/// the same command gives the same numbers run after run, on any machine, in any shard of a batch; every
/// report prints its seed. Pass another seed to see the Monte Carlo noise of a figure (each figure
/// also carries its standard error).
struct Seed: Sendable, Equatable {
    let value: UInt64

    /// Parses `0 … 18446744073709551615`.
    init(parsing text: String) throws {
        guard let value = UInt64(text) else {
            throw AllowedValues(description: "allowed: a whole number from 0 to 18446744073709551615")
        }
        self.value = value
    }

    /// The seed of a run that names none.
    static let fallback: UInt64 = 1

    /// The rule: `given`, else `file`, else `fallback`.
    static func resolve(_ given: Seed?, file: UInt64? = nil) -> UInt64 { given?.value ?? file ?? fallback }
}

/// `--threads`: worker threads of every command that simulates; results never depend on it.
struct Threads: Sendable, Equatable {
    let count: Int

    /// Parses a whole number from 1 to 1,024.
    init(parsing text: String) throws {
        guard let count = Int(text), count >= 1, count <= 1_024 else {
            throw AllowedValues(description: "allowed: a whole number of threads from 1 to 1024")
        }
        self.count = count
    }
}

import Dispatch
import Foundation

/// What one shard of a portfolio run writes (`hedgesim portfolio FILE --shard I/N`): its identity and
/// the horizon state of its paths, so that merging every shard summarises exactly the paths of a
/// single run. The file is a `PartialFile` with the magic `HSPORT01` and the arrays logPrice,
/// inverseMark, funding, lowest (each column-major by coin or contract (coin, venue) over the shard's
/// paths).
public struct PortfolioPartial: Sendable {
    public struct Header: Codable, Sendable, Equatable {
        public var format = PortfolioPartial.formatName
        public var tool = "hedgesim " + HedgeSimVersion.current
        public var seed: UInt64
        public var scenario: PortfolioScenario
        public var shard: ShardSpec
        public var firstPath: Int
        public var pathCount: Int
        public var assetCount: Int
        public var contractCount: Int
        /// Seconds this shard spent simulating.
        public var simulationSeconds: Double
    }

    public static let formatName = "hedgesim-portfolio-partial-1"
    static let magic = Array("HSPORT01".utf8)

    public var header: Header
    /// `ln P_T` per (coin, path).
    public var logPrice: [Double]
    /// Per (contract, path): `1/F_T`, the funding `Φ_T` and the lowest account, per USD of notional.
    public var inverseMark: [Double]
    public var funding: [Double]
    public var lowest: [Double]

    /// Whether `data` is a portfolio partial file (by its first bytes).
    public static func isPortfolioPartial(_ data: Data) -> Bool { PartialFile.starts(data, with: magic) }

    /// Serialises the partial.
    public func encoded() throws -> Data {
        try PartialFile.encode(magic: PortfolioPartial.magic, header: header, arrays: [logPrice, inverseMark, funding, lowest])
    }

    /// Reads a portfolio partial file; `source` names it in errors.
    /// - Throws: `InputError` when the bytes are not a complete, unaltered portfolio partial file.
    public init(data: Data, source: String) throws {
        func refuse(_ why: String) -> InputError {
            InputError(flag: "", field: "partial", value: source, allowed: "a partial file written by `hedgesim portfolio --shard` (\(why))")
        }
        let (header, arrays) = try PartialFile.decode(data, magic: PortfolioPartial.magic, counts: { (header: Header) -> [Int] in
            guard header.format == PortfolioPartial.formatName else { throw refuse("format \(header.format)") }
            let contracts = header.pathCount * header.contractCount
            return [header.pathCount * header.assetCount, contracts, contracts, contracts]
        }, refuse: refuse)
        self.init(header: header, logPrice: arrays[0], inverseMark: arrays[1], funding: arrays[2], lowest: arrays[3])
    }

    init(header: Header, logPrice: [Double], inverseMark: [Double], funding: [Double], lowest: [Double]) {
        self.header = header
        self.logPrice = logPrice
        self.inverseMark = inverseMark
        self.funding = funding
        self.lowest = lowest
    }
}

extension PortfolioPartial.Header: ShardHeader {
    /// The scenario without its thread count.
    var setup: PortfolioScenario {
        var scenario = scenario
        scenario.threads = nil
        return scenario
    }
}

extension PortfolioScenario {
    /// Simulates one shard (blocks `⌊i·B/n⌋ ..< ⌊(i+1)·B/n⌋` of the `B` fixed blocks of 512 paths) and
    /// returns its partial, without a summary.
    /// - Throws: `InputError` for a value out of range or a correlation matrix that is not positive
    ///   semi-definite.
    public func runShard(seed: UInt64, shard: ShardSpec, threads: Int? = nil, history: PortfolioHistory? = nil) throws -> PortfolioPartial {
        try validate(history: history)
        var s = self
        try s.resolveMaintenanceTiers()
        let factor = try CorrelationFactor(correlations)
        let started = DispatchTime.now().uptimeNanoseconds
        let blocks = shard.blocks(of: PortfolioEngine.blockCount(paths: paths))
        let sink = PortfolioEngine.simulate(
            s, factor: factor, seed: seed, threads: threads ?? self.threads, blocks: blocks, history: history)
        let n = sink.paths, contracts = PortfolioEngine.contracts(self).count
        func array(_ pointer: UnsafeMutablePointer<Double>, _ rows: Int) -> [Double] {
            Array(UnsafeBufferPointer(start: pointer, count: rows * n))
        }
        let header = PortfolioPartial.Header(
            seed: seed, scenario: s, shard: shard, firstPath: sink.firstPath, pathCount: n, assetCount: assets.count,
            contractCount: contracts, simulationSeconds: Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
        return PortfolioPartial(
            header: header, logPrice: array(sink.logPrice, assets.count), inverseMark: array(sink.inverseMark, contracts),
            funding: array(sink.funding, contracts), lowest: array(sink.lowest, contracts))
    }

    /// Combines the partials of every shard of one portfolio run into the result a single run gives,
    /// number for number (only timing differs).
    /// - Throws: `InputError` when partials come from different scenarios, seeds, versions or splits,
    ///   when a shard is missing or given twice, or when a partial does not fit its scenario;
    ///   `NumericalError` when a value overflows.
    public static func merge(_ partials: [PortfolioPartial]) throws -> PortfolioResult {
        try ShardSpec.requireOneRun(partials.map(\.header))
        let first = partials[0].header
        let scenario = first.setup
        try scenario.validate()
        let factor = try CorrelationFactor(scenario.correlations)
        let n = scenario.paths, k = scenario.assets.count, c = PortfolioEngine.contracts(scenario).count
        let blockCount = PortfolioEngine.blockCount(paths: n)
        let sink = PortfolioSink(paths: n, assets: k, contracts: c, workers: 1)
        for partial in partials {
            let h = partial.header
            let blocks = h.shard.blocks(of: blockCount)
            let expectedFirst = blocks.lowerBound * PortfolioEngine.blockSize
            guard h.assetCount == k, h.contractCount == c, h.firstPath == expectedFirst,
                h.pathCount == max(0, min(n, blocks.upperBound * PortfolioEngine.blockSize) - expectedFirst)
            else {
                throw InputError(flag: "", field: "partials", value: "shard \(h.shard.index)", allowed: "a partial consistent with its scenario")
            }
            let m = h.pathCount
            for a in 0..<k { (sink.logPrice + a * n + h.firstPath).update(from: partial.logPrice, offset: a * m, count: m) }
            for j in 0..<c {
                (sink.inverseMark + j * n + h.firstPath).update(from: partial.inverseMark, offset: j * m, count: m)
                (sink.funding + j * n + h.firstPath).update(from: partial.funding, offset: j * m, count: m)
                (sink.lowest + j * n + h.firstPath).update(from: partial.lowest, offset: j * m, count: m)
            }
        }
        let summaryStart = DispatchTime.now().uptimeNanoseconds
        var result = try PortfolioSettlement(scenario: scenario, sink: sink).summarise(seed: first.seed, rank: factor.rank)
        result.timing = SimulationTiming(
            threads: 1, simulationSeconds: partials.reduce(0) { $0 + $1.header.simulationSeconds },
            summarySeconds: Double(DispatchTime.now().uptimeNanoseconds - summaryStart) / 1e9,
            pathSteps: Double(n) * Double(scenario.stepCount))
        return result
    }
}

private extension UnsafeMutablePointer where Pointee == Double {
    /// Copies `values[offset ..< offset + count]` here.
    func update(from values: [Double], offset: Int, count: Int) {
        values.withUnsafeBufferPointer { update(from: $0.baseAddress! + offset, count: count) }
    }
}

/// One named stress scenario replayed through every hedge cell: the index path and, per cell, the
/// net value if the position were closed at each time point, and when the hedge was liquidated.
public struct StressOutcome: Codable, Sendable, Equatable {
    /// Net value path of one cell under the stress.
    public struct CellPath: Codable, Sendable, Equatable {
        /// The cell's position in `SimulationResult.cells`.
        public var cell: Int
        public var hedgeRatio: Double
        public var leverage: Double
        /// Net value in USD at each of `days` (closing the hedge then, after fees).
        public var netValueUSD: [Double]
        /// Day of the liquidation, nil when the hedge survives the stress.
        public var liquidatedAtDays: Double?

        public init(cell: Int, hedgeRatio: Double, leverage: Double, netValueUSD: [Double], liquidatedAtDays: Double?) {
            self.cell = cell
            self.hedgeRatio = hedgeRatio
            self.leverage = leverage
            self.netValueUSD = netValueUSD
            self.liquidatedAtDays = liquidatedAtDays
        }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(cell, forKey: .cell)
            try container.encode(hedgeRatio, forKey: .hedgeRatio)
            try container.encode(leverage, forKey: .leverage)
            try container.encode(netValueUSD, forKey: .netValueUSD)
            try container.encode(liquidatedAtDays, forKey: .liquidatedAtDays)
        }
    }

    /// Short name, e.g. "crash-1d".
    public var name: String
    /// What the stress does, in one sentence.
    public var summary: String
    /// Time points in days from the start (the first is 0).
    public var days: [Double]
    /// Index price in USD at each time point.
    public var priceUSD: [Double]
    public var cells: [CellPath]

    public init(name: String, summary: String, days: [Double], priceUSD: [Double], cells: [CellPath]) {
        self.name = name
        self.summary = summary
        self.days = days
        self.priceUSD = priceUSD
        self.cells = cells
    }
}

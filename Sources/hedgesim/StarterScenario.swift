/// The commented starter scenario that `hedgesim init` writes: every key a first user needs, with
/// its unit and what it does; it runs as is (`hedgesim run --config FILE`).
enum StarterScenario {
    static let text = """
        # HedgeSim scenario, written by `hedgesim init`. Run it with
        #   hedgesim run --config scenario.yaml
        # Every key is optional: a missing key keeps its default. Flags override the file (--paths 50000).
        # Rates and volatilities are fractions (0.6 = 60 %), annualised unless a line says otherwise.

        # What you hold and for how long
        holding: 5              # coins (BTC)
        price: 70000            # USD per coin at the start
        horizonDays: 30         # how long the hedge is held, days
        stepsPerDay: 24         # simulation steps per day (24 = hourly)
        paths: 10000            # simulated price paths (more paths, smaller Monte Carlo error)
        seed: 1                 # fixes the random numbers; remove it to draw a new seed on every run

        # The hedge grid: every ratio × leverage is simulated on the same paths
        hedgeRatios: [0, 0.25, 0.5, 0.75, 1]   # short notional / value of the holding (0 = unhedged)
        leverages: [2, 3, 5]    # leverage of the short's isolated margin

        # Where and how the short is held. A venue preset sets face value, fees, maintenance margin and
        # funding rules; any of them can be overridden below it (see `hedgesim venues`).
        venue: bitmex           # bitmex | bybit | deribit | okx | binance-coinm
        instrument: perpetual   # perpetual | dated (a dated future also reads expiryDays and basis)

        # The market
        model: jump             # gbm | jump | garch (bootstrap and replay read a history CSV)
        vol: 0.6                # volatility of the price
        drift: 0                # drift of the price
        jumpIntensity: 10       # jumps per year
        jumpMean: -0.02         # mean log size of a jump
        jumpStdev: 0.06         # standard deviation of the log jump size
        fundingMean: 0.0001     # funding per interval; above 0 the longs pay the short
        fundingVol: 0.0001      # AR(1) shock of the funding per interval
        fundingPersistence: 0.8 # AR(1) persistence of the funding per interval

        # How the recommendation is chosen
        objective: min-variance          # min-variance | min-es | variance-liquidation
        maxLiquidationProbability: 0.01  # hedges liquidated more often than this are not recommended

        # Stress scenarios, each one deterministic path reported beside the random ones:
        # crash[:DROP[:DAYS]], squeeze[:RISE[:FALL]], funding-cap[:DAYS], basis-inversion[:TO[:DAYS]]
        # (dated only), replay:PRICES.csv[+FUNDING.csv][:FROM:TO]
        stress: [crash, squeeze, funding-cap]

        # Variants: named partial scenarios that override the keys above. With variants,
        # `hedgesim run` reports each (or only --variant NAME) and `hedgesim batch` writes a report each.
        # variants:
        #   perpetual-3x: {leverages: [3]}
        #   dated-90d: {instrument: dated, expiryDays: 90, basis: 0.08}

        """
}

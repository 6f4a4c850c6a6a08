import ArgumentParser
import HedgeSimCore

/// The rules of the margin policies (`Scenario.management`), shared by `run`, `compare`, `stress` and
/// `backtest`: each flag is refused unless its policy is among `--policy`.
struct ManagementOptions: ParsableArguments {
    @Option(name: .customLong("top-up-at"), parsing: .unconditional, help: "Top-up trigger: the share of the way to the liquidation price the mark must rise (default 0.7).")
    var topUpAt: String?
    @Option(name: .customLong("max-top-ups"), parsing: .unconditional, help: "Most top-ups per path (default: while the holding has coins).")
    var maxTopUps: String?
    @Option(name: .customLong("top-up-coins"), parsing: .unconditional, help: "Coins per top-up (default: enough to restore the initial leverage at the mark).")
    var topUpCoins: String?
    @Option(name: .customLong("deleverage-at"), parsing: .unconditional, help: "Deleverage trigger: the share of the way to the liquidation price the mark must rise (default 0.7).")
    var deleverageAt: String?
    @Option(name: .customLong("deleverage-share"), parsing: .unconditional, help: "Share of the short bought back at each deleverage (default 0.5).")
    var deleverageShare: String?
    @Option(name: .customLong("max-deleverages"), parsing: .unconditional, help: "Most deleverages per path (default: no limit).")
    var maxDeleverages: String?
    @Option(name: .customLong("rehedge-after-hours"), parsing: .unconditional, help: "Hours after a liquidation at which the short is reopened (default 24; 0: at once).")
    var rehedgeAfterHours: String?
    @Option(name: .customLong("rehedge-leverage"), parsing: .unconditional, help: "Leverage of the reopened short (default: the cell's leverage).")
    var rehedgeLeverage: String?
    @Option(name: .customLong("max-rehedges"), parsing: .unconditional, help: "Most re-hedges per path (default: while the holding pays the margins).")
    var maxRehedges: String?
    @Option(name: .customLong("dehedge-after-drop"), parsing: .unconditional, help: "De-hedge: close the short once the mark has fallen this share below the entry (default 0.2).")
    var dehedgeAfterDrop: String?
    @Option(name: .customLong("dehedge-sell-share"), parsing: .unconditional, help: "De-hedge: the share of the spot coins sold for USD when the short is closed (default 0).")
    var dehedgeSellShare: String?
    @Option(name: .customLong("exit-funding-above"), parsing: .unconditional, help: "Funding exit: close the short when the trailing mean funding, annualised, is above this (default 0.3).")
    var exitFundingAbove: String?
    @Option(name: .customLong("exit-window-days"), parsing: .unconditional, help: "Funding exit: the trailing window in days (default 7).")
    var exitWindowDays: String?
    @Option(name: .customLong("reenter-funding-below"), parsing: .unconditional, help: "Funding exit: reopen the short when the trailing mean, annualised, falls below this (default: never).")
    var reenterFundingBelow: String?

    /// The flags that were given, as (scenario key, raw text).
    var given: [(String, String?)] {
        [
            ("topUpAt", topUpAt), ("maxTopUps", maxTopUps), ("topUpCoins", topUpCoins),
            ("deleverageAt", deleverageAt), ("deleverageShare", deleverageShare), ("maxDeleverages", maxDeleverages),
            ("rehedgeAfterHours", rehedgeAfterHours), ("rehedgeLeverage", rehedgeLeverage), ("maxRehedges", maxRehedges),
            ("dehedgeAfterDrop", dehedgeAfterDrop), ("dehedgeSellShare", dehedgeSellShare),
            ("exitFundingAbove", exitFundingAbove), ("exitWindowDays", exitWindowDays), ("reenterFundingBelow", reenterFundingBelow),
        ]
    }
}

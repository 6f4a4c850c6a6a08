import ArgumentParser
import Foundation
import HedgeSimCore
import HedgeSimReport

/// `hedgesim venues`: the venue presets, every value with its source and the date it was checked.
struct VenuesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "venues",
        abstract: "List the venue presets of --venue with their sources.",
        discussion: "Values come from research/exchange-mechanics.md; [?] marks uncertain ones. A preset sets face value, "
            + "taker fee, settlement fee, maintenance tier and convention, funding interval, cap and neutral rate; "
            + "any of them can be overridden in a scenario or by a flag." + "\n\nExample: hedgesim venues bitmex")

    @Argument(help: "Show only this preset.") var name: String?
    @Option(parsing: .unconditional, help: "Output format: table | json.", transform: ReportFormat.parser([.table, .json]))
    var format: ReportFormat = .table
    @Option(parsing: .unconditional, help: "Write the list to this file (atomically) instead of standard output.") var output: String?

    /// The JSON document: the presets and the date their values were checked.
    struct Listing: Encodable {
        let checked: String
        let venues: [Venue]
    }

    func run() throws {
        do {
            let venues = try name.map { [try Venue.preset(named: $0)] } ?? Venue.all
            let text = format == .json
                ? try CalculatorOutput.json(Listing(checked: VenueFact<Double>.checkedDate, venues: venues))
                : VenueTable.render(venues)
            try OutputFile.emit(text, to: output)
        } catch let error as InputError {
            throw ValidationError(error.description)
        }
    }
}

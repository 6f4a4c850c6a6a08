import Foundation
import Testing
@testable import HedgeSimCore

extension PortfolioScenario {
    /// Expects the portfolio file `text`, changed by `change`, to be refused when read and validated with
    /// one line naming `field` and containing `phrase`.
    static func expectRefused(_ text: String, field: String, phrase: String, change: (String) -> String) throws {
        let error = try #require(throws: InputError.self, "\(field)") {
            let (s, _) = try PortfolioScenario.parse(text: change(text), source: "portfolio.yaml")
            try s.validate()
        }
        #expect(error.field == field && error.description.contains(phrase) && !error.description.contains("\n"), "\(error)")
    }
}

import Foundation

/// The layout of a journal file: HedgeSim's own (`JournalReader`) or a venue's export.
public enum JournalLayout: String, Codable, Sendable, CaseIterable {
    /// HedgeSim's columns `time,type,side,quantity,price,index,fee,amount,hedge,instrument` (`docs/journal.md`).
    case hedgesim
    /// Deribit's transaction-log CSV export (`DeribitTransactionLog`).
    case deribit

    /// The rows of a journal file in this layout.
    public func read(data: Data, source: String) throws -> [JournalEntry] {
        switch self {
        case .hedgesim: return try JournalReader.read(data: data, source: source)
        case .deribit: return try DeribitTransactionLog.read(data: data, source: source)
        }
    }
}

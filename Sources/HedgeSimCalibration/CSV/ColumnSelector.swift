import Foundation

/// How the user names a column: by its header text (case-insensitive, surrounding spaces ignored) or
/// by its 1-based position.
public enum ColumnSelector: Sendable, Equatable {
    case name(String)
    /// 1-based column number.
    case index(Int)

    /// A whole number selects by position (`7` = the seventh column), anything else by name.
    public init(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let number = Int(trimmed), number >= 1 {
            self = .index(number)
        } else {
            self = .name(trimmed)
        }
    }

    /// The 0-based position of the column in `header`, or nil when there is none. A name that appears
    /// more than once selects its first appearance.
    func position(in header: [String]) -> Int? {
        switch self {
        case .index(let index):
            return index <= header.count ? index - 1 : nil
        case .name(let name):
            let wanted = ColumnSelector.normalised(name)
            return header.firstIndex { ColumnSelector.normalised($0) == wanted }
        }
    }

    /// The first of `names` that the header has, as a selector; nil when it has none of them.
    static func firstPresent(of names: [String], in header: [String]) -> ColumnSelector? {
        names.lazy.map(ColumnSelector.name).first { $0.position(in: header) != nil }
    }

    static func normalised(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespaces).lowercased()
    }
}

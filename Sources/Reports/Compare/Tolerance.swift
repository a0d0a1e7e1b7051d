import Foundation

/// The relative tolerance of `report compare`: `10%` or `0.1`.
public enum Tolerance {
    /// Parses `10%`, `2.5%` or a fraction such as `0.1`; throws a message naming what was expected.
    public static func parse(_ text: String) throws(ToleranceError) -> Double {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let isPercent = trimmed.hasSuffix("%")
        let digits = isPercent ? String(trimmed.dropLast()) : trimmed
        guard let value = Double(digits), value.isFinite, value >= 0 else {
            throw ToleranceError(text: text)
        }
        return isPercent ? value / 100 : value
    }
}

/// A tolerance that does not parse.
public struct ToleranceError: Error, Sendable, CustomStringConvertible {
    /// The text given.
    public var text: String

    public var description: String {
        "tolerance '\(self.text)' is not a percentage or a fraction; expected a value such as 10% or 0.1"
    }
}

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
        // A bare 10 would be 1000 %, which no comparison fails: refuse it and name the percentage.
        guard isPercent || value < 1 else { throw ToleranceError(text: text, bare: value) }
        return isPercent ? value / 100 : value
    }
}

/// A tolerance that does not parse.
public struct ToleranceError: Error, Sendable, CustomStringConvertible {
    /// The text given.
    public var text: String
    /// A bare number of 1 or more, read as a percentage that was meant.
    public var bare: Double?

    public init(text: String, bare: Double? = nil) {
        self.text = text
        self.bare = bare
    }

    public var description: String {
        if let bare = self.bare {
            let number = ThresholdFormat.number(bare)
            return
                "tolerance '\(self.text)' as a fraction is \(ThresholdFormat.number(bare * 100))%; did you mean \(number)%? (write \(number)%, or a fraction below 1 such as 0.1)"
        }
        return "tolerance '\(self.text)' is not a percentage or a fraction; expected a value such as 10% or 0.1"
    }
}

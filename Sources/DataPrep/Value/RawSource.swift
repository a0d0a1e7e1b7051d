/// A source value the parser located in the event but did not build: ASCII text without escapes
/// (its bytes between the quotes) or an integer that fits in 64 bits. Only values of this shape
/// are left raw; anything else (escapes, other Unicode, fractions, literals, containers) is built
/// as a `JSONValue`, so a raw value reads exactly as the built one would.
///
/// `Mapper.check` asks for raw values where the mapping's destination can be checked from them
/// (`RawCheck`): a value that passes is never made into a `String`, and one that does not is
/// built (`value(in:)`) and goes the general way, where it gets its usual warning or rejection.
struct RawSource: Sendable {
    enum Kind: UInt8, Sendable {
        /// No raw value in this slot (look at the built source, if any).
        case none
        /// ASCII text, no escapes: `start..<end` are the bytes between the quotes.
        case text
        /// An integer; `integer` holds it.
        case integer
    }

    var kind: Kind = .none
    var start = 0
    var end = 0
    var integer: Int64 = 0

    static let none = RawSource()

    /// The value built as the parser builds it.
    func value(in event: UnsafeBufferPointer<UInt8>) -> JSONValue? {
        switch self.kind {
        case .none: return nil
        case .text:
            return .string(String(decoding: UnsafeBufferPointer(rebasing: event[self.start..<self.end]), as: UTF8.self))
        case .integer: return .int(self.integer)
        }
    }

    /// The JSON type, as the value built would report it.
    var valueKind: ValueKind { self.kind == .integer ? .integer : .string }
}

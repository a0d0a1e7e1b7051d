/// What a mapping's destination asks of a raw source value (`RawSource`), decided once from the
/// schema node: when `passes` says yes, `Coercion.coerce` would have converted the built value
/// without a warning and `Coercion.check` would have found nothing, so `Mapper.check` records the
/// value as present without building it. A no means "not known to pass": the value is built and
/// goes the general way, which gives the warning or rejection (or passes it after all, e.g. an
/// enum value equal to the text only under Unicode equivalence).
struct RawCheck: Sendable {
    /// The rules for ASCII text; nil when text is always built (the destination converts it).
    let text: TextRule?
    /// The integers that pass; nil when integers are always built.
    let integers: ClosedRange<Int64>?

    struct TextRule: Sendable {
        var minLength: Int?
        var maxLength: Int?
        /// The enum's values as bytes (every enum value is a string), nil without an enum.
        var allowed: [[UInt8]]?
        var pattern: SimplePattern?
    }

    /// Without a schema, values are not converted: every raw value passes.
    static let anything = RawCheck(text: TextRule(), integers: Int64.min...Int64.max)

    private init(text: TextRule?, integers: ClosedRange<Int64>?) {
        self.text = text
        self.integers = integers
    }

    /// Nil when neither text nor integers can be checked raw for `node`.
    init?(node: SchemaNode) {
        var text: TextRule?
        var integers: ClosedRange<Int64>?
        switch node.type {
        case .any:
            text = TextRule()
            integers = Int64.min...Int64.max
        case .string:
            if node.isPlainString {
                // An integer becomes its decimal text, which an unconstrained string takes.
                integers = Int64.min...Int64.max
            }
            let patternCheckable = node.patternRegex == nil || node.simplePattern != nil
            var allowed: [[UInt8]]?
            var enumCheckable = true
            if let values = node.enumValues {
                allowed = []
                for value in values {
                    guard case .string(let string) = value else {
                        enumCheckable = false
                        break
                    }
                    allowed!.append(Array(string.utf8))
                }
            }
            if patternCheckable, enumCheckable, node.minimum == nil, node.maximum == nil {
                text = TextRule(
                    minLength: node.minLength, maxLength: node.maxLength, allowed: allowed, pattern: node.simplePattern)
            }
        case .integer(let width):
            guard node.enumValues == nil else { break }
            var lower = width.range.lowerBound
            var upper = width.range.upperBound
            switch node.minimum {
            case nil: break
            case .int(let minimum)?: lower = max(lower, minimum)
            default: return nil
            }
            switch node.maximum {
            case nil: break
            case .int(let maximum)?: upper = min(upper, maximum)
            default: return nil
            }
            integers = lower <= upper ? lower...upper : nil
        case .number:
            if node.enumValues == nil, node.minimum == nil, node.maximum == nil { integers = Int64.min...Int64.max }
        case .object, .map, .array, .boolean, .date, .dateTime:
            break
        }
        guard text != nil || integers != nil else { return nil }
        self.text = text
        self.integers = integers
    }

    /// Whether the raw value is known to convert and pass (see the type's comment).
    @inline(__always)
    func passes(_ raw: RawSource, in event: UnsafeBufferPointer<UInt8>) -> Bool {
        switch raw.kind {
        case .none:
            return false
        case .integer:
            return self.integers?.contains(raw.integer) ?? false
        case .text:
            guard let rule = self.text else { return false }
            // ASCII: one scalar per byte.
            let length = raw.end - raw.start
            if let minimum = rule.minLength, length < minimum { return false }
            if let maximum = rule.maxLength, length > maximum { return false }
            let bytes = UnsafeBufferPointer(rebasing: event[raw.start..<raw.end])
            if let allowed = rule.allowed, !allowed.contains(where: { $0.elementsEqual(bytes) }) { return false }
            if let pattern = rule.pattern, !pattern.matches(utf8: bytes) { return false }
            return true
        }
    }
}

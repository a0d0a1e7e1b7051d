/// Builds a `String` from Unicode scalars through UTF-8 bytes: appending to a
/// `String.UnicodeScalarView` one scalar at a time costs microseconds per short string.
struct ScalarBuffer {
    var bytes: [UInt8] = []

    init(capacity: Int = 0) {
        self.bytes.reserveCapacity(capacity)
    }

    mutating func append(_ scalar: Unicode.Scalar) {
        if scalar.value < 0x80 {
            self.bytes.append(UInt8(truncatingIfNeeded: scalar.value))
        } else {
            UTF8.encode(scalar) { self.bytes.append($0) }
        }
    }

    mutating func append<S: Sequence>(contentsOf scalars: S) where S.Element == Unicode.Scalar {
        for scalar in scalars { self.append(scalar) }
    }

    mutating func append(_ text: String) {
        self.bytes.append(contentsOf: text.utf8)
    }

    var isEmpty: Bool { self.bytes.isEmpty }

    var string: String { String(decoding: self.bytes, as: UTF8.self) }
}

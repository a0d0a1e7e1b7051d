/// A JSON value as Data Prep sees it, kept exact: integers are 64-bit and never pass through a
/// `Double`, other numbers keep their decimal text, objects keep their key order, and dates made by
/// the date functions stay dates until they are written (as ISO 8601 text).
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// An integer that fits in 64 bits.
    case int(Int64)
    /// Any other number (fraction, exponent, or an integer beyond 64 bits), as its decimal text.
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)
    /// A date-time made by a date function (`date`, `now`, `make_date_time`, ...).
    case date(DateTimeValue)
}

/// A non-integer (or oversized integer) JSON number, kept as the text it was written with so that
/// nothing is lost on the way through; `doubleValue` is for arithmetic.
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
    /// The number's JSON text, e.g. `"20.5"`, `"1e3"`, `"123456789012345678901234"`.
    public var text: String

    public init(text: String) {
        self.text = text
    }

    public init(_ value: Double) {
        self.text = value.isFinite ? "\(value)" : "null"
    }

    public var doubleValue: Double { Double(self.text) ?? .nan }
    public var description: String { self.text }
}

/// A JSON object with its keys in the order they were read or written.
public struct JSONObject: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public var key: String
        public var value: JSONValue

        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    public var entries: [Entry]

    public init(_ entries: [Entry] = []) {
        self.entries = entries
    }

    public init(_ pairs: KeyValuePairs<String, JSONValue>) {
        self.entries = pairs.map { Entry(key: $0.key, value: $0.value) }
    }

    public var keys: [String] { self.entries.map(\.key) }
    public var count: Int { self.entries.count }
    public var isEmpty: Bool { self.entries.isEmpty }

    /// The value under `key`; setting `nil` removes the key, setting a new key appends it.
    public subscript(key: String) -> JSONValue? {
        get { self.entries.first(where: { $0.key == key })?.value }
        set {
            if let index = self.entries.firstIndex(where: { $0.key == key }) {
                if let newValue {
                    self.entries[index].value = newValue
                } else {
                    self.entries.remove(at: index)
                }
            } else if let newValue {
                self.entries.append(Entry(key: key, value: newValue))
            }
        }
    }
}

/// An instant with the zone it is expressed in, as the Data Prep date functions return it.
public struct DateTimeValue: Sendable, Hashable {
    /// Nanoseconds since 1970-01-01T00:00:00Z (covers the years 1677 to 2262).
    public var epochNanoseconds: Int64
    /// An IANA zone identifier (`"UTC"`, `"America/Los_Angeles"`) or a fixed offset (`"+02:00"`).
    public var zoneIdentifier: String

    public init(epochNanoseconds: Int64, zoneIdentifier: String = "UTC") {
        self.epochNanoseconds = epochNanoseconds
        self.zoneIdentifier = zoneIdentifier
    }

    public init(epochMilliseconds: Int64, zoneIdentifier: String = "UTC") {
        self.epochNanoseconds = epochMilliseconds &* 1_000_000
        self.zoneIdentifier = zoneIdentifier
    }

    public var epochMilliseconds: Int64 {
        self.epochNanoseconds >= 0
            ? self.epochNanoseconds / 1_000_000
            : -((-self.epochNanoseconds + 999_999) / 1_000_000)
    }
}

/// Per worker, the converted values of calculated fields that are pure calls of one variable
/// argument (`CompiledExpression.keyedCall`: `dformat(timestamp * 1000, "...")`,
/// `sha256(visitorId)`), by mapping and by that argument's value: a hit skips the call, the
/// conversion to the destination's type and its checks (a date-time's text, a hash's pattern).
/// Only values that converted cleanly (no warning, no rejection) are kept, so whatever went wrong
/// once goes the general way, and is reported, every time. A direct-mapped table per mapping,
/// checked against the argument exactly (`CallMemo.identical`).
struct ResultMemo: Sendable {
    static let entriesPerMapping = 4096

    struct Entry: Sendable {
        var key: JSONValue
        /// The value converted for the destination.
        var value: JSONValue
        /// The JSON type of the call's result (what the mapping observed).
        var kind: ValueKind
    }

    private var tables: [[Entry?]] = []

    func lookup(mapping: Int, key: JSONValue, hash: Int) -> Entry? {
        guard mapping < self.tables.count, !self.tables[mapping].isEmpty,
              let entry = self.tables[mapping][Self.index(hash)], CallMemo.identical(entry.key, key) else { return nil }
        return entry
    }

    mutating func store(mapping: Int, hash: Int, _ entry: Entry) {
        while self.tables.count <= mapping { self.tables.append([]) }
        if self.tables[mapping].isEmpty { self.tables[mapping] = Array(repeating: nil, count: Self.entriesPerMapping) }
        self.tables[mapping][Self.index(hash)] = entry
    }

    static func index(_ hash: Int) -> Int {
        Int(UInt(bitPattern: hash) % UInt(Self.entriesPerMapping))
    }
}

/// Per worker, the converted values of calculated fields that are pure calls of one variable
/// argument (`CompiledExpression.keyedCall`: `dformat(timestamp * 1000, "...")`,
/// `sha256(visitorId)`), by mapping and by that argument's value: a hit skips the call, the
/// conversion to the destination's type and its checks (a date-time's text, a hash's pattern).
/// Only values that converted cleanly (no warning, no rejection) are kept, so whatever went wrong
/// once goes the general way, and is reported, every time. A direct-mapped table per mapping,
/// checked against the argument exactly (`CallMemo.identical`).
struct ResultMemo: Sendable {
    static let entriesPerMapping = 4096

    /// The tables of all mappings, one after the other in flat arrays (looking a key up copies
    /// no array): mapping `m`'s table starts at `tableOf[m] * entriesPerMapping`.
    private var tableOf: [Int] = []
    private var filled: [Bool] = []
    private var keys: [JSONValue] = []
    /// The values converted for the destination.
    private var values: [JSONValue] = []
    /// The JSON type of the call's result (what the mapping observed).
    private var kinds: [ValueKind] = []

    /// The converted value and the observed type remembered for `key` (`hash` is its hash value).
    func lookup(mapping: Int, key: JSONValue, hash: Int) -> (value: JSONValue, kind: ValueKind)? {
        guard mapping < self.tableOf.count, self.tableOf[mapping] >= 0 else { return nil }
        let index = self.tableOf[mapping] * Self.entriesPerMapping + Self.index(hash)
        guard self.filled[index], CallMemo.identical(self.keys[index], key) else { return nil }
        return (self.values[index], self.kinds[index])
    }

    mutating func store(mapping: Int, hash: Int, key: JSONValue, value: JSONValue, kind: ValueKind) {
        while self.tableOf.count <= mapping { self.tableOf.append(-1) }
        if self.tableOf[mapping] < 0 {
            self.tableOf[mapping] = self.filled.count / Self.entriesPerMapping
            self.filled.append(contentsOf: repeatElement(false, count: Self.entriesPerMapping))
            self.keys.append(contentsOf: repeatElement(.null, count: Self.entriesPerMapping))
            self.values.append(contentsOf: repeatElement(.null, count: Self.entriesPerMapping))
            self.kinds.append(contentsOf: repeatElement(.null, count: Self.entriesPerMapping))
        }
        let index = self.tableOf[mapping] * Self.entriesPerMapping + Self.index(hash)
        self.filled[index] = true
        self.keys[index] = key
        self.values[index] = value
        self.kinds[index] = kind
    }

    static func index(_ hash: Int) -> Int {
        Int(UInt(bitPattern: hash) % UInt(Self.entriesPerMapping))
    }
}

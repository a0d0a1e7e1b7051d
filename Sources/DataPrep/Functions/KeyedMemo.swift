import Foundation

/// Values remembered by a JSON key, per site, for one worker: per site a direct-mapped table of
/// 4,096 entries, indexed by the key's hash and checked against the key on every hit. The tables
/// of all sites lie one after the other in flat arrays, so a look-up copies no array.
///
/// Keys are compared exactly (`identical`): Swift's `==` on strings is Unicode canonical
/// equivalence, under which `"é"` and `"e\u{301}"` are equal, though `sha256` gives each its own
/// digest.
struct KeyedMemo<Value: Sendable>: Sendable {
    static var entriesPerSite: Int { 4096 }

    /// Site `s`'s table starts at `tableOf[s] * entriesPerSite` (-1: no table yet).
    private var tableOf: [Int] = []
    private var keys: [JSONValue] = []
    private var values: [Value?] = []

    /// The value remembered at `site` for `key` (`hash` is the key's hash value).
    func lookup(site: Int, key: JSONValue, hash: Int) -> Value? {
        guard site < self.tableOf.count, self.tableOf[site] >= 0 else { return nil }
        let index = self.tableOf[site] * Self.entriesPerSite + Self.index(hash)
        guard self.values[index] != nil, Self.identical(self.keys[index], key) else { return nil }
        return self.values[index]
    }

    mutating func store(site: Int, key: JSONValue, hash: Int, _ value: Value) {
        while self.tableOf.count <= site { self.tableOf.append(-1) }
        if self.tableOf[site] < 0 {
            self.tableOf[site] = self.keys.count / Self.entriesPerSite
            self.keys.append(contentsOf: repeatElement(.null, count: Self.entriesPerSite))
            self.values.append(contentsOf: repeatElement(nil, count: Self.entriesPerSite))
        }
        let index = self.tableOf[site] * Self.entriesPerSite + Self.index(hash)
        self.keys[index] = key
        self.values[index] = value
    }

    static func index(_ hash: Int) -> Int {
        Int(UInt(bitPattern: hash) % UInt(Self.entriesPerSite))
    }

    /// Equal as JSON text: strings byte for byte (not by canonical equivalence), the rest by `==`.
    static func identical(_ left: JSONValue, _ right: JSONValue) -> Bool {
        switch (left, right) {
        case (.string(let l), .string(let r)):
            guard l.utf8.count == r.utf8.count else { return false }
            let compared = l.utf8.withContiguousStorageIfAvailable { left in
                r.utf8.withContiguousStorageIfAvailable { right in
                    left.count == 0 || memcmp(left.baseAddress!, right.baseAddress!, left.count) == 0
                }
            }
            if let compared, let compared { return compared }
            return l.utf8.elementsEqual(r.utf8)
        case (.array(let l), .array(let r)):
            return l.count == r.count && zip(l, r).allSatisfy(Self.identical)
        case (.object(let l), .object(let r)):
            return l.count == r.count
                && zip(l.entries, r.entries).allSatisfy { a, b in
                    Self.identical(.string(a.key), .string(b.key)) && Self.identical(a.value, b.value)
                }
        default:
            return left == right
        }
    }
}

/// Results of pure library calls (`CompiledExpression.pureFunctions`) by call site (each site is
/// one call of one function), keyed by the arguments (`.array`), or by the one argument that is
/// not a literal (`CompiledExpression.keyedCall`). Only results are kept, never errors, so a
/// failing call fails every time as before. It lives in the worker's `FunctionContext`.
typealias CallMemo = KeyedMemo<JSONValue>

/// The converted values of calculated fields that are pure calls of one variable argument
/// (`dformat(timestamp * 1000, "...")`, `sha256(visitorId)`), by mapping and by that argument's
/// value: a hit skips the call, the conversion to the destination's type and its checks (a
/// date-time's text, a hash's pattern). Only values that converted cleanly (no warning, no
/// rejection) are kept, so whatever went wrong once goes the general way, and is reported, every time.
typealias ResultMemo = KeyedMemo<RememberedValue>

/// A calculated field's value converted for its destination, and the JSON type of the call's
/// result (what the mapping observed).
struct RememberedValue: Sendable {
    var value: JSONValue
    var kind: ValueKind
}

import Foundation

/// Results of pure library calls (`CompiledExpression.pureFunctions`) by call site, for one worker
/// (it lives in the `FunctionContext`): per site a direct-mapped table of 4,096 entries, indexed by a
/// hash of the arguments and checked against them on every hit. Only results are kept, never
/// errors, so a failing call fails every time as before.
///
/// Arguments are compared exactly (`identical`): Swift's `==` on strings is Unicode canonical
/// equivalence, under which `"é"` and `"e\u{301}"` are equal, though `sha256` gives each its own
/// digest.
struct CallMemo: Sendable {
    static let entriesPerSite = 4096

    struct Entry: Sendable {
        var name: String
        var arguments: [JSONValue]
        var result: JSONValue
    }

    /// A call site whose arguments are all literals but one: only that one is kept.
    struct KeyedEntry: Sendable {
        var key: JSONValue
        var result: JSONValue
    }

    /// Where a missed call's result goes.
    struct Slot {
        var site: Int
        var index: Int
    }

    enum Lookup {
        case hit(JSONValue)
        case miss(Slot)
    }

    private var sites: [[Entry?]] = []
    private var keyedSites: [[KeyedEntry?]] = []

    mutating func lookup(site: Int, name: String, arguments: [JSONValue]) -> Lookup {
        var hasher = Hasher()
        hasher.combine(arguments)
        let index = Int(UInt(bitPattern: hasher.finalize()) % UInt(Self.entriesPerSite))
        if site < self.sites.count, !self.sites[site].isEmpty, let entry = self.sites[site][index], entry.name == name,
           entry.arguments.count == arguments.count, zip(entry.arguments, arguments).allSatisfy(Self.identical) {
            return .hit(entry.result)
        }
        return .miss(Slot(site: site, index: index))
    }

    mutating func store(_ slot: Slot, name: String, arguments: [JSONValue], result: JSONValue) {
        // Site numbers are shared by both kinds of site: a table is made on a site's first store.
        while self.sites.count <= slot.site { self.sites.append([]) }
        if self.sites[slot.site].isEmpty { self.sites[slot.site] = Array(repeating: nil, count: Self.entriesPerSite) }
        self.sites[slot.site][slot.index] = Entry(name: name, arguments: arguments, result: result)
    }

    /// The result remembered at a keyed site (see `CompiledExpression.keyedCall`) for `key`.
    mutating func lookup(keyedSite site: Int, key: JSONValue) -> Lookup {
        let index = Int(UInt(bitPattern: key.hashValue) % UInt(Self.entriesPerSite))
        if site < self.keyedSites.count, !self.keyedSites[site].isEmpty, let entry = self.keyedSites[site][index], Self.identical(entry.key, key) {
            return .hit(entry.result)
        }
        return .miss(Slot(site: site, index: index))
    }

    mutating func store(keyed slot: Slot, key: JSONValue, result: JSONValue) {
        while self.keyedSites.count <= slot.site { self.keyedSites.append([]) }
        if self.keyedSites[slot.site].isEmpty { self.keyedSites[slot.site] = Array(repeating: nil, count: Self.entriesPerSite) }
        self.keyedSites[slot.site][slot.index] = KeyedEntry(key: key, result: result)
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
            return l.count == r.count && zip(l.entries, r.entries).allSatisfy { a, b in
                Self.identical(.string(a.key), .string(b.key)) && Self.identical(a.value, b.value)
            }
        default:
            return left == right
        }
    }
}

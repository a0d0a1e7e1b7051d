/// Results of pure library calls (`CompiledExpression.pureFunctions`) by call site, for one worker
/// (it lives in the `FunctionContext`): per site a direct-mapped table of 256 entries, indexed by a
/// hash of the arguments and checked against them (and the function's name) on every hit. Only
/// results are kept, never errors, so a failing call fails every time as before.
struct CallMemo: Sendable {
    static let entriesPerSite = 256

    struct Entry: Sendable {
        var name: String
        var arguments: [JSONValue]
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

    mutating func lookup(site: Int, name: String, arguments: [JSONValue]) -> Lookup {
        var hasher = Hasher()
        hasher.combine(arguments)
        let index = Int(UInt(bitPattern: hasher.finalize()) % UInt(Self.entriesPerSite))
        if site < self.sites.count, let entry = self.sites[site][index], entry.name == name, entry.arguments == arguments {
            return .hit(entry.result)
        }
        return .miss(Slot(site: site, index: index))
    }

    mutating func store(_ slot: Slot, name: String, arguments: [JSONValue], result: JSONValue) {
        while self.sites.count <= slot.site { self.sites.append(Array(repeating: nil, count: Self.entriesPerSite)) }
        self.sites[slot.site][slot.index] = Entry(name: name, arguments: arguments, result: result)
    }
}

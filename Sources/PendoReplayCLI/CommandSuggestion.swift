/// A first argument that is no subcommand: `run`, the default, takes no word of its own, so
/// `pendo-replay valdiate ...` would otherwise end in run's usage. It gets "did you mean validate?".
enum CommandSuggestion {
    /// The message for `arguments` (without the program name), or nil when its first word is a
    /// subcommand, a flag, or absent.
    static func problem(arguments: [String], commands: [String]) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-"), !commands.contains(first), first != "help" else {
            return nil
        }
        let scored = commands.map { (name: $0, distance: Self.distance(first.lowercased(), $0)) }
        if let best = scored.min(by: { $0.distance < $1.distance }), best.distance <= max(2, first.count / 3) {
            return "unknown command '\(first)'; did you mean \(best.name)?"
        }
        return "unknown command '\(first)'; the commands are \(commands.joined(separator: ", ")) (pendo-replay --help)"
    }

    /// Edit distance (insertions, deletions, substitutions and swaps of neighbours) between two words.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}

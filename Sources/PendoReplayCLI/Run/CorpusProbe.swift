import PendoEvents

/// Reads a corpus up to its first readable event before a run: a corpus that yields none (a CSV,
/// random bytes, a mapping file given as `--corpus`) is a failed run, reported with the reader's
/// located errors, not a run that sends nothing and says "completed".
enum CorpusProbe {
    /// nil when `paths` yield at least one event; else what to print: the count of unreadable
    /// events and the first `limit` of the reader's errors (file and line).
    static func problem(paths: [String], limit: Int = 5) throws -> String? {
        let reader = try CorpusReader(paths: paths)
        var errors: [String] = []
        var unreadable = 0
        while true {
            do {
                guard try reader.next() != nil else { break }
                return nil
            } catch {
                unreadable += 1
                if errors.count < limit { errors.append("\(error)") }
            }
        }
        let corpus = paths.joined(separator: " ")
        guard unreadable > 0 else {
            return "--corpus \(corpus): holds no event (files read: \(reader.files.joined(separator: ", ")))"
        }
        var text = "--corpus \(corpus): no readable event (\(unreadable) unreadable); nothing to send"
        for error in errors { text += "\n  " + error }
        if unreadable > errors.count {
            text += "\n  … and \(unreadable - errors.count) more (pendo-replay inspect lists them)"
        }
        return text
    }
}

import Foundation

/// Turns the paths a user gives into the list of corpus files to read.
public enum CorpusPaths {
    /// Whether a file name is one a folder's corpus is made of.
    public static func isCorpusFileName(_ name: String) -> Bool {
        name.hasSuffix(".jsonl") || name.hasSuffix(".jsonl.gz") || name.hasSuffix(".json") || name.hasSuffix(".json.gz")
    }

    /// Expands folders into their `*.jsonl[.gz]` and `*.json[.gz]` files in name order (not
    /// recursive: a bundle's `mapping.json` and `schema.json` are skipped); files stay as given.
    public static func expand(_ paths: [String]) throws(CorpusError) -> [String] {
        var files: [String] = []
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw CorpusError(file: path, line: 0, kind: .notFound)
            }
            if !isFolder.boolValue {
                files.append(path)
                continue
            }
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: path)
            } catch {
                throw CorpusError(file: path, line: 0, kind: .unreadable("\(error.localizedDescription)"))
            }
            let bundleSidecars: Set<String> = ["mapping.json", "schema.json"]
            let chosen =
                names
                .filter { CorpusPaths.isCorpusFileName($0) && !bundleSidecars.contains($0) && !$0.hasPrefix(".") }
                .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            if chosen.isEmpty {
                throw CorpusError(file: path, line: 0, kind: .emptyFolder)
            }
            let prefix = path.hasSuffix("/") ? path : path + "/"
            files.append(contentsOf: chosen.map { prefix + $0 })
        }
        return files
    }
}

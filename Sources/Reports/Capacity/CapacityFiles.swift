import Foundation

/// The files a capacity search writes into its output folder.
public enum CapacityFiles {
    public static let json = "capacity.json"
    public static let markdown = "capacity.md"
    public static let html = "capacity.html"

    /// `capacity.json` as written: pretty-printed, keys sorted.
    public static func encode(_ report: CapacityReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(report), as: UTF8.self) + "\n"
    }

    /// Writes `capacity.json`, `capacity.md` and `capacity.html` into `directory` (created if missing).
    public static func write(_ report: CapacityReport, to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for (name, contents) in [
            (Self.json, try Self.encode(report)), (Self.markdown, CapacityMarkdown.render(report)),
            (Self.html, CapacityHTML.render(report)),
        ] {
            let path = (directory as NSString).appendingPathComponent(name)
            do {
                try Data(contents.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            } catch {
                throw ReportFileError(path: path, problem: "cannot write: \(error.localizedDescription)")
            }
        }
    }
}

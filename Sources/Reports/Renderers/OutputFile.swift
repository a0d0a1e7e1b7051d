import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How every output file is written: to a temporary name in the same folder, then renamed into
/// place, so a reader (or a run killed halfway) never sees half a file and a failed write leaves the
/// previous file whole. Also how a run claims an output folder of its own.
public enum OutputFile {
    /// A fresh temporary path beside `path` (same folder, so the rename stays on one file system),
    /// hidden, and ending as `path` does (a writer that picks gzip by the `.gz` suffix still does).
    public static func temporaryPath(for path: String) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let unique = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        return (directory.isEmpty ? "" : directory + "/") + ".partial-\(unique)-\(name)"
    }

    /// Writes `data` to `path` through a temporary file, replacing what was there (`replace`), or
    /// refusing an existing file (`replace == false`, the check and the rename being one step).
    public static func write(_ data: Data, to path: String, replace: Bool = true) throws {
        let temporary = Self.temporaryPath(for: path)
        do {
            try data.write(to: URL(fileURLWithPath: temporary), options: .withoutOverwriting)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw ReportFileError(path: path, problem: "cannot write: \(error.localizedDescription)")
        }
        try Self.commit(temporary, to: path, replace: replace)
    }

    /// Moves the finished `temporary` to `path`; removes `temporary` when that fails. With
    /// `replace == false` an existing `path` is refused (a hard link fails on an existing name
    /// atomically, where a check before a rename could race).
    public static func commit(_ temporary: String, to path: String, replace: Bool) throws {
        if replace {
            guard rename(temporary, path) == 0 else {
                let problem = String(cString: strerror(errno))
                unlink(temporary)
                throw ReportFileError(path: path, problem: "cannot write: \(problem)")
            }
            return
        }
        guard link(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            if code == EEXIST {
                throw ReportFileError(
                    path: path, problem: "already exists; give --force to replace it, or another name")
            }
            throw ReportFileError(path: path, problem: "cannot write: \(String(cString: strerror(code)))")
        }
        unlink(temporary)
    }

    /// Creates and returns a folder of its own under `parent`, named `stem`, or `stem-2`, `stem-3`, ...
    /// when another run (even one started in the same second) has that name already.
    public static func claimFolder(in parent: String, stem: String) throws -> String {
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw ReportFileError(path: parent, problem: "cannot create the folder: \(error.localizedDescription)")
        }
        for attempt in 1...1000 {
            let name = attempt == 1 ? stem : "\(stem)-\(attempt)"
            let path = (parent as NSString).appendingPathComponent(name)
            // mkdir either creates the folder or fails on an existing one: two runs cannot both get it.
            if mkdir(path, 0o755) == 0 { return path }
            let code = errno
            if code != EEXIST {
                throw ReportFileError(
                    path: path, problem: "cannot create the folder: \(String(cString: strerror(code)))")
            }
        }
        throw ReportFileError(
            path: (parent as NSString).appendingPathComponent(stem),
            problem: "1000 folders of this name exist already; give --out DIR")
    }
}

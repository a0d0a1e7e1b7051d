import ArgumentParser
import Foundation
import Reports

/// Shared plumbing of the `report` subcommands: reading, writing, errors to exit codes.
enum ReportCLI {
    /// A usage problem: message on stderr, exit 2.
    struct UsageError: Error {
        var message: String
    }

    /// Runs `body`, turning errors into a message on stderr and the project's exit codes.
    static func exitOnError(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let exit as ExitCode {
            throw exit
        } catch let usage as UsageError {
            StandardError.write("error: \(usage.message)\n")
            throw ExitCode(2)
        } catch let syntax as ThresholdSyntaxError {
            StandardError.write("error: \(syntax)\n")
            throw ExitCode(2)
        } catch {
            StandardError.write("error: \(error)\n")
            throw ExitCode(1)
        }
    }

    /// Parses `--threshold` values.
    static func thresholds(_ expressions: [String]) throws -> ThresholdSet {
        try ThresholdSet(parsing: expressions)
    }

    /// The facts of a validate report, or nil when `path` is not one (a run report).
    static func validationFacts(_ path: String) throws -> ValidationFacts? {
        let data = try self.read(path)
        guard ValidationFacts.looksLikeValidation(data) else { return nil }
        return try ValidationFacts(json: data, path: path)
    }

    /// The report a path stands for: a file as it is; a folder's report.json, else its validation.json.
    static func reportFile(_ path: String) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return path
        }
        let report = (path as NSString).appendingPathComponent(ReportFiles.reportJSON)
        if FileManager.default.fileExists(atPath: report) { return report }
        return (path as NSString).appendingPathComponent("validation.json")
    }

    static func read(_ path: String) throws -> Data {
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ReportFileError(path: path, problem: "cannot read: \(error.localizedDescription)")
        }
    }

    /// Writes to a file, or to stdout when `path` is nil.
    static func output(_ text: String, to path: String?) throws {
        guard let path else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        do {
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
            try OutputFile.write(Data(text.utf8), to: path)
        } catch let error as ReportFileError {
            throw error
        } catch {
            throw ReportFileError(path: path, problem: "cannot write: \(error.localizedDescription)")
        }
    }
}

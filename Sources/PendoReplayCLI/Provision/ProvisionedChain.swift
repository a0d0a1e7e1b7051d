import FlowServiceClient
import Foundation

/// The ids of a provisioned chain, as `provision` prints them and `--save` writes them: rewritten
/// after each resource is created, so that a failure partway leaves a file `--teardown` can clean
/// up with. `run --flow FILE` reads the flow, its inlet and the Flow Service from it.
struct ProvisionedChain: Codable, Sendable, Equatable {
    /// The Flow Service the chain was created through.
    var flowService: String?
    var schemaId: String?
    var datasetId: String?
    var sourceConnectionId: String?
    var targetConnectionId: String?
    var mappingId: String?
    var flowId: String?
    var flowEtag: String?
    var inletUrl: String?
    /// What `provision` created itself (`schema`, `dataset`, `mappingSet`, ...), as opposed to ids it
    /// was given: `--teardown` deletes only these.
    var created: [String]?

    /// Reads a file `provision --save` wrote; `flag` names where the path came from in errors.
    static func load(_ path: String, flag: String) throws -> ProvisionedChain {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FlowServiceError.configuration("\(flag) \(path): cannot read the file")
        }
        do {
            return try JSONDecoder().decode(ProvisionedChain.self, from: data)
        } catch {
            throw FlowServiceError.configuration(
                "\(flag) \(path): not a file written by `pendo-replay provision --save` (a JSON object of ids)")
        }
    }

    /// The JSON text printed and saved (keys sorted, one per line).
    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// Writes the file whole or not at all: a temporary file beside it, then a rename.
    func write(to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(
            ".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try self.encoded().write(to: temporary)
            if rename(temporary.path, url.path) != 0 {
                let reason = String(cString: strerror(errno))
                try? FileManager.default.removeItem(at: temporary)
                throw FlowServiceError.configuration("--save \(path): cannot write the file (\(reason))")
            }
        } catch let error as FlowServiceError {
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw FlowServiceError.configuration(
                "--save \(path): cannot write the file (\(error.localizedDescription))")
        }
    }
}

import Foundation
import Testing

/// `provision --save` against `serve` on loopback: the file is written as each resource is
/// created, so that a chain that fails partway can be torn down from it.
@Suite("provision --save and --teardown", .serialized)
struct ProvisionSaveTests {
    @Test("a failure partway leaves the ids created so far in the --save file, and --teardown deletes them")
    func partialChain() async throws {
        let server = try await ServeProcess.start(arguments: [])
        defer { server.terminate() }
        let service = "http://127.0.0.1:\(server.port)"
        let folder = CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let saved = (folder as NSString).appendingPathComponent("flow.json")
        // A mapping set without mappings: the emulator refuses it (400) after the schema, the
        // dataset and both connections exist.
        let mapping = (folder as NSString).appendingPathComponent("mapping.json")
        try Data(#"{"mappings": []}"#.utf8).write(to: URL(fileURLWithPath: mapping))
        let provision = try await CLIProcess.run(["provision", "--flow-service", service, "--mapping", mapping,
                                                  "--schema", "corpora/pendo-seed/schema.json", "--save", saved], timeout: 30)
        #expect(provision.status == 1, "stderr: \(provision.stderr)")
        #expect(provision.stderr.contains("mappingSets answered 400"), "\(provision.stderr)")
        let ids = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: saved))) as? [String: String])
        #expect(Set(ids.keys) == ["flowService", "schemaId", "datasetId", "sourceConnectionId", "targetConnectionId"])
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty, "temporary files left: \(leftovers)")

        let teardown = try await CLIProcess.run(["provision", "--flow-service", service, "--teardown", saved], timeout: 30)
        #expect(teardown.status == 0, "stderr: \(teardown.stderr)")
        // Deleted: a second teardown finds no target connection (deleted before the source one).
        let again = try await CLIProcess.run(["provision", "--flow-service", service, "--teardown", saved], timeout: 30)
        #expect(again.status == 1)
        #expect(again.stderr.contains("targetConnections/\(ids["targetConnectionId"] ?? "?") answered 404"), "\(again.stderr)")
    }

    @Test("ids from a --teardown file are checked before they go into a URL")
    func idsFromFilesAreChecked() async throws {
        let folder = CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let saved = (folder as NSString).appendingPathComponent("flow.json")
        try Data(#"{"flowId": "../sourceConnections/x"}"#.utf8).write(to: URL(fileURLWithPath: saved))
        // Nothing listens on port 1: a request sent would fail as a transport error, not this one.
        let teardown = try await CLIProcess.run(["provision", "--flow-service", "http://127.0.0.1:1", "--teardown", saved], timeout: 30)
        #expect(teardown.status == 2, "stderr: \(teardown.stderr)")
        #expect(teardown.stderr.contains("flow id '../sourceConnections/x' is not an id"), "\(teardown.stderr)")
    }

    @Test("http:// to a routable address is refused before anything is sent")
    func cleartextRefused() async throws {
        let folder = CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let credentials = (folder as NSString).appendingPathComponent("credentials.json")
        try Data(#"{"accessToken": "t0ken", "apiKey": "k3y0", "orgId": "O@AdobeOrg", "sandboxName": "prod"}"#.utf8)
            .write(to: URL(fileURLWithPath: credentials))
        let result = try await CLIProcess.run(["provision", "--flow-service", "http://192.0.2.1:8080", "--corpus", "corpora/pendo-seed",
                                               "--credentials", credentials], timeout: 30)
        #expect(result.status == 2, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("http:// is refused except to a loopback address"), "\(result.stderr)")
    }
}

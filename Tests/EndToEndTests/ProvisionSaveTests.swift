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
        let provision = try await CLIProcess.run(
            [
                "provision", "--flow-service", service, "--mapping", mapping,
                "--schema", "corpora/pendo-seed/schema.json", "--save", saved,
            ], timeout: 30)
        #expect(provision.status == 1, "stderr: \(provision.stderr)")
        #expect(provision.stderr.contains("mappingSets answered 400"), "\(provision.stderr)")
        let file = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: saved))) as? [String: Any])
        let ids = file.compactMapValues { $0 as? String }
        #expect(
            Set(file.keys) == [
                "flowService", "schemaId", "datasetId", "sourceConnectionId", "targetConnectionId", "created",
            ])
        #expect(file["created"] as? [String] == ["schema", "dataset", "sourceConnection", "targetConnection"])
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty, "temporary files left: \(leftovers)")

        let teardown = try await CLIProcess.run(
            ["provision", "--flow-service", service, "--teardown", saved], timeout: 30)
        #expect(teardown.status == 0, "stderr: \(teardown.stderr)")
        #expect(
            teardown.stderr.contains(
                "deleted target connection \(ids["targetConnectionId"] ?? "?"), source connection \(ids["sourceConnectionId"] ?? "?"), dataset \(ids["datasetId"] ?? "?"), schema \(ids["schemaId"] ?? "?")"
            ), "\(teardown.stderr)")
        // The dataset and the schema are gone too: a file listing only them finds no dataset.
        let rest = (folder as NSString).appendingPathComponent("rest.json")
        try JSONSerialization.data(withJSONObject: [
            "datasetId": ids["datasetId"] ?? "", "schemaId": ids["schemaId"] ?? "", "created": ["schema", "dataset"],
        ])
        .write(to: URL(fileURLWithPath: rest))
        let gone = try await CLIProcess.run(["provision", "--flow-service", service, "--teardown", rest], timeout: 30)
        #expect(gone.status == 1)
        #expect(gone.stderr.contains("dataSets/\(ids["datasetId"] ?? "?") answered 404"), "\(gone.stderr)")
        // Deleted: a second teardown finds no target connection (deleted before the source one).
        let again = try await CLIProcess.run(
            ["provision", "--flow-service", service, "--teardown", saved], timeout: 30)
        #expect(again.status == 1)
        #expect(
            again.stderr.contains("targetConnections/\(ids["targetConnectionId"] ?? "?") answered 404"),
            "\(again.stderr)")
    }

    @Test(
        "ids given to provision are never torn down; a mapping set the schema cannot take is refused before anything is created"
    )
    func givenIdsStayAndLocalChecksComeFirst() async throws {
        let bench = try await FaultBench.start([])
        defer { Task { await bench.finish() } }
        let (service, folder, first) = (bench.base, bench.folder, bench.flowFile)
        let ids = try bench.savedIds()
        let schemaId = try #require(ids["schemaId"] as? String)
        let datasetId = try #require(ids["datasetId"] as? String)
        // A second chain on the same schema and dataset: its teardown leaves them (and the mapping set) in place.
        let second = (folder as NSString).appendingPathComponent("second.json")
        let reused = try await CLIProcess.run(
            [
                "provision", "--flow-service", service, "--mapping", "corpora/pendo-seed/mapping.json",
                "--schema-id", schemaId, "--dataset-id", datasetId, "--save", second,
            ], timeout: 30)
        #expect(reused.status == 0, "stderr: \(reused.stderr)")
        let teardown = try await CLIProcess.run(
            ["provision", "--flow-service", service, "--teardown", second], timeout: 30)
        #expect(teardown.status == 0, "stderr: \(teardown.stderr)")
        #expect(!teardown.stderr.contains("dataset") && !teardown.stderr.contains("schema"), "\(teardown.stderr)")
        #expect(
            teardown.stderr.contains("stays: Adobe's Data Prep API has no call that deletes one"), "\(teardown.stderr)")
        let firstDown = try await CLIProcess.run(
            ["provision", "--flow-service", service, "--teardown", first], timeout: 30)
        #expect(firstDown.status == 0, "the first chain's dataset and schema were still there: \(firstDown.stderr)")

        // An expression error and a destination the schema lacks: named with their place, exit 2, and
        // nothing is sent (nothing listens on port 1: a request would fail as a transport error, exit 1).
        let broken = (folder as NSString).appendingPathComponent("broken.json")
        try Data(
            #"{"mappings": [{"sourceType": "EXPRESSION", "source": "lower(", "destination": "_extconndev.uniqueid"}]}"#
                .utf8
        )
        .write(to: URL(fileURLWithPath: broken))
        let refused = try await CLIProcess.run(
            [
                "provision", "--flow-service", "http://127.0.0.1:1", "--mapping", broken,
                "--schema", "corpora/pendo-seed/schema.json",
            ], timeout: 30)
        #expect(refused.status == 2, "stderr: \(refused.stderr)")
        #expect(refused.stderr.contains(broken), "\(refused.stderr)")
        let typo = (folder as NSString).appendingPathComponent("typo.json")
        try Data(#"{"mappings": [{"source": "uniqueId", "destination": "_extconndev.uniqeid"}]}"#.utf8).write(
            to: URL(fileURLWithPath: typo))
        let lacking = try await CLIProcess.run(
            [
                "provision", "--flow-service", "http://127.0.0.1:1", "--mapping", typo,
                "--schema", "corpora/pendo-seed/schema.json",
            ], timeout: 30)
        #expect(lacking.status == 2, "stderr: \(lacking.stderr)")
        #expect(lacking.stderr.contains("the schema has no field uniqeid under _extconndev"), "\(lacking.stderr)")
        #expect(lacking.stderr.contains("nothing was created"), "\(lacking.stderr)")
    }

    @Test("ids from a --teardown file are checked before they go into a URL")
    func idsFromFilesAreChecked() async throws {
        let folder = CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let saved = (folder as NSString).appendingPathComponent("flow.json")
        try Data(#"{"flowId": "../sourceConnections/x"}"#.utf8).write(to: URL(fileURLWithPath: saved))
        // Nothing listens on port 1: a request sent would fail as a transport error, not this one.
        let teardown = try await CLIProcess.run(
            ["provision", "--flow-service", "http://127.0.0.1:1", "--teardown", saved], timeout: 30)
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
        let result = try await CLIProcess.run(
            [
                "provision", "--flow-service", "http://192.0.2.1:8080", "--corpus", "corpora/pendo-seed",
                "--credentials", credentials,
            ], timeout: 30)
        #expect(result.status == 2, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("http:// is refused except to a loopback address"), "\(result.stderr)")
    }
}

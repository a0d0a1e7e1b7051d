import Foundation
import HTTPTypes
import Testing

@testable import InletEmulator

/// Adobe's Postman collections replayed against the emulator: every in-scope request of
/// `Conformance/adobe-collections.json` (the collections' requests with the seed's bodies, in run
/// order) must get the status, headers and body shape Adobe's OpenAPI specs document.
@Suite struct AdobeConformanceTests {
    @Test("Adobe's collections, replayed, get Adobe's documented answers")
    func collectionsReplayed() async throws {
        let manifest = try ConformanceManifest.load()
        let harness = try await EmulatorHarness()
        defer { Task { await harness.stop() } }
        var run = ConformanceRun(
            manifest: manifest, base: "http://127.0.0.1:\(harness.port)", gateway: "127.0.0.1:\(harness.port)")
        var answered = 0
        for step in manifest.steps {
            let request = try run.resolve(step)
            var headers = HTTPFields()
            for (name, value) in request.headers {
                guard let field = HTTPField.Name(name) else { continue }
                headers.append(HTTPField(name: field, value: value))
            }
            let answer = try await harness.send(
                try #require(HTTPRequest.Method(request.method)),
                request.path,
                headers: headers,
                body: request.body.map { Array($0.utf8) }
            )
            let failures = run.check(
                step, status: answer.status, headers: answer.headers.map { ($0.name.rawName, $0.value) },
                body: answer.bytes)
            for failure in failures {
                Issue.record("\(step.label): \(failure)")
            }
            if failures.isEmpty { answered += 1 }
        }
        #expect(answered == manifest.steps.count)
        // The collections' own requests: every in-scope one was replayed.
        #expect(manifest.steps.filter { $0.collection != nil }.count == 44)
    }

    @Test("the checker fails a wrong status, a missing header and a wrong shape (it can fail)")
    func checkerCanFail() throws {
        let manifest = try ConformanceManifest.load()
        var run = ConformanceRun(manifest: manifest, base: "http://127.0.0.1:1", gateway: "127.0.0.1:1")
        let createDataset = try #require(manifest.steps.first { $0.name == "Create a new dataset" })
        _ = try run.resolve(createDataset)
        let good = Array(#"["@/dataSets/0123456789abcdef01234567"]"#.utf8)
        #expect(
            run.check(
                createDataset, status: 201,
                headers: [("Location", "/data/foundation/catalog/dataSets/0123456789abcdef01234567")], body: good
            ).isEmpty)
        #expect(run.variables["DATASET_ID"] == "0123456789abcdef01234567")
        #expect(
            run.check(
                createDataset, status: 200,
                headers: [("Location", "/data/foundation/catalog/dataSets/0123456789abcdef01234567")], body: good
            ).count == 1)
        // No Location: checked and not captured.
        #expect(run.check(createDataset, status: 201, headers: [], body: good).count == 2)
        #expect(
            run.check(
                createDataset, status: 201,
                headers: [("Location", "/data/foundation/catalog/dataSets/0123456789abcdef01234567")],
                body: Array(#"{"id": "x"}"#.utf8)
            ).count == 1)
    }
}

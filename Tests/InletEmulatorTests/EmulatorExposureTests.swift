import Foundation
import Hummingbird
import Testing

@testable import InletEmulator

/// The emulator as a server others may reach: its own routes behind `--require-token`, bounded
/// queries and batches, and no database left behind.
@Suite struct EmulatorExposureTests {
    static let json: HTTPFields = [.contentType: "application/json"]

    @Test("with a required token, /metrics and /emulator/* answer 401 without it or with a wrong one, 200 with it")
    func operatorRoutesGated() async throws {
        let harness = try await EmulatorHarness { $0.requiredToken = "operator-token" }
        defer { Task { await harness.stop() } }
        for path in ["/metrics", "/emulator/datasets/none/records", "/emulator/flows/none/keys"] {
            let none = try await harness.send(.get, path, headers: [:])
            #expect(none.status == 401, "\(path) without a token")
            let wrong = try await harness.send(.get, path, headers: [.authorization: "Bearer operator-tokeX"])
            #expect(wrong.status == 401, "\(path) with a wrong token")
            let right = try await harness.send(.get, path, headers: [.authorization: "Bearer operator-token"])
            #expect(right.status == 200, "\(path) with the token: \(right.text)")
        }
        let lookup = try await harness.send(.post, "/emulator/lookup", headers: Self.json, json: "{\"xactionIds\": []}")
        #expect(lookup.status == 401)
    }

    @Test("without a required token the emulator's own routes stay open (loopback use, tests)")
    func openWithoutToken() async throws {
        let harness = try await EmulatorHarness()
        defer { Task { await harness.stop() } }
        #expect(try await harness.send(.get, "/metrics", headers: [:]).status == 200)
        #expect(try await harness.send(.get, "/emulator/datasets/none/records", headers: [:]).status == 200)
    }

    @Test("?limit= is clamped to 1...10000 (SQLite reads a negative LIMIT as none); 100 when absent or not a number")
    func limitClamped() {
        #expect(EmulatorCore.recordsLimit(nil) == 100)
        #expect(EmulatorCore.recordsLimit("abc") == 100)
        #expect(EmulatorCore.recordsLimit("-5") == 1)
        #expect(EmulatorCore.recordsLimit("0") == 1)
        #expect(EmulatorCore.recordsLimit("250") == 250)
        #expect(EmulatorCore.recordsLimit("99999999999") == 10_000)
    }

    @Test("?limit=-1 answers at most one record, not every record")
    func negativeLimitOverHTTP() async throws {
        let harness = try await EmulatorHarness()
        defer { Task { await harness.stop() } }
        let chain = try await harness.provisionSeedChain()
        let path = chain.inletPath + "?x-adobe-flow-id=\(chain.flowId)"
        for index in 0..<3 {
            let answer = try await harness.send(
                .post, path, headers: Self.json, json: SeedBodies.pendoEvent(uniqueId: "l\(index)"))
            #expect(answer.status == 200, "\(answer.text)")
        }
        let records = try await harness.send(
            .get, "/emulator/datasets/\(chain.datasetId)/records?limit=-1", headers: [:])
        #expect(records.json?["items"]?.arrayValue?.count == 1)
    }

    @Test("a batch over the message cap is refused with 400 naming the cap; one at the cap is answered 207")
    func batchCap() async throws {
        let harness = try await EmulatorHarness { $0.maxBatchMessages = 3 }
        defer { Task { await harness.stop() } }
        let chain = try await harness.provisionSeedChain()
        let header = "{\"flowId\": \"\(chain.flowId)\"}"
        func batch(_ count: Int) -> String {
            "{\"messages\": ["
                + (0..<count).map {
                    "{\"header\": \(header), \"body\": \(SeedBodies.pendoEvent(uniqueId: "c\(count)-\($0)"))}"
                }
                .joined(separator: ",") + "]}"
        }
        let over = try await harness.send(
            .post, "/collection/batch/\(chain.inletId)", headers: Self.json, json: batch(4))
        #expect(over.status == 400)
        #expect(over.text.contains("The batch has 4 messages; at most 3"))
        let atCap = try await harness.send(
            .post, "/collection/batch/\(chain.inletId)", headers: Self.json, json: batch(3))
        #expect(atCap.status == 207)
    }
}

/// The emulator's HTTPS side speaks TLS 1.2 at least, as the load driver requires.
@Suite struct EmulatorTLSMinimumTests {
    @Test("loadTLS sets TLS 1.2 as the minimum")
    func minimum() async throws {
        let folder = NSTemporaryDirectory() + "pendo-replay-emulator-tls-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = [
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "key.pem",
            "-out", "cert.pem", "-days", "2", "-subj", "/CN=127.0.0.1",
        ]
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        #expect(status == 0)
        let configuration = try InletEmulator.loadTLS(
            TLSFiles(certificatePath: folder + "/cert.pem", privateKeyPath: folder + "/key.pem"))
        #expect(configuration.minimumTLSVersion == .tlsv12)
    }
}

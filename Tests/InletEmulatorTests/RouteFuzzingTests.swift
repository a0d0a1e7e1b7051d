import Foundation
import NIOCore
import NIOEmbedded
import Testing

@_spi(Fuzzing) @testable import InletEmulator

/// The requests-as-text that FuzzEmulatorRoutes (`Fuzz/`) sends to the router, and the router
/// driven without sockets: the seeds reach as deep as a real client does.
@Suite struct RouteFuzzingTests {
    static let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Fuzz/Seeds/FuzzEmulatorRoutes").standardizedFileURL

    @Test("requests are read as request line, headers to a blank line, body to a line ===; CRLF as LF")
    func readsSteps() {
        let text =
            "POST /a/b?x=1\r\nx-api-key: k\r\nno colon here\ncontent-type:  application/json \n\n{\"a\": 1}\n\nsecond line\n===\nGET /c\n===\nDELETE"
        let script = RouteScript(Array(text.utf8))
        #expect(script.steps.count == 3)
        #expect(script.steps[0].method == "POST")
        #expect(script.steps[0].path == "/a/b?x=1")
        #expect(
            script.steps[0].headers == [
                .init(name: "x-api-key", value: "k"), .init(name: "content-type", value: "application/json"),
            ])
        #expect(String(decoding: script.steps[0].body, as: UTF8.self) == "{\"a\": 1}\n\nsecond line")
        #expect(script.steps[1] == .init(method: "GET", path: "/c", headers: [], body: []))
        #expect(script.steps[2] == .init(method: "DELETE", path: "/", headers: [], body: []))
    }

    @Test("any bytes are read, at most 12 requests")
    func lenient() {
        #expect(RouteScript([]).steps == [.init(method: "GET", path: "/", headers: [], body: [])])
        #expect(RouteScript([0xFF, 0x0A, 0x0A, 0x00]).steps.count == 1)
        let many = Array(repeating: "GET /metrics", count: 20).joined(separator: "\n===\n")
        #expect(RouteScript(Array(many.utf8)).steps.count == RouteScript.maximumSteps)
        #expect(RouteScript.maximumSteps == 12)
    }

    @Test("ids from successful answers fill {{n}}, in the order the answers gave them")
    func substitutes() {
        var script = RouteScript(Array("GET /".utf8))
        script.remember(status: 201, body: Array(#"{"$id": "https://ns.adobe.com/t/schemas/s1"}"#.utf8))
        script.remember(status: 201, body: Array(#"["@/dataSets/d2"]"#.utf8))
        script.remember(status: 400, body: Array(#"{"id": "refused"}"#.utf8))
        script.remember(
            status: 200,
            body: Array(#"{"items": [{"id": "f3", "options": {"inletUrl": "http://127.0.0.1:0/collection/i4"}}]}"#.utf8)
        )
        #expect(script.ids == ["https://ns.adobe.com/t/schemas/s1", "d2", "/collection/i4", "i4"])
        #expect(script.substituted("/x/{{2}}/{{4}}/{{5}}") == "/x/d2/i4/{{5}}")
        #expect(
            script.substituted(Array(#"{"a": "{{1}}"}"#.utf8))
                == Array(#"{"a": "https://ns.adobe.com/t/schemas/s1"}"#.utf8))
    }

    @Test("the seed chain provisions a flow through the router and its event is stored")
    func seedChain() async throws {
        let bytes = Array(try Data(contentsOf: Self.seeds.appendingPathComponent("chain-and-send")))
        let statuses = try await RouteFuzzing.run(bytes)
        // Schema, dataset, source, target, mapping set, flow, the flow read back, the event, its record.
        #expect(statuses == [201, 201, 201, 201, 200, 201, 200, 200, 200])
    }

    @Test("a method or header name no HTTP/1 parser reads is answered 400 without reaching a route")
    func unreadable() async throws {
        let statuses = try await RouteFuzzing.run(
            Array("G(T /metrics\n===\nGET /metrics\nbad name: x\n===\nGET /metrics".utf8))
        #expect(statuses == [400, 400, 200])
    }

    @Test("an input's requests share one channel, closed once they are answered (open ones kept about 5 kB each)")
    func channelClosed() async throws {
        let channel = NIOAsyncTestingChannel()
        let statuses = try await RouteFuzzing.run(Array("GET /metrics\n===\nGET /nothing".utf8), connection: channel)
        #expect(statuses == [200, 404])
        await #expect(throws: ChannelError.alreadyClosed) { try await channel.close() }
    }

    @Test("every seed runs to the end")
    func everySeed() async throws {
        let files = try FileManager.default.contentsOfDirectory(at: Self.seeds, includingPropertiesForKeys: nil)
        #expect(files.count >= 10)
        for file in files {
            let bytes = Array(try Data(contentsOf: file))
            let statuses = try await RouteFuzzing.run(bytes)
            #expect(statuses.count == RouteScript(bytes).steps.count, "\(file.lastPathComponent)")
            #expect(!statuses.contains(500), "\(file.lastPathComponent): \(statuses)")
        }
    }

    /// The files open in this process under `folder` (from /proc/self/fd's links).
    static func openFiles(under folder: String) -> [String] {
        let descriptors = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return descriptors.compactMap {
            try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + $0)
        }
        .filter { $0.hasPrefix(folder) }
    }

    /// Starts an emulator on `folder`, has it store a record's worth of work, stops it, and lets it go.
    static func runAndLetGo(folder: String) async throws {
        let emulator = try InletEmulator(
            configuration: EmulatorConfiguration(port: 0, dataDirectory: folder, commitWindow: 0.0005, idSeed: 42))
        _ = try await emulator.start()
        #expect(!Self.openFiles(under: folder).isEmpty, "the database is open while the emulator runs")
        await emulator.stop()
    }

    @Test(
        "a stopped emulator, once let go, leaves no file of its database open (FuzzEmulatorRoutes ran out of descriptors)",
        .timeLimit(.minutes(1)))
    func databaseClosed() async throws {
        let folder = NSTemporaryDirectory() + "route-fuzzing-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await Self.runAndLetGo(folder: folder)
        // The writer's thread lets the emulator go as it ends, just after stop() returns.
        for _ in 0..<100 where !Self.openFiles(under: folder).isEmpty {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(Self.openFiles(under: folder) == [], "still open after stop")
    }
}

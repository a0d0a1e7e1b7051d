import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Secrets never leave: a token and a secret header planted in a run against an inlet that echoes
/// request headers in its error bodies appear in no file the commands write and on no output.
@Suite("secrets never leave", .serialized)
struct SecretsTests {
    static let token = "planted-token-7f3a9c1e-b2d4-4e0f-9a6b-secret"
    static let headerSecret = "planted-header-5d8e2a71"

    /// Every file under `folder` (recursively) whose bytes contain `needle`.
    static func files(under folder: String, containing needle: String) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return [] }
        var found: [String] = []
        for case let relative as String in walker {
            let path = (folder as NSString).appendingPathComponent(relative)
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            if data.range(of: Data(needle.utf8)) != nil { found.append(relative) }
            // Compressed files (outcomes, histograms) hold no header text; their plain parts are checked above.
        }
        return found
    }

    @Test("run against an echoing inlet, then report: the token and the header value are nowhere")
    func plantedToken() async throws {
        let echo = try EchoHeadersServer()
        defer { echo.stop() }
        let folder = CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let tokenFile = (folder as NSString).appendingPathComponent("token")
        try Data((Self.token + "\n").utf8).write(to: URL(fileURLWithPath: tokenFile))
        let out = (folder as NSString).appendingPathComponent("out")
        let run = try await CLIProcess.run(
            [
                "run", "--inlet", echo.url, "--flow-id", "flow-1", "--corpus", "corpora/pendo-seed", "--requests", "20",
                "--concurrency", "2", "--token-file", tokenFile, "--header", "X-Api-Key: \(Self.headerSecret)",
                "--header", "Content-Type: application/json", "--out", out,
            ],
            timeout: 120)
        #expect(!run.timedOut)
        // Every request was refused (400): the run is done and says so (exit 1: no event accepted).
        #expect(run.status == 1, "stderr: \(run.stderr)")
        let report = try String(
            contentsOfFile: (out as NSString).appendingPathComponent("report.json"), encoding: .utf8)
        // The echo reached the report: the sample quotes the headers, with the secrets scrubbed.
        #expect(report.contains("your headers were"), "the error sample does not quote the echoed answer")
        #expect(report.contains("Bearer <redacted>"))

        let summary = try await CLIProcess.run([
            "report", "summary", (out as NSString).appendingPathComponent("report.json"),
        ])
        let html = try await CLIProcess.run([
            "report", "html", (out as NSString).appendingPathComponent("report.json"),
            "--out", (folder as NSString).appendingPathComponent("again.html"),
        ])
        #expect(summary.status == 0 && html.status == 0, "\(summary.stderr) \(html.stderr)")

        for secret in [Self.token, Self.headerSecret] {
            let written =
                Self.files(under: out, containing: secret)
                + Self.files(under: folder, containing: secret).filter { $0 != "token" }
            #expect(written.isEmpty, "\(secret) in \(written)")
            for (name, text) in [
                ("run stdout", run.stdout), ("run stderr", run.stderr), ("report summary stdout", summary.stdout),
                ("report summary stderr", summary.stderr), ("report html stderr", html.stderr),
            ] {
                #expect(!text.contains(secret), "\(secret) in \(name)")
            }
        }
    }

    @Test("serve --require-token-file: the token is asked for on /metrics and printed nowhere")
    func serveToken() async throws {
        let folder = CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let log = (folder as NSString).appendingPathComponent("serve.log")
        // From a file, so that the token is not in the process list either.
        let tokenFile = (folder as NSString).appendingPathComponent("serve-token")
        try Data((Self.token + "\n").utf8).write(to: URL(fileURLWithPath: tokenFile))
        let server = try await ServeProcess.start(
            arguments: ["--require-token-file", tokenFile, "--data", folder], log: log)
        let url = URL(string: "http://127.0.0.1:\(server.port)/metrics")!
        let (_, refused) = try await URLSession.shared.data(from: url)
        #expect((refused as? HTTPURLResponse)?.statusCode == 401)
        var request = URLRequest(url: url)
        request.setValue("Bearer \(Self.token)", forHTTPHeaderField: "Authorization")
        let (_, allowed) = try await URLSession.shared.data(for: request)
        #expect((allowed as? HTTPURLResponse)?.statusCode == 200)
        await server.stop()
        let written = Self.files(under: folder, containing: Self.token).filter { $0 != "serve-token" }
        #expect(written.isEmpty, "the token in \(written)")
    }

    @Test(
        "the token through serve --require-token, provision, run --flow (reconciled through /emulator) and report: nowhere"
    )
    func throughTheChain() async throws {
        let folder = CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let apiKey = "planted-api-key-91c2e4"
        let credentials = (folder as NSString).appendingPathComponent("credentials.json")
        try Data(
            #"{"accessToken": "\#(Self.token)", "apiKey": "\#(apiKey)", "orgId": "ORG@AdobeOrg", "sandboxName": "prod"}"#
                .utf8
        )
        .write(to: URL(fileURLWithPath: credentials))
        let tokenFile = (folder as NSString).appendingPathComponent("token")
        try Data(Self.token.utf8).write(to: URL(fileURLWithPath: tokenFile))
        let log = (folder as NSString).appendingPathComponent("serve.log")
        let server = try await ServeProcess.start(
            arguments: ["--require-token", Self.token, "--data", (folder as NSString).appendingPathComponent("data")],
            log: log)
        let service = "http://127.0.0.1:\(server.port)"
        let flow = (folder as NSString).appendingPathComponent("flow.json")
        let provision = try await CLIProcess.run(
            [
                "provision", "--flow-service", service, "--credentials", credentials,
                "--corpus", "corpora/pendo-seed", "--save", flow,
            ], timeout: 60)
        #expect(provision.status == 0, "\(provision.stderr)")
        let out = (folder as NSString).appendingPathComponent("out")
        let run = try await CLIProcess.run(
            [
                "run", "--flow", flow, "--credentials", credentials, "--corpus", "corpora/pendo-seed",
                "--requests", "20", "--concurrency", "2", "--token-file", tokenFile, "--outcomes",
                "--out", out,
            ], timeout: 120)
        #expect(run.status == 0, "\(run.stderr)")
        let report = try String(
            contentsOfFile: (out as NSString).appendingPathComponent("report.json"), encoding: .utf8)
        #expect(report.contains("\"reconciliation\""), "the run did not reconcile through /emulator")
        let summary = try await CLIProcess.run([
            "report", "summary", (out as NSString).appendingPathComponent("report.json"),
        ])
        #expect(summary.status == 0)
        await server.stop()
        for secret in [Self.token, apiKey] {
            var written = Self.files(under: folder, containing: secret).filter {
                $0 != "token" && $0 != "credentials.json"
            }
            // The emulator records the API key as its resources' `createdClient`, as Adobe does (the
            // key is the client id, not the credential): its own database may hold the key, never the token.
            if secret == apiKey { written = written.filter { !$0.hasPrefix("data/") } }
            #expect(written.isEmpty, "\(secret) in \(written)")
            for (name, text) in [
                ("provision", provision.stdout + provision.stderr), ("run", run.stdout + run.stderr),
                ("report summary", summary.stdout + summary.stderr),
            ] {
                #expect(!text.contains(secret), "\(secret) in \(name)'s output")
            }
        }
    }
}

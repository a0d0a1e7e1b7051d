import Foundation
import Testing

/// `serve --tls-cert --tls-key` with self-signed pairs made by openssl when the test runs, and
/// `run` against it: a certificate it does not trust and a name the certificate does not hold are
/// refused, unless `--insecure`.
@Suite("serve over TLS", .serialized)
struct ServeTLSTests {
    /// A self-signed EC certificate and its key for `subjectAltName` (e.g. `IP:127.0.0.1,DNS:localhost`).
    static func makePair(in folder: String, name: String, subjectAltName: String) async throws -> (
        cert: String, key: String
    ) {
        let cert = (folder as NSString).appendingPathComponent("\(name).pem")
        let key = (folder as NSString).appendingPathComponent("\(name)-key.pem")
        let result = try await CLIProcess.run(
            [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
                "-subj", "/CN=pendo-replay test", "-addext", "subjectAltName=\(subjectAltName)", "-keyout", key, "-out",
                cert,
            ],
            timeout: 60, executable: "/usr/bin/openssl"
        )
        guard result.status == 0 else { throw CLIProcess.Failure("openssl failed: \(result.stderr)") }
        return (cert, key)
    }

    static let unknownInlet = "/collection/" + String(repeating: "0", count: 64)

    /// `run` of 5 requests against `url` with `extra` flags; the exit status, stderr and (when it ran)
    /// the report's figures.
    static func run(_ url: String, _ extra: [String], folder: String, name: String) async throws -> (
        CLIProcess.Result, RunFigures?
    ) {
        let out = (folder as NSString).appendingPathComponent(name)
        let result = try await CLIProcess.run(
            [
                "run", "--inlet", url, "--corpus", "corpora/pendo-seed", "--requests", "5", "--concurrency", "1",
                "--connect-timeout", "5s", "--quiet", "--out", out,
            ] + extra,
            timeout: 60
        )
        let figures = (try? CLIProcess.report(in: out)).flatMap { try? RunFigures(report: $0) }
        return (result, figures)
    }

    @Test("a self-signed inlet is refused, then served with --insecure or with its certificate trusted by --ca-cert")
    func untrustedCertificate() async throws {
        let folder = CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let pair = try await Self.makePair(in: folder, name: "good", subjectAltName: "IP:127.0.0.1,DNS:localhost")
        let server = try await ServeProcess.start(arguments: ["--tls-cert", pair.cert, "--tls-key", pair.key])
        defer { server.terminate() }

        let byIP = "https://127.0.0.1:\(server.port)" + Self.unknownInlet
        let (refused, refusedFigures) = try await Self.run(byIP, [], folder: folder, name: "refused")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("TLS"), "\(refused.stderr)")
        #expect(refusedFigures == nil || refusedFigures?.accepted == 0)

        // An answer (404: no such inlet) proves the request went over TLS and came back.
        for (name, url, flags) in [
            ("insecure", byIP, ["--insecure"]),
            ("trusted-ip", byIP, ["--ca-cert", pair.cert]),
            ("trusted-name", "https://localhost:\(server.port)" + Self.unknownInlet, ["--ca-cert", pair.cert]),
        ] {
            let (result, figures) = try await Self.run(url, flags, folder: folder, name: name)
            let run = try #require(figures, "\(name): no report; stderr \(result.stderr)")
            #expect(run.identityHolds, "\(name): \(run.summary)")
            #expect(run.sent == 5, "\(name)")
            #expect(run.errors["http-404"] == 5, "\(name): \(run.summary)")
            #expect(run.errors["tls"] == nil, "\(name)")
        }
    }

    @Test("a certificate for another name is refused even when trusted, and served with --insecure")
    func wrongHostname() async throws {
        let folder = CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let pair = try await Self.makePair(in: folder, name: "other", subjectAltName: "DNS:inlet.example.com")
        let server = try await ServeProcess.start(arguments: ["--tls-cert", pair.cert, "--tls-key", pair.key])
        defer { server.terminate() }

        for (name, url) in [("ip", "https://127.0.0.1:\(server.port)"), ("name", "https://localhost:\(server.port)")] {
            let (result, figures) = try await Self.run(
                url + Self.unknownInlet, ["--ca-cert", pair.cert], folder: folder, name: name)
            #expect(result.status == 1, "\(name)")
            #expect(result.stderr.contains("TLS"), "\(name): \(result.stderr)")
            #expect(figures == nil || figures?.accepted == 0)
        }
        let (result, figures) = try await Self.run(
            "https://localhost:\(server.port)" + Self.unknownInlet, ["--insecure"], folder: folder, name: "insecure")
        let run = try #require(figures, "no report; stderr \(result.stderr)")
        #expect(run.errors["http-404"] == 5, "\(run.summary)")
    }

    @Test(
        "--tls-cert needs --tls-key; an unreadable certificate or a key of another certificate is exit 2 naming the file"
    )
    func badTLSFlags() async throws {
        let folder = CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let one = try await Self.makePair(in: folder, name: "one", subjectAltName: "IP:127.0.0.1")
        let two = try await Self.makePair(in: folder, name: "two", subjectAltName: "IP:127.0.0.1")

        let alone = try await CLIProcess.run(["serve", "--port", "0", "--tls-cert", one.cert], timeout: 30)
        #expect(alone.status == 2)
        #expect(alone.stderr.contains("--tls-key"), "\(alone.stderr)")

        let missing = folder + "/none.pem"
        let unreadable = try await CLIProcess.run(
            ["serve", "--port", "0", "--tls-cert", missing, "--tls-key", one.key], timeout: 30)
        #expect(unreadable.status == 2)
        #expect(unreadable.stderr.contains(missing), "\(unreadable.stderr)")

        let mismatched = try await CLIProcess.run(
            ["serve", "--port", "0", "--tls-cert", one.cert, "--tls-key", two.key], timeout: 30)
        #expect(mismatched.status == 2)
        #expect(mismatched.stderr.contains(two.key), "\(mismatched.stderr)")
        let keyText = try String(contentsOfFile: two.key, encoding: .utf8)
        let keyBody = keyText.split(separator: "\n").dropFirst().first.map(String.init) ?? "-"
        #expect(!mismatched.stderr.contains(keyBody), "the key's contents never appear")
    }
}

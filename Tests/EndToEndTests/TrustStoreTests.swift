import Foundation
import Testing

/// Where `run` takes the certificates it trusts from: `--ca-cert`, else `SSL_CERT_FILE` (as curl and
/// OpenSSL do), else the system's; and client certificates it cannot read are refused before the run.
@Suite("trusted certificates from the environment", .serialized)
struct TrustStoreTests {
    @Test(
        "SSL_CERT_FILE naming the inlet's self-signed certificate makes it trusted; a missing one is refused naming SSL_CERT_FILE"
    )
    func sslCertFile() async throws {
        let folder = CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let pair = try await ServeTLSTests.makePair(
            in: folder, name: "inlet", subjectAltName: "IP:127.0.0.1,DNS:localhost")
        let server = try await ServeProcess.start(arguments: ["--tls-cert", pair.cert, "--tls-key", pair.key])
        defer { server.terminate() }
        let url = "https://127.0.0.1:\(server.port)" + ServeTLSTests.unknownInlet
        let arguments = [
            "run", "--inlet", url, "--corpus", "corpora/pendo-seed", "--requests", "3", "--concurrency", "1", "--quiet",
        ]

        let out = (folder as NSString).appendingPathComponent("trusted")
        let trusted = try await CLIProcess.run(
            arguments + ["--out", out], timeout: 60, environment: ["SSL_CERT_FILE": pair.cert])
        // An answer (404: no such inlet) proves the handshake succeeded with the certificate trusted.
        let figures = try RunFigures(report: try CLIProcess.report(in: out))
        #expect(figures.errors["http-404"] == 3, "\(figures.summary) \(trusted.stderr)")
        #expect(figures.errors["tls"] == nil)

        let missing = try await CLIProcess.run(
            arguments + ["--out", (folder as NSString).appendingPathComponent("missing")], timeout: 60,
            environment: ["SSL_CERT_FILE": folder + "/no-such.pem"])
        #expect(missing.status == 2)
        #expect(
            missing.stderr.contains("SSL_CERT_FILE \(folder)/no-such.pem: no such readable file"), "\(missing.stderr)")
    }

    @Test(
        "--client-cert without --client-key, or a key that does not fit, is refused before the run (exit 2), naming the flag"
    )
    func clientCertificateFlags() async throws {
        let folder = CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let one = try await ServeTLSTests.makePair(in: folder, name: "one", subjectAltName: "DNS:client")
        let two = try await ServeTLSTests.makePair(in: folder, name: "two", subjectAltName: "DNS:client")
        let base = [
            "run", "--inlet", "https://127.0.0.1:9/collection/abc", "--corpus", "corpora/pendo-seed", "--quiet",
        ]
        let alone = try await CLIProcess.run(base + ["--client-cert", one.cert], timeout: 60)
        #expect(alone.status == 2)
        #expect(alone.stderr.contains("--client-cert and --client-key go together"), "\(alone.stderr)")
        let mismatched = try await CLIProcess.run(
            base + ["--client-cert", one.cert, "--client-key", two.key], timeout: 60)
        #expect(mismatched.status == 2)
        #expect(
            mismatched.stderr.contains("--client-key \(two.key): does not fit --client-cert \(one.cert)"),
            "\(mismatched.stderr)")
        let key = try String(contentsOfFile: two.key, encoding: .utf8)
        for line in key.split(separator: "\n") where !line.hasPrefix("-----") {
            #expect(!mismatched.stderr.contains(line), "a line of the key is in the message")
        }
    }
}

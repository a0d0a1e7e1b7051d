import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Testing

@testable import LoadDriver

/// A private CA trusted with `--ca-cert`, a client certificate presented with `--client-cert` and
/// `--client-key`, and TLS 1.2 as the minimum. The CA and certificates are made at run time with
/// openssl, valid for two days.
@Suite(.serialized) struct MutualTLSTests {
    /// The PEM files of one test PKI: a CA, a server certificate for 127.0.0.1 and a client certificate.
    struct PKI {
        let folder: String
        var ca: String { self.folder + "/ca.pem" }
        var serverCert: String { self.folder + "/server.pem" }
        var serverKey: String { self.folder + "/server.key" }
        var clientCert: String { self.folder + "/client.pem" }
        var clientKey: String { self.folder + "/client.key" }
    }

    /// Runs openssl, awaited through `terminationHandler` (no pool thread blocked).
    static func openssl(_ arguments: [String], in folder: String) async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        guard status == 0 else {
            throw LoadConfigError.invalid(
                option: "openssl", value: arguments.joined(separator: " "), why: "exit \(status)")
        }
    }

    static func makePKI() async throws -> PKI {
        let folder = NSTemporaryDirectory() + "pendo-replay-pki-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        try await Self.openssl(
            ["req", "-x509"] + ec + [
                "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=pendo-replay test CA",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
            ], in: folder)
        for (name, extensions) in [
            ("server", "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n"),
            ("client", "extendedKeyUsage=clientAuth\n"),
        ] {
            try Data(extensions.utf8).write(to: URL(fileURLWithPath: folder + "/\(name).ext"))
            try await Self.openssl(
                ["req"] + ec + ["-keyout", "\(name).key", "-out", "\(name).csr", "-subj", "/CN=\(name)"], in: folder)
            try await Self.openssl(
                [
                    "x509", "-req", "-in", "\(name).csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                    "-out", "\(name).pem", "-days", "2", "-extfile", "\(name).ext",
                ], in: folder)
        }
        return PKI(folder: folder)
    }

    /// An HTTPS server with the PKI's server certificate that requires a client certificate signed
    /// by the CA; `maximumTLS` caps the versions it speaks.
    static func server(_ pki: PKI, maximumTLS: TLSVersion? = nil) throws -> (MultiThreadedEventLoopGroup, any Channel) {
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(pki.serverCert).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: pki.serverKey, format: .pem)))
        configuration.certificateVerification = .noHostnameVerification
        configuration.trustRoots = .file(pki.ca)
        configuration.minimumTLSVersion = .tlsv1
        if let maximumTLS { configuration.maximumTLSVersion = maximumTLS }
        return try TLSTestServer.start(configuration)
    }

    static func stop(_ group: MultiThreadedEventLoopGroup, _ channel: any Channel) {
        TLSTestServer.stop(group, channel)
    }

    static func inlet(_ channel: any Channel) -> String {
        "https://127.0.0.1:\(channel.localAddress!.port!)/collection/abc"
    }

    static func isTLSFailure(_ error: any Error) -> Bool {
        guard case LoadRunError.unreachable = error else { return false }
        return true
    }

    @Test("the private CA trusted and the client certificate presented: every event accepted")
    func mutualTLSWorks() async throws {
        let pki = try await Self.makePKI()
        defer { try? FileManager.default.removeItem(atPath: pki.folder) }
        let (group, channel) = try Self.server(pki)
        defer { Self.stop(group, channel) }
        let config = LoadConfig(
            inlet: Self.inlet(channel), concurrency: 2, trustedCertificatesPath: pki.ca,
            clientCertificatePath: pki.clientCert, clientKeyPath: pki.clientKey)
        let report = try await LoadRun(config: config, feed: feed(makeEvents(10)), toolVersion: "test").run()
        #expect(report.events.accepted == 10)
    }

    @Test("without the client certificate the server accepts nothing; without the CA the client refuses the server")
    func eachPartNeeded() async throws {
        let pki = try await Self.makePKI()
        defer { try? FileManager.default.removeItem(atPath: pki.folder) }
        let (group, channel) = try Self.server(pki)
        defer { Self.stop(group, channel) }
        let noClient = LoadConfig(
            inlet: Self.inlet(channel), concurrency: 1, connectTimeout: 3, trustedCertificatesPath: pki.ca)
        // Under TLS 1.3 the client finishes its side of the handshake before the server checks the
        // client's certificate: the refusal comes as an alert on the first request, not at connect.
        do {
            let report = try await LoadRun(config: noClient, feed: feed(makeEvents(2)), toolVersion: "test").run()
            #expect(report.events.accepted == 0, "the server accepted a request with no client certificate")
        } catch {
            #expect(Self.isTLSFailure(error), "\(error)")
        }
        let noCA = LoadConfig(
            inlet: Self.inlet(channel), concurrency: 1, connectTimeout: 3,
            clientCertificatePath: pki.clientCert, clientKeyPath: pki.clientKey)
        await #expect(
            performing: { _ = try await LoadRun(config: noCA, feed: feed(makeEvents(2)), toolVersion: "test").run() },
            throws: Self.isTLSFailure)
    }

    @Test("an inlet that speaks at most TLS 1.1 is refused; the same inlet at TLS 1.2 is not")
    func tls12Minimum() async throws {
        let pki = try await Self.makePKI()
        defer { try? FileManager.default.removeItem(atPath: pki.folder) }
        let (oldGroup, old) = try Self.server(pki, maximumTLS: .tlsv11)
        defer { Self.stop(oldGroup, old) }
        let toOld = LoadConfig(
            inlet: Self.inlet(old), concurrency: 1, connectTimeout: 3, trustedCertificatesPath: pki.ca,
            clientCertificatePath: pki.clientCert, clientKeyPath: pki.clientKey)
        await #expect(
            performing: { _ = try await LoadRun(config: toOld, feed: feed(makeEvents(2)), toolVersion: "test").run() },
            throws: Self.isTLSFailure)
        let (newGroup, new) = try Self.server(pki, maximumTLS: .tlsv12)
        defer { Self.stop(newGroup, new) }
        var toNew = toOld
        toNew.inlet = Self.inlet(new)
        let report = try await LoadRun(config: toNew, feed: feed(makeEvents(2)), toolVersion: "test").run()
        #expect(report.events.accepted == 2)
        #expect(try toOld.tlsConfiguration().minimumTLSVersion == .tlsv12)
    }

    @Test("bad TLS files are refused naming the flag and the file, never quoting a key")
    func badFiles() async throws {
        let pki = try await Self.makePKI()
        defer { try? FileManager.default.removeItem(atPath: pki.folder) }
        let inlet = "https://127.0.0.1:1/collection/abc"
        func problem(_ config: LoadConfig) -> (option: String, value: String, why: String)? {
            do {
                _ = try config.tlsConfiguration()
                return nil
            } catch let LoadConfigError.invalid(option, value, why) {
                return (option, value, why)
            } catch {
                return nil
            }
        }
        let alone = problem(LoadConfig(inlet: inlet, clientCertificatePath: pki.clientCert))
        #expect(alone?.option == "--client-cert")
        #expect(alone?.why.contains("go together") == true)
        let keyAsCert = problem(
            LoadConfig(inlet: inlet, clientCertificatePath: pki.clientKey, clientKeyPath: pki.clientKey))
        #expect(keyAsCert?.option == "--client-cert")
        let certAsKey = problem(
            LoadConfig(inlet: inlet, clientCertificatePath: pki.clientCert, clientKeyPath: pki.clientCert))
        #expect(certAsKey?.option == "--client-key")
        let wrongKey = problem(
            LoadConfig(inlet: inlet, clientCertificatePath: pki.clientCert, clientKeyPath: pki.serverKey))
        #expect(wrongKey?.option == "--client-key")
        #expect(wrongKey?.why.contains("does not fit") == true)
        let key = try String(contentsOfFile: pki.serverKey, encoding: .utf8)
        let body = key.split(separator: "\n").dropFirst().first.map(String.init) ?? "unlikely"
        #expect(!"\(String(describing: wrongKey))".contains(body))
        let notPEM = problem(LoadConfig(inlet: inlet, trustedCertificatesPath: pki.folder + "/client.ext"))
        #expect(notPEM?.option == "--ca-cert")
    }
}

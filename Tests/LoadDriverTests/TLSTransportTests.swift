import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Testing

@testable import LoadDriver

/// A self-signed certificate for 127.0.0.1 / localhost (valid until 2126), made for these tests with
/// `openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -days 36500 -nodes`.
enum TestCertificate {
    static let certificate = """
        -----BEGIN CERTIFICATE-----
        MIIBnDCCAUGgAwIBAgIUa3/V0+WWiYDjiesjky2DcToMa2AwCgYIKoZIzj0EAwIw
        FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTEyOTEwNDcyM1oYDzIxMjYxMTA1
        MTA0NzIzWjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
        PQMBBwNCAATSbn+CDvkmHZc9T2EVG0HGdMMpqxWJK5nY+OrtU0WxWcF+gSKyEcRo
        TUgbJmNR3ia1f8aEuOp1VPafNh1UZYxwo28wbTAdBgNVHQ4EFgQUKU/KI6pXxRUd
        bsvTPI/4LsHgGXEwHwYDVR0jBBgwFoAUKU/KI6pXxRUdbsvTPI/4LsHgGXEwDwYD
        VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARhwR/AAABgglsb2NhbGhvc3QwCgYIKoZI
        zj0EAwIDSQAwRgIhAJbWDnsEYJjkErw4ax+py8yOvkJ/u+6TlCW3gr8mFBd/AiEA
        1j12axbuBgJ6VeQfZxdTO5yh2GRKalkBjhNP+kLlyH4=
        -----END CERTIFICATE-----
        """
    static let privateKey = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgTkHtqlEcedV9HeIn
        vYQKOzPvktnMSSwYFo+99mI0lgahRANCAATSbn+CDvkmHZc9T2EVG0HGdMMpqxWJ
        K5nY+OrtU0WxWcF+gSKyEcRoTUgbJmNR3ia1f8aEuOp1VPafNh1UZYxw
        -----END PRIVATE KEY-----
        """
}

/// HTTPS against a loopback TLS server: certificates are verified unless `insecure`.
@Suite struct TLSTransportTests {
    private func tlsServer() throws -> (MultiThreadedEventLoopGroup, any Channel) {
        let cert = try NIOSSLCertificate(bytes: Array(TestCertificate.certificate.utf8), format: .pem)
        let key = try NIOSSLPrivateKey(bytes: Array(TestCertificate.privateKey.utf8), format: .pem)
        return try TLSTestServer.start(
            .makeServerConfiguration(certificateChain: [.certificate(cert)], privateKey: .privateKey(key)))
    }

    private static func stop(_ group: MultiThreadedEventLoopGroup, _ channel: any Channel) {
        TLSTestServer.stop(group, channel)
    }

    @Test func insecureSkipsVerificationAndWorks() async throws {
        let (group, channel) = try self.tlsServer()
        defer { Self.stop(group, channel) }
        let config = LoadConfig(
            inlet: "https://127.0.0.1:\(channel.localAddress!.port!)/collection/abc", concurrency: 3, insecure: true)
        let report = try await LoadRun(config: config, feed: feed(makeEvents(30)), toolVersion: "test").run()
        #expect(report.events.accepted == 30)
        #expect(report.configuration.insecure)
    }

    @Test func anUntrustedCertificateIsATLSFailure() async throws {
        let (group, channel) = try self.tlsServer()
        defer { Self.stop(group, channel) }
        let config = LoadConfig(
            inlet: "https://127.0.0.1:\(channel.localAddress!.port!)/collection/abc", concurrency: 2, connectTimeout: 3)
        await #expect {
            _ = try await LoadRun(config: config, feed: feed(makeEvents(3)), toolVersion: "test").run()
        } throws: { error in
            guard case LoadRunError.unreachable(_, let cause) = error else { return false }
            print("untrusted certificate: \(cause)")
            return cause.contains("TLS")
        }
    }
}

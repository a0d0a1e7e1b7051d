import NIOSSL

extension LoadConfig {
    /// The client side of HTTPS: TLS 1.2 at least (older versions have known attacks and no inlet
    /// needs them); the system's roots, or `trustedCertificatesPath` (a private CA, a self-signed
    /// inlet) with the inlet's name still checked; no verification only with `insecure`; and a
    /// client certificate when `clientCertificatePath` and `clientKeyPath` are set. Errors name the
    /// flag and the file.
    public func tlsConfiguration() throws -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        if self.insecure { tls.certificateVerification = .none }
        if let trusted = self.trustedCertificatesPath {
            tls.trustRoots = .certificates(try Self.certificates(trusted, option: "--ca-cert"))
        }
        switch (self.clientCertificatePath, self.clientKeyPath) {
        case (nil, nil):
            break
        case (let certificate?, let key?):
            let chain = try Self.certificates(certificate, option: "--client-cert")
            let privateKey: NIOSSLPrivateKey
            do {
                privateKey = try NIOSSLPrivateKey(file: key, format: .pem)
            } catch {
                // Only the file's name: never bytes of a key.
                throw LoadConfigError.invalid(
                    option: "--client-key", value: key, why: "not a readable, unencrypted PEM private key")
            }
            tls.certificateChain = chain.map { .certificate($0) }
            tls.privateKey = .privateKey(privateKey)
            do {
                // A context checks that the key belongs to the certificate.
                _ = try NIOSSLContext(configuration: tls)
            } catch {
                throw LoadConfigError.invalid(
                    option: "--client-key", value: key, why: "does not fit --client-cert \(certificate)")
            }
        default:
            throw LoadConfigError.invalid(
                option: self.clientCertificatePath == nil ? "--client-key" : "--client-cert",
                value: self.clientCertificatePath ?? self.clientKeyPath ?? "",
                why: "--client-cert and --client-key go together: give both PEM files")
        }
        return tls
    }

    /// The certificates of the PEM file at `path`, or an error naming `option` and the file.
    static func certificates(_ path: String, option: String) throws -> [NIOSSLCertificate] {
        let certificates: [NIOSSLCertificate]
        do {
            certificates = try NIOSSLCertificate.fromPEMFile(path)
        } catch {
            throw LoadConfigError.invalid(
                option: option, value: path, why: "not a readable PEM file of certificates (\(error))")
        }
        guard !certificates.isEmpty else {
            throw LoadConfigError.invalid(option: option, value: path, why: "holds no PEM certificate")
        }
        return certificates
    }
}

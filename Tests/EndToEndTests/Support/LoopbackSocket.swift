import Foundation

/// A blocking TCP connection to 127.0.0.1, for tests that need what an HTTP client hides: bytes
/// written as they are (pipelined requests), a half-close, and whether the server closed.
/// Its calls block: ``exchange(port:sending:halfClose:timeout:)`` runs them on a thread of its own.
enum LoopbackSocket {
    /// What came back before the server closed the connection or `timeout` passed.
    struct Received: Sendable {
        var bytes: [UInt8]
        /// The server closed the connection (an orderly close or a reset), rather than the time bound
        /// passing first.
        var closedByServer: Bool
        var text: String { String(decoding: self.bytes, as: UTF8.self) }
    }

    /// Connects to `port`, writes `bytes`, closes the sending side when `halfClose`, and reads until
    /// the server closes the connection or `timeout` seconds pass without a byte.
    static func exchange(port: Int, sending bytes: [UInt8] = [], halfClose: Bool = false, timeout: Int)
        async throws -> Received
    {
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Received, any Error>) in
            Thread {
                do {
                    done.resume(returning: try Self.blockingExchange(port, bytes, halfClose, timeout))
                } catch {
                    done.resume(throwing: error)
                }
            }.start()
        }
    }

    private static func blockingExchange(_ port: Int, _ bytes: [UInt8], _ halfClose: Bool, _ timeout: Int) throws
        -> Received
    {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw CLIProcess.Failure("socket() failed") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw CLIProcess.Failure("connect() to 127.0.0.1:\(port) failed") }
        var bound = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &bound, socklen_t(MemoryLayout<timeval>.size))
        if !bytes.isEmpty {
            let sent = bytes.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, 0) }
            guard sent == bytes.count else { throw CLIProcess.Failure("send() wrote \(sent) of \(bytes.count) bytes") }
        }
        if halfClose { shutdown(descriptor, Int32(SHUT_WR)) }
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                received += chunk[0..<count]
                continue
            }
            // 0: an orderly close by the server; -1 with EAGAIN: the time bound passed first.
            return Received(bytes: received, closedByServer: count == 0 || errno == ECONNRESET)
        }
    }
}

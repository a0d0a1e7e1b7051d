import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A loopback HTTP/1.1 server that answers every request 400 with a body quoting the request's
/// headers, as a careless inlet or proxy may: what a run's error samples must not carry on.
/// Bounded: it serves until `stop()` and each connection only while the client keeps it open.
final class EchoHeadersServer: @unchecked Sendable {
    let port: Int
    private let listener: Int32
    private let lock = NSLock()
    private var stopped = false

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw CLIProcess.Failure("socket() failed") }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd, 64) == 0 else {
            close(fd)
            throw CLIProcess.Failure("cannot listen on 127.0.0.1")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        self.port = Int(UInt16(bigEndian: address.sin_port))
        self.listener = fd
        Thread { self.acceptLoop() }.start()
    }

    var url: String { "http://127.0.0.1:\(self.port)/collection/" + String(repeating: "e", count: 64) }

    func stop() {
        self.lock.withLock { self.stopped = true }
        shutdown(self.listener, Int32(SHUT_RDWR))
        close(self.listener)
    }

    private func acceptLoop() {
        while true {
            let client = accept(self.listener, nil, nil)
            if client < 0 { return }
            if self.lock.withLock({ self.stopped }) {
                close(client)
                return
            }
            Thread { self.serve(client) }.start()
        }
    }

    /// Reads requests (head, then `Content-Length` bytes of body) and answers each.
    private func serve(_ fd: Int32) {
        defer { close(fd) }
        var buffer = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            while Self.headEnd(buffer) == nil {
                let n = read(fd, &chunk, chunk.count)
                if n <= 0 { return }
                buffer += chunk[0..<n]
            }
            let end = Self.headEnd(buffer)!
            let head = String(decoding: buffer[0..<end], as: UTF8.self)
            let lines = head.components(separatedBy: "\r\n").dropFirst()
            var bodyLength = 0
            for line in lines where line.lowercased().hasPrefix("content-length:") {
                bodyLength = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) ?? 0
            }
            while buffer.count < end + 4 + bodyLength {
                let n = read(fd, &chunk, chunk.count)
                if n <= 0 { return }
                buffer += chunk[0..<n]
            }
            buffer.removeFirst(end + 4 + bodyLength)
            let quoted = lines.map { line in
                line.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            }
            let body =
                "{\"title\":\"Bad request\",\"message\":\"rejected; your headers were: \(quoted.joined(separator: "; "))\"}"
            let answer =
                "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n"
                + body
            let bytes = Array(answer.utf8)
            var written = 0
            while written < bytes.count {
                let n = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                if n <= 0 { return }
                written += n
            }
        }
    }

    private static func headEnd(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for i in 0...(bytes.count - 4)
        where bytes[i] == 13 && bytes[i + 1] == 10 && bytes[i + 2] == 13 && bytes[i + 3] == 10 {
            return i
        }
        return nil
    }
}

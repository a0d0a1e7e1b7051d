import Foundation

extension ServeCommand {
    /// The message for a bind that failed because the port is taken, nil for any other error: it
    /// names the address and says how to get a free port.
    static func busyPortMessage(_ error: any Error, host: String, port: Int) -> String? {
        // NIO's IOError reads "bind(descriptor:ptr:bytes:): Address already in use (errno: 98)".
        let text = "\(error)"
        guard text.contains("Address already in use") || text.contains("errno: \(EADDRINUSE))") else { return nil }
        return "\(host):\(port) is already in use (another serve, or another program, listens there); "
            + "stop it, choose another --port, or give --port 0 for a free one (printed on the first stdout line)"
    }
}

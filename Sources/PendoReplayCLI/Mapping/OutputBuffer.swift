#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Buffers bytes for a file descriptor and writes them in large blocks.
struct OutputBuffer {
    let descriptor: Int32
    var buffer: [UInt8] = []
    let capacity: Int

    init(descriptor: Int32, capacity: Int = 1 << 18) {
        self.descriptor = descriptor
        self.capacity = capacity
        self.buffer.reserveCapacity(capacity + 4096)
    }

    mutating func append(_ bytes: [UInt8]) {
        self.buffer.append(contentsOf: bytes)
        if self.buffer.count >= self.capacity { self.flush() }
    }

    mutating func append(_ text: String) {
        self.append(Array(text.utf8))
    }

    mutating func flush() {
        var offset = 0
        while offset < self.buffer.count {
            let written = self.buffer.withUnsafeBytes { raw in
                write(self.descriptor, raw.baseAddress! + offset, raw.count - offset)
            }
            if written <= 0 {
                if written < 0 && errno == EINTR { continue }
                break
            }
            offset += written
        }
        self.buffer.removeAll(keepingCapacity: true)
    }
}

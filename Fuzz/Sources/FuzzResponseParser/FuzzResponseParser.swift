import LoadDriver
import NIOCore

/// The load driver's answer parser: any bytes as what an inlet sends back, fed whole and then in
/// pieces split where the input's first byte says (the parser is a state machine fed as bytes arrive).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzResponseParser(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeRawBufferPointer(start: $0, count: count)) } ?? []
    guard let first = bytes.first else { return 0 }
    let step = Int(first % 16) + 1
    for pieceSize in [bytes.count, step] {
        var parser = ResponseParser()
        var buffer = ByteBuffer()
        var offset = 1
        feeding: while offset < bytes.count {
            let end = min(offset + max(pieceSize, 1), bytes.count)
            buffer.writeBytes(bytes[offset..<end])
            offset = end
            while true {
                let before = buffer.readableBytes
                do {
                    guard try parser.parse(&buffer) != nil else { break }
                } catch {
                    break feeding
                }
                if buffer.readableBytes == before && before > 0 { fatalError("an answer that consumed no bytes") }
            }
        }
    }
    return 0
}

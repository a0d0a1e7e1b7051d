@_spi(Fuzzing) import InletEmulator

/// The emulator's batch request reader (`POST /collection/batch/...`): any bytes as a request body.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBatchDocument(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeRawBufferPointer(start: $0, count: count)) } ?? []
    _ = BatchDocumentFuzzing.read(bytes)
    return 0
}

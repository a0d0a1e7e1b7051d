@_spi(Fuzzing) import PendoEvents

/// The structural JSON checker the corpus reader runs on every event: any bytes, as an object and
/// as any value.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONSyntax(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeRawBufferPointer(start: $0, count: count)) } ?? []
    _ = JSONSyntaxFuzzing.check(bytes, requireObject: true)
    _ = JSONSyntaxFuzzing.check(bytes, requireObject: false)
    return 0
}

import PendoEvents

/// The one duration grammar (`--duration`, `--span`, stages, `serve`'s options): any text, and the
/// formatting of whatever it reads as.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDuration(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeRawBufferPointer(start: $0, count: count)) } ?? []
    let text = String(decoding: bytes, as: UTF8.self)
    if let seconds = try? DurationText.seconds(text) {
        _ = DurationText.format(seconds: seconds)
        _ = try? DurationText.parse(text)
    } else {
        _ = try? DurationText.parse(text)
    }
    return 0
}

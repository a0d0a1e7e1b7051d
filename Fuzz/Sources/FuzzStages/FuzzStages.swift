import LoadDriver

/// The stages grammar (`--stages 30s:100,2m:2000`): any text; what parses becomes the staged rate
/// the open loop paces from, asked for sends and times across its whole length.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStages(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeRawBufferPointer(start: $0, count: count)) } ?? []
    let text = String(decoding: bytes, as: UTF8.self)
    guard let stages = try? StagesParser.parse(text) else { return 0 }
    let schedule = StagedRate(stages: stages)
    let length = schedule.length ?? 0
    for fraction in [0.0, 0.25, 0.5, 0.999, 1.0, 2.0] {
        let elapsed = length * fraction
        _ = schedule.rate(at: elapsed)
        let due = schedule.sendsDue(by: elapsed)
        _ = schedule.intendedOffset(ofSend: due)
        _ = schedule.intendedOffset(ofSend: max(0, due - 1))
    }
    return 0
}

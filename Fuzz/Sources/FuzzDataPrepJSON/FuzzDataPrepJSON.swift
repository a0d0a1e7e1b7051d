import DataPrep

/// Data Prep's JSON parser: any bytes, whole and with a path selection (the mapper's fast path).
let selection: PathSelection = {
    var selection = PathSelection()
    for path in ["visitorId", "properties.guideProperties.name", "items[1].id", "steps[*].id"] {
        selection.insert(try! FieldPath(parsing: path))
    }
    return selection
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDataPrepJSON(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeRawBufferPointer(start: $0, count: count)) } ?? []
    if let value = try? JSONValue.parse(bytes) {
        _ = "\(value)"
    }
    _ = try? JSONValue.parse(bytes, selecting: selection)
    return 0
}

import DataPrep

/// The mapping-set loader: any bytes as a mapping-set document; what loads becomes a mapper and maps
/// a fixed event (destinations, paths, expressions and coercion all run).
let event = Array(
    """
    {"visitorId": "v-1", "accountId": "acme", "timestamp": 1700000000000, "uniqueId": "u-9",
     "items": [{"id": 1}, {"id": 2}], "properties": {"guideProperties": {"name": "Welcome"}}}
    """.utf8)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMappingSet(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeRawBufferPointer(start: $0, count: count)) } ?? []
    guard let set = try? MappingSet.load(json: bytes, source: "fuzz-mapping.json") else { return 0 }
    let options = MapperOptions(now: { DateTimeValue(epochMilliseconds: 1_700_000_000_000) }, seed: 1)
    guard let mapper = try? Mapper(mappingSet: set, options: options) else { return 0 }
    _ = mapper.map(event)
    return 0
}

import DataPrep

/// The XDM schema loader: any bytes as a schema; what loads validates the records a fixed mapping
/// set makes from a fixed event (types, formats, patterns, lengths and ranges all checked).
let mappingSet = try! MappingSet.load(
    json: Array(
        """
        {"mappings": [
          {"destinationXdmPath": "_tenant.visitorid", "sourceAttribute": "visitorId", "sourceType": "ATTRIBUTE"},
          {"destinationXdmPath": "_tenant.count", "sourceAttribute": "count", "sourceType": "ATTRIBUTE"},
          {"destinationXdmPath": "timestamp", "sourceAttribute": "timestamp", "sourceType": "ATTRIBUTE"},
          {"destinationXdmPath": "_id", "sourceAttribute": "uniqueId", "sourceType": "ATTRIBUTE"},
          {"destinationXdmPath": "_tenant.tags", "sourceAttribute": "tags", "sourceType": "ATTRIBUTE"}
        ]}
        """.utf8), source: "fuzz-mapping.json")
let event = Array(
    """
    {"visitorId": "v-1", "count": 3, "timestamp": 1700000000000, "uniqueId": "u-9", "tags": ["a", "b"]}
    """.utf8)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXDMSchema(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeRawBufferPointer(start: $0, count: count)) } ?? []
    guard let schema = try? XDMSchema.load(json: bytes, source: "fuzz-schema.json") else { return 0 }
    let options = MapperOptions(now: { DateTimeValue(epochMilliseconds: 1_700_000_000_000) }, seed: 1)
    guard let mapper = try? Mapper(mappingSet: mappingSet, schema: schema, options: options) else { return 0 }
    _ = mapper.map(event)
    return 0
}

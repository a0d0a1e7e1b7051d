/// Adobe Data Prep's function library: every function of `help/data-prep/functions.md` except the
/// ones the expression evaluator handles itself (`iif`, `contains_key`, `is_set`, `nullify`, and
/// the methods `.equals`, `.equalsIgnoreCase`, `.get`), which are still listed in `names` because
/// they are reserved words. Behaviour, assumptions and omissions: docs/DATA-PREP-FUNCTIONS.md.
public enum FunctionLibrary {
    /// Names the evaluator implements (they need unevaluated arguments or the event itself).
    static let evaluatorNames: Set<String> = [
        "iif", "contains_key", "is_set", "nullify", "equals", "equalsIgnoreCase", "get",
    ]

    /// Names this library implements.
    static let libraryNames: Set<String> = [
        // String
        "concat", "explode", "instr", "replacestr", "substr", "lower", "lcase", "upper", "ucase",
        "ltrim", "rtrim", "trim", "split", "join", "lpad", "rpad", "left", "right",
        // Regular expressions
        "extract_regex", "matches_regex",
        // Hashing
        "sha1", "sha256", "sha512", "md5", "crc32",
        // URL
        "get_url_protocol", "get_url_host", "get_url_port", "get_url_path", "get_url_query_str",
        "get_url_encoded", "get_url_decoded",
        // Date and time
        "now", "timestamp", "format", "dformat", "date", "date_part", "set_date_part",
        "make_date_time", "make_timestamp", "zone_date_to_utc", "zone_date_to_zone",
        // Objects and maps
        "is_empty", "arrays_to_object", "arrays_to_objects", "to_object", "str_to_object", "get_keys",
        "get_values", "map_get_values", "map_has_keys", "add_to_map", "object_to_map", "array_to_map",
        "to_map",
        // Arrays
        "coalesce", "first", "last", "add_to_array", "join_arrays", "to_array", "size_of",
        "upsert_array_append", "upsert_array_replace",
        // Logic
        "decode",
        // Other
        "min", "max", "to_bigint", "to_decimal", "to_float", "to_integer", "json_to_object", "uuid", "guid",
        // User agent
        "ua_os_name", "ua_os_version_major", "ua_os_version", "ua_os_name_version", "ua_agent_version",
        "ua_agent_version_major", "ua_agent_name", "ua_device_class",
    ]

    /// Every function name, including the evaluator's: all are reserved words as field names and
    /// must be written `${name}` to be used as one.
    public static var names: Set<String> { Self.allNames }

    private static let allNames: Set<String> = Self.libraryNames.union(Self.evaluatorNames)

    /// Whether `name` is a Data Prep function (this library's or the evaluator's).
    public static func isKnown(_ name: String) -> Bool {
        Self.allNames.contains(name)
    }

    /// Calls function `name` with already evaluated arguments.
    /// - Throws: `FunctionError` for an unknown function, a wrong argument count or type, text
    ///   that does not parse, an invalid pattern; the engine turns it into a warning that drops
    ///   the field.
    public static func call(_ name: String, _ arguments: [JSONValue], context: inout FunctionContext) throws(FunctionError) -> JSONValue {
        let args = Arguments(name, arguments)
        switch name {
        // String
        case "concat": return try StringFunctions.concat(args)
        case "explode": return try StringFunctions.explode(args)
        case "instr": return try StringFunctions.instr(args)
        case "replacestr": return try StringFunctions.replacestr(args)
        case "substr": return try StringFunctions.substr(args)
        case "lower", "lcase": return try StringFunctions.lower(args)
        case "upper", "ucase": return try StringFunctions.upper(args)
        case "ltrim": return try StringFunctions.ltrim(args)
        case "rtrim": return try StringFunctions.rtrim(args)
        case "trim": return try StringFunctions.trim(args)
        case "split": return try StringFunctions.split(args)
        case "join": return try StringFunctions.join(args)
        case "lpad": return try StringFunctions.pad(args, left: true)
        case "rpad": return try StringFunctions.pad(args, left: false)
        case "left": return try StringFunctions.left(args)
        case "right": return try StringFunctions.right(args)
        // Regular expressions
        case "extract_regex": return try RegexFunctions.extractRegex(args)
        case "matches_regex": return try RegexFunctions.matchesRegex(args)
        // Hashing
        case "sha1", "sha256", "sha512", "md5", "crc32": return try HashFunctions.hash(args)
        // URL
        case "get_url_protocol": return try URLFunctions.protocol(args)
        case "get_url_host": return try URLFunctions.host(args)
        case "get_url_port": return try URLFunctions.port(args)
        case "get_url_path": return try URLFunctions.path(args)
        case "get_url_query_str": return try URLFunctions.queryString(args)
        case "get_url_encoded": return try URLFunctions.encoded(args)
        case "get_url_decoded": return try URLFunctions.decoded(args)
        // Date and time
        case "now": return try DateFunctions.now(args, context: context)
        case "timestamp": return try DateFunctions.timestamp(args, context: context)
        case "format": return try DateFunctions.format(args)
        case "dformat": return try DateFunctions.dformat(args)
        case "date": return try DateFunctions.date(args)
        case "date_part": return try DateFunctions.datePart(args)
        case "set_date_part": return try DateFunctions.setDatePart(args)
        case "make_date_time", "make_timestamp": return try DateFunctions.makeDateTime(args)
        case "zone_date_to_utc": return try DateFunctions.zoneDateToUTC(args)
        case "zone_date_to_zone": return try DateFunctions.zoneDateToZone(args)
        // Objects and maps
        case "is_empty": return try ObjectFunctions.isEmpty(args)
        case "arrays_to_object", "arrays_to_objects": return try ObjectFunctions.arraysToObject(args)
        case "to_object": return try ObjectFunctions.toObject(args)
        case "str_to_object": return try ObjectFunctions.strToObject(args)
        case "get_keys": return try ObjectFunctions.getKeys(args)
        case "get_values": return try ObjectFunctions.getValues(args)
        case "map_get_values": return try MapFunctions.mapGetValues(args)
        case "map_has_keys": return try MapFunctions.mapHasKeys(args)
        case "add_to_map": return try MapFunctions.addToMap(args)
        case "object_to_map": return try MapFunctions.objectToMap(args)
        case "array_to_map": return try MapFunctions.arrayToMap(args)
        case "to_map": return try MapFunctions.toMap(args)
        // Arrays
        case "coalesce": return ArrayFunctions.coalesce(args)
        case "first": return ArrayFunctions.first(args)
        case "last": return ArrayFunctions.last(args)
        case "add_to_array": return try ArrayFunctions.addToArray(args)
        case "join_arrays": return try ArrayFunctions.joinArrays(args)
        case "to_array": return try ArrayFunctions.toArray(args)
        case "size_of": return try ArrayFunctions.sizeOf(args)
        case "upsert_array_append": return try ArrayFunctions.upsertArrayAppend(args)
        case "upsert_array_replace": return try ArrayFunctions.upsertArrayReplace(args)
        // Logic
        case "decode": return try OtherFunctions.decode(args)
        // Other
        case "min": return try OtherFunctions.extreme(args, wantMax: false)
        case "max": return try OtherFunctions.extreme(args, wantMax: true)
        case "to_bigint": return try OtherFunctions.toBigint(args)
        case "to_decimal": return try OtherFunctions.toDecimal(args)
        case "to_float": return try OtherFunctions.toFloat(args)
        case "to_integer": return try OtherFunctions.toInteger(args)
        case "json_to_object": return try OtherFunctions.jsonToObject(args)
        case "uuid", "guid": return try OtherFunctions.uuid(args, random: &context.random)
        // User agent
        case "ua_os_name", "ua_os_version_major", "ua_os_version", "ua_os_name_version", "ua_agent_version",
             "ua_agent_version_major", "ua_agent_name", "ua_device_class":
            return try UserAgentFunctions.call(args)
        default:
            if Self.evaluatorNames.contains(name) {
                throw FunctionError(function: name, message: "\(name) is evaluated by the expression evaluator, not the function library")
            }
            throw FunctionError(function: name, message: "Unknown function \(name)")
        }
    }
}

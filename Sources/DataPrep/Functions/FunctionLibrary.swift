/// Adobe Data Prep's function library: every function of `help/data-prep/functions.md` except the
/// ones the expression evaluator handles itself (`iif`, `contains_key`, `is_set`, `nullify`, and
/// the methods `.equals`, `.equalsIgnoreCase`, `.get`), which are still listed in `names` because
/// they are reserved words. Behaviour, assumptions and omissions: docs/DATA-PREP-FUNCTIONS.md.
public enum FunctionLibrary {
    /// Names the evaluator implements (they need unevaluated arguments or the event itself).
    static let evaluatorNames: Set<String> = [
        "iif", "contains_key", "is_set", "nullify", "equals", "equalsIgnoreCase", "get",
    ]

    typealias Implementation = @Sendable (FunctionArguments, inout FunctionContext) throws(FunctionError) -> JSONValue

    /// The functions whose result depends on more than their arguments: they read the clock
    /// (`FunctionContext.now`) or draw from the random source (`FunctionContext.random`). The
    /// noise probe varies both (`NoiseProbe`), and a diff never hands their values from one
    /// mapping set to the other (`ValueHandOff`).
    public static let nonDeterministicNames: Set<String> = ["now", "timestamp", "uuid", "guid"]

    /// This library's functions by name; a dictionary look-up instead of a long string `switch`
    /// because it runs for every call of every event.
    static let implementations: [String: Implementation] = [
        "concat": { args, context throws(FunctionError) in try StringFunctions.concat(args) },
        "explode": { args, context throws(FunctionError) in try StringFunctions.explode(args) },
        "instr": { args, context throws(FunctionError) in try StringFunctions.instr(args) },
        "replacestr": { args, context throws(FunctionError) in try StringFunctions.replacestr(args) },
        "substr": { args, context throws(FunctionError) in try StringFunctions.substr(args) },
        "lower": { args, context throws(FunctionError) in try StringFunctions.lower(args) },
        "lcase": { args, context throws(FunctionError) in try StringFunctions.lower(args) },
        "upper": { args, context throws(FunctionError) in try StringFunctions.upper(args) },
        "ucase": { args, context throws(FunctionError) in try StringFunctions.upper(args) },
        "ltrim": { args, context throws(FunctionError) in try StringFunctions.ltrim(args) },
        "rtrim": { args, context throws(FunctionError) in try StringFunctions.rtrim(args) },
        "trim": { args, context throws(FunctionError) in try StringFunctions.trim(args) },
        "split": { args, context throws(FunctionError) in try StringFunctions.split(args) },
        "join": { args, context throws(FunctionError) in try StringFunctions.join(args) },
        "lpad": { args, context throws(FunctionError) in try StringFunctions.pad(args, left: true) },
        "rpad": { args, context throws(FunctionError) in try StringFunctions.pad(args, left: false) },
        "left": { args, context throws(FunctionError) in try StringFunctions.left(args) },
        "right": { args, context throws(FunctionError) in try StringFunctions.right(args) },
        "extract_regex": { args, context throws(FunctionError) in try RegexFunctions.extractRegex(args) },
        "matches_regex": { args, context throws(FunctionError) in try RegexFunctions.matchesRegex(args) },
        "sha1": { args, context throws(FunctionError) in try HashFunctions.hash(args) },
        "sha256": { args, context throws(FunctionError) in try HashFunctions.hash(args) },
        "sha512": { args, context throws(FunctionError) in try HashFunctions.hash(args) },
        "md5": { args, context throws(FunctionError) in try HashFunctions.hash(args) },
        "crc32": { args, context throws(FunctionError) in try HashFunctions.hash(args) },
        "get_url_protocol": { args, context throws(FunctionError) in try URLFunctions.protocol(args) },
        "get_url_host": { args, context throws(FunctionError) in try URLFunctions.host(args) },
        "get_url_port": { args, context throws(FunctionError) in try URLFunctions.port(args) },
        "get_url_path": { args, context throws(FunctionError) in try URLFunctions.path(args) },
        "get_url_query_str": { args, context throws(FunctionError) in try URLFunctions.queryString(args) },
        "get_url_encoded": { args, context throws(FunctionError) in try URLFunctions.encoded(args) },
        "get_url_decoded": { args, context throws(FunctionError) in try URLFunctions.decoded(args) },
        "now": { args, context throws(FunctionError) in try DateFunctions.now(args, context: context) },
        "timestamp": { args, context throws(FunctionError) in try DateFunctions.timestamp(args, context: context) },
        "format": { args, context throws(FunctionError) in try DateFunctions.format(args, context: &context) },
        "dformat": { args, context throws(FunctionError) in try DateFunctions.dformat(args, context: &context) },
        "date": { args, context throws(FunctionError) in try DateFunctions.date(args, context: &context) },
        "date_part": { args, context throws(FunctionError) in try DateFunctions.datePart(args) },
        "set_date_part": { args, context throws(FunctionError) in try DateFunctions.setDatePart(args) },
        "make_date_time": { args, context throws(FunctionError) in try DateFunctions.makeDateTime(args) },
        "make_timestamp": { args, context throws(FunctionError) in try DateFunctions.makeDateTime(args) },
        "zone_date_to_utc": { args, context throws(FunctionError) in try DateFunctions.zoneDateToUTC(args) },
        "zone_date_to_zone": { args, context throws(FunctionError) in try DateFunctions.zoneDateToZone(args) },
        "is_empty": { args, context throws(FunctionError) in try ObjectFunctions.isEmpty(args) },
        "arrays_to_object": { args, context throws(FunctionError) in try ObjectFunctions.arraysToObject(args) },
        "arrays_to_objects": { args, context throws(FunctionError) in try ObjectFunctions.arraysToObject(args) },
        "to_object": { args, context throws(FunctionError) in try ObjectFunctions.toObject(args) },
        "str_to_object": { args, context throws(FunctionError) in try ObjectFunctions.strToObject(args) },
        "get_keys": { args, context throws(FunctionError) in try ObjectFunctions.getKeys(args) },
        "get_values": { args, context throws(FunctionError) in try ObjectFunctions.getValues(args) },
        "map_get_values": { args, context throws(FunctionError) in try MapFunctions.mapGetValues(args) },
        "map_has_keys": { args, context throws(FunctionError) in try MapFunctions.mapHasKeys(args) },
        "add_to_map": { args, context throws(FunctionError) in try MapFunctions.addToMap(args) },
        "object_to_map": { args, context throws(FunctionError) in try MapFunctions.objectToMap(args) },
        "array_to_map": { args, context throws(FunctionError) in try MapFunctions.arrayToMap(args) },
        "to_map": { args, context throws(FunctionError) in try MapFunctions.toMap(args) },
        "coalesce": { args, context throws(FunctionError) in ArrayFunctions.coalesce(args) },
        "first": { args, context throws(FunctionError) in ArrayFunctions.first(args) },
        "last": { args, context throws(FunctionError) in ArrayFunctions.last(args) },
        "add_to_array": { args, context throws(FunctionError) in try ArrayFunctions.addToArray(args) },
        "join_arrays": { args, context throws(FunctionError) in try ArrayFunctions.joinArrays(args) },
        "to_array": { args, context throws(FunctionError) in try ArrayFunctions.toArray(args) },
        "size_of": { args, context throws(FunctionError) in try ArrayFunctions.sizeOf(args) },
        "upsert_array_append": { args, context throws(FunctionError) in try ArrayFunctions.upsertArrayAppend(args) },
        "upsert_array_replace": { args, context throws(FunctionError) in try ArrayFunctions.upsertArrayReplace(args) },
        "decode": { args, context throws(FunctionError) in try OtherFunctions.decode(args) },
        "min": { args, context throws(FunctionError) in try OtherFunctions.extreme(args, wantMax: false) },
        "max": { args, context throws(FunctionError) in try OtherFunctions.extreme(args, wantMax: true) },
        "to_bigint": { args, context throws(FunctionError) in try OtherFunctions.toBigint(args) },
        "to_decimal": { args, context throws(FunctionError) in try OtherFunctions.toDecimal(args) },
        "to_float": { args, context throws(FunctionError) in try OtherFunctions.toFloat(args) },
        "to_integer": { args, context throws(FunctionError) in try OtherFunctions.toInteger(args) },
        "json_to_object": { args, context throws(FunctionError) in try OtherFunctions.jsonToObject(args) },
        "uuid": { args, context throws(FunctionError) in try OtherFunctions.uuid(args, random: &context.random) },
        "guid": { args, context throws(FunctionError) in try OtherFunctions.uuid(args, random: &context.random) },
        "ua_os_name": { args, context throws(FunctionError) in try UserAgentFunctions.call(args) },
        "ua_os_version_major": { args, context throws(FunctionError) in try UserAgentFunctions.call(args) },
        "ua_os_version": { args, context throws(FunctionError) in try UserAgentFunctions.call(args) },
        "ua_os_name_version": { args, context throws(FunctionError) in try UserAgentFunctions.call(args) },
        "ua_agent_version": { args, context throws(FunctionError) in try UserAgentFunctions.call(args) },
        "ua_agent_version_major": { args, context throws(FunctionError) in try UserAgentFunctions.call(args) },
        "ua_agent_name": { args, context throws(FunctionError) in try UserAgentFunctions.call(args) },
        "ua_device_class": { args, context throws(FunctionError) in try UserAgentFunctions.call(args) },
    ]

    /// Names this library implements.
    static var libraryNames: Set<String> { Set(Self.implementations.keys) }

    /// Every function name, including the evaluator's: all are reserved words as field names and
    /// must be written `${name}` to be used as one.
    public static var names: Set<String> { Self.allNames }

    private static let allNames: Set<String> = Set(Self.implementations.keys).union(Self.evaluatorNames)

    /// Whether `name` is a Data Prep function (this library's or the evaluator's).
    public static func isKnown(_ name: String) -> Bool {
        Self.allNames.contains(name)
    }

    /// Calls function `name` with already evaluated arguments.
    /// - Throws: `FunctionError` for an unknown function, a wrong argument count or type, text
    ///   that does not parse, an invalid pattern; the engine turns it into a warning that drops
    ///   the field.
    public static func call(_ name: String, _ arguments: [JSONValue], context: inout FunctionContext)
        throws(FunctionError) -> JSONValue
    {
        if let implementation = Self.implementations[name] {
            return try implementation(FunctionArguments(name, arguments), &context)
        }
        if Self.evaluatorNames.contains(name) {
            throw FunctionError(
                function: name, message: "\(name) is evaluated by the expression evaluator, not the function library")
        }
        throw FunctionError(function: name, message: "Unknown function \(name)")
    }
}

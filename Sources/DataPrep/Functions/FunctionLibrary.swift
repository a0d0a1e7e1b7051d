// STAND-IN: replaced by the function-library branch
import Crypto

/// The Data Prep function library (stand-in with a handful of functions).
public enum FunctionLibrary {
    public static func isKnown(_ name: String) -> Bool { Self.names.contains(name) }

    public static var names: Set<String> {
        [
            "concat", "explode", "instr", "replacestr", "substr", "lower", "lcase", "upper", "ucase", "ltrim", "rtrim",
            "trim", "split", "join", "lpad", "rpad", "left", "right", "extract_regex", "matches_regex", "sha1", "sha256",
            "sha512", "md5", "crc32", "get_url_protocol", "get_url_host", "get_url_port", "get_url_path",
            "get_url_query_str", "get_url_encoded", "get_url_decoded", "now", "timestamp", "dformat", "format", "date",
            "date_part", "set_date_part", "make_date_time", "zone_date_to_utc", "zone_date_to_zone", "is_empty",
            "arrays_to_object", "to_object", "str_to_object", "contains_key", "is_set", "nullify", "get_keys",
            "get_values", "map_get_values", "map_has_keys", "add_to_map", "object_to_map", "array_to_map", "to_map",
            "coalesce", "first", "last", "add_to_array", "join_arrays", "to_array", "size_of", "upsert_array_append",
            "upsert_array_replace", "decode", "iif", "min", "max", "to_bigint", "to_decimal", "to_float", "to_integer",
            "json_to_object", "uuid", "guid", "ua_os_name", "ua_os_version_major", "ua_os_version", "ua_os_name_version",
            "ua_agent_version", "ua_agent_version_major", "ua_agent_name", "ua_device_class",
        ]
    }

    static func text(_ value: JSONValue) -> String? {
        switch value {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .number(let n): return n.text
        case .bool(let b): return b ? "true" : "false"
        case .null: return nil
        default: return value.jsonText
        }
    }

    public static func call(_ name: String, _ arguments: [JSONValue], context: inout FunctionContext) throws(FunctionError) -> JSONValue {
        switch name {
        case "concat":
            return .string(arguments.compactMap(Self.text).joined())
        case "lower", "lcase":
            guard let s = arguments.first.flatMap(Self.text) else { return .null }
            return .string(s.lowercased())
        case "upper", "ucase":
            guard let s = arguments.first.flatMap(Self.text) else { return .null }
            return .string(s.uppercased())
        case "to_integer":
            guard let s = arguments.first.flatMap(Self.text) else { return .null }
            guard let i = Int64(s.trimmingCharacters(in: .whitespaces)) else {
                throw FunctionError(function: name, message: "\"\(s)\" is not an integer")
            }
            return .int(i)
        case "decode":
            guard let key = arguments.first else { return .null }
            var index = 1
            while index + 1 < arguments.count {
                if arguments[index] == key { return arguments[index + 1] }
                index += 2
            }
            return index < arguments.count ? arguments[index] : .null
        case "sha256":
            guard let s = arguments.first.flatMap(Self.text) else { return .null }
            let hex = Array("0123456789abcdef".utf8)
            var out: [UInt8] = []
            for byte in SHA256.hash(data: Array(s.utf8)) { out.append(hex[Int(byte >> 4)]); out.append(hex[Int(byte & 15)]) }
            return .string(String(decoding: out, as: UTF8.self))
        case "dformat":
            guard arguments.count == 2 else { throw FunctionError(function: name, message: "expects 2 arguments") }
            guard case .int(let millis) = arguments[0], case .string(let pattern) = arguments[1] else {
                if arguments[0] == .null { return .null }
                throw FunctionError(function: name, message: "expects (epoch milliseconds, pattern)")
            }
            return .string(try JavaDateTimePattern(pattern).format(DateTimeValue(epochMilliseconds: millis)))
        case "uuid", "guid":
            let a = context.random.next(), b = context.random.next()
            let hex = String(format: "%016llx%016llx", a, b)
            let c = Array(hex)
            return .string("\(String(c[0..<8]))-\(String(c[8..<12]))-4\(String(c[13..<16]))-a\(String(c[17..<20]))-\(String(c[20..<32]))")
        case "now":
            return .date(context.now())
        case "timestamp":
            return .int(context.now().epochMilliseconds)
        default:
            throw FunctionError(function: name, message: "not available in this build")
        }
    }
}

import Foundation

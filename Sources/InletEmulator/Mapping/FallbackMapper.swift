/// The emulator's built-in mapper, used until a `DataPrep`-backed one is plugged in
/// (``EmulatorConfiguration/mapperFactory``).
///
/// It understands ATTRIBUTE mappings in both dialects (`sourceAttribute`/`destinationXdmPath`, and
/// `sourceType: "ATTRIBUTE"`/`source`/`destination`), STATIC mappings, dotted paths with `[n]`
/// indices, the simple coercions (number to string, numeric string to integer or number), and
/// validation of `type`, `required`, `minLength`, `maxLength`, `enum` and extraneous keys.
/// Anything else (EXPRESSION mappings, `$ref`s) is refused when the mapper is built, so that a
/// mapping set it cannot honour is never half-applied.
public struct FallbackMapper: RecordMapper {
    struct Rule: Sendable {
        enum Source: Sendable {
            case path([PathStep])
            case constant(JSON)
        }
        var source: Source
        var destination: [String]
    }

    enum PathStep: Sendable, Equatable {
        case key(String)
        case index(Int)
    }

    let rules: [Rule]
    let validator: SchemaValidator?

    /// Builds a mapper; throws ``IngestFailure``-free ``FallbackMapperError`` for what it cannot honour.
    public init(mappingSetJSON: [UInt8], schemaJSON: [UInt8]?) throws {
        let document: JSON
        do {
            document = try JSON.parse(mappingSetJSON)
        } catch {
            throw FallbackMapperError(message: "the mapping set is not valid JSON: \(error)")
        }
        guard let mappings = document["mappings"]?.arrayValue else {
            throw FallbackMapperError(message: "the mapping set has no `mappings` array")
        }
        var rules: [Rule] = []
        for (index, mapping) in mappings.enumerated() {
            let kind = (mapping["sourceType"]?.stringValue ?? "ATTRIBUTE").uppercased()
            let source = mapping["source"]?.stringValue ?? mapping["sourceAttribute"]?.stringValue
            let destination = mapping["destination"]?.stringValue ?? mapping["destinationXdmPath"]?.stringValue
            guard let source, let destination, !destination.isEmpty else {
                throw FallbackMapperError(message: "mapping \(index) needs a source and a destination")
            }
            let destinationSteps = destination.split(separator: ".").map(String.init)
            switch kind {
            case "ATTRIBUTE", "TEXT/X.SCHEMA-PATH":
                rules.append(Rule(source: .path(try Self.parsePath(source, mapping: index)), destination: destinationSteps))
            case "STATIC":
                rules.append(Rule(source: .constant(.string(source)), destination: destinationSteps))
            default:
                throw FallbackMapperError(
                    message: "mapping \(index): sourceType \(kind) needs the DataPrep engine; the fallback mapper only does ATTRIBUTE and STATIC"
                )
            }
        }
        self.rules = rules
        self.validator = try schemaJSON.map { try SchemaValidator(schemaJSON: $0) }
    }

    static func parsePath(_ text: String, mapping: Int) throws -> [PathStep] {
        var steps: [PathStep] = []
        for part in text.split(separator: ".", omittingEmptySubsequences: false) {
            var name = Substring(part)
            var indices: [Int] = []
            while name.hasSuffix("]"), let open = name.lastIndex(of: "[") {
                guard let index = Int(name[name.index(after: open)..<name.index(before: name.endIndex)]) else {
                    throw FallbackMapperError(message: "mapping \(mapping): path \(text) has an index the fallback mapper cannot read")
                }
                indices.insert(index, at: 0)
                name = name[..<open]
            }
            guard !name.isEmpty else {
                throw FallbackMapperError(message: "mapping \(mapping): path \(text) has an empty step")
            }
            steps.append(.key(String(name)))
            steps.append(contentsOf: indices.map(PathStep.index))
        }
        return steps
    }

    public func map(_ rawEvent: [UInt8]) -> IngestDecision {
        let event: JSON
        do {
            event = try JSON.parse(rawEvent)
        } catch {
            return .failed(IngestFailure(code: "INGEST-1212-400", message: "The message is not valid JSON: \(error)", isMalformedInput: true))
        }
        guard case .object = event else {
            return .failed(IngestFailure(code: "INGEST-1212-400", message: "The message is not a JSON object", isMalformedInput: true))
        }
        var record = JSON.object([])
        for rule in self.rules {
            let value: JSON?
            switch rule.source {
            case .constant(let constant): value = constant
            case .path(let steps): value = Self.lookup(steps, in: event)
            }
            guard let value, value != .null else { continue }
            Self.assign(value, at: rule.destination[...], in: &record)
        }
        var warnings: [String] = []
        if let validator = self.validator {
            let violations = validator.coerceAndValidate(&record, warnings: &warnings)
            if !violations.isEmpty {
                return .failed(
                    IngestFailure(
                        code: "INGEST-1212-400",
                        message: "\(violations.count) schema violations found",
                        violations: Array(violations.prefix(5))
                    )
                )
            }
        }
        return .stored(record: record.serialized(), warnings: warnings)
    }

    static func lookup(_ steps: [PathStep], in value: JSON) -> JSON? {
        var current = value
        for step in steps {
            switch step {
            case .key(let key):
                guard let next = current[key] else { return nil }
                current = next
            case .index(let index):
                guard let next = current[index] else { return nil }
                current = next
            }
        }
        return current
    }

    static func assign(_ value: JSON, at path: ArraySlice<String>, in target: inout JSON) {
        guard let first = path.first else {
            target = value
            return
        }
        if case .object = target {} else { target = .object([]) }
        var child = target[first] ?? .object([])
        self.assign(value, at: path.dropFirst(), in: &child)
        target[first] = child
    }
}

/// The fallback validator for XDM messages: it stores `body.xdmEntity` as it is if the schema
/// accepts it.
public struct FallbackValidator: RecordMapper {
    let validator: SchemaValidator?

    public init(schemaJSON: [UInt8]?) throws {
        self.validator = try schemaJSON.map { try SchemaValidator(schemaJSON: $0) }
    }

    public func map(_ rawEvent: [UInt8]) -> IngestDecision {
        guard var record = try? JSON.parse(rawEvent), case .object = record else {
            return .failed(IngestFailure(code: "INGEST-1212-400", message: "xdmEntity is not a JSON object"))
        }
        var warnings: [String] = []
        if let validator = self.validator {
            let violations = validator.coerceAndValidate(&record, warnings: &warnings)
            if !violations.isEmpty {
                return .failed(
                    IngestFailure(
                        code: "INGEST-1212-400",
                        message: "\(violations.count) schema violations found",
                        violations: Array(violations.prefix(5))
                    )
                )
            }
        }
        return .stored(record: record.serialized(), warnings: warnings)
    }
}

/// A mapping set or schema the fallback mapper cannot use.
public struct FallbackMapperError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { self.message }
}

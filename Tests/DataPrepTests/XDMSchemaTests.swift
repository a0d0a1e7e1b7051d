import ReplayCommon
import Testing

@testable import DataPrep

@Suite struct XDMSchemaTests {
    @Test func loadsTypesAndConstraints() throws {
        let schema = try XDMSchema.load(json: Array(TestSupport.seedSchema.utf8), source: "s")
        guard case .found(let node) = schema.node(at: try FieldPath(parsing: "_extconndev.timestamp1")) else {
            Issue.record("not found")
            return
        }
        #expect(node.type == .integer(.long))
        guard case .found(let unique) = schema.node(at: try FieldPath(parsing: "_extconndev.uniqueid")) else {
            Issue.record("not found")
            return
        }
        #expect(unique.minLength == 1)
        #expect(schema.root.properties["_extconndev"]?.required == ["uniqueid"])
        guard case .undefined(let parent, let key) = schema.node(at: try FieldPath(parsing: "_extconndev.nope")) else {
            Issue.record("found")
            return
        }
        #expect(parent.description == "_extconndev" && key == "nope")
    }

    @Test(arguments: [
        (#"{"type": "object", "properties": {"a": {"type": "strin"}}}"#, "#/properties/a/type"),
        (#"{"type": "object", "properties": {"a": {"type": "string", "pattern": "(["}}}"#, "#/properties/a/pattern"),
        (#"{"type": "object", "properties": {"a": {"$ref": "https://ns.adobe.com/xdm/common/x"}}}"#, "#/properties/a"),
        (
            #"{"type": "object", "properties": {"a": {"type": "string", "meta:xdmType": "varchar"}}}"#,
            "#/properties/a/meta:xdmType"
        ),
        (#"{"type": "object", "required": "a"}"#, "#/required"),
        (#"{"type": "object", "properties": {"a": {"type": "string", "maxLength": -1}}}"#, "#/properties/a/maxLength"),
        (#"{"type": "string"}"#, "#/type"),
    ])
    func errorsNameTheSchemaPath(text: String, pointer: String) {
        do {
            _ = try XDMSchema.load(json: Array(text.utf8), source: "s.json")
            Issue.record("loaded")
        } catch {
            #expect(error.pointer == pointer, "\(error)")
        }
    }

    /// Property: mutated schemas (bytes flipped, cut, spliced) never crash or hang the loader.
    @Test func fuzzedSchemasNeverCrash() {
        var random = SeededRandom(seed: 3)
        let base = Array((TestSupport.seedSchema + TestSupport.xdmLikeSchema).utf8)
        let insertions = Array(
            "{}[]\",:01-eE\"type\"\"items\"\"properties\"\"required\"\"enum\"\"pattern\"\"(\"\"meta:xdmType\"\"map\""
                .utf8)
        for _ in 0..<3000 {
            var bytes = Array(TestSupport.seedSchema.utf8)
            let edits = 1 + Int(random.next() % 6)
            for _ in 0..<edits {
                guard !bytes.isEmpty else { break }
                let at = Int(random.next() % UInt64(bytes.count))
                switch random.next() % 4 {
                case 0: bytes.remove(at: at)
                case 1: bytes.insert(insertions[Int(random.next() % UInt64(insertions.count))], at: at)
                case 2: bytes[at] = base[Int(random.next() % UInt64(base.count))]
                default: bytes = Array(bytes[..<at])
                }
            }
            if let schema = try? XDMSchema.load(json: bytes, source: "fuzz"),
                let mapper = try? Mapper(
                    mappingSet: MappingSet.load(json: Array(TestSupport.seedMapping.utf8), source: "m"), schema: schema)
            {
                _ = mapper.map(Array(TestSupport.guideEvent.utf8))
            }
        }
    }
}

/// The standard XDM classes, behaviours, field groups and data types that streaming schemas are
/// composed from, as the Schema Registry presents them (`xed`: `allOf`/`$ref` left in place).
///
/// Written for this project from the facts of Adobe's public XDM definitions (adobe/xdm, commit
/// `4a4fc5f8dd175cd81f2419b85130a6fc25053890`: field names, types, formats, requirements). The
/// Registry exposes the `xdm:` names without their prefix and `@id` as `_id`, so the names here are
/// the ones records carry (`_id`, `timestamp`, `identityMap`). Titles, descriptions, examples and
/// the JSON-LD `@context` are left out: they change nothing a record is validated against.
public enum StandardXDM {
    /// What a definition is, as the Registry's `meta:resourceType` says.
    public enum Kind: String, Sendable {
        case classes, behaviors, fieldgroups, datatypes
    }

    /// One definition: its `$id`, kind and document.
    public struct Definition: Sendable {
        public let id: String
        public let kind: Kind
        /// The definition as JSON text.
        public let document: String
    }

    public static let experienceEvent = "https://ns.adobe.com/xdm/context/experienceevent"
    public static let profile = "https://ns.adobe.com/xdm/context/profile"
    public static let identityMap = "https://ns.adobe.com/xdm/context/identitymap"
    public static let record = "https://ns.adobe.com/xdm/data/record"
    public static let timeSeries = "https://ns.adobe.com/xdm/data/time-series"

    /// Every definition, by `$id`.
    public static let definitions: [String: Definition] = {
        var all: [String: Definition] = [:]
        for definition in Self.list { all[definition.id] = definition }
        return all
    }()

    /// The parsed documents, by `$id` (parsed once; the texts are fixed and valid).
    public static let documents: [String: JSONValue] = {
        var all: [String: JSONValue] = [:]
        for definition in Self.list {
            all[definition.id] = try? JSONValue.parse(Array(definition.document.utf8))
        }
        return all
    }()

    static let list: [Definition] = [
        Definition(
            id: "https://ns.adobe.com/xdm/context/experienceevent",
            kind: .classes,
            document: """
                {"$id":"https://ns.adobe.com/xdm/context/experienceevent","title":"XDM ExperienceEvent","type":"object",
                 "meta:xdmType":"object","meta:abstract":true,"meta:extensible":true,
                 "meta:extends":["https://ns.adobe.com/xdm/data/time-series","https://ns.adobe.com/xdm/context/identitymap"],
                 "definitions":{"experienceevent":{"properties":{
                    "eventMergeId":{"type":"string","meta:xdmType":"string"},
                    "producedBy":{"type":"string","meta:xdmType":"string","default":"self"}}}},
                 "allOf":[{"$ref":"https://ns.adobe.com/xdm/context/identitymap"},
                          {"$ref":"https://ns.adobe.com/xdm/data/time-series"},
                          {"$ref":"#/definitions/experienceevent"}],
                 "required":["_id","timestamp"]}
                """
        ),
        Definition(
            id: "https://ns.adobe.com/xdm/context/profile",
            kind: .classes,
            document: """
                {"$id":"https://ns.adobe.com/xdm/context/profile","title":"XDM Individual Profile","type":"object",
                 "meta:xdmType":"object","meta:abstract":true,"meta:extensible":true,
                 "meta:extends":["https://ns.adobe.com/xdm/data/record","https://ns.adobe.com/xdm/common/auditable"],
                 "definitions":{"profile":{"properties":{
                    "personID":{"type":"string","meta:xdmType":"string"}}}},
                 "allOf":[{"$ref":"https://ns.adobe.com/xdm/common/auditable"},
                          {"$ref":"https://ns.adobe.com/xdm/data/record"},
                          {"$ref":"#/definitions/profile"}]}
                """
        ),
        Definition(
            id: "https://ns.adobe.com/xdm/data/record",
            kind: .behaviors,
            document: """
                {"$id":"https://ns.adobe.com/xdm/data/record","title":"Record Schema","type":"object",
                 "meta:xdmType":"object","meta:abstract":true,
                 "definitions":{"record":{"properties":{
                    "_id":{"type":"string","format":"uri-reference","meta:xdmType":"string"}}}},
                 "allOf":[{"$ref":"#/definitions/record"}]}
                """
        ),
        Definition(
            id: "https://ns.adobe.com/xdm/data/time-series",
            kind: .behaviors,
            document: """
                {"$id":"https://ns.adobe.com/xdm/data/time-series","title":"Time-series Schema","type":"object",
                 "meta:xdmType":"object","meta:abstract":true,
                 "definitions":{"time-series":{"properties":{
                    "_id":{"type":"string","format":"uri-reference","meta:xdmType":"string"},
                    "timestamp":{"type":"string","format":"date-time","meta:xdmType":"date-time"},
                    "eventType":{"type":"string","meta:xdmType":"string"}}}},
                 "allOf":[{"$ref":"#/definitions/time-series"}]}
                """
        ),
        Definition(
            id: "https://ns.adobe.com/xdm/context/identitymap",
            kind: .fieldgroups,
            document: """
                {"$id":"https://ns.adobe.com/xdm/context/identitymap","title":"IdentityMap","type":"object",
                 "meta:xdmType":"object","meta:intendedToExtend":[],
                 "definitions":{"identitymap":{"properties":{
                    "identityMap":{"type":"object","meta:xdmType":"map",
                       "additionalProperties":{"type":"array","items":{"$ref":"https://ns.adobe.com/xdm/context/identityitem"}}}}}},
                 "allOf":[{"$ref":"#/definitions/identitymap"}]}
                """
        ),
        Definition(
            id: "https://ns.adobe.com/xdm/context/identityitem",
            kind: .datatypes,
            document: """
                {"$id":"https://ns.adobe.com/xdm/context/identityitem","title":"Identity item","type":"object",
                 "meta:xdmType":"object",
                 "definitions":{"identityitem":{"properties":{
                    "id":{"type":"string","meta:xdmType":"string"},
                    "authenticatedState":{"type":"string","meta:xdmType":"string","default":"ambiguous",
                       "enum":["ambiguous","authenticated","loggedOut"]},
                    "primary":{"type":"boolean","meta:xdmType":"boolean","default":false}}}},
                 "allOf":[{"$ref":"#/definitions/identityitem"}]}
                """
        ),
        Definition(
            id: "https://ns.adobe.com/xdm/context/experienceevent-marketing",
            kind: .fieldgroups,
            document: """
                {"$id":"https://ns.adobe.com/xdm/context/experienceevent-marketing","title":"Campaign Marketing Details","type":"object",
                 "meta:xdmType":"object","meta:abstract":true,
                 "meta:intendedToExtend":["https://ns.adobe.com/xdm/context/experienceevent"],
                 "definitions":{"experienceevent-marketing":{"properties":{
                    "marketing":{"$ref":"https://ns.adobe.com/xdm/context/marketing"}}}},
                 "allOf":[{"$ref":"#/definitions/experienceevent-marketing"}]}
                """
        ),
        Definition(
            id: "https://ns.adobe.com/xdm/context/marketing",
            kind: .datatypes,
            document: """
                {"$id":"https://ns.adobe.com/xdm/context/marketing","title":"Marketing","type":"object",
                 "meta:xdmType":"object",
                 "definitions":{"marketing":{"properties":{
                    "trackingCode":{"type":"string","meta:xdmType":"string"},
                    "campaignName":{"type":"string","meta:xdmType":"string"},
                    "campaignGroup":{"type":"string","meta:xdmType":"string"}}}},
                 "allOf":[{"$ref":"#/definitions/marketing"}]}
                """
        ),
        Definition(
            id: "https://ns.adobe.com/xdm/common/auditable",
            kind: .datatypes,
            document: """
                {"$id":"https://ns.adobe.com/xdm/common/auditable","title":"Audit trail","type":"object",
                 "meta:xdmType":"object","meta:abstract":true,
                 "definitions":{"auditlog":{"properties":{
                    "repositoryCreatedBy":{"type":"string","meta:xdmType":"string"},
                    "repositoryLastModifiedBy":{"type":"string","meta:xdmType":"string"},
                    "createdByBatchID":{"type":"string","format":"uri-reference","meta:xdmType":"string"},
                    "modifiedByBatchID":{"type":"string","format":"uri-reference","meta:xdmType":"string"},
                    "repo:createDate":{"type":"string","format":"date-time","meta:xdmType":"date-time"},
                    "repo:modifyDate":{"type":"string","format":"date-time","meta:xdmType":"date-time"}}}},
                 "allOf":[{"$ref":"#/definitions/auditlog"}]}
                """
        ),
    ]
}

/// The parts of the services' answers the client reads. Fields the client does not need are not
/// decoded; fields it needs are required, so that an answer without them is an error that names
/// the call.
enum FlowServiceAnswer {
    /// `POST /tenant/schemas`: the schema with its `$id`.
    struct Schema: Decodable {
        var id: String

        enum CodingKeys: String, CodingKey {
            case id = "$id"
        }
    }

    /// `POST /conversion/mappingSets`.
    struct MappingSet: Decodable {
        var id: String
    }

    /// `PATCH /flows/{id}`: the new etag (and the id, which the emulator and Adobe both send).
    struct Patched: Decodable {
        var id: String?
        var etag: String
    }

    /// `GET /flows/{id}`: `items[0]`.
    struct Flows: Decodable {
        struct Item: Decodable {
            struct Options: Decodable {
                var inletUrl: String
            }

            var id: String?
            var name: String?
            var etag: String?
            var state: String?
            var targetConnectionIds: [String]?
            var options: Options
        }

        var items: [Item]
    }

    /// `GET /targetConnections/{id}`: `items[0].data.schema.id`, the schema of the flow's dataset.
    struct TargetConnections: Decodable {
        struct Item: Decodable {
            struct Payload: Decodable {
                struct Schema: Decodable {
                    var id: String
                }

                var schema: Schema
            }

            var data: Payload
        }

        var items: [Item]
    }

    /// `GET /runs?property=flowId==...`: each run's record and status summaries.
    struct Runs: Decodable {
        struct Item: Decodable {
            struct Metrics: Decodable {
                struct Records: Decodable {
                    var inputRecordCount: Int?
                    var outputRecordCount: Int?
                    var failedRecordCount: Int?
                }

                struct Status: Decodable {
                    var status: String?
                }

                var recordSummary: Records?
                var statusSummary: Status?
            }

            var id: String?
            var metrics: Metrics?
        }

        var items: [Item]?
    }

    /// `GET /emulator/flows/{id}/keys`.
    struct KeyCounts: Decodable {
        var counts: [String: Int]
        var withoutKey: Int?
    }
}

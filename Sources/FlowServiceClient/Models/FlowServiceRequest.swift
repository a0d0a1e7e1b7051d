/// The bodies the client sends, as the Flow Service, Catalog and Schema Registry APIs document
/// them (flow-service.md; the seed's calls).
enum FlowServiceRequest {
    /// `{"id": ..., "version": ...}` of a connection or flow spec.
    struct Spec: Encodable, Equatable {
        var id: String
        var version: String
    }

    /// A schema reference: `{"id": ..., "contentType": ...}`.
    struct SchemaRef: Encodable, Equatable {
        var id: String
        var contentType: String
    }

    /// `POST /data/foundation/catalog/dataSets`.
    struct Dataset: Encodable, Equatable {
        var name: String
        var schemaRef: SchemaRef
    }

    /// `POST /data/foundation/flowservice/sourceConnections`.
    struct SourceConnection: Encodable, Equatable {
        struct Data: Encodable, Equatable {
            var format: String
        }

        var name: String
        var providerId: String
        var description: String
        var connectionSpec: Spec
        var data: Data
    }

    /// `POST /data/foundation/flowservice/targetConnections`.
    struct TargetConnection: Encodable, Equatable {
        struct Schema: Encodable, Equatable {
            var id: String
            var version: String
        }

        struct Data: Encodable, Equatable {
            var format: String
            var schema: Schema
        }

        struct Params: Encodable, Equatable {
            var dataSetId: String
        }

        var name: String
        var description: String
        var connectionSpec: Spec
        var data: Data
        var params: Params
    }

    /// `POST /data/foundation/flowservice/flows`.
    struct Flow: Encodable, Equatable {
        struct Transformation: Encodable, Equatable {
            struct Params: Encodable, Equatable {
                var mappingId: String
                var mappingVersion: Int
            }

            var name: String
            var params: Params
        }

        var name: String
        var description: String
        var flowSpec: Spec
        var sourceConnectionIds: [String]
        var targetConnectionIds: [String]
        var transformations: [Transformation]
    }
}

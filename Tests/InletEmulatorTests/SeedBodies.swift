/// The request bodies of the seed document (seed/pendo-flow-service-api.fr.md), verbatim; the ids
/// they carry are replaced by the ones the emulator returns in earlier steps.
enum SeedBodies {
    static let seedSchemaId = "https://ns.adobe.com/extconndev/schemas/b48de0b204046e65a4c50232e7946401946b4c519fd7c172"
    static let seedDatasetId = "63dca52231a6031c07280614"
    static let seedMappingSchemaId =
        "https://ns.adobe.com/{TENANT_ID}/schemas/945546112b746524bfd9f1264b26c2b7d8e7f5b7fadb953a"
    static let seedSourceId = "339d60a5-9ff6-4eba-8197-e8887eeb3c08"
    static let seedTargetId = "df7c660e-3484-463b-b01a-1835e9b04ac9"
    static let seedMappingId = "bae11501021646e58cecc1182451af22"

    static let sourceConnection = """
        {
            "name": "Streaming Source Connection for Pendo",
            "providerId": "521eee4d-8cbe-4906-bb48-fb6bd4450033",
            "description": "Streaming Source Connection for Pendo",
            "connectionSpec": {
                "id": "6ff5654f-19d5-427d-bd3e-c0ebc802389a",
                "version": "1.0"
            },
            "data": {
                "format": "json"
            }
          }
        """

    static let targetConnection = """
        {
            "name": "Streaming Target Connection for Pendo",
            "description": "Streaming Target Connection for Pendo",
            "connectionSpec": {
                "id": "c604ff05-7f1a-43c0-8e18-33bf874cb11c",
                "version": "1.0"
            },
            "data": {
                "format": "json",
                "schema": {
                    "id": "https://ns.adobe.com/extconndev/schemas/b48de0b204046e65a4c50232e7946401946b4c519fd7c172",
                    "version": "application/vnd.adobe.xed-full+json;version=1"
                }
            },
            "params": {
                "dataSetId": "63dca52231a6031c07280614"
            }
        }
        """

    static let mappingSet = """
        {
            "outputSchema": {
                "schemaRef": {
                    "id": "https://ns.adobe.com/{TENANT_ID}/schemas/945546112b746524bfd9f1264b26c2b7d8e7f5b7fadb953a",
                    "contentType": "application/vnd.adobe.xed-full+json;version=1"
                }
            },
          "mappings": [
              {
                  "destinationXdmPath": "_extconndev.accountid",
                  "sourceAttribute": "accountId",
                  "identity": false,
                  "version": 0
              },
              {
                  "destinationXdmPath": "_extconndev.uniqueid",
                  "sourceAttribute": "uniqueId",
                  "identity": false,
                  "version": 0
              },
              {
                  "destinationXdmPath": "_extconndev.name1",
                  "sourceAttribute": "properties.guideProperties.name",
                  "identity": false,
                  "version": 0
              },
              {
                  "destinationXdmPath": "_extconndev.timestamp1",
                  "sourceAttribute": "timestamp",
                  "identity": false,
                  "version": 0
              },
              {
                  "destinationXdmPath": "_extconndev.visitorid",
                  "sourceAttribute": "visitorId",
                  "identity": false,
                  "version": 0
              }
          ]
        }
        """

    static let flow = """
        {
            "name": "Streaming Dataflow for Pendo",
            "description": "Streaming Dataflow for Pendo",
            "flowSpec": {
                "id": "e77fde5a-22a8-11ed-861d-0242ac120002",
                "version": "1.0"
            },
            "sourceConnectionIds": [
                "339d60a5-9ff6-4eba-8197-e8887eeb3c08"
            ],
            "targetConnectionIds": [
                "df7c660e-3484-463b-b01a-1835e9b04ac9"
            ],
            "transformations": [
            {
              "name": "Mapping",
              "params": {
                "mappingId": "bae11501021646e58cecc1182451af22",
                "mappingVersion": 0
              }
            }
          ]
        }
        """

    /// Not in the seed (it links to the Schema Registry tutorial): a schema with the seed
    /// mapping's destinations, `uniqueid` required and non-empty.
    static let schema = """
        {
          "title": "Pendo events",
          "type": "object",
          "properties": {
            "_extconndev": {
              "type": "object",
              "properties": {
                "accountid": {"type": "string"},
                "uniqueid": {"type": "string", "minLength": 1},
                "name1": {"type": "string"},
                "timestamp1": {"type": "string"},
                "visitorid": {"type": "string"}
              },
              "required": ["uniqueid"]
            }
          },
          "required": ["_extconndev"]
        }
        """

    static func dataset(schemaId: String) -> String {
        """
        {"name": "Pendo events", "schemaRef": {"id": "\(schemaId)", "contentType": "application/vnd.adobe.xed-full+json;version=1"}}
        """
    }

    /// A Pendo track event shaped like the webhook's.
    static func pendoEvent(uniqueId: String, accountId: String = "acct-1", visitorId: String = "visitor-1") -> String {
        """
        {"type":"guideSeen","event":"guideSeen","uniqueId":"\(uniqueId)","accountId":"\(accountId)","visitorId":"\(visitorId)","timestamp":1676875325841,"subscriptionId":"5","appId":"-323232","properties":{"guideProperties":{"id":"g1","name":"Welcome guide","stepId":"s1"}}}
        """
    }
}

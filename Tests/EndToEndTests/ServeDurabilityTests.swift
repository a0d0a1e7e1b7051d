import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Process-level tests of `pendo-replay serve`: the built binary, real loopback, kill -9.
@Suite("pendo-replay serve as a process", .serialized)
struct ServeDurabilityTests {
    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 10
        configuration.httpMaximumConnectionsPerHost = 16
        return URLSession(configuration: configuration)
    }()

    static func request(_ method: String, _ url: String, body: String?, platform: Bool = true) async throws -> (
        Int, Any?
    ) {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if platform {
            request.setValue("Bearer e2e-token", forHTTPHeaderField: "Authorization")
            request.setValue("e2e-key", forHTTPHeaderField: "x-api-key")
            // The org `run`, `provision` and `reconcile` send to a loopback Flow Service by default:
            // resources are isolated per org, so what these tests provision must be that org's.
            request.setValue("EMULATOR@AdobeOrg", forHTTPHeaderField: "x-gw-ims-org-id")
            request.setValue("prod", forHTTPHeaderField: "x-sandbox-name")
        }
        request.httpBody = body.map { Data($0.utf8) }
        let (data, response) = try await Self.session.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        return (status, try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]))
    }

    /// Provisions the seed's chain on the server at `base`; returns (flowId, inletUrl).
    static func provision(_ base: String) async throws -> (String, String) {
        let schema = """
            {"title": "Pendo events", "type": "object", "properties": {"_extconndev": {"type": "object",
             "properties": {"accountid": {"type": "string"}, "uniqueid": {"type": "string", "minLength": 1}}}}}
            """
        let (_, schemaAnswer) = try await request(
            "POST", base + "/data/foundation/schemaregistry/tenant/schemas", body: schema)
        let schemaId = try #require((schemaAnswer as? [String: Any])?["$id"] as? String)
        let (_, datasetAnswer) = try await request(
            "POST",
            base + "/data/foundation/catalog/dataSets",
            body:
                #"{"name": "ds", "schemaRef": {"id": "\#(schemaId)", "contentType": "application/vnd.adobe.xed-full+json;version=1"}}"#
        )
        let datasetId = try #require((datasetAnswer as? [String])?.first).replacingOccurrences(
            of: "@/dataSets/", with: "")
        let (_, source) = try await request(
            "POST",
            base + "/data/foundation/flowservice/sourceConnections",
            body:
                #"{"name": "Streaming Source Connection for Pendo", "providerId": "521eee4d-8cbe-4906-bb48-fb6bd4450033", "connectionSpec": {"id": "6ff5654f-19d5-427d-bd3e-c0ebc802389a", "version": "1.0"}, "data": {"format": "json"}}"#
        )
        let sourceId = try #require((source as? [String: Any])?["id"] as? String)
        let (_, target) = try await request(
            "POST",
            base + "/data/foundation/flowservice/targetConnections",
            body:
                #"{"name": "t", "connectionSpec": {"id": "c604ff05-7f1a-43c0-8e18-33bf874cb11c", "version": "1.0"}, "data": {"format": "json", "schema": {"id": "\#(schemaId)", "version": "application/vnd.adobe.xed-full+json;version=1"}}, "params": {"dataSetId": "\#(datasetId)"}}"#
        )
        let targetId = try #require((target as? [String: Any])?["id"] as? String)
        let (_, mapping) = try await request(
            "POST",
            base + "/data/foundation/conversion/mappingSets",
            body:
                #"{"outputSchema": {"schemaRef": {"id": "\#(schemaId)", "contentType": "application/vnd.adobe.xed-full+json;version=1"}}, "mappings": [{"destinationXdmPath": "_extconndev.accountid", "sourceAttribute": "accountId", "identity": false, "version": 0}, {"destinationXdmPath": "_extconndev.uniqueid", "sourceAttribute": "uniqueId", "identity": false, "version": 0}]}"#
        )
        let mappingId = try #require((mapping as? [String: Any])?["id"] as? String)
        let (_, flow) = try await request(
            "POST",
            base + "/data/foundation/flowservice/flows",
            body:
                #"{"name": "Streaming Dataflow for Pendo", "flowSpec": {"id": "e77fde5a-22a8-11ed-861d-0242ac120002", "version": "1.0"}, "sourceConnectionIds": ["\#(sourceId)"], "targetConnectionIds": ["\#(targetId)"], "transformations": [{"name": "Mapping", "params": {"mappingId": "\#(mappingId)", "mappingVersion": 0}}]}"#
        )
        let flowId = try #require((flow as? [String: Any])?["id"] as? String)
        let (_, got) = try await request("GET", base + "/data/foundation/flowservice/flows/\(flowId)", body: nil)
        let items = try #require((got as? [String: Any])?["items"] as? [[String: Any]])
        let inletUrl = try #require((items.first?["options"] as? [String: Any])?["inletUrl"] as? String)
        return (flowId, inletUrl)
    }

    actor Acknowledged {
        var ids: [String] = []
        /// Tells the senders to end. Not task cancellation: cancelling a task inside URLSession's
        /// async `data(for:)` deadlocks FoundationNetworking on Linux (the cancel handler waits on the
        /// session's queue while that queue waits for the task's status lock to resume it).
        var stopped = false
        func add(_ id: String) { self.ids.append(id) }
        func stop() { self.stopped = true }
        var count: Int { self.ids.count }
    }

    @Test("kill -9 while ingesting, restart on the same --data: every acknowledged xactionId is there")
    func killNineKeepsAcknowledged() async throws {
        let data = NSTemporaryDirectory() + "serve-kill9-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: data) }
        let first = try await ServeProcess.start(arguments: ["--data", data])
        let base = "http://127.0.0.1:\(first.port)"
        let (flowId, inletUrl) = try await Self.provision(base)
        #expect(inletUrl.hasPrefix(base + "/collection/"))

        let acknowledged = Acknowledged()
        let workers = Task {
            await withTaskGroup(of: Void.self) { group in
                for worker in 0..<8 {
                    group.addTask {
                        var index = 0
                        while await !acknowledged.stopped, index < 5_000 {
                            let event = #"{"uniqueId": "w\#(worker)-\#(index)", "accountId": "a"}"#
                            guard
                                let (status, answer) = try? await Self.request(
                                    "POST", inletUrl + "?x-adobe-flow-id=\(flowId)", body: event, platform: false)
                            else {
                                return
                            }
                            if status == 200, let id = (answer as? [String: Any])?["xactionId"] as? String {
                                await acknowledged.add(id)
                            }
                            index += 1
                        }
                    }
                }
            }
        }
        // Kill in the middle of the stream, once a few hundred are acknowledged, however slowly a busy
        // machine gets there (the senders are bounded, so 120 s only guards against a server that died).
        let deadline = Date().addingTimeInterval(120)
        while await acknowledged.count < 300, Date() < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        await first.kill9()
        // Requests in flight fail now that the server is gone; the senders see the flag and end.
        await acknowledged.stop()
        await workers.value
        let ids = await acknowledged.ids
        #expect(ids.count >= 300)

        let second = try await ServeProcess.start(arguments: ["--data", data])
        defer { second.terminate() }
        let lookupBody = String(
            decoding: try JSONSerialization.data(withJSONObject: ["xactionIds": ids]), as: UTF8.self)
        let (status, answer) = try await Self.request(
            "POST", "http://127.0.0.1:\(second.port)/emulator/lookup", body: lookupBody, platform: false)
        #expect(status == 200)
        let missing = try #require((answer as? [String: Any])?["missing"] as? [String])
        #expect(missing.isEmpty, "acknowledged but lost: \(missing.prefix(5))")
        let found = try #require((answer as? [String: Any])?["found"] as? [String: String])
        #expect(found.count == ids.count)

        // The flow came back too: its inlet still takes events.
        let newInlet = inletUrl.replacingOccurrences(of: base, with: "http://127.0.0.1:\(second.port)")
        let (again, _) = try await Self.request(
            "POST", newInlet + "?x-adobe-flow-id=\(flowId)", body: #"{"uniqueId": "after", "accountId": "a"}"#,
            platform: false)
        #expect(again == 200)
    }

    @Test("serve refuses bad flags with exit code 2")
    func badFlags() async throws {
        let result = try await CLIProcess.run(["serve", "--port", "0", "--error-rate", "503=2"], timeout: 30)
        #expect(result.status == 2)
        #expect(result.stderr.contains("--error-rate"), "\(result.stderr)")
    }
}

import DataPrep
import HTTPTypes
import Hummingbird

extension EmulatorCore {
    /// Registers the streaming inlet: `POST /collection/{inletId}` and `POST /collection/batch/{inletId}`.
    /// Outside of a fault configuration, a server's connections answer these two on their event loop
    /// (``InletChannelHandler``) and these routes serve the router's other users (tests, fuzzing);
    /// both hand the request to ``admit(_:)``.
    func addInletRoutes(to router: Router<BasicRequestContext>) {
        router.post("collection/batch/:inletId") { request, context in
            try await self.ingest(request, endpoint: .batch, inletId: context.parameters.get("inletId") ?? "")
        }
        router.post("collection/:inletId") { request, context in
            try await self.ingest(request, endpoint: .single, inletId: context.parameters.get("inletId") ?? "")
        }
    }

    /// Reads the body up to the limit, admits the request, waits for its records' commit and answers.
    private func ingest(_ request: Request, endpoint: InletRequest.Endpoint, inletId: String) async throws -> Response {
        let arrived = ContinuousClock.now
        let limit = self.configuration.maxRequestBytes
        var body: [UInt8] = []
        var tooLarge = false
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit {
            tooLarge = true
        } else {
            do {
                body = Array(try await request.body.collect(upTo: limit).readableBytesView)
            } catch {
                tooLarge = true
            }
        }
        let admission = try self.admit(
            InletRequest(
                endpoint: endpoint, inletId: inletId, headers: request.headers, query: request.uri.query, body: body,
                bodyTooLarge: tooLarge, arrived: arrived))
        let committed: Result<Void, any Error>
        if admission.records.isEmpty {
            committed = .success(())
        } else {
            do {
                try await self.writer.commit(admission.records)
                committed = .success(())
            } catch {
                committed = .failure(error)
            }
        }
        return self.answer(admission, committed: committed).response()
    }

    /// Checks the route, the token and the body's size, then maps or validates the body into the
    /// records to commit. A refused request throws its ``Problem``.
    func admit(_ request: InletRequest) throws -> InletAdmission {
        let inletId = request.inletId
        guard let route = self.registry.inlet(inletId) else { throw InletProblem.notFound(inletId) }
        if route.authenticationRequired {
            guard let value = request.headers[.authorization], let token = bearerToken(value), !token.isEmpty else {
                throw InletProblem.unauthorized(inletId)
            }
            if let required = self.configuration.requiredToken, token != required {
                throw InletProblem.forbidden(inletId)
            }
        }
        if request.bodyTooLarge {
            throw InletProblem.tooLarge(inletId, limit: self.configuration.maxRequestBytes)
        }
        switch request.endpoint {
        case .single: return try self.admitOne(request, route: route)
        case .batch: return try self.admitBatch(request, route: route)
        }
    }

    /// The answer of an admitted request once its records' commit has ended: a failed commit is a
    /// 500 problem, since nothing of the request was stored.
    func answer(_ admission: InletAdmission, committed: Result<Void, any Error>) -> Answer {
        switch committed {
        case .success:
            if !admission.records.isEmpty {
                self.metrics.ingestLatency.record(ContinuousClock.now - admission.arrived)
            }
            return Answer.json(admission.status, bytes: admission.document.serialized())
        case .failure(let error):
            let message = "\(InletProblem.prefix(admission.inletId)) The request's records were not stored: \(error)"
            return InletProblem.make(500, title: "Internal Server Error", message: message).answer
        }
    }

    private func checkGuardrails(inletId: String, messages: Int, syncValidation: Bool) throws {
        guard self.configuration.faults.guardrails else { return }
        let now = self.elapsed()
        if let fault = self.faults.withLock({
            $0.guardrail(now: now, messages: messages, syncValidation: syncValidation)
        }) {
            throw self.faultProblem(fault, path: "/collection/\(inletId)")
        }
    }

    private func admitOne(_ request: InletRequest, route: InletRoute) throws -> InletAdmission {
        let inletId = request.inletId
        let body = request.body
        let query = request.query
        let syncValidation = Request.queryValue("syncValidation", in: query) == "true"
        try self.checkGuardrails(inletId: inletId, messages: 1, syncValidation: syncValidation)
        let receivedMs = self.nowMs()
        let decision: IngestDecision
        var datasetId = route.datasetId
        if let mapper = route.mapper {
            let flowId = request.headers[.flowId] ?? Request.queryValue("x-adobe-flow-id", in: query)
            guard let flowId else {
                self.metrics.refused.increment()
                throw InletProblem.badRequest(
                    inletId,
                    "This dataflow maps raw data: send its flow id as the header x-adobe-flow-id or the query parameter ?x-adobe-flow-id="
                )
            }
            guard flowId == route.flowId else {
                self.metrics.refused.increment()
                throw InletProblem.badRequest(inletId, "Flow id \(flowId) is not the dataflow of this inlet")
            }
            decision = mapper.map(body)
        } else {
            let envelope: JSONValue
            do {
                envelope = try JSONValue.parse(body)
            } catch {
                self.metrics.refused.increment()
                throw InletProblem.badRequest(inletId, "The request body is not valid JSON: \(error)")
            }
            let target: XDMTarget
            switch self.xdmTarget(envelope, route: route) {
            case .success(let found): target = found
            case .failure(let problem):
                self.metrics.refused.increment()
                throw InletProblem.badRequest(inletId, problem.message)
            }
            datasetId = target.datasetId
            let entity = envelope["body"]?["xdmEntity"] ?? .null
            decision = target.validator.map(document: entity, serialized: entity.serialized())
        }
        if case .failed(let failure) = decision {
            if failure.isMalformedInput {
                self.metrics.refused.increment()
                throw InletProblem.badRequest(inletId, failure.message)
            }
            if syncValidation {
                self.metrics.refused.increment()
                throw InletProblem.invalid(inletId, failure)
            }
        }
        let xactionId = self.ids.transactionId(receivedMs: receivedMs)
        return InletAdmission(
            inletId: inletId,
            arrived: request.arrived,
            records: [
                IngestRecord(
                    datasetId: datasetId, flowId: route.flowId, inletId: inletId, xactionId: xactionId,
                    receivedMs: receivedMs, raw: body, decision: decision)
            ],
            status: 200,
            document: .obj(
                ("inletId", .string(inletId)),
                ("xactionId", .string(xactionId)),
                ("receivedTimeMs", .int(receivedMs)),
                ("syncValidation", syncValidation ? .obj(("status", "pass")) : .obj(("skipped", true)))
            )
        )
    }

    /// Where an XDM message lands and what validates it: the flow's dataset, or the dataset its
    /// `header.datasetId` names (DCS routes XDM messages by it), which must be in the flow's org
    /// and sandbox; `header.imsOrgId` must be the flow's org, `header.flowId` the flow and
    /// `header.schemaRef.id` the dataset's schema.
    func xdmTarget(_ envelope: JSONValue, route: InletRoute) -> Result<XDMTarget, EnvelopeProblem> {
        guard case .object = envelope["header"] ?? .null, case .object = envelope["body"] ?? .null else {
            return .failure(EnvelopeProblem("Message has unknown xdm format: it needs `header` and `body`"))
        }
        guard case .object = envelope["body"]?["xdmEntity"] ?? .null else {
            return .failure(EnvelopeProblem("Message has unknown xdm format: body.xdmEntity is missing"))
        }
        let header = envelope["header"]
        if let flowId = header?["flowId"]?.stringValue, flowId != route.flowId {
            return .failure(EnvelopeProblem("header.flowId \(flowId) is not the dataflow of this inlet"))
        }
        if let org = header?["imsOrgId"]?.stringValue, let owner = route.owner, org != owner.orgId {
            return .failure(EnvelopeProblem("header.imsOrgId \(org) is not the org of this inlet's dataflow"))
        }
        var target = XDMTarget(datasetId: route.datasetId, schemaId: route.schemaId, validator: route.validator)
        if let named = header?["datasetId"]?.stringValue, named != route.datasetId {
            let dataset =
                route.owner.map { self.document(.datasets, named, for: $0) } ?? self.registry.document(.datasets, named)
            guard let dataset else {
                return .failure(
                    EnvelopeProblem("header.datasetId \(named) names no dataset in this inlet's org and sandbox"))
            }
            let schemaId = dataset["schemaRef"]?["id"]?.stringValue
            do {
                let validator = try self.registry.datasetValidator(named, schemaId: schemaId) {
                    let schema = schemaId.flatMap { self.schema(withId: $0, for: route.owner) }
                    return try self.configuration.validatorFactory(schema)
                }
                target = XDMTarget(datasetId: named, schemaId: schemaId, validator: validator)
            } catch {
                return .failure(
                    EnvelopeProblem("header.datasetId \(named): its schema \(schemaId ?? "?") cannot be used: \(error)")
                )
            }
        }
        if let schemaId = header?["schemaRef"]?["id"]?.stringValue, let expected = target.schemaId, schemaId != expected
        {
            return .failure(
                EnvelopeProblem(
                    "header.schemaRef.id \(schemaId) is not the schema \(expected) of dataset \(target.datasetId)"))
        }
        return .success(target)
    }

    private func admitBatch(_ request: InletRequest, route: InletRoute) throws -> InletAdmission {
        let inletId = request.inletId
        let body = request.body
        let syncValidation = Request.queryValue("syncValidation", in: request.query) == "true"
        let document: BatchDocument
        do {
            document = try BatchDocument.parse(body)
        } catch {
            throw InletProblem.badRequest(inletId, "The request body is not valid JSON: \(error)")
        }
        guard let messages = document.messages, !messages.isEmpty else {
            throw InletProblem.badRequest(inletId, "A batch is {\"messages\": [...]} with at least one message")
        }
        guard messages.count <= self.configuration.maxBatchMessages else {
            self.metrics.refused.increment()
            throw InletProblem.badRequest(
                inletId,
                "The batch has \(messages.count) messages; at most \(self.configuration.maxBatchMessages) are taken in one request (serve --max-batch-messages): send smaller batches"
            )
        }
        try self.checkGuardrails(inletId: inletId, messages: messages.count, syncValidation: syncValidation)
        let requestFlowId = request.headers[.flowId] ?? Request.queryValue("x-adobe-flow-id", in: request.query)
        let receivedMs = self.nowMs()
        let batchId = self.ids.transactionId(receivedMs: receivedMs)
        var responses: [JSONValue] = []
        var records: [IngestRecord] = []
        responses.reserveCapacity(messages.count)
        records.reserveCapacity(messages.count)
        for (index, message) in messages.enumerated() {
            let refuse = { (text: String) -> JSONValue in
                .obj(("statusCode", 400), ("message", .string("\(InletProblem.prefix(inletId)) \(text)")))
            }
            guard message.isObject, case .object = message.header ?? .null, message.bodyIsObject,
                let bodyRange = message.body
            else {
                responses.append(refuse("Message has unknown xdm format"))
                continue
            }
            let flowId = message.header?["flowId"]?.stringValue ?? requestFlowId
            if let flowId, flowId != route.flowId {
                responses.append(refuse("Flow id \(flowId) is not the dataflow of this inlet"))
                continue
            }
            let raw: [UInt8]
            let decision: IngestDecision
            var datasetId = route.datasetId
            if let mapper = route.mapper, !message.bodyHasXDMEntity {
                guard flowId != nil else {
                    responses.append(refuse("This dataflow maps raw data: send header.flowId or x-adobe-flow-id"))
                    continue
                }
                // The event's bytes as sent; Data Prep parses them (once).
                raw = Array(body[bodyRange])
                decision = mapper.map(raw)
            } else {
                // An XDM message: its envelope is checked as a tree (the range is valid JSON already).
                guard let bodyValue = try? JSONValue.parse(Array(body[bodyRange])) else {
                    responses.append(refuse("Message has unknown xdm format"))
                    continue
                }
                let envelope = JSONValue.obj(("header", message.header ?? .null), ("body", bodyValue))
                switch self.xdmTarget(envelope, route: route) {
                case .success(let target):
                    datasetId = target.datasetId
                    let entity = bodyValue["xdmEntity"] ?? .null
                    raw = entity.serialized()
                    decision = target.validator.map(document: entity, serialized: raw)
                case .failure(let problem):
                    responses.append(refuse(problem.message))
                    continue
                }
            }
            if case .failed(let failure) = decision, syncValidation || failure.isMalformedInput {
                responses.append(refuse("Message is invalid: \(failure.message)"))
                continue
            }
            let xactionId = "\(batchId):\(index)"
            records.append(
                IngestRecord(
                    datasetId: datasetId, flowId: route.flowId, inletId: inletId, xactionId: xactionId,
                    receivedMs: receivedMs, raw: raw, decision: decision)
            )
            responses.append(.obj(("xactionId", .string(xactionId))))
        }
        let refused = messages.count - records.count
        if refused > 0 { self.metrics.refused.increment(by: Int64(refused)) }
        return InletAdmission(
            inletId: inletId,
            arrived: request.arrived,
            records: records,
            status: 207,
            document: .obj(
                ("inletId", .string(inletId)),
                ("batchId", .string(batchId)),
                ("receivedTimeMs", .int(receivedMs)),
                ("responses", .array(responses))
            )
        )
    }
}

/// A streaming inlet request with its body read, as either transport hands it over.
struct InletRequest {
    /// Which of the inlet's two POST routes it came to.
    enum Endpoint: Equatable, Sendable {
        case single
        case batch

        /// The route as the router names it (the `route` label of the request metrics).
        var route: String {
            switch self {
            case .single: "/collection/{inletId}"
            case .batch: "/collection/batch/{inletId}"
            }
        }
    }

    var endpoint: Endpoint
    var inletId: String
    var headers: HTTPFields
    /// The query as sent, without its `?`.
    var query: String?
    /// The body; empty when it was over the limit.
    var body: [UInt8]
    /// The body, or its `Content-Length`, was over ``EmulatorConfiguration/maxRequestBytes``.
    var bodyTooLarge: Bool
    /// When the request was read (the start of its ingest latency).
    var arrived: ContinuousClock.Instant
}

/// An admitted inlet request: the records it commits and the document it answers once they are.
struct InletAdmission: Sendable {
    var inletId: String
    var arrived: ContinuousClock.Instant
    /// Empty when every message of a batch was refused.
    var records: [IngestRecord]
    /// 200 for a single message, 207 for a batch.
    var status: Int
    var document: JSONValue
}

/// The dataset an XDM message lands in and the validator of its schema.
struct XDMTarget {
    var datasetId: String
    var schemaId: String?
    var validator: any RecordMapper
}

/// Why an XDM message's envelope is refused (the message of a 400).
struct EnvelopeProblem: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

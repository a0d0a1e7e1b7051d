import DataPrep
import Hummingbird

extension EmulatorCore {
    /// Registers the streaming inlet: `POST /collection/{inletId}` and `POST /collection/batch/{inletId}`.
    func addInletRoutes(to router: Router<BasicRequestContext>) {
        router.post("collection/batch/:inletId") { request, context in
            try await self.ingestBatch(request: request, inletId: context.parameters.get("inletId") ?? "")
        }
        router.post("collection/:inletId") { request, context in
            try await self.ingestOne(request: request, inletId: context.parameters.get("inletId") ?? "")
        }
    }

    /// The route, the auth check and the body, common to both endpoints.
    private func admit(request: Request, inletId: String) async throws -> (InletRoute, [UInt8]) {
        guard let route = self.registry.inlet(inletId) else { throw InletProblem.notFound(inletId) }
        if route.authenticationRequired {
            guard let value = request.headers[.authorization], let token = bearerToken(value), !token.isEmpty else {
                throw InletProblem.unauthorized(inletId)
            }
            if let required = self.configuration.requiredToken, token != required {
                throw InletProblem.forbidden(inletId)
            }
        }
        let limit = self.configuration.maxRequestBytes
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit {
            throw InletProblem.tooLarge(inletId, limit: limit)
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch {
            throw InletProblem.tooLarge(inletId, limit: limit)
        }
        return (route, Array(buffer.readableBytesView))
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

    func ingestOne(request: Request, inletId: String) async throws -> Response {
        let arrived = ContinuousClock.now
        let (route, body) = try await self.admit(request: request, inletId: inletId)
        let query = request.uri.query
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
        try await self.writer.commit([
            IngestRecord(
                datasetId: datasetId, flowId: route.flowId, inletId: inletId, xactionId: xactionId,
                receivedMs: receivedMs, raw: body, decision: decision)
        ])
        self.metrics.ingestLatency.record(ContinuousClock.now - arrived)
        return jsonResponse(
            200,
            .obj(
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

    func ingestBatch(request: Request, inletId: String) async throws -> Response {
        let arrived = ContinuousClock.now
        let (route, body) = try await self.admit(request: request, inletId: inletId)
        let syncValidation = request.query("syncValidation") == "true"
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
        let requestFlowId = request.headers[.flowId] ?? request.query("x-adobe-flow-id")
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
        if !records.isEmpty {
            try await self.writer.commit(records)
            self.metrics.ingestLatency.record(ContinuousClock.now - arrived)
        }
        return jsonResponse(
            207,
            .obj(
                ("inletId", .string(inletId)),
                ("batchId", .string(batchId)),
                ("receivedTimeMs", .int(receivedMs)),
                ("responses", .array(responses))
            )
        )
    }
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

import Foundation

extension PendoEvent {
    /// Why an event's bytes do not make a `PendoEvent`.
    public struct DecodeError: Error, Sendable, CustomStringConvertible {
        /// Where the event came from (`file:line`).
        public var place: String
        /// What the decoder said.
        public var reason: String
        public var description: String { "\(self.place): not a Pendo webhook event: \(self.reason)" }
    }

    /// Decodes an event read from a corpus, keeping its bytes as `originalBytes`.
    public static func decode(_ event: CorpusEvent) throws -> PendoEvent {
        try PendoEvent.decode(event.bytes, place: "\(event.file):\(event.line)")
    }

    /// Decodes an event's JSON text, keeping the bytes as `originalBytes`.
    public static func decode(_ bytes: [UInt8], place: String = "event") throws -> PendoEvent {
        do {
            var event = try JSONDecoder().decode(PendoEvent.self, from: Data(bytes))
            event.originalBytes = bytes
            return event
        } catch let error as DecodingError {
            throw DecodeError(place: place, reason: PendoEvent.explain(error))
        }
    }

    private static func explain(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let text = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return text.isEmpty ? "the event" : text
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing '\(key.stringValue)' in \(path(context))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(path(context)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    /// A fresh JSON encoding in Pendo's member order (app, accountId, subscription, userAgent,
    /// event, properties, timestamp, visitorId, uniqueId), compact, non-ASCII kept as UTF-8.
    public func encoded() -> [UInt8] {
        var out = JSONTextBuffer()
        out.bytes.reserveCapacity(1024)
        self.encode(into: &out)
        return out.bytes
    }

    /// Appends the encoding to `out`.
    func encode(into out: inout JSONTextBuffer) {
        out.open()
        if let app = self.app {
            out.key("app")
            out.open()
            out.key("id")
            out.int(app.id)
            out.key("name")
            out.string(app.name)
            out.key("platform")
            out.string(app.platform)
            out.close()
        }
        if let accountId = self.accountId {
            out.key("accountId")
            out.string(accountId)
        }
        if let subscription = self.subscription {
            out.key("subscription")
            out.open()
            out.key("id")
            out.int(subscription.id)
            out.key("name")
            out.string(subscription.name)
            out.close()
        }
        if let userAgent = self.userAgent {
            out.key("userAgent")
            out.string(userAgent)
        }
        out.key("event")
        out.string(self.event.rawValue)
        if let properties = self.properties {
            out.key("properties")
            properties.encode(into: &out)
        }
        out.key("timestamp")
        out.int(self.timestamp)
        if let visitorId = self.visitorId {
            out.key("visitorId")
            out.string(visitorId)
        }
        out.key("uniqueId")
        out.string(self.uniqueId)
        out.close()
    }
}

extension PendoEvent.Properties {
    func encode(into out: inout JSONTextBuffer) {
        out.open()
        if let v = self.guideId {
            out.key("guideId")
            out.string(v)
        }
        if let g = self.guideProperties {
            out.key("guideProperties")
            out.open()
            out.key("id")
            out.string(g.id)
            out.key("name")
            out.string(g.name)
            out.key("createdAt")
            out.int(g.createdAt)
            out.key("createdByUser")
            out.open()
            out.key("username")
            out.string(g.createdByUser.username)
            out.close()
            out.key("lastUpdatedAt")
            out.int(g.lastUpdatedAt)
            out.key("lastUpdatedByUser")
            out.open()
            out.key("username")
            out.string(g.lastUpdatedByUser.username)
            out.close()
            out.key("steps")
            out.openArray()
            for step in g.steps {
                out.open()
                out.key("id")
                out.string(step.id)
                out.key("lastUpdatedAt")
                out.int(step.lastUpdatedAt)
                out.key("resetAt")
                out.int(step.resetAt)
                out.key("type")
                out.string(step.type)
                out.close()
            }
            out.closeArray()
            out.close()
        }
        if let v = self.guideStepId {
            out.key("guideStepId")
            out.string(v)
        }
        if let v = self.language {
            out.key("language")
            out.string(v)
        }
        if let nps = self.nps {
            out.key("nps")
            out.open()
            out.key("rating")
            out.int(Int64(nps.rating))
            out.key("reason")
            out.string(nps.reason)
            out.key("source")
            out.string(nps.source)
            out.close()
        }
        if let poll = self.poll {
            out.key("poll")
            out.open()
            out.key("id")
            out.string(poll.id)
            out.key("question")
            out.string(poll.question)
            out.key("response")
            out.string(poll.response)
            out.close()
        }
        if let v = self.pageId {
            out.key("pageId")
            out.string(v)
        }
        if let v = self.pageName {
            out.key("pageName")
            out.string(v)
        }
        if let v = self.url {
            out.key("url")
            out.string(v)
        }
        if let v = self.featureId {
            out.key("featureId")
            out.string(v)
        }
        if let v = self.featureName {
            out.key("featureName")
            out.string(v)
        }
        if let v = self.trackEventName {
            out.key("trackEventName")
            out.string(v)
        }
        if let track = self.trackProperties {
            out.key("trackProperties")
            out.open()
            for key in track.keys.sorted() {
                out.key(key)
                out.string(track[key]!)
            }
            out.close()
        }
        out.close()
    }
}

import Logging
import Synchronization
import Testing

@testable import InletEmulator

/// The emulator's log handler writes what swift-log's `StreamLogHandler` writes (the timestamp
/// aside), with metadata set on the logger, given by a metadata provider and given with the
/// message, in swift-log's order of precedence.
@Suite struct DeferredMetadataLogHandlerTests {
    /// Lines written, shared by the copies of a stream.
    final class Lines: TextOutputStream, Sendable {
        let written = Mutex<[String]>([])
        func write(_ string: String) { self.written.withLock { $0.append(string) } }
        /// Each line without its leading timestamp (the text up to the first space).
        var withoutTimestamps: [String] {
            self.written.withLock { $0.map { String($0.drop { $0 != " " }) } }
        }
    }

    static func log(to logger: inout Logger) {
        logger.logLevel = .info
        logger[metadataKey: "hb.request.id"] = "42"
        logger[metadataKey: "shared"] = "from the logger"
        logger.debug("below the level")
        logger.info("plain")
        logger.warning("explicit", metadata: ["shared": "from the message", "extra": ["a", "b"]])
        logger[metadataKey: "shared"] = nil
        logger.error("after removal")
    }

    @Test func writesWhatTheStreamHandlerWrites() {
        let provider = Logger.MetadataProvider { ["provided": "yes", "hb.request.id": "provider"] }
        let expected = Lines()
        var plain = Logger(label: "emulator") { label in
            StreamLogHandler(label: label, stream: expected, metadataProvider: provider)
        }
        Self.log(to: &plain)
        let deferred = Lines()
        var wrapped = Logger(label: "emulator") { label in
            DeferredMetadataLogHandler(
                wrapping: StreamLogHandler(label: label, stream: deferred, metadataProvider: provider))
        }
        Self.log(to: &wrapped)

        #expect(expected.withoutTimestamps.count == 3)
        #expect(deferred.withoutTimestamps == expected.withoutTimestamps)
        #expect(deferred.withoutTimestamps.first?.contains("hb.request.id=provider") == true)
        #expect(deferred.withoutTimestamps.dropFirst().first?.contains("shared=from the message") == true)
    }

    @Test func noMetadataWritesNone() {
        let expected = Lines()
        var plain = Logger(label: "emulator") { StreamLogHandler(label: $0, stream: expected, metadataProvider: nil) }
        plain.critical("bare")
        let deferred = Lines()
        var wrapped = Logger(label: "emulator") {
            DeferredMetadataLogHandler(wrapping: StreamLogHandler(label: $0, stream: deferred, metadataProvider: nil))
        }
        wrapped.critical("bare")
        #expect(deferred.withoutTimestamps == [" critical emulator: [InletEmulatorTests] bare\n"])
        #expect(deferred.withoutTimestamps == expected.withoutTimestamps)
        _ = plain
        _ = wrapped
    }
}

import DataPrep
import Foundation
import ReplayCommon
import Synchronization

/// Ids, etags and transaction ids in the formats Adobe's services use.
final class Identifiers: Sendable {
    private let random: Mutex<SeededRandom>
    private let sequence = Atomic<Int64>(0)
    /// A short node number in transaction ids (Adobe's middle field).
    let node: Int

    init(seed: UInt64) {
        self.random = Mutex(SeededRandom(seed: seed))
        self.node = Int(getpid() % 10_000)
    }

    func hex(_ count: Int) -> String {
        let digits = Array("0123456789abcdef")
        return self.random.withLock { random in
            String((0..<count).map { _ in digits[Int(random.next() & 0xF)] })
        }
    }

    /// A lowercase UUID (flows, connections, runs).
    func uuid() -> String {
        "\(self.hex(8))-\(self.hex(4))-4\(self.hex(3))-a\(self.hex(3))-\(self.hex(12))"
    }

    /// A quoted etag shaped like Adobe's (`"0301c198-0000-0200-0000-63f32ba50000"`).
    func etag(nowMs: Int64) -> String {
        let seconds = String(format: "%08x", UInt32(truncatingIfNeeded: nowMs / 1000))
        return "\"\(self.hex(8))-0000-0200-0000-\(seconds)0000\""
    }

    /// 32 hex (mapping sets).
    func mappingSetId() -> String { self.hex(32) }

    /// 24 hex, time first as Catalog's ids are (datasets).
    func datasetId(nowMs: Int64) -> String {
        String(format: "%08x", UInt32(truncatingIfNeeded: nowMs / 1000)) + self.hex(16)
    }

    /// 64 hex (inlets).
    func inletId() -> String { self.hex(64) }

    /// 48 hex (schema ids, as the seed's).
    func schemaHex() -> String { self.hex(48) }

    /// `receivedMs:node:sequence`, unique within a process and across restarts (time first).
    func transactionId(receivedMs: Int64) -> String {
        let next = self.sequence.wrappingAdd(1, ordering: .relaxed).newValue
        return "\(receivedMs):\(self.node):\(next)"
    }
}

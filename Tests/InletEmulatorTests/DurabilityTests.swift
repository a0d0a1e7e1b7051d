import Foundation
import Hummingbird
import Testing

@testable import InletEmulator

@Suite("Durability in-process")
struct DurabilityTests {
    @Test(
        "concurrent requests are group-committed, every acknowledged xactionId is stored, and flows survive a restart")
    func acknowledgedAreStored() async throws {
        let directory = NSTemporaryDirectory() + "emulator-durability-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let harness = try await EmulatorHarness {
            $0.dataDirectory = directory
            $0.commitWindow = 0.002
        }
        let chain = try await harness.provisionSeedChain()
        let acknowledged = try await withThrowingTaskGroup(of: String?.self) { group in
            for index in 0..<64 {
                group.addTask {
                    let answer = try await harness.send(
                        .post,
                        chain.inletPath + "?x-adobe-flow-id=\(chain.flowId)",
                        headers: [.contentType: "application/json"],
                        json: SeedBodies.pendoEvent(uniqueId: "d\(index)")
                    )
                    return answer.status == 200 ? answer.json?["xactionId"]?.stringValue : nil
                }
            }
            var ids: [String] = []
            for try await id in group { if let id { ids.append(id) } }
            return ids
        }
        #expect(acknowledged.count == 64)
        #expect(Set(acknowledged).count == 64)
        await harness.stop()

        let restarted = try await EmulatorHarness { $0.dataDirectory = directory }
        defer { Task { await restarted.stop() } }
        #expect(try restarted.emulator.store.outcomes(xactionIds: acknowledged).count == 64)
        let runs = try await restarted.send(.get, "/data/foundation/flowservice/runs?property=flowId==\(chain.flowId)")
        #expect(runs.json?["items"]?[0]?["metrics"]?["recordSummary"]?["outputRecordCount"] == .int(64))
        let more = try await restarted.send(
            .post,
            chain.inletPath + "?x-adobe-flow-id=\(chain.flowId)",
            headers: [.contentType: "application/json"],
            json: SeedBodies.pendoEvent(uniqueId: "after-restart")
        )
        #expect(more.status == 200, "the flow and its inlet come back with the database")
    }
}

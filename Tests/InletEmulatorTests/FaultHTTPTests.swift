import Foundation
import Hummingbird
import Testing

@testable import InletEmulator

@Suite("Fault flags observed over HTTP")
struct FaultHTTPTests {
    static let json: HTTPFields = [.contentType: "application/json"]

    func post(_ harness: EmulatorHarness, _ chain: SeedChain, _ id: String) async throws -> EmulatorHarness.Answer {
        try await harness.send(
            .post, chain.inletPath + "?x-adobe-flow-id=\(chain.flowId)", headers: Self.json,
            json: SeedBodies.pendoEvent(uniqueId: id))
    }

    @Test("--latency delays every inlet answer")
    func latency() async throws {
        let harness = try await EmulatorHarness { $0.faults.latency = .fixed(0.2) }
        defer { Task { await harness.stop() } }
        let chain = try await harness.provisionSeedChain()
        let clock = ContinuousClock()
        let start = clock.now
        let answer = try await self.post(harness, chain, "slow")
        #expect(answer.status == 200)
        #expect(clock.now - start >= .milliseconds(200))
    }

    @Test("--error-rate 503=1 answers 503 and stores nothing; 500 likewise")
    func errorRate() async throws {
        for status in [500, 503] {
            let harness = try await EmulatorHarness { $0.faults.errorRates = [status: 1.0] }
            let chain = try await harness.provisionSeedChain()
            let answer = try await self.post(harness, chain, "e")
            #expect(answer.status == status)
            #expect(answer.json?["status"] == .int(Int64(status)))
            #expect(try harness.emulator.store.recordCount() == 0)
            await harness.stop()
        }
    }

    @Test("--rate-limit answers 429 with Retry-After once the bucket is empty, and admits again once it refills")
    func rateLimit() async throws {
        let uptime = ManualUptime()
        let harness = try await EmulatorHarness {
            $0.faults.rateLimit = 0.5
            $0.faults.retryAfterSeconds = 1
            $0.uptime = uptime.read
        }
        defer { Task { await harness.stop() } }
        let chain = try await harness.provisionSeedChain()
        let first = try await self.post(harness, chain, "r1")
        uptime.advance(by: 1.5)
        let second = try await self.post(harness, chain, "r2")
        #expect(first.status == 200)
        #expect(second.status == 429, "one request per 2 s: 1.5 s refill three quarters of a token")
        #expect(second.headers[.retryAfter] == "1")
        #expect(second.json?["title"]?.stringValue == "Too Many Requests")
        uptime.advance(by: 0.5)
        let third = try await self.post(harness, chain, "r3")
        #expect(third.status == 200, "the bucket holds a whole token at 2 s")
        #expect(try harness.emulator.store.recordCount() == 2)
    }

    @Test("--stall holds answers until the window ends")
    func stall() async throws {
        let uptime = ManualUptime(2.6)
        let harness = try await EmulatorHarness {
            $0.faults.stall = .init(start: 0, duration: 3)
            $0.uptime = uptime.read
        }
        defer { Task { await harness.stop() } }
        let clock = ContinuousClock()
        let sent = clock.now
        let answer = try await harness.send(
            .post, "/collection/" + String(repeating: "0", count: 64), headers: Self.json, json: "{}")
        #expect(answer.status == 404)
        #expect(clock.now - sent >= .milliseconds(400), "sent 2.6 s into a 3 s stall: held for the 0.4 s left")
        let api = try await harness.send(.get, "/data/foundation/flowservice/flows/none")
        #expect(api.status == 404, "the API is out of the inlet scope")
    }

    @Test("--guardrails refuses the 61st sync-validation request in a minute with 429")
    func guardrails() async throws {
        let uptime = ManualUptime(0.5)
        let harness = try await EmulatorHarness {
            $0.faults.guardrails = true
            $0.uptime = uptime.read
        }
        defer { Task { await harness.stop() } }
        let chain = try await harness.provisionSeedChain()
        var statuses: [Int] = []
        for index in 0..<61 {
            let answer = try await harness.send(
                .post,
                chain.inletPath + "?syncValidation=true&x-adobe-flow-id=\(chain.flowId)",
                headers: Self.json,
                json: SeedBodies.pendoEvent(uniqueId: "g\(index)")
            )
            statuses.append(answer.status)
        }
        #expect(statuses.prefix(60).allSatisfy { $0 == 200 })
        #expect(statuses.last == 429)
        uptime.advance(by: 60)
        let nextMinute = try await harness.send(
            .post,
            chain.inletPath + "?syncValidation=true&x-adobe-flow-id=\(chain.flowId)",
            headers: Self.json,
            json: SeedBodies.pendoEvent(uniqueId: "g61")
        )
        #expect(nextMinute.status == 200, "a new minute's window")
    }

    @Test("--fault-scope api applies faults to the Platform API, not the inlet")
    func apiScope() async throws {
        let harness = try await EmulatorHarness {
            $0.faults.scope = .api
            $0.faults.errorRates = [503: 1.0]
        }
        defer { Task { await harness.stop() } }
        let answer = try await harness.send(
            .post, "/data/foundation/flowservice/sourceConnections", json: SeedBodies.sourceConnection)
        #expect(answer.status == 503)
        #expect(answer.json?["title"]?.stringValue == "Service Unavailable")
    }

    @Test("GET /metrics counts requests by route and status, records ingested and rejected, ingest latency, commits")
    func metrics() async throws {
        let harness = try await EmulatorHarness()
        defer { Task { await harness.stop() } }
        let chain = try await harness.provisionSeedChain()
        _ = try await self.post(harness, chain, "m1")
        _ = try await harness.send(
            .post, chain.inletPath + "?x-adobe-flow-id=\(chain.flowId)", headers: Self.json,
            json: #"{"accountId":"no unique id"}"#)
        let metrics = try await harness.send(.get, "/metrics", headers: [:])
        #expect(metrics.status == 200)
        let text = metrics.text
        #expect(text.contains("emulator_records_ingested_total 1"))
        #expect(text.contains("emulator_records_rejected_total 1"))
        #expect(
            text.contains(#"emulator_http_requests_total{route="/collection/{inletId}",method="POST",status="200"} 2"#),
            "\(text)")
        #expect(
            text.contains(
                #"emulator_http_requests_total{route="/data/foundation/flowservice/flows",method="POST",status="201"} 1"#
            ))
        #expect(text.contains("emulator_ingest_latency_seconds_count 2"))
        // One request after the other: two commits of one record each.
        #expect(text.contains("emulator_commit_duration_seconds_count 2"))
        #expect(text.contains("emulator_commit_records_count 2"))
        #expect(text.contains("emulator_commit_records_sum 2.0"))
    }
}

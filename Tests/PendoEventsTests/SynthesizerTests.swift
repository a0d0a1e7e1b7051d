import Foundation
import ReplayCommon
import Testing

@testable import PendoEvents

@Suite struct SynthesizerTests {
    private func bytes(_ options: SynthOptions) -> [UInt8] {
        var synthesizer = Synthesizer(options: options)
        var out: [UInt8] = []
        while synthesizer.next(appendingTo: &out) { out.append(0x0A) }
        return out
    }

    @Test func sameSeedSameBytesOtherSeedOtherBytes() {
        let a = self.bytes(SynthOptions(events: 2000, seed: 7))
        let b = self.bytes(SynthOptions(events: 2000, seed: 7))
        let c = self.bytes(SynthOptions(events: 2000, seed: 8))
        #expect(a == b)
        #expect(a != c)
        #expect(a.count > 2000 * 300)
    }

    @Test func sameSeedSameGzipFile() throws {
        let folder = TestFolder()
        defer { folder.remove() }
        func write(_ name: String, seed: UInt64) throws -> Data {
            let writer = try CorpusWriter(path: folder.file(name))
            var synthesizer = Synthesizer(options: SynthOptions(events: 3000, seed: seed))
            while let e = synthesizer.next() { try writer.write(e.encoded()) }
            try writer.finish()
            return FileManager.default.contents(atPath: folder.file(name))!
        }
        #expect(try write("a.jsonl.gz", seed: 3) == write("b.jsonl.gz", seed: 3))
        #expect(try write("c.jsonl.gz", seed: 3) != write("d.jsonl.gz", seed: 4))
    }

    @Test func kindMixIsWithinTolerance() throws {
        let mix = try EventMix.parse("guideDisplayed=50,npsSubmitted=20,pollSubmitted=10,pageLoaded=20")
        let n = 20_000
        var synthesizer = Synthesizer(options: SynthOptions(events: n, seed: 11, mix: mix))
        var counts: [EventKind: Int] = [:]
        while let e = synthesizer.next() { counts[e.event, default: 0] += 1 }
        #expect(Set(counts.keys) == [.guideDisplayed, .npsSubmitted, .pollSubmitted, .pageLoaded])
        for (kind, count) in counts {
            let share = Double(count) / Double(n)
            #expect(abs(share - mix.share(of: kind)) < 0.015, "\(kind): \(share)")
        }
    }

    @Test func uniqueIdsAreFortyHexAndUnique() {
        var synthesizer = Synthesizer(options: SynthOptions(events: 50_000, seed: 5, visitors: 100))
        var seen = Set<String>()
        let hex = Set("0123456789abcdef")
        while let e = synthesizer.next() {
            #expect(e.uniqueId.count == 40 && e.uniqueId.allSatisfy { hex.contains($0) })
            seen.insert(e.uniqueId)
        }
        #expect(seen.count == 50_000)
    }

    @Test func timestampsAreInsideTheSpanInOrderWithARhythm() {
        let start: Int64 = 1_767_571_200
        let options = SynthOptions(events: 30_000, seed: 2, start: start, spanSeconds: 3 * 86_400)
        var synthesizer = Synthesizer(options: options)
        var previous = Int64.min
        var perHour = [Int](repeating: 0, count: 24)
        var perMinute: [Int64: Int] = [:]
        while let e = synthesizer.next() {
            #expect(e.timestamp >= start && e.timestamp < start + 3 * 86_400)
            #expect(e.timestamp >= previous)
            previous = e.timestamp
            perHour[Int((e.timestamp - start) % 86_400 / 3600)] += 1
            perMinute[e.timestamp / 60, default: 0] += 1
        }
        // Daily rhythm: the afternoon is much busier than the night.
        #expect(perHour[14] > 4 * perHour[3])
        // Bursts: the busiest minute is well above the mean minute.
        let mean = 30_000.0 / (3 * 1440)
        #expect(Double(perMinute.values.max()!) > 3 * mean)
    }

    @Test func longAndShortSpansStayInside() {
        for span in [1.0, 45.0, 365 * 86_400.0] {
            let options = SynthOptions(events: 2000, seed: 6, start: 1_000_000_000, spanSeconds: span)
            var synthesizer = Synthesizer(options: options)
            var count = 0
            while let e = synthesizer.next() {
                #expect(e.timestamp >= 1_000_000_000 && Double(e.timestamp) < 1_000_000_000 + max(span, 1))
                count += 1
            }
            #expect(count == 2000)
        }
    }

    @Test func popularityIsSkewedAndCountsAreHonoured() {
        var synthesizer = Synthesizer(options: SynthOptions(events: 20_000, seed: 3, visitors: 1000, accounts: 50))
        var visitors: [String: Int] = [:]
        var accounts = Set<String>()
        while let e = synthesizer.next() {
            visitors[e.visitorId!, default: 0] += 1
            accounts.insert(e.accountId!)
        }
        #expect(visitors.count <= 1000)
        #expect(accounts.count <= 50)
        let top = visitors.values.sorted(by: >)
        // Zipf-like: the ten most active visitors make far more than 1% of the events.
        #expect(top.prefix(10).reduce(0, +) > 20_000 / 10)
    }

    @Test func eventsHaveTheWebhookShape() throws {
        var synthesizer = Synthesizer(options: SynthOptions(events: 5000, seed: 1))
        var sawNonASCIIReason = false
        var kinds = Set<EventKind>()
        while let e = synthesizer.next() {
            let bytes = e.encoded()
            #expect(JSONSyntax.check(bytes) == nil)
            let decoded = try PendoEvent.decode(bytes)
            #expect(decoded.uniqueId == e.uniqueId)
            #expect(decoded.subscription == e.subscription)
            #expect(e.app!.id < 0)
            #expect(e.subscription!.id > 1 << 53)
            kinds.insert(e.event)
            if e.event.isGuideEvent {
                let g = try #require(e.properties?.guideProperties)
                #expect(e.properties?.guideId == g.id)
                #expect(g.createdAt > 1_000_000_000_000 && g.createdAt < e.timestamp * 1000)
                #expect(g.steps.contains { $0.id == e.properties?.guideStepId })
            }
            if e.event == .npsSubmitted {
                let nps = try #require(e.properties?.nps)
                #expect((0...10).contains(nps.rating))
                #expect(nps.source == "web" || nps.source == "email")
                if nps.reason.unicodeScalars.contains(where: { $0.value > 0x7F }) { sawNonASCIIReason = true }
            }
            if e.event == .pollSubmitted { #expect(e.properties?.poll != nil) }
        }
        #expect(sawNonASCIIReason)
        #expect(
            kinds.isSuperset(of: [
                .guideDisplayed, .pollDisplayed, .pollSubmitted, .npsDisplayed, .npsSubmitted, .pageLoaded,
                .featureClicked, .trackEvent,
            ]))
    }

    @Test func zipfSamplerStaysInRangeAndPrefersLowRanks() {
        let sampler = ZipfSampler(n: 1_000_000, exponent: 1.1)
        var random = SeededRandom(seed: 1)
        var ones = 0
        for _ in 0..<10_000 {
            let k = sampler.sample(&random)
            #expect(k >= 1 && k <= 1_000_000)
            if k == 1 { ones += 1 }
        }
        #expect(ones > 500)
    }
}

import Dispatch
import NIOCore
import PendoEvents

/// The pacer of replay at recorded timing: a `DispatchSourceTimer` on its own queue wakes every
/// millisecond, asks the `ReplayPlanner` which requests are due (their times come from the events, in
/// corpus order, so one planner reads them all) and hands them with their intended times to the event
/// loops round-robin, one batch per loop per wake-up. The intended send time of each request is the
/// schedule's, not the wake-up's, so any lag shows in the corrected latency and the lag histogram.
/// (Rate models need no pacer: each loop paces its own stripe of the schedule, `LoopPacer`.)
final class ReplayPacer: @unchecked Sendable {
    private let queue = DispatchQueue(label: "pendo-replay.pacer", qos: .userInteractive)
    private var timer: (any DispatchSourceTimer)?
    private let workers: [LoopWorker]
    private let buffer: RequestBuffer
    private let startNanos: UInt64
    private var planner: ReplayPlanner<PreparedRequest>
    private var next = 0
    private var done = false
    /// With `--duration`, the last offset planned: sends intended at or after the duration are never
    /// planned, so the plan is exact however late the stop itself lands on a busy machine.
    private let horizon: Double
    /// Where the elapsed time is read (a manual clock in tests, which call `tick()` themselves).
    private let clock: any RunClock

    /// `planned`: the requests carry their intended offsets already (a shard's, `FeedStripe`).
    init(
        speed: Double, maxGap: Double?, workers: [LoopWorker], buffer: RequestBuffer, startNanos: UInt64,
        duration: Double? = nil,
        clock: any RunClock = SystemClock(), planned: Bool = false
    ) {
        self.clock = clock
        self.workers = workers
        self.buffer = buffer
        self.startNanos = startNanos
        self.horizon = duration.map { $0.nextDown } ?? .infinity
        self.planner =
            planned
            ? ReplayPlanner(planned: { $0.timestamp })
            : ReplayPlanner(speed: speed, maxGap: maxGap, timestamp: { $0.timestamp })
    }

    func start() {
        let timer = DispatchSource.makeTimerSource(flags: .strict, queue: self.queue)
        timer.schedule(deadline: .now(), repeating: .milliseconds(1), leeway: .microseconds(100))
        timer.setEventHandler { [weak self] in self?.tick() }
        self.timer = timer
        timer.resume()
    }

    /// Stops pacing (the run is stopping); nothing more is handed over.
    func stop() {
        self.queue.sync {
            self.done = true
            self.timer?.cancel()
            self.timer = nil
        }
    }

    /// One wake-up: hands every request now due to the loops. Called on `queue` by the timer.
    func tick() {
        guard !self.done else { return }
        let elapsed = min(Double(self.clock.now() &- self.startNanos) / 1e9, self.horizon)
        let buffer = self.buffer
        // At most 200,000 per wake-up keeps one wake-up from starving the loops after a long stall.
        let due = self.planner.due(by: elapsed, limit: 200_000) {
            switch buffer.take(max: 1, wake: nil) {
            case .requests(let requests): return .item(requests[0])
            case .empty: return .notYet
            case .finished: return .end
            }
        }
        if !due.isEmpty {
            var batches = [[Pending]](repeating: [], count: self.workers.count)
            for (request, offset) in due {
                let intended = self.startNanos &+ UInt64(DurationText.nanoseconds(offset))
                batches[self.next].append(Pending(request: request, intended: intended, intendedAtSend: false))
                self.next = (self.next + 1) % batches.count
            }
            for (index, batch) in batches.enumerated() where !batch.isEmpty {
                let worker = self.workers[index]
                worker.loop.execute { worker.enqueue(batch) }
            }
        }
        if self.planner.finished {
            self.done = true
            self.timer?.cancel()
            self.timer = nil
            for worker in self.workers { worker.loop.execute { worker.finishWork() } }
        }
    }
}

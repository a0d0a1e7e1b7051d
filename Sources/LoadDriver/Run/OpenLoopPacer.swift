import Dispatch
import NIOCore

/// The open-loop pacer: a `DispatchSourceTimer` on its own queue wakes every millisecond, works out
/// which sends the load model says are due, takes their requests from the read-ahead buffer and hands
/// them to the event loops round-robin, one batch per loop per wake-up. The intended send time of each
/// request is the model's, not the wake-up's, so any lag shows in the corrected latency and the lag histogram.
final class OpenLoopPacer: @unchecked Sendable {
    private let queue = DispatchQueue(label: "pendo-replay.pacer", qos: .userInteractive)
    private var timer: (any DispatchSourceTimer)?
    private let workers: [LoopWorker]
    private let buffer: RequestBuffer
    private let startNanos: UInt64
    private let schedule: (any RateSchedule)?
    private var replay: ReplaySchedule?
    private var issued = 0
    private var next = 0
    private var held: PreparedRequest?
    private var heldOffset = 0.0
    private var done = false
    private let onFinished: @Sendable () -> Void

    init(model: LoadModel, workers: [LoopWorker], buffer: RequestBuffer, startNanos: UInt64,
         onFinished: @escaping @Sendable () -> Void) {
        self.workers = workers
        self.buffer = buffer
        self.startNanos = startNanos
        self.onFinished = onFinished
        switch model {
        case .constant(let rate): self.schedule = ConstantRate(rate: rate)
        case .stages(let stages): self.schedule = StagedRate(stages: stages)
        case .replay(let speed, let maxGap):
            self.schedule = nil
            self.replay = ReplaySchedule(speed: speed, maxGap: maxGap)
        case .closed: self.schedule = nil
        }
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

    private func tick() {
        guard !self.done else { return }
        let elapsed = Double(monotonicNanos() &- self.startNanos) / 1e9
        var batches = [[Pending]](repeating: [], count: self.workers.count)
        var finished = false
        // At most a second's worth per wake-up keeps one wake-up from starving the loops.
        var budget = 200_000
        while budget > 0 {
            budget -= 1
            let offset: Double
            if let schedule = self.schedule {
                guard let intended = schedule.intendedOffset(ofSend: self.issued) else {
                    finished = true
                    break
                }
                guard intended <= elapsed else { break }
                offset = intended
                switch self.buffer.take(max: 1, wake: nil) {
                case .requests(let requests):
                    self.dispatch(requests[0], offset: offset, into: &batches)
                case .empty:
                    budget = 0  // the feed is behind: the lag shows when it catches up
                case .finished:
                    finished = true
                    budget = 0
                }
            } else {
                if self.held == nil {
                    switch self.buffer.take(max: 1, wake: nil) {
                    case .requests(let requests):
                        self.held = requests[0]
                        self.heldOffset = self.replay!.offset(forTimestamp: requests[0].timestamp)
                    case .empty:
                        budget = 0
                        continue
                    case .finished:
                        finished = true
                        budget = 0
                        continue
                    }
                }
                guard self.heldOffset <= elapsed, let request = self.held else { break }
                self.held = nil
                self.dispatch(request, offset: self.heldOffset, into: &batches)
            }
        }
        for (index, batch) in batches.enumerated() where !batch.isEmpty {
            let worker = self.workers[index]
            worker.loop.execute { worker.enqueue(batch) }
        }
        if finished {
            self.done = true
            self.timer?.cancel()
            self.timer = nil
            for worker in self.workers { worker.loop.execute { worker.finishWork() } }
            self.onFinished()
        }
    }

    private func dispatch(_ request: PreparedRequest, offset: Double, into batches: inout [[Pending]]) {
        let intended = self.startNanos &+ UInt64(max(0, offset) * 1e9)
        batches[self.next].append(Pending(request: request, intended: intended, intendedAtSend: false))
        self.next = (self.next + 1) % batches.count
        self.issued += 1
    }
}


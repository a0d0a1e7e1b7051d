import Reports
import Testing

@testable import LoadDriver

/// The run's lifecycle rules, exactly, with no sockets and no clock.
@Suite struct RunLifecycleTests {
    private let refused = RunLifecycle.ConnectFailure(errorClass: .connect, text: "127.0.0.1:9: connection refused")

    @Test func startsSendingOnceEveryConnectionIsOpen() {
        var run = RunLifecycle(connections: 3, workers: 2, requestBound: false)
        #expect(run.connected(failure: nil) == [])
        #expect(run.connected(failure: nil) == [])
        #expect(!run.started)
        #expect(run.connected(failure: nil) == [.startSending])
        #expect(run.state == .running(drained: []))
    }

    @Test func anyFailedConnectionFailsTheRunOnceAllAnswered() {
        var run = RunLifecycle(connections: 3, workers: 1, requestBound: false)
        #expect(run.connected(failure: self.refused) == [])
        #expect(run.connected(failure: nil) == [])
        #expect(
            run.connected(failure: RunLifecycle.ConnectFailure(errorClass: .tls, text: "other")) == [
                .failUnreachable(self.refused)
            ])
        #expect(run.stop(.interrupted) == [])
        #expect(run.workerDrained(0) == [])
        #expect(run.state == .failed(self.refused))
    }

    @Test func stopWhileConnectingStartsThenDrainsAtOnce() {
        var run = RunLifecycle(connections: 2, workers: 2, requestBound: false)
        #expect(run.connected(failure: nil) == [])
        #expect(run.stop(.interrupted) == [])
        #expect(run.stop(.duration) == [])  // the first stop's reason stays
        #expect(run.connected(failure: nil) == [.startSending, .beginDrain])
        #expect(run.workerDrained(1) == [])
        #expect(run.workerDrained(0) == [.finish(.interrupted)])
    }

    @Test func theDrainEndsOnTheLastWorkerNotTheDeadline() {
        var run = RunLifecycle(connections: 1, workers: 3, requestBound: false)
        _ = run.connected(failure: nil)
        #expect(run.workerDrained(2) == [])  // out of work early
        #expect(run.stop(.duration) == [.beginDrain])
        #expect(run.workerDrained(0) == [])
        #expect(run.workerDrained(0) == [])  // a repeat changes nothing
        #expect(run.workerDrained(1) == [.finish(.duration)])
        #expect(run.drainDeadline() == [])  // the deadline firing later does nothing
        #expect(run.state == .finished(.duration))
    }

    @Test func theDeadlineEndsADrainThatDoesNotFinish() {
        var run = RunLifecycle(connections: 1, workers: 2, requestBound: false)
        _ = run.connected(failure: nil)
        #expect(run.stop(.interrupted) == [.beginDrain])
        #expect(run.workerDrained(0) == [])
        #expect(run.drainDeadline() == [.finish(.interrupted)])
        #expect(run.workerDrained(1) == [])
    }

    @Test func runningOutOfWorkCompletesOrMeetsTheRequestBound() {
        var corpus = RunLifecycle(connections: 1, workers: 2, requestBound: false)
        _ = corpus.connected(failure: nil)
        #expect(corpus.workerDrained(0) == [])
        #expect(corpus.workerDrained(1) == [.beginDrain, .finish(.completed)])
        var bounded = RunLifecycle(connections: 1, workers: 1, requestBound: true)
        _ = bounded.connected(failure: nil)
        #expect(bounded.workerDrained(0) == [.beginDrain, .finish(.requests)])
    }

    @Test func aStopAfterTheRunRanOutOfWorkChangesNothing() {
        var run = RunLifecycle(connections: 1, workers: 1, requestBound: false)
        _ = run.connected(failure: nil)
        var drainedFirst = run
        #expect(drainedFirst.workerDrained(0) == [.beginDrain, .finish(.completed)])
        #expect(drainedFirst.stop(.interrupted) == [])
        #expect(drainedFirst.state == .finished(.completed))
        #expect(run.stop(.interrupted) == [.beginDrain])
    }

    @Test func losingTheInletStopsAsUnreachableWithItsCause() {
        var run = RunLifecycle(connections: 1, workers: 1, requestBound: false)
        #expect(run.inletLost("refused") == [])  // not running yet: the connect result decides
        _ = run.connected(failure: nil)
        #expect(run.inletLost("127.0.0.1:9: refused (after 8 reconnect attempts)") == [.beginDrain])
        #expect(run.lostCause == "127.0.0.1:9: refused (after 8 reconnect attempts)")
        #expect(run.inletLost("again") == [])
        #expect(run.workerDrained(0) == [.finish(.unreachable)])
    }
}

import NIOCore

/// The records one event loop admits while it handles the connections that are ready, handed to
/// the group-commit writer as one submission once it has handled them all.
///
/// The writer commits whatever is waiting when it wakes, and each commit costs its transaction and
/// log writes whatever it holds. Handed over one request at a time, a commit holds 3 or 4 records
/// with 64 busy connections; gathered over the loop's passes, about 24 (docs/BENCHMARKS.md). A
/// message alone on its loop is handed over as soon as its pass ends: a lone client waits for no
/// other.
final class LoopCommitBatch: @unchecked Sendable {
    private let loop: any EventLoop
    private let writer: GroupCommitWriter
    /// Only touched on `loop`.
    private var submissions: [GroupCommitWriter.Submission] = []

    init(loop: any EventLoop, writer: GroupCommitWriter) {
        self.loop = loop
        self.writer = writer
    }

    /// Adds a request's records; called on `loop`. They go to the writer once the loop has run the
    /// I/O it is running (a task the loop runs after its ready channels).
    func add(_ records: [IngestRecord], completion: @escaping GroupCommitWriter.Completion) {
        self.loop.assertInEventLoop()
        if self.submissions.isEmpty {
            self.loop.execute { self.handOver() }
        }
        self.submissions.append(GroupCommitWriter.Submission(records: records, completion: completion))
    }

    private func handOver() {
        let submissions = self.submissions
        self.submissions = []
        self.writer.submit(submissions)
    }
}

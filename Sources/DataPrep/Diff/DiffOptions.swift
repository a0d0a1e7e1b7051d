/// How `MappingDiff` compares the records of two mapping sets.
public struct DiffOptions: Sendable {
    /// Examples kept per counter (per field and kind of change, per transition, per rejection
    /// reason): the first ones in corpus order.
    public var samples: Int
    /// Paths left out of the comparison, given by hand (`--ignore`): a path and everything under
    /// it. `[*]` matches any array index.
    public var ignore: [FieldPath]
    /// Paths found non-deterministic (`NoiseProbe`), left out like `ignore`.
    public var nonDeterministic: [FieldPath]
    /// Values longer than this (in characters of JSON text) are cut in samples, with `…`.
    public var sampleValueLimit: Int

    /// - Parameters:
    ///   - samples: examples kept per counter (default 5).
    ///   - ignore: paths left out by hand.
    ///   - nonDeterministic: paths found non-deterministic.
    ///   - sampleValueLimit: characters of a sample value before it is cut (default 200).
    public init(
        samples: Int = 5, ignore: [FieldPath] = [], nonDeterministic: [FieldPath] = [], sampleValueLimit: Int = 200
    ) {
        self.samples = max(0, samples)
        self.ignore = ignore
        self.nonDeterministic = nonDeterministic
        self.sampleValueLimit = max(8, sampleValueLimit)
    }
}

/// Where an event sits in the corpus: its position (which orders samples, so that the examples
/// kept do not depend on how events were spread over workers) and its file and line.
public struct DiffEventReference: Sendable, Hashable {
    /// 0-based position of the event among the events read.
    public var ordinal: Int
    /// The file the event came from.
    public var file: String
    /// The file's position in the corpus's list of files.
    public var fileIndex: Int
    /// The event's 1-based line (or array element) in its file.
    public var line: Int

    public init(ordinal: Int, file: String, fileIndex: Int = 0, line: Int) {
        self.ordinal = ordinal
        self.file = file
        self.fileIndex = fileIndex
        self.line = line
    }

    /// `file:line`.
    public var text: String { "\(self.file):\(self.line)" }
}

/// One example of a difference: the event, its key (`_id`), and what each mapping set made of it.
public struct DiffSample: Sendable, Hashable {
    public var event: DiffEventReference
    /// The record's `_id` (the new record's, else the old one's), when it has one.
    public var key: String?
    /// The old side: a value's JSON text, or a rejection or warning message; nil when absent.
    public var old: String?
    /// The new side, likewise.
    public var new: String?

    public init(event: DiffEventReference, key: String?, old: String?, new: String?) {
        self.event = event
        self.key = key
        self.old = old
        self.new = new
    }
}

extension DiffSample: CorpusOrdered {
    public var ordinal: Int { self.event.ordinal }
}

import ReplayCommon
import Synchronization

/// A ``Mapper`` for callers that map from many threads without workers of their own (the
/// emulator's request handlers, the load driver's feed): each call borrows a warm
/// ``MappingState`` (date patterns compiled, memos of pure calls and converted values filled),
/// gives the event its own seed for `uuid()`/`guid()`, and returns the state for the next call.
/// A fresh state per event would compile every date pattern and recompute every memo again.
/// The pool holds at most as many states as calls ever ran at once.
public final class MapperPool: Sendable {
    /// The engine.
    public let mapper: Mapper
    private let seeds: SeedSequence
    private let idle = Mutex<[MappingState]>([])

    /// - Parameters:
    ///   - mapper: the engine (mapping set, schema, options).
    ///   - seeds: where each event's seed comes from (a distinct seed per event, whichever state maps it).
    public init(mapper: Mapper, seeds: SeedSequence) {
        self.mapper = mapper
        self.seeds = seeds
    }

    /// Maps one event (a JSON object's bytes) with a borrowed state; safe from any thread.
    public func map(_ event: [UInt8]) -> MapOutcome {
        self.withState { self.mapper.map(event, state: &$0) }
    }

    /// Maps one event already parsed (a document that arrived as a value) with a borrowed state;
    /// safe from any thread.
    public func map(value event: JSONValue) -> MapOutcome {
        self.withState { self.mapper.map(value: event, state: &$0) }
    }

    private func withState(_ body: (inout MappingState) -> MapOutcome) -> MapOutcome {
        var state = self.idle.withLock { $0.popLast() } ?? self.mapper.makeState()
        state.context.random = self.seeds.next()
        let outcome = body(&state)
        self.idle.withLock { $0.append(state) }
        return outcome
    }

    /// States waiting for the next call.
    var idleCount: Int { self.idle.withLock { $0.count } }
}

import NIOConcurrencyHelpers

/// A value behind a lock, for the few cross-thread reads off the hot path (the live line).
final class LockedBox<Value: Sendable>: @unchecked Sendable {
    private let lock = NIOLock()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    func get() -> Value { self.lock.withLock { self.value } }
    func set(_ value: Value) { self.lock.withLock { self.value = value } }
}

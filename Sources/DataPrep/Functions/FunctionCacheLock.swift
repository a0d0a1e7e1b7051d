import Foundation

/// A lock with a closure helper, kept in one place so the caches read the same way.
final class FunctionCacheLock: @unchecked Sendable {
    private let lock = NSLock()

    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        self.lock.lock()
        defer { self.lock.unlock() }
        return try body()
    }
}

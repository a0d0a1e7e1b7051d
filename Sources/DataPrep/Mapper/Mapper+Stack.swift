extension Mapper {
    /// The stack of a thread of our own that maps events (`validate`'s workers, the run's feed pump):
    /// parsing and evaluation recurse as deep as their limits allow (JSON nesting, expression depth,
    /// path parts), and a thread Foundation starts may have less stack than that needs in a debug
    /// build. 8 MiB, as the main thread's.
    public static let threadStackSize = 8 << 20
}

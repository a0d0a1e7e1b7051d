import Foundation
import Testing

/// Runs the built `pendo-replay` as a child process without blocking a Swift concurrency thread:
/// its pipes are read on threads of their own and its exit is awaited through `terminationHandler`.
///
/// Why: tests run in parallel on Swift concurrency's pool, which on Linux is Dispatch's global pool
/// with about one thread per core. A test that blocks a pool thread (`waitUntilExit`, a semaphore, a
/// blocking read) stalls every other test, and deadlocks any that waits for work queued on that pool.
enum CLIProcess {
    /// The package root (corpora/ is found relative to it).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    /// The `pendo-replay` built next to the test bundle, else the package's debug build.
    static func binary() throws -> String {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<3 {
            let candidate = directory.appendingPathComponent("pendo-replay").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        let fallback = Self.root + "/.build/debug/pendo-replay"
        guard FileManager.default.isExecutableFile(atPath: fallback) else {
            throw Failure("pendo-replay is not built: run `swift build` first")
        }
        return fallback
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        /// The process outlived its time bound and was killed.
        var timedOut: Bool
        var lines: [String] { self.stdout.split(separator: "\n").map(String.init) }
    }

    /// Runs `pendo-replay arguments` (or `executable arguments`) in `directory` (the package root by
    /// default), with `stdin` as its standard input (none: /dev/null) and `environment` added to
    /// this process's; killed after `timeout` seconds.
    static func run(
        _ arguments: [String], stdin: String? = nil, timeout: Double = 120,
        in directory: String = CLIProcess.root, executable: String? = nil,
        environment: [String: String] = [:]
    ) async throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try executable ?? Self.binary())
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = stdin == nil ? FileHandle.nullDevice : input
        let exit = OneShot<Int32>()
        process.terminationHandler = { exit.set($0.terminationStatus) }
        try process.run()
        let stdout = Self.readToEnd(out.fileHandleForReading)
        let stderr = Self.readToEnd(err.fileHandleForReading)
        if let stdin {
            let writer = input.fileHandleForWriting
            Thread {
                writer.write(Data(stdin.utf8))
                try? writer.close()
            }.start()
        }
        let killed = OneShot<Bool>()
        let pid = process.processIdentifier
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout) {
            guard !exit.isSet else { return }
            killed.set(true)
            kill(pid, SIGKILL)
        }
        let status = await exit.value
        return Result(
            status: status, stdout: String(decoding: await stdout.value, as: UTF8.self),
            stderr: String(decoding: await stderr.value, as: UTF8.self), timedOut: killed.isSet)
    }

    /// A `pendo-replay` child started by ``launch(_:)``, for tests that signal it while it runs.
    struct Launched {
        let pid: Int32
        let exit: OneShot<Int32>
        let stderr: OneShot<Data>

        /// The exit status, or nil if the process still runs after `seconds`.
        func exited(within seconds: Double) async -> Int32? {
            await self.exit.value(within: seconds)
        }

        /// SIGKILL unless it has exited (for `defer`).
        func kill9() {
            if !self.exit.isSet { kill(self.pid, SIGKILL) }
        }
    }

    /// Starts `pendo-replay arguments` in the package root without waiting for it; stdout is dropped.
    static func launch(_ arguments: [String]) throws -> Launched {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Self.binary())
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: Self.root)
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        let exit = OneShot<Int32>()
        process.terminationHandler = { exit.set($0.terminationStatus) }
        try process.run()
        return Launched(pid: process.processIdentifier, exit: exit, stderr: Self.readToEnd(err.fileHandleForReading))
    }

    /// Reads `handle` to its end on a thread of its own.
    static func readToEnd(_ handle: FileHandle) -> OneShot<Data> {
        let result = OneShot<Data>()
        let thread = Thread { result.set(handle.readDataToEndOfFile()) }
        thread.start()
        return result
    }

    /// A fresh temporary folder.
    static func temporaryFolder() -> String {
        let path = NSTemporaryDirectory() + "pendo-replay-e2e-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The report files `run` writes.
    static let reportFiles = [
        "report.json", "summary.md", "report.html", "latency.hgrm", "intervals.hlog", "junit.xml",
    ]

    static func report(in folder: String) throws -> [String: Any] {
        let data = try Data(
            contentsOf: URL(fileURLWithPath: (folder as NSString).appendingPathComponent("report.json")))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }
}

/// A value set once from any thread and awaited without blocking a thread.
final class OneShot<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value?
    private var waiters: [CheckedContinuation<Value, Never>] = []

    var isSet: Bool { self.lock.withLock { self.stored != nil } }

    /// Sets the value (the first call wins) and resumes whoever waits.
    func set(_ value: Value) {
        let waiters: [CheckedContinuation<Value, Never>] = self.lock.withLock {
            guard self.stored == nil else { return [] }
            self.stored = value
            defer { self.waiters.removeAll() }
            return self.waiters
        }
        for waiter in waiters { waiter.resume(returning: value) }
    }

    var value: Value {
        get async {
            await withCheckedContinuation { continuation in
                let ready: Value? = self.lock.withLock {
                    if let stored = self.stored { return stored }
                    self.waiters.append(continuation)
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        }
    }
}

/// `pendo-replay serve --port 0` as a child process, and the port it printed.
final class ServeProcess: @unchecked Sendable {
    let port: Int
    /// The database path the listening line names.
    let database: String?
    private let child: Process
    private let exit: OneShot<Int32>

    private init(port: Int, database: String?, child: Process, exit: OneShot<Int32>) {
        self.port = port
        self.database = database
        self.child = child
        self.exit = exit
    }

    /// Starts `serve` (on `port`, 0: a free one) and waits (at most `timeout` seconds) for its first stdout line,
    /// {"event":"listening",...,"port":N,...}. With `log`, its stderr and everything on its stdout go to that file.
    static func start(arguments: [String], port: Int = 0, timeout: Double = 60, log: String? = nil) async throws
        -> ServeProcess
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try CLIProcess.binary())
        process.arguments = ["serve", "--port", String(port)] + arguments
        let output = Pipe()
        process.standardOutput = output
        let logHandle: FileHandle? = log.flatMap { path in
            FileManager.default.createFile(atPath: path, contents: nil)
            return FileHandle(forWritingAtPath: path)
        }
        process.standardError = logHandle ?? FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        let exit = OneShot<Int32>()
        process.terminationHandler = { exit.set($0.terminationStatus) }
        try process.run()
        // The first line, or nil at end of output; the thread then drains the pipe until serve exits.
        let firstLine = OneShot<Data?>()
        let reader = output.fileHandleForReading
        let logLock = NSLock()
        Thread {
            var line = Data()
            while true {
                let chunk = reader.availableData
                if chunk.isEmpty { break }
                logLock.withLock { logHandle?.write(chunk) }
                line.append(chunk)
                if line.contains(0x0A) { break }
            }
            firstLine.set(line.contains(0x0A) ? line.prefix(while: { $0 != 0x0A }) : nil)
            while true {
                let chunk = reader.availableData
                if chunk.isEmpty { break }
                logLock.withLock { logHandle?.write(chunk) }
            }
        }.start()
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { firstLine.set(nil) }
        let line = await firstLine.value
        guard let line, let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any],
            let port = object["port"] as? Int
        else {
            kill(process.processIdentifier, SIGKILL)
            throw CLIProcess.Failure(
                "serve did not print its port within \(timeout) s: \(String(decoding: line ?? Data(), as: UTF8.self))")
        }
        return ServeProcess(port: port, database: object["database"] as? String, child: process, exit: exit)
    }

    /// SIGKILL, and waits until it is gone.
    func kill9() async {
        kill(self.child.processIdentifier, SIGKILL)
        _ = await self.exit.value
    }

    /// SIGTERM (serve commits what it acknowledged and exits), and waits until it is gone.
    func stop() async {
        if !self.exit.isSet { self.child.terminate() }
        _ = await self.exit.value
    }

    /// Sends `signal` without waiting.
    func send(_ signal: Int32) {
        if !self.exit.isSet { kill(self.child.processIdentifier, signal) }
    }

    /// The exit status once `serve` has exited, or nil if it still runs after `seconds`.
    func exited(within seconds: Double) async -> Int32? {
        await self.exit.value(within: seconds)
    }

    /// SIGTERM without waiting (for `defer`, which cannot await).
    func terminate() {
        if !self.exit.isSet { self.child.terminate() }
    }
}

extension OneShot {
    /// The value once set, or nil if it is not set within `seconds`.
    func value(within seconds: Double) async -> Value? {
        let bounded = OneShot<Value?>()
        Task { bounded.set(await self.value) }
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { bounded.set(nil) }
        return await bounded.value
    }
}

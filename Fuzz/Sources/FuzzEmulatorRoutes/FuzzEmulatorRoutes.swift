import Foundation
@_spi(Fuzzing) import InletEmulator

/// The emulator's routes (`serve`): the input is requests as text (`RouteScript`: `METHOD PATH`,
/// headers, a blank line, the body, `===` between requests, `{{n}}` for the n-th id an answer
/// gave), sent in order to a fresh emulator's router without sockets. A request that takes longer
/// than `limit` is a hang: the target aborts, and libFuzzer keeps the input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEmulatorRoutes(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeRawBufferPointer(start: $0, count: count)) } ?? []
    let limit = 5.0
    let done = DispatchSemaphore(value: 0)
    Task {
        do {
            _ = try await RouteFuzzing.run(bytes)
        } catch {
            // Only the temporary database can fail to open (disk full): not the input's doing.
            FileHandle.standardError.write(Data("FuzzEmulatorRoutes: the emulator did not start: \(error)\n".utf8))
            abort()
        }
        done.signal()
    }
    if done.wait(timeout: .now() + limit) == .timedOut {
        FileHandle.standardError.write(
            Data("FuzzEmulatorRoutes: the requests took longer than \(limit) s: a hang\n".utf8))
        abort()
    }
    return 0
}

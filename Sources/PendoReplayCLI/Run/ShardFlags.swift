import Foundation
import PendoEvents
import ReplayCommon
import Reports

/// `run`'s flags of a sharded run, read into the shard, the run id and the start time. A Kubernetes
/// Indexed Job's pods share one command line: `--shards N` takes the index from
/// `JOB_COMPLETION_INDEX`, and the run id may come from `PENDO_REPLAY_RUN_ID`.
struct ShardFlags: Equatable {
    /// `--shard K/N`.
    var shard: String?
    /// `--shards N`.
    var shards: Int?
    /// `--run-id`.
    var runId: String?
    /// `--start-at`: RFC 3339, or `+DURATION` from now.
    var startAt: String?

    /// What they ask for, checked.
    struct Resolved: Equatable {
        var shard: ShardPosition?
        var runId: String?
        var startAt: Date?
    }

    /// Most characters in a run id (it names a Job, a folder, a merged report).
    static let runIdLimit = 128

    /// Reads the flags with `environment` (`JOB_COMPLETION_INDEX`, `PENDO_REPLAY_RUN_ID`) at `now`;
    /// throws `CLIError` naming the flag (the run exits 2).
    func resolve(environment: [String: String], now: Date) throws -> Resolved {
        var resolved = Resolved()
        if self.shard != nil, self.shards != nil {
            throw CLIError(
                "--shard K/N and --shards N both name the shard: give --shard for one process, or --shards with JOB_COMPLETION_INDEX in a Job"
            )
        }
        if let text = self.shard {
            do {
                resolved.shard = try ShardPosition(parsing: text)
            } catch {
                throw CLIError("--shard \(error)")
            }
        } else if let count = self.shards {
            guard let indexText = environment["JOB_COMPLETION_INDEX"], !indexText.isEmpty else {
                throw CLIError(
                    "--shards \(count): JOB_COMPLETION_INDEX is not set (a Kubernetes Indexed Job sets it in each pod): "
                        + "set it, or give --shard K/N")
            }
            guard let index = Int(indexText) else {
                throw CLIError(
                    "--shards \(count): JOB_COMPLETION_INDEX '\(indexText)' is not a whole number (the 0-based shard index)"
                )
            }
            do {
                resolved.shard = try ShardPosition(index: index, count: count)
            } catch {
                throw CLIError("--shards \(count) with JOB_COMPLETION_INDEX=\(indexText): \(error.problem)")
            }
        }
        let runId = self.runId ?? environment["PENDO_REPLAY_RUN_ID"].flatMap { $0.isEmpty ? nil : $0 }
        let flag = self.runId != nil ? "--run-id" : "PENDO_REPLAY_RUN_ID"
        if let runId {
            let allowed = runId.unicodeScalars.allSatisfy {
                $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._:-".unicodeScalars.contains($0))
            }
            guard !runId.isEmpty, runId.count <= Self.runIdLimit, allowed else {
                throw CLIError("\(flag) '\(runId)': a run id is 1 to \(Self.runIdLimit) letters, digits and . _ : -")
            }
            resolved.runId = runId
        } else if let shard = resolved.shard, shard.count > 1 {
            throw CLIError(
                "--shard \(shard) needs --run-id ID (or PENDO_REPLAY_RUN_ID), the same for every shard: report merge checks that its inputs are one run"
            )
        }
        if let text = self.startAt {
            resolved.startAt = try Self.startInstant(text, now: now)
        }
        return resolved
    }

    /// `--start-at`: an RFC 3339 instant, or `+DURATION` after `now` (at most a day either way, so a
    /// typo does not leave a pod waiting for a year).
    static func startInstant(_ text: String, now: Date) throws -> Date {
        let instant: Date
        if text.hasPrefix("+") {
            guard let seconds = try? DurationText.seconds(String(text.dropFirst())) else {
                throw CLIError(
                    "--start-at \(text): not +DURATION (e.g. +10s, +2m) nor an RFC 3339 time (e.g. 2026-12-05T21:00:00Z)"
                )
            }
            instant = now.addingTimeInterval(seconds)
        } else {
            guard let epoch = RFC3339.epochSeconds(text) else {
                throw CLIError(
                    "--start-at \(text): not an RFC 3339 time (e.g. 2026-12-05T21:00:00Z) nor +DURATION (e.g. +10s)")
            }
            instant = Date(timeIntervalSince1970: epoch)
        }
        guard instant.timeIntervalSince(now) <= 86_400 else {
            throw CLIError("--start-at \(text): more than a day from now; give a start within the next 24 hours")
        }
        return instant
    }
}

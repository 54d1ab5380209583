import NIOConcurrencyHelpers
import NIOPosix
import SQLiteNIO
import Vapor

/// Copies SQLite's write-ahead log into the database file from a connection and thread of its own, while the
/// server goes on writing.
///
/// SQLite does this copy (a checkpoint) itself when a commit leaves the log longer than `wal_autocheckpoint`
/// pages, inside that commit: the writer then also writes every page again into the database file and waits for
/// it to reach the disk, and all writers wait behind it. A batch of a thousand readings changes about two thousand
/// pages, so each batch paid for a full checkpoint. Here a passive checkpoint, which never blocks readers or
/// writers, runs every `interval`.
///
/// SQLite starts the log over only when a writer begins just after a checkpoint copied all of it. Under a steady
/// stream of batches the next writer always begins the moment the last one commits, before anything could copy
/// that commit, so the log only grows. So once the log is longer than `restartPages`, the checkpointer takes this
/// process's writer turn (`SQLiteWriters`), copies what is left and has SQLite start the log over (`RESTART`),
/// waiting up to `readerWaitMs` for readers still on older pages. All writers wait for that: 0.15-0.6 s, mostly
/// forcing the log's newest part to the disk before copying it. Readers never look at the part of the log already
/// copied (SQLite searches a page only among the frames after the last checkpoint), so a long log costs disk, not
/// time, and the restart is rare: at 1 GiB, every 8 s of batches back to back, where at 64 MiB it came every
/// 0.8 s and held the writers a quarter of the time. Once the writers pause, the next one starts the log over at no
/// cost, but the file keeps the length it grew to: a log file longer than `truncateBytes` that no commit has touched
/// for a turn is cut back to nothing (`TRUNCATE`). While a checkpointer runs, commits copy the log themselves only past twice
/// `restartPages` (`commitCheckpointPages`), the backstop should it fall behind.
final class WALCheckpointer: LifecycleHandler, Sendable {
    /// The log's length at which a commit checkpoints itself (SQLite's default: 1,000 pages) in a process without
    /// this checkpointer: an import or the generator copy in larger, fewer steps. 32,768 pages of 4 KiB: 128 MiB.
    static let autocheckpointPages = 32_768
    /// How long the log may grow before the checkpointer has it started over: 1 GiB, some 8 s of readings back to back.
    static let restartPages = 262_144
    /// How long a quiet log file may stay: 64 MiB.
    static let truncateBytes = 64 << 20
    /// How long a restart waits for readers on older pages before trying again at the next turn.
    static let readerWaitMs = 250
    /// Checkpointers running in this process; while there is one, commits leave the log to it.
    private static let booted = NIOLockedValueBox(0)

    /// The log's length at which a commit checkpoints itself, set by every `writeTransaction`.
    static var commitCheckpointPages: Int {
        booted.withLockedValue { $0 } > 0 ? 2 * restartPages : autocheckpointPages
    }

    /// Runs `body` with this process's commits leaving the log to the checkpointer of a server in another process
    /// on the same file, as that server's own commits do: the benchmark's plain insert beside the server it measures.
    static func besideServer<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        booted.withLockedValue { $0 += 1 }
        defer { booted.withLockedValue { $0 -= 1 } }
        return try await body()
    }

    let path: String
    let interval: Duration
    let restartPages: Int
    let truncateBytes: Int
    /// The log's length at the last turn (-1 before the first).
    private let lastLength = NIOLockedValueBox(-1)
    private let running = NIOLockedValueBox<(job: RepeatingJob, connection: OwnSQLiteConnection)?>(nil)

    init(path: String, interval: Duration = .milliseconds(200), restartPages: Int = WALCheckpointer.restartPages,
         truncateBytes: Int = WALCheckpointer.truncateBytes) {
        self.path = path
        self.interval = interval
        self.restartPages = restartPages
        self.truncateBytes = truncateBytes
    }

    func didBootAsync(_ app: Application) async throws {
        let own = try await OwnSQLiteConnection.open(path: path, app)
        let connection = own.connection
        _ = try await connection.query("PRAGMA busy_timeout = \(Self.readerWaitMs)")
        let job = RepeatingJob(name: "background checkpoint", every: interval) { [self] _ in
            try await checkpoint(connection)
        }
        running.withLockedValue { $0 = (job, own) }
        Self.booted.withLockedValue { $0 += 1 }
        try await job.didBootAsync(app)
    }

    /// A passive checkpoint; a restart of the log once it is longer than `restartPages`; and once no commit came
    /// since the last turn, a log file longer than `truncateBytes` cut back.
    func checkpoint(_ connection: SQLiteConnection) async throws {
        let passive = try await connection.query("PRAGMA wal_checkpoint(PASSIVE)").first
        guard let log = passive?.column("log")?.integer, log >= 0 else { return }
        let quiet = lastLength.withLockedValue { last in defer { last = log }; return last == log }
        let mode: String
        if log > restartPages {
            mode = "RESTART"
        } else if quiet, logFileSize() > truncateBytes {
            mode = "TRUNCATE"
        } else {
            return
        }
        // Readers that outlast the wait leave the log as it is (the pragma reports busy): the next turn tries again.
        try await SQLiteWriters.shared.run {
            _ = try await connection.query("PRAGMA wal_checkpoint(\(mode))")
        }
    }

    private func logFileSize() -> Int {
        (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
    }

    func shutdownAsync(_ app: Application) async {
        guard let (job, connection) = running.withLockedValue({ r in defer { r = nil }; return r }) else { return }
        await job.shutdownAsync(app)
        Self.booted.withLockedValue { $0 -= 1 }
        await connection.close()
    }
}

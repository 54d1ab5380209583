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
/// that commit, so the log only grows; past `wal_autocheckpoint` every commit would then checkpoint again. So once
/// the log is longer than `restartPages`, the checkpointer takes this process's writer turn (`SQLiteWriters`),
/// copies the little that is left and has SQLite start the log over (`RESTART`), waiting up to `readerWaitMs` for
/// readers still on older pages. The commits' own checkpoints (at `autocheckpointPages`) remain as the backstop.
final class WALCheckpointer: LifecycleHandler, Sendable {
    /// The log's length at which a commit checkpoints itself (SQLite's default: 1,000 pages), set by every
    /// `writeTransaction`. Commands without this checkpointer (an import, the generator) copy in larger, fewer
    /// steps; in the server it is the backstop. 32,768 pages of 4 KiB: a log of 128 MiB.
    static let autocheckpointPages = 32_768
    /// How long the log may grow before the checkpointer has it started over: 64 MiB, a few seconds of readings.
    static let restartPages = 16_384
    /// How long a restart waits for readers on older pages before trying again at the next turn.
    static let readerWaitMs = 250

    let path: String
    let interval: Duration
    let restartPages: Int
    private let running = NIOLockedValueBox<(job: RepeatingJob, connection: SQLiteConnection, pool: NIOThreadPool)?>(nil)

    init(path: String, interval: Duration = .milliseconds(200), restartPages: Int = WALCheckpointer.restartPages) {
        self.path = path
        self.interval = interval
        self.restartPages = restartPages
    }

    func didBootAsync(_ app: Application) async throws {
        // One thread: a checkpoint mostly waits for the disk, and must not hold up the pool the requests query on.
        let pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
        let connection = try await SQLiteConnection.open(storage: .file(path: path), threadPool: pool, logger: app.logger,
                                                         on: app.eventLoopGroup.any())
        _ = try await connection.query("PRAGMA busy_timeout = \(Self.readerWaitMs)")
        let restartPages = restartPages
        let job = RepeatingJob(name: "background checkpoint", every: interval) { _ in
            try await Self.checkpoint(connection, restartAbove: restartPages)
        }
        running.withLockedValue { $0 = (job, connection, pool) }
        try await job.didBootAsync(app)
    }

    /// A passive checkpoint, and a restart of the log once it is longer than `restartAbove` pages.
    static func checkpoint(_ connection: SQLiteConnection, restartAbove: Int) async throws {
        let passive = try await connection.query("PRAGMA wal_checkpoint(PASSIVE)").first
        guard let log = passive?.column("log")?.integer, log > restartAbove else { return }
        // Readers that outlast the wait leave the log as it is (the pragma reports busy): the next turn tries again.
        try await SQLiteWriters.shared.run {
            _ = try await connection.query("PRAGMA wal_checkpoint(RESTART)")
        }
    }

    func shutdownAsync(_ app: Application) async {
        guard let (job, connection, pool) = running.withLockedValue({ r in defer { r = nil }; return r }) else { return }
        await job.shutdownAsync(app)
        try? await connection.close()
        try? await pool.shutdownGracefully()
    }
}

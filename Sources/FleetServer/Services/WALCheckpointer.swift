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
/// writers, runs every `interval`; the commits' own checkpoints (at `autocheckpointPages`) remain as
/// the backstop, and they find little left to copy: they only bound the log's length, since SQLite can start the
/// log over only once a checkpoint has copied all of it.
final class WALCheckpointer: LifecycleHandler, Sendable {
    /// The log's length at which a commit checkpoints itself (SQLite's default: 1,000 pages), set by every
    /// `writeTransaction`. Commands without this checkpointer (an import, the generator) copy in larger, fewer
    /// steps; in the server it is the backstop. 8,192 pages of 4 KiB: a log of 32 MiB.
    static let autocheckpointPages = 8_192

    let path: String
    let interval: Duration
    private let running = NIOLockedValueBox<(job: RepeatingJob, connection: SQLiteConnection, pool: NIOThreadPool)?>(nil)

    init(path: String, interval: Duration = .milliseconds(200)) {
        self.path = path
        self.interval = interval
    }

    func didBootAsync(_ app: Application) async throws {
        // One thread: a checkpoint mostly waits for the disk, and must not hold up the pool the requests query on.
        let pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
        let connection = try await SQLiteConnection.open(storage: .file(path: path), threadPool: pool, logger: app.logger,
                                                         on: app.eventLoopGroup.any())
        let job = RepeatingJob(name: "background checkpoint", every: interval) { _ in
            _ = try await connection.query("PRAGMA wal_checkpoint(PASSIVE)")
        }
        running.withLockedValue { $0 = (job, connection, pool) }
        try await job.didBootAsync(app)
    }

    func shutdownAsync(_ app: Application) async {
        guard let (job, connection, pool) = running.withLockedValue({ r in defer { r = nil }; return r }) else { return }
        await job.shutdownAsync(app)
        try? await connection.close()
        try? await pool.shutdownGracefully()
    }
}

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
    private let task = NIOLockedValueBox<Task<Void, Never>?>(nil)

    init(path: String, interval: Duration = .milliseconds(200)) {
        self.path = path
        self.interval = interval
    }

    func didBootAsync(_ app: Application) async throws {
        let (path, interval, logger) = (self.path, self.interval, app.logger)
        // One thread: a checkpoint mostly waits for the disk, and must not hold up the pool the requests query on.
        let pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
        let connection = try await SQLiteConnection.open(storage: .file(path: path), threadPool: pool, logger: logger,
                                                         on: app.eventLoopGroup.any())
        task.withLockedValue { t in
            t = Task {
                while !Task.isCancelled {
                    do {
                        _ = try await connection.query("PRAGMA wal_checkpoint(PASSIVE)")
                    } catch {
                        logger.warning("background checkpoint failed: \(String(describing: error))")
                    }
                    try? await Task.sleep(for: interval)
                }
                // Outside this cancelled task: SQLiteNIO's async calls give up at once in a cancelled one.
                await Task.detached {
                    try? await connection.close()
                    try? await pool.shutdownGracefully()
                }.value
            }
        }
    }

    func shutdownAsync(_ app: Application) async {
        let running = task.withLockedValue { t in
            defer { t = nil }
            return t
        }
        running?.cancel()
        await running?.value
    }
}

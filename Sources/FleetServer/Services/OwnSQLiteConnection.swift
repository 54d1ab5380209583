import NIOPosix
import SQLiteNIO
import Vapor

/// A connection to the SQLite file outside Fluent's pool, on a thread of its own: for the server's background work
/// (the checkpointer, the start-up read of the reading memory), which on one of the pool's connections (one per
/// event loop) would hold up the requests of that loop, and on the pool's threads the queries they run.
struct OwnSQLiteConnection: Sendable {
    let connection: SQLiteConnection
    private let pool: NIOThreadPool

    static func open(path: String, _ app: Application) async throws -> OwnSQLiteConnection {
        // One thread: the work mostly waits for the disk, one statement at a time.
        let pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
        do {
            let connection = try await SQLiteConnection.open(storage: .file(path: path), threadPool: pool, logger: app.logger,
                                                             on: app.eventLoopGroup.any())
            return OwnSQLiteConnection(connection: connection, pool: pool)
        } catch {
            try? await pool.shutdownGracefully()
            throw error
        }
    }

    func close() async {
        try? await connection.close()
        try? await pool.shutdownGracefully()
    }
}

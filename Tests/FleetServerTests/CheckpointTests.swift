import Foundation
import NIOPosix
import SQLKit
import SQLiteNIO
import Testing
import Vapor
@testable import FleetServer

// Serialized: a running checkpointer changes, for the whole process, how long commits let the log grow.
@Suite("The write-ahead log copied into the database in the background", .serialized)
struct CheckpointTests {
    @Test("What a writer leaves in the log reaches the database file without the writer checkpointing")
    func backgroundCheckpoint() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = "\(dir)/fleet.sqlite"
        let writer = try await SQLiteConnection.open(storage: .file(path: path))
        _ = try await writer.query("PRAGMA journal_mode=WAL")
        // This writer never copies the log itself.
        _ = try await writer.query("PRAGMA wal_autocheckpoint=0")
        _ = try await writer.query("CREATE TABLE t (n INTEGER PRIMARY KEY, body TEXT NOT NULL)")
        _ = try await writer.query("PRAGMA wal_checkpoint(TRUNCATE)")
        let before = try fileSize(path)
        _ = try await writer.query("""
            WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 2000)
            INSERT INTO t SELECT n, printf('%.1000c', 'x') FROM k
            """)
        #expect(try fileSize(path) == before, "the rows are in the log only")
        #expect(try fileSize(path + "-wal") > 2_000_000)

        let app = try await Application.make(.testing)
        let checkpointer = WALCheckpointer(path: path, interval: .milliseconds(20))
        try await checkpointer.didBootAsync(app)
        var grown = false
        for _ in 0..<250 where !grown {
            try await Task.sleep(for: .milliseconds(20))
            grown = try fileSize(path) > before + 2_000_000
        }
        await checkpointer.shutdownAsync(app)
        try await app.asyncShutdown()
        #expect(grown, "the checkpointer copied the log into the database file")
        let count = try await writer.query("SELECT COUNT(*) AS n FROM t").first?.column("n")?.integer
        #expect(count == 2000)
        try await writer.close()
    }

    @Test("Under writers that never pause, the checkpointer has the log start over instead of growing without end")
    func logStartsOver() async throws {
        try await withTable { app, path in
            let checkpointer = WALCheckpointer(path: path, interval: .milliseconds(10), restartPages: 500)
            try await checkpointer.didBootAsync(app)
            // Two writers back to back, about 12 pages each time: 24 MB in all, far past the 2 MB the log may reach.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<2 {
                    group.addTask {
                        for i in 0..<250 {
                            try await app.db.writeTransaction { tx in
                                try await tx.sql.run(SQLRaw("""
                                    WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 12)
                                    INSERT INTO t (body) SELECT printf('%.4000c', '\(writer)\(i % 10)') FROM k
                                    """))
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
            await checkpointer.shutdownAsync(app)
            let log = try fileSize(path + "-wal")
            #expect(log < 8_000_000, "the log started over (\(log) bytes)")
            let count = try await app.db.sql.cells(SQLRaw("SELECT COUNT(*) AS n FROM t")).first?.value("n", as: Int.self)
            #expect(count == 2 * 250 * 12)
        }
    }

    @Test("Once the writers pause, a log file that grew long is cut back; copying alone leaves it long")
    func quietLogCutBack() async throws {
        try await withTable { app, path in
            try await app.db.writeTransaction { tx in
                try await tx.sql.run(SQLRaw("""
                    WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 1000)
                    INSERT INTO t (body) SELECT printf('%.4000c', 'x') FROM k
                    """))
            }
            _ = try await app.db.sql.cells(SQLRaw("PRAGMA wal_checkpoint(PASSIVE)"))
            let long = try fileSize(path + "-wal")
            #expect(long > 4_000_000, "a checkpoint copies the log but leaves its file as long as it grew (\(long) bytes)")

            let checkpointer = WALCheckpointer(path: path, interval: .milliseconds(10), restartPages: 1_000_000,
                                               truncateBytes: 1_000_000)
            try await checkpointer.didBootAsync(app)
            var cut = false
            for _ in 0..<250 where !cut {
                try await Task.sleep(for: .milliseconds(20))
                cut = try fileSize(path + "-wal") == 0
            }
            await checkpointer.shutdownAsync(app)
            #expect(cut, "the quiet log file was cut back")
            let count = try await app.db.sql.cells(SQLRaw("SELECT COUNT(*) AS n FROM t")).first?.value("n", as: Int.self)
            #expect(count == 1000)
        }
    }

    @Test("Commits copy the log themselves only far past where a running checkpointer starts it over")
    func commitsLeaveTheLog() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = "\(dir)/fleet.sqlite"
        try await withFileApp(path) { app in
            // SQLite sets every connection's checkpoint length as it opens, after any hook of ours could: each write sets it.
            @Sendable func length() async throws -> Int? {
                try await app.db.writeTransaction { tx in
                    try await tx.sql.cells(SQLRaw("PRAGMA wal_autocheckpoint")).first?.value("wal_autocheckpoint", as: Int.self)
                }
            }
            #expect(try await length() == WALCheckpointer.autocheckpointPages, "a command, with nothing copying the log behind it")
            let checkpointer = WALCheckpointer(path: path)
            try await checkpointer.didBootAsync(app)
            let behind = try await length()
            await checkpointer.shutdownAsync(app)
            #expect(behind == 2 * WALCheckpointer.restartPages)
            #expect(WALCheckpointer.restartPages > WALCheckpointer.autocheckpointPages)
            #expect(try await length() == WALCheckpointer.autocheckpointPages, "the checkpointer stopped")
        }
    }

    /// An app on a new SQLite file holding one table, `t`, removed afterwards.
    private func withTable(_ body: (Application, String) async throws -> Void) async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = "\(dir)/fleet.sqlite"
        try await withFileApp(path) { app in
            try await app.db.sql.run(SQLRaw("CREATE TABLE t (n INTEGER PRIMARY KEY, body TEXT NOT NULL)"))
            try await body(app, path)
        }
    }

    private func fileSize(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }
}

import Fluent
import FluentSQLiteDriver
import FleetCore
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import FleetServer

/// Runs `body` against an app built from `config` (settings read once at start-up), and shuts it down.
func withConfiguredApp(_ config: AppConfiguration, _ body: (Application) async throws -> Void) async throws {
    let app = try await Application.make(.testing)
    do {
        try await configure(app, config)
        try await body(app)
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
    try await app.asyncShutdown()
}

/// Runs `body` against an app on an SQLite file (backups are of files), and shuts it down.
func withFileApp(_ path: String, _ body: (Application) async throws -> Void) async throws {
    try await withConfiguredApp(AppConfiguration.testing(storage: .sqliteFile(path: path)), body)
}

func temporaryDirectory() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fleetcare-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

@Suite("Backup and restore of the SQLite database")
struct BackupTests {
    @Test("Every connection to the SQLite file gets the configured page cache and commit level, and keeps temporary data in memory")
    func connectionSettings() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // The setting is the process's (SQLite's hook is global), and the tests alongside use the default.
        let config = AppConfiguration.testing(storage: .sqliteFile(path: "\(dir)/fleet.sqlite"))
        #expect(config.sqliteCacheMiB * 1024 > 2_000, "more than SQLite's own default, or this test proves nothing")
        try await withConfiguredApp(config) { app in
            // One connection per event loop: ask each of them.
            var loops = 0
            for loop in app.eventLoopGroup.makeIterator() {
                let db = try #require(app.databases.database(.sqlite, logger: app.logger, on: loop) as? any SQLDatabase)
                let cache = try await db.raw("PRAGMA cache_size").first()?.decode(column: "cache_size", as: Int.self)
                #expect(cache == -config.sqliteCacheMiB * 1024, "loop \(loops): \(cache.map(String.init) ?? "nothing")")
                let temp = try await db.raw("PRAGMA temp_store").first()?.decode(column: "temp_store", as: Int.self)
                #expect(temp == 2, "memory")
                let sync = try await db.raw("PRAGMA synchronous").first()?.decode(column: "synchronous", as: Int.self)
                #expect(sync == Int(config.sqliteSync.level), "loop \(loops): synchronous \(sync.map(String.init) ?? "nothing")")
                loops += 1
            }
            #expect(loops >= 1)
        }
    }

    @Test("A backup taken while devices are being written is whole; restore brings exactly it back and keeps the replaced file")
    func backupAndRestore() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = "\(dir)/fleet.sqlite", copy = "\(dir)/copy.sqlite"
        var inCopy = 0
        try await withFileApp(path) { app in
            let f = try await Fixture.make(app)
            for i in 1...3 { try await f.device(serial: "BK-\(i)") }
            // Writers keep going while the copy is taken.
            async let writing: Void = {
                for i in 1...20 { try await f.device(serial: "LIVE-\(i)") }
            }()
            try await Task.sleep(for: .milliseconds(30))
            let bytes = try await DatabaseBackup.backup(app.db, storage: app.fleetConfiguration.storage, to: copy)
            try await writing
            #expect(bytes > 0)
            inCopy = try await DatabaseBackup.check(copy).devices
            #expect((3...23).contains(inCopy))
            try await f.device(serial: "AFTER-1")
            #expect(try await Device.query(on: app.db).count() == 24)
        }
        #expect(!FileManager.default.fileExists(atPath: copy + ".partial"))

        let restored = try await DatabaseBackup.restore(storage: .sqliteFile(path: path), from: copy)
        #expect(restored.devices == inCopy)
        let previous = try #require(restored.previous)
        #expect(try await DatabaseBackup.check(previous).devices == 24)   // the replaced file, with its log, is whole
        try await withFileApp(path) { app in
            #expect(try await Device.query(on: app.db).count() == inCopy)
            #expect(try await Device.query(on: app.db).filter(\.$serialNumber == "AFTER-1").count() == 0)
            // The restored database is a working one: people sign in and carry on.
            let admin = try await Fixture.login(app, "admin@test.example")
            #expect(try await admin.get("/api/v1/devices").json["total"] as? Int == inCopy)
        }
    }

    @Test("Restore refuses while a server holds the database, and refuses damaged or foreign files; nothing is touched")
    func restoreRefusals() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = "\(dir)/fleet.sqlite", copy = "\(dir)/copy.sqlite"
        try await withFileApp(path) { app in
            _ = try await Fixture.make(app)
            _ = try await DatabaseBackup.backup(app.db, storage: app.fleetConfiguration.storage, to: copy)
            await #expect(throws: DatabaseBackup.Failure.self) {
                _ = try await DatabaseBackup.backup(app.db, storage: app.fleetConfiguration.storage, to: copy)
            }
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))

        let running = try ServerLock(databasePath: path)
        #expect(running.holdShared())
        do {
            _ = try await DatabaseBackup.restore(storage: .sqliteFile(path: path), from: copy)
            Issue.record("restored under a running server")
        } catch let e as DatabaseBackup.Failure {
            #expect(e.description.contains("stop it first"))
        }
        running.release()

        let junk = "\(dir)/notes.txt"
        try Data("not a database".utf8).write(to: URL(fileURLWithPath: junk))
        let empty = "\(dir)/empty.sqlite"
        let conn = try await SQLiteConnection.open(storage: .file(path: empty))
        _ = try await conn.query("CREATE TABLE t (x INTEGER)", [])
        try await conn.close()
        for (file, words) in [(junk, "not a readable SQLite database"), (empty, "not a FleetCare database"), ("\(dir)/missing", "does not exist")] {
            do {
                _ = try await DatabaseBackup.restore(storage: .sqliteFile(path: path), from: file)
                Issue.record("restored \(file)")
            } catch let e as DatabaseBackup.Failure {
                #expect(e.description.contains(words), "\(e.description)")
            }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains("before-restore") }.isEmpty)
        await #expect(throws: DatabaseBackup.Failure.self) {
            _ = try await DatabaseBackup.restore(storage: .postgres(url: "postgres://x@localhost/y"), from: copy)
        }
    }
}

import FleetCore
import Fluent
import FluentSQLiteDriver
import Foundation
import Vapor
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Copies and brings back the SQLite database. PostgreSQL has its own tools (pg_dump, pg_restore).
enum DatabaseBackup {
    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ d: String) { description = d }
    }

    static let postgresHint = "the database is PostgreSQL: use pg_dump -Fc (and pg_restore) instead, e.g. pg_dump -Fc \"$DATABASE_URL\" > fleetcare.dump"

    /// A consistent copy of the live database in `target`, taken while the server keeps serving: `VACUUM INTO` reads
    /// one snapshot in a single read transaction (writers carry on in the WAL), and writes a compact file.
    /// Returns the copy's size in bytes.
    static func backup(_ db: any Database, storage: AppConfiguration.Storage, to target: String) async throws -> Int {
        guard case .sqliteFile = storage else {
            if case .postgres = storage { throw Failure(postgresHint) }
            throw Failure("the database is in memory: there is nothing to back up")
        }
        guard !FileManager.default.fileExists(atPath: target) else {
            throw Failure("\(target) already exists: choose a new file name, a backup never overwrites")
        }
        guard let sql = db as? any SQLDatabase else { throw Failure("not an SQL database") }
        let partial = target + ".partial"
        try? FileManager.default.removeItem(atPath: partial)
        do {
            try await sql.raw("VACUUM INTO \(literal: partial)").run()
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            throw Failure("could not write \(target): \(String(reflecting: error))")
        }
        // Renamed only once complete: a file under the asked name is always a whole backup.
        try FileManager.default.moveItem(atPath: partial, toPath: target)
        return (try FileManager.default.attributesOfItem(atPath: target)[.size] as? Int) ?? 0
    }

    struct Restored {
        let devices: Int
        let migrations: Int
        /// Where the database that was replaced now is, if there was one.
        let previous: String?
    }

    /// Replaces the database at `storage` by the backup `source`, once the backup proves whole and a FleetCare
    /// database, and no server has the database open. The replaced database is kept beside it, never deleted.
    static func restore(storage: AppConfiguration.Storage, from source: String, now: Date = Date()) async throws -> Restored {
        guard case let .sqliteFile(path) = storage else {
            if case .postgres = storage { throw Failure("the database is PostgreSQL: restore a pg_dump with pg_restore") }
            throw Failure("the database is in memory: there is nothing to restore into")
        }
        guard FileManager.default.fileExists(atPath: source) else { throw Failure("\(source) does not exist") }
        let (devices, migrations) = try await check(source)

        let lock = try ServerLock(databasePath: path)
        guard lock.tryExclusive() else {
            throw Failure("a FleetCare server is running on \(path): stop it first (a backup can be taken while it runs, a restore cannot)")
        }
        defer { lock.release() }

        let fm = FileManager.default
        let incoming = path + ".restoring"
        try? fm.removeItem(atPath: incoming)
        try fm.copyItem(atPath: source, toPath: incoming)
        var previous: String?
        if fm.fileExists(atPath: path) {
            let f = DateFormatter()
            f.locale = Locale(identifier: "en_US_POSIX")
            f.dateFormat = "yyyyMMdd-HHmmss"
            let kept = "\(path).before-restore-\(f.string(from: now))"
            // The write-ahead log holds committed changes: it moves with its database, under the matching name.
            for suffix in ["", "-wal", "-shm"] where fm.fileExists(atPath: path + suffix) {
                try fm.moveItem(atPath: path + suffix, toPath: kept + suffix)
            }
            previous = kept
        }
        try fm.moveItem(atPath: incoming, toPath: path)
        return Restored(devices: devices, migrations: migrations, previous: previous)
    }

    /// Opens a would-be backup on its own: it must pass SQLite's integrity check and carry FleetCare's tables.
    static func check(_ file: String) async throws -> (devices: Int, migrations: Int) {
        let conn: SQLiteConnection
        do {
            conn = try await SQLiteConnection.open(storage: .file(path: file))
        } catch {
            throw Failure("\(file) cannot be opened as an SQLite database")
        }
        do {
            let integrity = try await conn.query("PRAGMA integrity_check", []).first?.column("integrity_check")?.string
            guard integrity == "ok" else { throw Failure("\(file) is damaged: \(integrity ?? "integrity check failed")") }
            let tables = try await conn.query("SELECT name FROM sqlite_master WHERE type = 'table'", []).compactMap { $0.column("name")?.string }
            guard tables.contains("_fluent_migrations"), tables.contains("devices") else {
                throw Failure("\(file) is not a FleetCare database")
            }
            let migrations = try await conn.query("SELECT count(*) AS n FROM _fluent_migrations", []).first?.column("n")?.integer ?? 0
            let devices = try await conn.query("SELECT count(*) AS n FROM devices", []).first?.column("n")?.integer ?? 0
            try await conn.close()
            return (devices, migrations)
        } catch let e as Failure {
            try? await conn.close()
            throw e
        } catch {
            try? await conn.close()
            throw Failure("\(file) is not a readable SQLite database: \(String(reflecting: error))")
        }
    }
}

/// An advisory lock file beside the SQLite database: every `serve` holds it shared for as long as it runs (the
/// kernel drops it when the process ends, even killed), and `restore` needs it exclusively.
final class ServerLock: @unchecked Sendable {
    private let fd: Int32

    init(databasePath: String) throws {
        fd = open(databasePath + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw DatabaseBackup.Failure("cannot open \(databasePath).lock: errno \(errno)") }
    }

    /// Shared: several servers may use one SQLite file.
    func holdShared() -> Bool { flock(fd, LOCK_SH | LOCK_NB) == 0 }

    func tryExclusive() -> Bool { flock(fd, LOCK_EX | LOCK_NB) == 0 }

    func release() {
        _ = flock(fd, LOCK_UN)
    }

    deinit { close(fd) }
}

/// `fleetcare backup FILE`: a consistent copy of the SQLite database, safe while the server runs.
struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "Where to write the copy (must not exist yet)")
        var file: String
    }

    var help: String { "Copies the SQLite database consistently while the server runs (PostgreSQL: use pg_dump)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let started = Date()
        do {
            let bytes = try await DatabaseBackup.backup(app.db, storage: app.fleetConfiguration.storage, to: signature.file)
            context.console.print(String(format: "backed up to %@: %.1f MB in %.1f s", signature.file,
                                         Double(bytes) / 1_048_576, Date().timeIntervalSince(started)))
        } catch let e as DatabaseBackup.Failure {
            throw CommandFailure(e.description)
        }
    }
}

/// `fleetcare restore FILE`: puts a backup back in place of the SQLite database; the server must be stopped.
/// Runs before the database is opened (see `main.swift`), so nothing of this process holds the file.
struct RestoreCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "A backup made by `fleetcare backup`")
        var file: String
    }

    var help: String { "Replaces the SQLite database by a backup, keeping the replaced one beside it (stop the server first)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let config: AppConfiguration
        do {
            config = try AppConfiguration.fromEnvironment(ProcessInfo.processInfo.environment)
        } catch {
            throw CommandFailure("invalid configuration: \(error)")
        }
        do {
            let r = try await DatabaseBackup.restore(storage: config.storage, from: signature.file)
            context.console.print("restored \(signature.file): \(r.devices) devices, \(r.migrations) migrations applied in it")
            if let previous = r.previous { context.console.print("the replaced database is kept as \(previous)") }
            context.console.print("the next `fleetcare serve` migrates it if it is older than this version")
        } catch let e as DatabaseBackup.Failure {
            throw CommandFailure(e.description)
        }
    }
}

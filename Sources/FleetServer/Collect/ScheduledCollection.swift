import FleetCore
import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// The server's own meter collection, every `collectEvery`, for the devices it can reach. With several
/// instances on one PostgreSQL, a session advisory lock lets one run at a time, and the `job_runs` row
/// (shared by all) says when it last started, so the interval holds across instances and restarts.
enum ScheduledCollection {
    static let jobName = "collect-meters"
    /// An arbitrary constant naming this job's advisory lock: "FleetCar" in ASCII.
    static let lockKey: Int64 = 0x466C_6565_7443_6172

    enum Outcome: Sendable, Equatable {
        case ran(CollectSummary)
        case notDue(until: Date)
        /// Another instance holds the lock and is collecting.
        case busyElsewhere
    }

    /// Runs the collection if it is due and no other instance is running it.
    static func runIfDue(_ app: Application, every interval: Duration, now: Date = Date()) async throws -> Outcome {
        let seconds = TimeInterval(interval.components.seconds)
        return try await SingleInstance.run(app, lockKey: lockKey, busy: .busyElsewhere) {
            try await runLocked(app, seconds: seconds, now: now)
        }
    }

    static func runLocked(_ app: Application, seconds: TimeInterval, now: Date) async throws -> Outcome {
        let run = try await JobRun.find(jobName, on: app.db) ?? JobRun(name: jobName)
        if let last = run.startedAt, now.timeIntervalSince(last) < seconds {
            return .notDue(until: last.addingTimeInterval(seconds))
        }
        run.startedAt = now
        try await run.save(on: app.db)
        let config = app.fleetConfiguration
        let targets = try await MeterCollector.databaseTargets(app.db)
        let collector = MeterCollector(settings: CollectSettings(concurrency: config.snmpConcurrency,
                                                                 timeout: .seconds(config.snmpTimeoutSeconds), retries: config.snmpRetries))
        let book = ReadingBook(db: app.db, sender: .collector, lowTonerPercent: config.lowTonerPercent, timeZone: config.timeZone)
        let summary = try await collector.run(targets, deliver: { try await book.record($0) })
        run.finishedAt = Date()
        run.summary = summary.line
        try await run.save(on: app.db)
        app.logger.notice("meter collection: \(summary.line)")
        return .ran(summary)
    }
}

/// Starts the schedule when the server boots and stops it at shutdown.
/// Runs a job on one instance at a time: on PostgreSQL under a session advisory lock held on one connection for the
/// run (the job does its work on others); an embedded SQLite file has one instance by nature.
enum SingleInstance {
    static let migrationLockKey: Int64 = 0x466C_6565_744D_6967

    /// Runs `body` while holding a PostgreSQL advisory lock, waiting for it if another instance has it; on SQLite
    /// (one file, whose own locking serializes writers) it simply runs.
    static func serialized(_ app: Application, lockKey: Int64, _ body: @escaping @Sendable () async throws -> Void) async throws {
        guard case .postgres = app.fleetConfiguration.storage else { return try await body() }
        try await app.db.withConnection { connection in
            let sql = connection as! any SQLDatabase
            _ = try await sql.raw("SELECT pg_advisory_lock(\(bind: lockKey))").all()
            do {
                try await body()
            } catch {
                _ = try? await sql.raw("SELECT pg_advisory_unlock(\(bind: lockKey))").all()
                throw error
            }
            _ = try await sql.raw("SELECT pg_advisory_unlock(\(bind: lockKey))").all()
        }
    }

    static func run<T: Sendable>(_ app: Application, lockKey: Int64, busy: T, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        guard case .postgres = app.fleetConfiguration.storage else { return try await body() }
        return try await app.db.withConnection { connection in
            let sql = connection as! any SQLDatabase
            let row = try await sql.raw("SELECT pg_try_advisory_lock(\(bind: lockKey)) AS locked").first()
            guard try row?.decode(column: "locked", as: Bool.self) == true else { return busy }
            do {
                let outcome = try await body()
                _ = try await sql.raw("SELECT pg_advisory_unlock(\(bind: lockKey))").all()
                return outcome
            } catch {
                _ = try? await sql.raw("SELECT pg_advisory_unlock(\(bind: lockKey))").all()
                throw error
            }
        }
    }
}

/// A job the server repeats while it runs (meter collection, message delivery); stopped and awaited at shutdown.
struct RepeatingJob: LifecycleHandler {
    let name: String
    let every: Duration
    let body: @Sendable (Application) async throws -> Void
    let task = BackgroundTask()

    func didBootAsync(_ app: Application) async throws {
        let (name, every, body) = (self.name, self.every, self.body)
        task.start {
            while !Task.isCancelled {
                do { try await body(app) } catch { app.logger.error("\(name) failed: \(String(describing: error))") }
                try? await Task.sleep(for: every)
            }
        }
    }

    func shutdownAsync(_ app: Application) async {
        await task.stop()
    }
}

/// The one task a lifecycle handler runs beside the server: started at boot, cancelled and awaited at shutdown.
final class BackgroundTask: Sendable {
    private let task = NIOLockedValueBox<Task<Void, Never>?>(nil)

    func start(_ body: @escaping @Sendable () async -> Void) {
        task.withLockedValue { $0 = Task { await body() } }
    }

    /// Waits for the task to end by itself.
    func finished() async {
        await task.withLockedValue { $0 }?.value
    }

    func stop() async {
        let running = task.withLockedValue { t in
            defer { t = nil }
            return t
        }
        running?.cancel()
        await running?.value
    }
}

extension MeterCollector {
    /// Every device with an address that is not retired, optionally of one customer.
    static func databaseTargets(_ db: any Database, customer: UUID? = nil) async throws -> [CollectTarget] {
        let query = Device.query(on: db).filter(\.$ipAddress != nil).filter(\.$status != DeviceStatus.retired.rawValue)
        if let customer { query.filter(\.$customer.$id == customer) }
        return try await query.all().map { CollectTarget(address: $0.ipAddress!, port: $0.snmpPort, community: $0.snmpCommunity) }
    }
}

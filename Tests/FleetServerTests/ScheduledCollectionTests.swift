import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import FleetServer

@Suite("Scheduled meter collection")
struct ScheduledCollectionTests {
    @Test("It runs when due, then not again until the interval has passed; the last run is recorded for every instance")
    func interval() async throws {
        try await withFleetApp { app in
            let now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
            let first = try await ScheduledCollection.runIfDue(app, every: .seconds(6 * 3_600), now: now)
            #expect(first == .ran(CollectSummary()))
            let soon = try await ScheduledCollection.runIfDue(app, every: .seconds(6 * 3_600), now: now.addingTimeInterval(3_600))
            #expect(soon == .notDue(until: now.addingTimeInterval(6 * 3_600)))
            let run = try #require(try await JobRun.find(ScheduledCollection.jobName, on: app.db))
            #expect(run.finishedAt != nil)
            #expect(run.summary?.hasPrefix("polled 0:") == true)
            let later = try await ScheduledCollection.runIfDue(app, every: .seconds(6 * 3_600), now: now.addingTimeInterval(6 * 3_600 + 1))
            #expect(later == .ran(CollectSummary()))
        }
    }

    @Test("On PostgreSQL, while another instance holds the advisory lock, this one stands aside",
          .enabled(if: TestDatabase.usesPostgres, "FLEETCARE_TEST_POSTGRES_URL is not set: the advisory-lock test needs PostgreSQL"))
    func advisoryLock() async throws {
        try await withFleetApp { app in
            let outcome = try await app.db.withConnection { other in
                let sql = other as! any SQLDatabase
                _ = try await sql.raw("SELECT pg_advisory_lock(\(bind: ScheduledCollection.lockKey))").all()
                let outcome = try await ScheduledCollection.runIfDue(app, every: .seconds(3_600))
                _ = try await sql.raw("SELECT pg_advisory_unlock(\(bind: ScheduledCollection.lockKey))").all()
                return outcome
            }
            #expect(outcome == .busyElsewhere)
            #expect(try await ScheduledCollection.runIfDue(app, every: .seconds(3_600)) == .ran(CollectSummary()))
        }
    }
}

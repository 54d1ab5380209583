import FleetCore
import Fluent
import SQLKit
import Testing
import Vapor
@testable import FleetServer

@Suite("The benchmark's generated service company")
struct BenchDataTests {
    @Test("bench generate writes rows that the app's own models read back, on SQLite and on PostgreSQL")
    func generatedRowsReadBack() async throws {
        try await withFleetApp { app in
            let sql = try #require(app.db as? any SQLDatabase)
            var data = BenchData(db: sql)
            data.scale = .init(customers: 3, devices: 40, days: 10, tickets: 20, visits: 30, technicians: 2)
            let summary = try await data.generate { _ in }
            #expect(summary.rows.first { $0.0 == "meter_readings" }?.1 == 400)
            // The array and JSON columns, each as Fluent stores it on this database.
            let parts = try await Part.query(on: app.db).all()
            #expect(!parts.isEmpty)
            #expect(parts.allSatisfy { !$0.compatibleModels.isEmpty })
            let tickets = try await Ticket.query(on: app.db).all()
            #expect(tickets.count == 20)
            #expect(tickets.allSatisfy { $0.likelyParts.isEmpty })
            let visits = try await Visit.query(on: app.db).all()
            #expect(visits.count == 30)
            #expect(visits.allSatisfy { $0.deviceIDs.count == 1 })
            #expect(visits.contains { $0.checklist == [] } && visits.contains { $0.checklist == nil })
            let readings = try await MeterReadingRecord.query(on: app.db).limit(50).all()
            #expect(readings.count == 50)
            #expect(readings.allSatisfy { $0.supplies.first?.name == "Black Toner" })
        }
    }
}

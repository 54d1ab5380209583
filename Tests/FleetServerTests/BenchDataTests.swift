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

    @Test("bench generate lays the monthly figures down month by month, as the server's collectors would")
    func monthlyFiguresMonthByMonth() async throws {
        try await withFleetApp { app in
            let sql = try #require(app.db as? any SQLDatabase)
            var data = BenchData(db: sql)
            data.scale = .init(customers: 2, devices: 12, days: 45, tickets: 2, visits: 2, technicians: 1)
            _ = try await data.generate { _ in }
            // Ids are made in the order rows are written.
            let rows = try await sql.raw("SELECT month, device_id FROM meter_months ORDER BY id").all()
            let written = try rows.map { (try $0.decode(column: "month", as: String.self), try $0.decode(column: "device_id", as: UUID.self)) }
            let months = Set(written.map(\.0))
            #expect(months.count >= 2, "45 days span at least two months")
            #expect(written.count == 12 * months.count)
            // Each month's rows together, and within a month in the devices' order, as a collector's batch makes them.
            #expect(written.map(\.0) == written.map(\.0).sorted())
            for month in months {
                let devices = written.filter { $0.0 == month }.map(\.1)
                #expect(devices == devices.sorted { $0.uuidString < $1.uuidString })
            }
        }
    }
}

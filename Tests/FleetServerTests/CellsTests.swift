import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import FleetServer

@Suite("Rows read as cells")
struct CellsTests {
    @Test("A device read as cells equals the device Fluent loads, every column")
    func deviceRow() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let full = try await f.device(serial: "CELL-1", extra: #"""
                ,"assetTag":"AT-9","assignedUser":{"name":"Ali Karimi","email":"ali@bank.example","department":"Credit"},
                "ipAddress":"10.20.1.15","conditions":{"temperatureC":29.5,"humidityPercent":35,"dust":"high","powerProtection":"ups","notes":"by the window"},
                "installedOn":"1405-09-03","purchasePriceRials":450000000
                """#)
            let bare = try await f.device(serial: "CELL-2")
            let sql = try #require(app.db as? any SQLDatabase)
            for id in [full, bare] {
                let select = sql.select().columns(DeviceRow.columns.map { SQLColumn($0) }).from(Device.schema)
                    .where("id", .equal, UUID(uuidString: id)!)
                let rows = try await sql.cells(select.query)
                #expect(rows.count == 1)
                let read = try DeviceRow(try #require(rows.first))
                let loaded = DeviceRow(try #require(try await Device.find(UUID(uuidString: id), on: app.db)))
                #expect(describe(read) == describe(loaded))
            }
            let read = try DeviceRow(try #require(try await sql.cells(sql.select().columns(DeviceRow.columns.map { SQLColumn($0) })
                .from(Device.schema).where("serial_number", .equal, "CELL-1").query).first))
            #expect(read.conditions.temperatureC == 29.5 && read.conditions.dust == .high && read.conditions.notes == "by the window")
            #expect(read.purchasePriceRials == 450_000_000 && read.userEmail == "ali@bank.example" && read.isLoaner == false)
            #expect(read.createdAt != nil && read.installedOn == "2026-11-24")
        }
    }

    /// Every stored property, as text: `DeviceRow` is not `Equatable`, and need not be.
    private func describe(_ row: DeviceRow) -> String {
        Mirror(reflecting: row).children.map { "\($0.label ?? ""): \($0.value)" }.joined(separator: "\n")
    }

    @Test("A missing column, a NULL where a value must be, and a value of another type are errors, not guesses")
    func refusals() async throws {
        try await withFleetApp { app in
            let sql = try #require(app.db as? any SQLDatabase)
            let row = try #require(try await sql.cells(SQLRaw("SELECT 7 AS n, NULL AS z, 'seven' AS t")).first)
            #expect(try row.value("n", as: Int.self) == 7)
            #expect(try row.optional("z", as: Int.self) == nil)
            #expect(try row.optionalID("z") == nil)
            #expect(throws: (any Error).self) { try row.value("z", as: Int.self) }
            #expect(throws: (any Error).self) { try row.value("t", as: Int.self) }
            #expect(throws: (any Error).self) { try row.id("t") }
            #expect(throws: (any Error).self) { try row.optional("nothing", as: String.self) }
            #expect(try await sql.count(SQLRaw("SELECT COUNT(*) AS n FROM users")) == 0)
        }
    }
}

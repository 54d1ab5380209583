import FleetCore
import Fluent
import Foundation
import SQLKit
import SQLiteKit
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

    @Test("Values are bound to SQLite exactly as SQLiteKit's encoder binds them, nil of every type included")
    func bindsAsTheEncoder() throws {
        let id = UUID()
        let supplies = [SupplyReading(name: "Black Toner", kind: "toner", levelPercent: 60)]
        let values: [any Encodable & Sendable] = [
            id, UUID?.some(id), UUID?.none, "متن", String?.some("x"), String?.none, Int64(42), Int64?.some(-7), Int64?.none,
            7, 2.5, Double?.none, Date(timeIntervalSince1970: 1_790_000_000.25), Date?.none, true, false, Bool?.some(true),
            supplies, [SupplyReading]?.some(supplies), [SupplyReading]?.none, DeviceStatus.active.rawValue,
        ]
        let encoder = SQLiteDataEncoder()
        for value in values {
            let (ours, theirs) = (try SQLiteBinds.data(value, encoder: encoder), try encoder.encode(value))
            #expect(normalized(ours) == normalized(theirs), "\(value): \(ours) against \(theirs)")
        }
        #expect(try SQLiteBinds.data(id, encoder: encoder) == .text(id.uuidString))
        #expect(try SQLiteBinds.data(Int64?.none, encoder: encoder) == .null)
    }

    @Test("Rows written through run(_:) read back as Fluent wrote them")
    func runWrites() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let device = try #require(UUID(uuidString: try await f.device(serial: "RUN-1")))
            let sql = try app.db.sql
            let row = ReadingRow(id: UUID.timeOrdered(), deviceID: device, customerID: nil, takenAt: Date(timeIntervalSince1970: 1_790_000_000),
                                 source: "manual", totalPages: 1200, monoPages: 1000, colorPages: nil, counterReset: false, duplexPages: nil,
                                 supplies: [SupplyReading(name: "Black Toner", kind: "toner", levelPercent: 55)], address: "10.0.0.9",
                                 sysLocation: nil, receivedAt: Date(timeIntervalSince1970: 1_790_000_100), agentTokenID: nil)
            try await ReadingRow.insert([row], on: app.db)
            let stored = try #require(try await MeterReadingRecord.find(row.id, on: app.db))
            #expect(stored.$device.id == device && stored.customerID == nil && stored.totalPages == 1200 && stored.monoPages == 1000)
            #expect(stored.colorPages == nil && stored.address == "10.0.0.9" && stored.supplies.first?.levelPercent == 55)
            #expect(stored.takenAt == row.takenAt && stored.receivedAt == row.receivedAt)
            let read = try ReadingRow(try #require(try await sql.cells(sql.select().columns(ReadingRow.columns.map { SQLColumn($0) })
                .from(MeterReadingRecord.schema).where("id", .equal, row.id).query).first))
            #expect(read.id == row.id && read.deviceID == device && read.supplies.first?.name == "Black Toner" && read.sysLocation == nil)
        }
    }

    /// JSON text with its keys sorted: JSONEncoder writes an object's keys in no fixed order.
    private func normalized(_ data: SQLiteData) -> SQLiteData {
        guard case let .text(text) = data, text.hasPrefix("[") || text.hasPrefix("{"),
              let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)),
              let sorted = try? JSONSerialization.data(withJSONObject: object, options: .sortedKeys) else { return data }
        return .text(String(decoding: sorted, as: UTF8.self))
    }
}

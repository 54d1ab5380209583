import FleetCore
import Fluent
import Foundation
import SQLKit

/// Each device's meter figures per Solar Hijri month, kept as readings arrive, so that a year's report
/// reads twelve rows a device instead of every reading. Filled here from the readings already stored.
struct CreateMeterMonths: AsyncMigration {
    let timeZone: TimeZone

    func prepare(on database: any Database) async throws {
        try await database.schema(MeterMonthRecord.schema)
            .id()
            .field("device_id", .uuid, .required, .references("devices", "id", onDelete: .cascade))
            .field("customer_id", .uuid)
            .field("month", .string, .required)
            .field("pages", .double, .required)
            .field("color_pages", .double, .required)
            .field("duplex_pages", .double, .required)
            .field("estimated_pages", .double, .required)
            .field("black_toner", .double, .required)
            .field("color_toner", .double, .required)
            .field("toner_changes", .int, .required)
            .field("first_at", .datetime)
            .field("last_at", .datetime)
            .unique(on: "device_id", "month")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "meter_months_customer_month").on(MeterMonthRecord.schema).column("customer_id").column("month").run()
        }
        try await Self.fill(on: database, timeZone: timeZone)
    }

    /// Computes every device's months from its readings. Device by device, so a large history is never all in memory.
    static func fill(on database: any Database, timeZone: TimeZone) async throws {
        let devices = try await Device.query(on: database).all(\.$id)
        for id in devices {
            let readings = try await MeterReadingRecord.query(on: database).filter(\.$device.$id == id).sort(\.$takenAt).all()
            guard readings.count > 1 else { continue }
            let months = MeterMonth.of(readings.map(\.reading), timeZone: timeZone)
            let customer = readings.last?.customerID
            try await months.values.map { MeterMonthRecord(deviceID: id, customerID: customer, $0) }.create(on: database)
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(MeterMonthRecord.schema).delete()
    }
}

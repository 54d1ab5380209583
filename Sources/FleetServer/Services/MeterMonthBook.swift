import FleetCore
import Fluent
import Foundation
import SQLKit

/// Keeps `meter_months` in step with the readings, adding FleetCore's `MeterMonth.change` for each one stored.
struct MeterMonthBook {
    let db: any Database
    let timeZone: TimeZone

    /// The changes of a whole batch of devices, in multi-row statements: each (device, month) once, added to
    /// what is stored (an upsert that sums), so that two writers add up rather than overwrite each other.
    func apply(_ all: [UUID: (customerID: UUID?, months: [String: MeterMonth])]) async throws {
        guard let sql = db as? any SQLDatabase, !all.isEmpty else { return }
        let postgres = sql.dialect.name == "postgresql"
        let least = postgres ? "LEAST" : "MIN", greatest = postgres ? "GREATEST" : "MAX"
        var rows: [[any Encodable & Sendable]] = []
        for (deviceID, entry) in all.sorted(by: { $0.key.text < $1.key.text }) {
            for m in entry.months.values.sorted(by: { $0.month < $1.month }) {
                rows.append([UUID(), deviceID, entry.customerID, m.month, m.pages, m.colorPages, m.duplexPages, m.estimatedPages,
                             m.blackToner, m.colorToner, m.tonerChanges, m.firstAt, m.lastAt])
            }
        }
        for chunk in rows.chunked(into: 400) {
            let insert = sql.insert(into: "meter_months").columns(["id", "device_id", "customer_id", "month", "pages", "color_pages",
                                                                   "duplex_pages", "estimated_pages", "black_toner", "color_toner",
                                                                   "toner_changes", "first_at", "last_at"])
            for row in chunk { insert.values(row) }
            insert.onConflict(with: ["device_id", "month"]) { u in
                u.set("customer_id", to: SQLRaw("COALESCE(excluded.customer_id, meter_months.customer_id)"))
                for column in ["pages", "color_pages", "duplex_pages", "estimated_pages", "black_toner", "color_toner", "toner_changes"] {
                    u.set(column, to: SQLRaw("meter_months.\(column) + excluded.\(column)"))
                }
                u.set("first_at", to: SQLRaw("\(least)(COALESCE(meter_months.first_at, excluded.first_at), COALESCE(excluded.first_at, meter_months.first_at))"))
                u.set("last_at", to: SQLRaw("\(greatest)(COALESCE(meter_months.last_at, excluded.last_at), COALESCE(excluded.last_at, meter_months.last_at))"))
                return u
            }
            try await sql.run(insert.query)
        }
    }
}

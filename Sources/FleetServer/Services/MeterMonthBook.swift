import FleetCore
import Fluent
import Foundation
import SQLKit
import SQLiteKit

/// Keeps `meter_months` in step with the readings, adding FleetCore's `MeterMonth.change` for each one stored.
struct MeterMonthBook {
    let db: any Database
    let timeZone: TimeZone

    static let columns = ["id", "device_id", "customer_id", "month", "pages", "color_pages", "duplex_pages", "estimated_pages",
                          "black_toner", "color_toner", "toner_changes", "first_at", "last_at"]

    /// The changes of a whole batch of devices, in multi-row statements: each (device, month) once, added to
    /// what is stored (an upsert that sums), so that two writers add up rather than overwrite each other.
    func apply(_ all: [UUID: (customerID: UUID?, months: [String: MeterMonth])]) async throws {
        guard !all.isEmpty else { return }
        let sql = try db.sql
        let postgres = sql.dialect.name == "postgresql"
        let (least, greatest) = postgres ? ("LEAST", "GREATEST") : ("MIN", "MAX")
        // The figures add up; the customer, where the SQL below names it, follows the device's latest.
        var updates: [(String, String)] = []
        for column in ["pages", "color_pages", "duplex_pages", "estimated_pages", "black_toner", "color_toner", "toner_changes"] {
            updates.append((column, "meter_months.\(column) + excluded.\(column)"))
        }
        updates.append(("first_at", "\(least)(COALESCE(meter_months.first_at, excluded.first_at), COALESCE(excluded.first_at, meter_months.first_at))"))
        updates.append(("last_at", "\(greatest)(COALESCE(meter_months.last_at, excluded.last_at), COALESCE(excluded.last_at, meter_months.last_at))"))
        // In one order, so that two writers on PostgreSQL lock rows in the same order, never crosswise: the index's,
        // which is the ids' text order, compared as bytes (sorting the text cost a batch 2 ms in SQLite's one writer).
        let changes = all.sorted { UUID.textOrder($0.key, $1.key) }.flatMap { deviceID, entry in
            entry.months.values.sorted(by: { $0.month < $1.month }).map { (deviceID, entry.customerID, $0) }
        }
        // An id for each row in case it is new, from one random draw: one each was a system call per row.
        let ids = UUID.timeOrdered(count: changes.count)
        if let lite = db as? any SQLiteDatabase {
            let rows = zip(ids, changes).map { id, change -> [SQLiteData] in
                let (deviceID, customerID, m) = change
                return [.id(id), .id(deviceID), .id(customerID), .text(m.month), .float(m.pages), .float(m.colorPages), .float(m.duplexPages),
                        .float(m.estimatedPages), .float(m.blackToner), .float(m.colorToner), .integer(m.tonerChanges), .date(m.firstAt),
                        .date(m.lastAt)]
            }
            // SQLite rewrites the entry of every index on a column the SET names, even to the same value: naming
            // customer_id moved each month's entry in the customer index on every batch, a third of the upsert.
            // So the sums are added first to the rows whose customer stays (nearly all), leaving alone the rows whose
            // stored customer differs. SQLite's count of changed rows tells whether any were left: only then does a
            // second upsert, the complement of the first, add their sums and move them to the device's customer.
            let sums = updates.map { "\"\($0)\" = \($1)" }.joined(separator: ", ")
            let stays = "excluded.customer_id IS NULL OR meter_months.customer_id IS excluded.customer_id"
            let before = try await lite.totalChanges()
            try await lite.insertRows(into: "meter_months", columns: Self.columns, rows,
                                      suffix: " ON CONFLICT (\"device_id\", \"month\") DO UPDATE SET \(sums) WHERE \(stays)")
            if try await lite.totalChanges() - before < rows.count {
                try await lite.insertRows(into: "meter_months", columns: Self.columns, rows, suffix: """
                     ON CONFLICT ("device_id", "month") DO UPDATE SET \(sums), "customer_id" = excluded.customer_id WHERE NOT (\(stays))
                    """)
            }
            return
        }
        for chunk in Array(zip(ids, changes)).chunked(into: 400) {
            let insert = sql.insert(into: "meter_months").columns(Self.columns)
            for (id, (deviceID, customerID, m)) in chunk {
                insert.values([id, deviceID, customerID, m.month, m.pages, m.colorPages, m.duplexPages, m.estimatedPages,
                               m.blackToner, m.colorToner, m.tonerChanges, m.firstAt, m.lastAt] as [any Encodable & Sendable])
            }
            insert.onConflict(with: ["device_id", "month"]) { u in
                u.set("customer_id", to: SQLRaw("COALESCE(excluded.customer_id, meter_months.customer_id)"))
                for (column, value) in updates { u.set(column, to: SQLRaw(value)) }
                return u
            }
            try await sql.run(insert.query)
        }
    }
}

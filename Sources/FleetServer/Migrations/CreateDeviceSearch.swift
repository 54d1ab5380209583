import Fluent
import SQLKit

/// On SQLite, a trigram full-text index over the columns the device search looks in, kept by triggers: a search
/// for "LaserJet" reads the index instead of running eight `LIKE`s over every device (at 50,000 devices, 3 ms
/// against 70 ms for the count alone). PostgreSQL keeps the `LIKE` search.
struct CreateDeviceSearch: AsyncMigration {
    /// The columns the device search looks in: through this index, or with `LIKE` where there is none.
    static let columns = ["serial_number", "asset_tag", "make", "model", "user_name", "department", "ip_address", "room"]
    static let table = "devices_search"

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "sqlite" else { return }
        let t = Self.table, columns = Self.columns.joined(separator: ", ")
        func values(_ row: String) -> String { Self.columns.map { "\(row).\($0)" }.joined(separator: ", ") }
        let insertNew = "INSERT INTO \(t)(rowid, \(columns)) VALUES (new.rowid, \(values("new")));"
        let deleteOld = "INSERT INTO \(t)(\(t), rowid, \(columns)) VALUES ('delete', old.rowid, \(values("old")));"
        // External content: the index holds the trigrams, the text stays in `devices`; rows are joined by rowid,
        // which `devices` keeps through VACUUM and VACUUM INTO (the backup) because it has indexes.
        try await sql.raw(SQLQueryString("""
            CREATE VIRTUAL TABLE \(unsafeRaw: t) USING fts5(\(unsafeRaw: columns),
                content='devices', content_rowid='rowid', tokenize='trigram')
            """)).run()
        for (name, event, body) in [("devices_search_insert", "INSERT", insertNew), ("devices_search_delete", "DELETE", deleteOld),
                                    ("devices_search_update", "UPDATE OF \(columns)", deleteOld + "\n" + insertNew)] {
            try await sql.raw(SQLQueryString("CREATE TRIGGER \(unsafeRaw: name) AFTER \(unsafeRaw: event) ON devices BEGIN\n\(unsafeRaw: body)\nEND")).run()
        }
        try await sql.raw(SQLQueryString("INSERT INTO \(unsafeRaw: t)(\(unsafeRaw: t)) VALUES ('rebuild')")).run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "sqlite" else { return }
        for trigger in ["devices_search_insert", "devices_search_delete", "devices_search_update"] {
            try await sql.raw(SQLQueryString("DROP TRIGGER IF EXISTS \(unsafeRaw: trigger)")).run()
        }
        try await sql.raw(SQLQueryString("DROP TABLE IF EXISTS \(unsafeRaw: Self.table)")).run()
    }
}

/// `meter_readings_device_taken` (device, time) repeated the start of the unique (device, time, source) index,
/// which serves every query it did: one index fewer to write for each of the millions of readings.
struct DropDuplicateReadingIndex: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX IF EXISTS meter_readings_device_taken").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "meter_readings_device_taken").on("meter_readings").column("device_id").column("taken_at").run()
    }
}

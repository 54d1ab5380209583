import Fluent
import SQLKit

/// On SQLite, a trigram full-text index over the columns the device search looks in, kept by triggers: a search
/// for "LaserJet" reads the index instead of running eight `LIKE`s over every device (at 50,000 devices, 3 ms
/// against 70 ms for the count alone). PostgreSQL keeps the `LIKE` search.
struct CreateDeviceSearch: AsyncMigration {
    /// The columns searched, in `DeviceFilter`'s order.
    static let columns = ["serial_number", "asset_tag", "make", "model", "user_name", "department", "ip_address", "room"]
    static let table = "devices_search"

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "sqlite" else { return }
        let columns = Self.columns.joined(separator: ", ")
        let new = Self.columns.map { "new.\($0)" }.joined(separator: ", ")
        let old = Self.columns.map { "old.\($0)" }.joined(separator: ", ")
        // External content: the index holds the trigrams, the text stays in `devices`; rows are joined by rowid,
        // which `devices` keeps through VACUUM and VACUUM INTO (the backup) because it has indexes.
        try await sql.raw(SQLQueryString("""
            CREATE VIRTUAL TABLE \(unsafeRaw: Self.table) USING fts5(\(unsafeRaw: columns),
                content='devices', content_rowid='rowid', tokenize='trigram')
            """)).run()
        try await sql.raw(SQLQueryString("""
            CREATE TRIGGER devices_search_insert AFTER INSERT ON devices BEGIN
                INSERT INTO \(unsafeRaw: Self.table)(rowid, \(unsafeRaw: columns)) VALUES (new.rowid, \(unsafeRaw: new));
            END
            """)).run()
        try await sql.raw(SQLQueryString("""
            CREATE TRIGGER devices_search_delete AFTER DELETE ON devices BEGIN
                INSERT INTO \(unsafeRaw: Self.table)(\(unsafeRaw: Self.table), rowid, \(unsafeRaw: columns)) VALUES ('delete', old.rowid, \(unsafeRaw: old));
            END
            """)).run()
        try await sql.raw(SQLQueryString("""
            CREATE TRIGGER devices_search_update AFTER UPDATE OF \(unsafeRaw: columns) ON devices BEGIN
                INSERT INTO \(unsafeRaw: Self.table)(\(unsafeRaw: Self.table), rowid, \(unsafeRaw: columns)) VALUES ('delete', old.rowid, \(unsafeRaw: old));
                INSERT INTO \(unsafeRaw: Self.table)(rowid, \(unsafeRaw: columns)) VALUES (new.rowid, \(unsafeRaw: new));
            END
            """)).run()
        try await sql.raw(SQLQueryString("INSERT INTO \(unsafeRaw: Self.table)(\(unsafeRaw: Self.table)) VALUES ('rebuild')")).run()
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

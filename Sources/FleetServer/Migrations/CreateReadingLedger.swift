import Fluent
import Foundation
import SQLKit

/// On SQLite, one row that counts the writes a batch of readings must not miss: every batch of readings adds one
/// (`ReadingLedger`), and triggers add one whenever a device changes or goes, or a stored reading is changed or
/// removed. A batch read before it took the writer knows from the count whether anything came between. The row
/// also carries an id of its own, so that a process serving several databases (the tests) keeps their counts apart.
/// PostgreSQL reads a batch's neighbours inside its write transaction, and needs none of this.
struct CreateReadingLedger: AsyncMigration {
    static let table = "reading_ledger"
    static let triggers = [("reading_ledger_device_update", "UPDATE ON devices"), ("reading_ledger_device_delete", "DELETE ON devices"),
                           ("reading_ledger_reading_update", "UPDATE ON meter_readings"),
                           ("reading_ledger_reading_delete", "DELETE ON meter_readings")]

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "sqlite" else { return }
        try await sql.raw(SQLQueryString("""
            CREATE TABLE \(unsafeRaw: Self.table) (id INTEGER PRIMARY KEY CHECK (id = 1), ledger TEXT NOT NULL, seq INTEGER NOT NULL)
            """)).run()
        try await sql.raw(SQLQueryString("INSERT INTO \(unsafeRaw: Self.table) (id, ledger, seq) VALUES (1, \(bind: UUID().text), 0)")).run()
        for (name, event) in Self.triggers {
            try await sql.raw(SQLQueryString("""
                CREATE TRIGGER \(unsafeRaw: name) AFTER \(unsafeRaw: event) BEGIN
                UPDATE \(unsafeRaw: Self.table) SET seq = seq + 1 WHERE id = 1;
                END
                """)).run()
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "sqlite" else { return }
        for (name, _) in Self.triggers { try await sql.raw(SQLQueryString("DROP TRIGGER IF EXISTS \(unsafeRaw: name)")).run() }
        try await sql.raw(SQLQueryString("DROP TABLE IF EXISTS \(unsafeRaw: Self.table)")).run()
    }
}

import Fluent
import SQLKit

/// The reading ledger (`CreateReadingLedger`) also counts devices added: `ReadingMemory` remembers that no device has
/// a serial number, or which devices have it, and a device added with that serial number changes the answer.
struct CountNewDevices: AsyncMigration {
    static let trigger = "reading_ledger_device_insert"

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "sqlite" else { return }
        try await sql.raw(SQLQueryString("""
            CREATE TRIGGER \(unsafeRaw: Self.trigger) AFTER INSERT ON devices BEGIN
            UPDATE \(unsafeRaw: CreateReadingLedger.table) SET seq = seq + 1 WHERE id = 1;
            END
            """)).run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "sqlite" else { return }
        try await sql.raw(SQLQueryString("DROP TRIGGER IF EXISTS \(unsafeRaw: Self.trigger)")).run()
    }
}

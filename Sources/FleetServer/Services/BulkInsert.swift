import SQLKit

enum BulkInsert {
    /// Rows for `columns` columns that one INSERT may carry: under both databases' limits on the values bound
    /// to one statement (SQLite 32,766; PostgreSQL 65,535).
    static func rowsPerStatement(columns: Int) -> Int { max(1, 30_000 / columns) }
}

extension SQLDatabase {
    /// Writes `rows` in multi-row INSERTs of `BulkInsert.rowsPerStatement` rows, binding each value as Fluent would
    /// (on SQLite through `SQLiteBinds`).
    func insertRows(into table: String, columns: [String], _ rows: [[any Encodable & Sendable]]) async throws {
        for chunk in rows.chunked(into: BulkInsert.rowsPerStatement(columns: columns.count)) {
            let insert = insert(into: table).columns(columns)
            for row in chunk { insert.values(row) }
            try await run(insert.query)
        }
    }
}

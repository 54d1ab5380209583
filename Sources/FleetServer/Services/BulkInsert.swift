import Foundation
import SQLKit
import SQLiteKit

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

extension SQLiteDatabase {
    /// Writes rows already converted to SQLite's values in multi-row INSERTs, each followed by `suffix` (an
    /// ON CONFLICT clause, say). For the meter book's thousand-row batches: SQLKit's builder wraps and serializes
    /// every value as an expression, and converting each from `any Encodable` costs dynamic casts, together a
    /// tenth of a batch.
    func insertRows(into table: String, columns: [String], _ rows: [[SQLiteData]], suffix: String = "") async throws {
        let quoted = columns.map { "\"\($0)\"" }.joined(separator: ", ")
        let placeholders = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        // In chunks under SQLite's limit on the values bound to one statement.
        for chunk in rows.chunked(into: BulkInsert.rowsPerStatement(columns: columns.count)) {
            let values = Array(repeating: placeholders, count: chunk.count).joined(separator: ", ")
            _ = try await query("INSERT INTO \"\(table)\" (\(quoted)) VALUES \(values)\(suffix)", Array(chunk.joined()))
        }
    }

    /// SQLite's count of the rows this connection has inserted, updated or deleted since it opened: the difference
    /// across statements (inside one transaction, on one connection) is how many rows they changed.
    func totalChanges() async throws -> Int {
        try await query("SELECT total_changes() AS n", []).first?.column("n")?.integer ?? 0
    }
}

extension SQLiteData {
    /// A UUID as Fluent stores it on SQLite: its text.
    static func id(_ id: UUID?) -> SQLiteData { id.map { .text($0.text) } ?? .null }
    static func text(_ text: String?) -> SQLiteData { text.map { .text($0) } ?? .null }
    static func integer<T: BinaryInteger>(_ value: T?) -> SQLiteData { value.map { .integer(Int($0)) } ?? .null }
    static func date(_ date: Date?) -> SQLiteData { date?.sqliteData ?? .null }
}

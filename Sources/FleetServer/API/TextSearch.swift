import Fluent
import FluentSQL
import SQLKit

/// Case-insensitive "contains" search over several columns, with LIKE's wildcards escaped
/// so that `50%` or `a_b` are found as typed, on SQLite and PostgreSQL alike.
enum TextSearch {
    static func matching(_ text: String, columns: [(table: String, column: String)]) -> DatabaseQuery.Filter {
        .sql(condition(text, columns: columns))
    }

    /// The same search as an SQL condition.
    static func condition(_ text: String, columns: [(table: String, column: String)]) -> any SQLExpression {
        let escaped = text.lowercased()
            .replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
        let pattern = "%\(escaped)%"
        let clauses: [any SQLExpression] = columns.map { c in
            SQLList([
                SQLFunction("lower", args: SQLColumn(c.column, table: c.table)),
                SQLRaw("LIKE"),
                SQLBind(pattern),
                SQLRaw("ESCAPE '\\'"),
            ], separator: SQLRaw(" "))
        }
        return SQLGroupExpression(SQLList(clauses, separator: SQLRaw(" OR ")))
    }
}

extension TextSearch {
    /// Rows of `rowsOf` whose text in a trigram FTS5 `table` contains `text` (three characters or more), in any case:
    /// the text is one FTS5 phrase, so quotes, operators and LIKE's wildcards in it are plain characters.
    ///
    /// `inListOrder` is for text that matches many rows: SQLite then walks the list's ordering index and keeps
    /// the matches (the unary `+` stops it from looking each match up by rowid and sorting them all), which
    /// finds the first page of 13,000 matches in a third of the time; for a few matches the lookup is quicker.
    static func indexed(_ text: String, table: String, rowsOf content: String, inListOrder: Bool = false) -> any SQLExpression {
        SQLList([
            SQLRaw(inListOrder ? "+" : ""), SQLColumn("rowid", table: content), SQLRaw("IN (SELECT rowid FROM"), SQLIdentifier(table),
            SQLRaw("WHERE"), SQLIdentifier(table), SQLRaw("MATCH"), SQLBind(phrase(text)), SQLRaw(")"),
        ], separator: SQLRaw(" "))
    }

    /// How many rows of the FTS5 `table` contain `text`: from the index alone.
    static func indexedCount(_ text: String, table: String, on sql: any SQLDatabase) async throws -> Int {
        let row = try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table)
            .where(SQLIdentifier(table), SQLRaw("MATCH"), SQLBind(phrase(text))).first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Matches above this many are read in the list's order (`inListOrder`).
    static let broad = 1_000

    private static func phrase(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

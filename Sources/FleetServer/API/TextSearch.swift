import Fluent
import FluentSQL
import SQLKit

/// Case-insensitive "contains" search over several columns, with LIKE's wildcards escaped
/// so that `50%` or `a_b` are found as typed, on SQLite and PostgreSQL alike.
enum TextSearch {
    static func matching(_ text: String, columns: [(table: String, column: String)]) -> DatabaseQuery.Filter {
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
        return .sql(SQLGroupExpression(SQLList(clauses, separator: SQLRaw(" OR "))))
    }
}

extension TextSearch {
    /// Rows of `rowsOf` whose text in a trigram FTS5 `table` contains `text` (three characters or more), in any case:
    /// the text is one FTS5 phrase, so quotes, operators and LIKE's wildcards in it are plain characters.
    static func indexed(_ text: String, table: String, rowsOf content: String) -> any SQLExpression {
        let phrase = "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        return SQLList([
            SQLColumn("rowid", table: content), SQLRaw("IN (SELECT rowid FROM"), SQLIdentifier(table),
            SQLRaw("WHERE"), SQLIdentifier(table), SQLRaw("MATCH"), SQLBind(phrase), SQLRaw(")"),
        ], separator: SQLRaw(" "))
    }
}

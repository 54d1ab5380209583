import FleetCore
import FluentKit
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import SQLiteKit
import Vapor

/// One row of a query run by `SQLDatabase.cells(_:)`, its values read straight from the driver.
///
/// On SQLite each value is converted from SQLite's own value, where SQLKit's `decode(column:as:)` runs Swift's
/// `Decodable` machinery for every cell (a dynamic cast, and a nested decoder for each optional): at 50 devices of
/// 30 columns that was a tenth of a device list page. Other databases read through SQLKit as before.
struct Cells: Sendable {
    private enum Source: Sendable {
        case sqlite(SQLiteRow)
        case other(any SQLRow)
    }

    private let source: Source

    fileprivate init(sqlite row: SQLiteRow) { source = .sqlite(row) }
    fileprivate init(other row: any SQLRow) { source = .other(row) }

    /// The value of `column`, nil when it is NULL; throws when the column is missing or holds another type.
    func optional<T: Decodable & SQLiteDataConvertible>(_ column: String, as type: T.Type = T.self) throws -> T? {
        switch source {
        case let .sqlite(row):
            guard let data = row.column(column) else { throw Cells.missing(column) }
            if case .null = data { return nil }
            guard let value = T(sqliteData: data) else { throw Cells.mismatch(column, T.self, data) }
            return value
        case let .other(row):
            return try row.decode(column: column, as: T?.self)
        }
    }

    /// The value of `column`, which must not be NULL.
    func value<T: Decodable & SQLiteDataConvertible>(_ column: String, as type: T.Type = T.self) throws -> T {
        guard let value = try optional(column, as: T.self) else { throw Cells.null(column, T.self) }
        return value
    }

    /// A UUID column: text on SQLite (as Fluent writes it), or 16 bytes.
    func optionalID(_ column: String) throws -> UUID? {
        switch source {
        case let .sqlite(row):
            guard let data = row.column(column) else { throw Cells.missing(column) }
            switch data {
            case .null: return nil
            case let .text(text):
                guard let id = UUID(text: text) else { throw Cells.mismatch(column, UUID.self, data) }
                return id
            case let .blob(bytes) where bytes.readableBytes == 16:
                return bytes.withUnsafeReadableBytes { raw in
                    UUID(uuid: (raw[0], raw[1], raw[2], raw[3], raw[4], raw[5], raw[6], raw[7],
                                raw[8], raw[9], raw[10], raw[11], raw[12], raw[13], raw[14], raw[15]))
                }
            default: throw Cells.mismatch(column, UUID.self, data)
            }
        case let .other(row):
            return try row.decode(column: column, as: UUID?.self)
        }
    }

    func id(_ column: String) throws -> UUID {
        guard let id = try optionalID(column) else { throw Cells.null(column, UUID.self) }
        return id
    }

    /// A column Fluent stores as JSON (a nested value or an array): JSON text on SQLite, the driver's own type
    /// elsewhere (PostgreSQL's `jsonb[]`, say).
    func json<T: Decodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        switch source {
        case let .sqlite(row):
            guard let data = row.column(column) else { throw Cells.missing(column) }
            switch data {
            case let .text(text): return try JSONDecoder().decode(T.self, from: Data(text.utf8))
            case let .blob(bytes): return try JSONDecoder().decode(T.self, from: Data(bytes.readableBytesView))
            default: throw Cells.mismatch(column, T.self, data)
            }
        case let .other(row):
            return try row.decode(column: column, as: T.self)
        }
    }

    /// The same for a column that may be null.
    func optionalJSON<T: Decodable>(_ column: String, as type: T.Type = T.self) throws -> T? {
        if case let .sqlite(row) = source, case .null? = row.column(column) { return nil }
        if case .other = source { return try json(column, as: T?.self) }
        return try json(column, as: T.self)
    }

    /// A reading's supplies: read straight from the stored text where it is in the plain form, else as `json`.
    func supplies(_ column: String) throws -> [SupplyReading] {
        if case let .sqlite(row) = source, case let .text(text)? = row.column(column), let list = ReadingBatchJSON.supplies(text) {
            return list
        }
        return try json(column)
    }

    private static func missing(_ column: String) -> any Error {
        DecodingError.keyNotFound(SomeCodingKey(stringValue: column), .init(codingPath: [], debugDescription: "no column \(column)"))
    }

    private static func null(_ column: String, _ type: Any.Type) -> any Error {
        DecodingError.valueNotFound(type, .init(codingPath: [SomeCodingKey(stringValue: column)], debugDescription: "\(column) is NULL"))
    }

    private static func mismatch(_ column: String, _ type: Any.Type, _ data: SQLiteData) -> any Error {
        DecodingError.typeMismatch(type, .init(codingPath: [SomeCodingKey(stringValue: column)],
                                               debugDescription: "\(column) holds \(data), not a \(type)"))
    }
}

extension Database {
    /// The database as SQLKit's: both databases FleetCare runs on (SQLite, PostgreSQL) are.
    var sql: any SQLDatabase {
        get throws {
            guard let sql = self as? any SQLDatabase else { throw Abort(.internalServerError, reason: "FleetCare needs an SQL database") }
            return sql
        }
    }
}

extension SQLDatabase {
    /// Runs `query` and returns its rows as `Cells`. On SQLite the query goes straight to the connection, its values
    /// bound as SQLKit binds them; elsewhere through SQLKit.
    func cells(_ query: any SQLExpression) async throws -> [Cells] {
        if let lite = self as? any SQLiteDatabase {
            return try await lite.cells(query, serializedBy: self)
        }
        let rows = NIOLockedValueBox<[Cells]>([])
        try await execute(sql: query) { row in rows.withLockedValue { $0.append(Cells(other: row)) } }
        return rows.withLockedValue { $0 }
    }

    /// Runs a statement that returns no rows (an INSERT, an UPDATE): on SQLite straight on the connection with
    /// `SQLiteBinds`, elsewhere through SQLKit.
    func run(_ statement: any SQLExpression) async throws {
        if let lite = self as? any SQLiteDatabase {
            let (text, binds) = serialize(statement)
            _ = try await lite.query(text, try SQLiteBinds.data(binds))
        } else {
            try await execute(sql: statement) { _ in }
        }
    }

    /// The one value `COUNT(*) AS n` (or any query with one integer column `n`) gives.
    func count(_ query: any SQLExpression) async throws -> Int {
        try await cells(query).first?.value("n", as: Int.self) ?? 0
    }
}

extension SQLiteDatabase {
    /// Runs `query`, written out by `sql` (SQLite's dialect), straight on the connection and returns its rows as
    /// `Cells`: `SQLDatabase.cells` on SQLite, and on a connection of the server's own outside Fluent's pool.
    func cells(_ query: any SQLExpression, serializedBy sql: any SQLDatabase) async throws -> [Cells] {
        let (text, binds) = sql.serialize(query)
        return try await self.query(text, try SQLiteBinds.data(binds)).map(Cells.init(sqlite:))
    }

    /// `cells` on a connection opened outside Fluent's pool.
    func cells(_ query: any SQLExpression) async throws -> [Cells] {
        try await cells(query, serializedBy: sql())
    }
}

/// Values bound to SQLite statements exactly as SQLiteKit's encoder binds them, with the common types converted
/// directly. The encoder sends a UUID through `Encodable` to `uuidString`, which formats with the C library's
/// `printf` on Linux; a batch of a thousand readings binds several thousand ids.
enum SQLiteBinds {
    static func data(_ binds: [any Encodable & Sendable]) throws -> [SQLiteData] {
        let encoder = SQLiteDataEncoder()
        return try binds.map { try data($0, encoder: encoder) }
    }

    static func data(_ value: any Encodable & Sendable, encoder: SQLiteDataEncoder) throws -> SQLiteData {
        // A cast looks through an Optional that holds a value; one that holds none falls through to the nil test.
        switch value {
        case let id as UUID: return .text(id.text)
        case let text as String: return .text(text)
        // Concrete types before the protocol: a conformance lookup costs more than a type comparison.
        case let date as Date: return date.sqliteData ?? .null
        case let number as Int64: return .integer(Int(number))
        case let number as Int: return .integer(number)
        case let number as Double: return .float(number)
        case let flag as Bool: return .integer(flag ? 1 : 0)
        case let convertible as any SQLiteDataConvertible:
            if let data = convertible.sqliteData { return data }
        case let optional as any NoneTest where optional.isNone: return .null
        default: break
        }
        return try encoder.encode(value)
    }
}

private protocol NoneTest {
    var isNone: Bool { get }
}

extension Optional: NoneTest {
    fileprivate var isNone: Bool { self == nil }
}

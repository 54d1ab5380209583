import Fluent
import SQLKit
import Vapor

/// `limit` (default 50, at most 500) and `offset` of a list request.
struct Paging: Sendable {
    let limit: Int
    let offset: Int

    static let defaultLimit = 50
    static let maxLimit = 500
    /// Far beyond any list, and small enough that offset + limit cannot overflow.
    static let maxOffset = 1_000_000_000

    init(limit: Int = Paging.defaultLimit, offset: Int = 0) {
        self.limit = limit
        self.offset = offset
    }

    init(_ request: Request) throws {
        func read(_ name: String) throws -> Int? {
            guard let text = request.query[String.self, at: name] else { return nil }
            guard let value = Int(text), (0...Paging.maxOffset).contains(value) else {
                throw APIError(.unprocessableEntity, code: "invalid_query",
                               message: "\(name) must be a whole number from 0 to \(Paging.maxOffset)", field: name)
            }
            return value
        }
        limit = min(try read("limit") ?? Paging.defaultLimit, Paging.maxLimit)
        offset = try read("offset") ?? 0
    }
}

/// A page of a collection: `{"items":[...],"total":N}`.
struct Page<Item: Content>: Content {
    let items: [Item]
    let total: Int
}

extension QueryBuilder {
    /// Counts and fetches one page of the query.
    func page(_ paging: Paging) async throws -> (items: [Model], total: Int) {
        let total = try await self.copy().countRows()
        // Not `range(lower:upper:)`: its upper bound is inclusive, one row more than a page.
        let items = try await self.copy().offset(paging.offset).limit(paging.limit).all()
        return (items, total)
    }
}

extension QueryBuilder {
    /// `COUNT(*)`, where Fluent's `count()` is `COUNT(id)`: the same number (an id is never null), but SQLite
    /// answers `COUNT(*)` from its smallest index, or counts rows without reading a column from each; at 50,000
    /// devices `COUNT(id)` was a tenth of a device list's time. A distinct query keeps Fluent's count.
    func countRows() async throws -> Int {
        guard !query.isUnique else { return try await count() }
        let all = SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier(FieldKey.aggregate.description))
        return try await copy().aggregate(.custom(all), as: Int.self).get()
    }
}

extension Request {
    /// A UUID path parameter; a malformed id is simply a record that does not exist.
    func id(_ name: String, _ what: String) throws -> UUID {
        guard let text = parameters.get(name), let id = UUID(uuidString: text) else { throw APIError.notFound(what) }
        return id
    }

    /// An optional UUID query parameter; malformed is a 422 naming the parameter.
    func queryID(_ name: String) throws -> UUID? {
        guard let text = query[String.self, at: name], !text.isEmpty else { return nil }
        guard let id = UUID(uuidString: text) else {
            throw APIError(.unprocessableEntity, code: "invalid_query", message: "\(name) must be an id", field: name)
        }
        return id
    }
}

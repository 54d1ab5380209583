import Fluent
import Foundation
import Vapor

/// One change to an audited record: who made it, from where, when, and each field's value before and after.
/// Written in the same transaction as the change it describes, so a rolled-back change leaves no entry.
final class AuditEntry: Model, @unchecked Sendable {
    static let schema = "audit_log"

    @ID(key: .id) var id: UUID?
    @Field(key: "at") var at: Date
    /// The signed-in user, or nil for the system (scheduled jobs) and commands run on the server.
    @OptionalField(key: "actor_id") var actorID: UUID?
    /// The user's e-mail when there was one, else what acted: `system`, `cli:import`, …
    @Field(key: "actor") var actor: String
    @OptionalField(key: "address") var address: String?
    /// `create`, `update` or `delete`.
    @Field(key: "action") var action: String
    /// What the change belongs to, as people think of it: a site's change belongs to its customer.
    @Field(key: "entity") var entity: String
    @Field(key: "entity_id") var entityID: UUID
    /// The table the row lives in, and its id.
    @Field(key: "record") var record: String
    @Field(key: "record_id") var recordID: UUID
    /// JSON: `[{"field","from","to","hidden"}]`.
    @Field(key: "changes") var changesJSON: String

    init() {}

    init(at: Date, actor: AuditActor, action: AuditAction, entity: String, entityID: UUID,
         record: String, recordID: UUID, changes: [AuditChange]) throws {
        self.at = at
        self.actorID = actor.userID
        self.actor = actor.name
        self.address = actor.address
        self.action = action.rawValue
        self.entity = entity
        self.entityID = entityID
        self.record = record
        self.recordID = recordID
        self.changesJSON = String(decoding: try JSONEncoder().encode(changes), as: UTF8.self)
    }

    var changes: [AuditChange] {
        (try? JSONDecoder().decode([AuditChange].self, from: Data(changesJSON.utf8))) ?? []
    }
}

enum AuditAction: String, Codable, CaseIterable, Sendable {
    case create, update, delete
}

/// One field's change. Values are shown as text; `hidden` fields (password hashes, signatures) say only that they changed.
struct AuditChange: Codable, Equatable, Sendable {
    let field: String
    let from: String?
    let to: String?
    var hidden: Bool?
}

/// Who is acting, read from the logger's metadata of the request or command the database handle was made for:
/// `AuditActorMiddleware` puts the signed-in user there, commands put their name. Anything else is the system.
struct AuditActor: Sendable, Equatable {
    var userID: UUID?
    var name: String
    var address: String?

    static let userIDKey = "user-id"
    static let nameKey = "user"
    static let addressKey = "address"

    init(userID: UUID?, name: String, address: String?) {
        (self.userID, self.name, self.address) = (userID, name, address)
    }

    init(_ logger: Logger) {
        func text(_ key: String) -> String? {
            if case let .string(s)? = logger[metadataKey: key] { return s }
            return nil
        }
        self.init(userID: text(Self.userIDKey).flatMap(UUID.init(uuidString:)), name: text(Self.nameKey) ?? "system",
                  address: text(Self.addressKey))
    }

    /// Marks a logger (and so every database handle made from it) as acting for `name`: a command, say.
    static func label(_ logger: inout Logger, as name: String) {
        logger[metadataKey: nameKey] = .string(name)
    }
}

/// After authentication: names the signed-in user in the request's logger, so log lines and audit entries carry it.
struct AuditActorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let user = request.auth.get(User.self) {
            request.logger[metadataKey: AuditActor.userIDKey] = .string(user.id?.uuidString ?? "")
            request.logger[metadataKey: AuditActor.nameKey] = .string(user.email)
            request.logger[metadataKey: AuditActor.addressKey] = .string(request.clientAddress)
        }
        return try await next.respond(to: request)
    }
}

/// A model whose creation, changes and deletion go to the audit log.
protocol Audited: Model where IDValue == UUID {
    /// The entity people know the record by (`device`, `contract`, …).
    static var auditEntity: String { get }
    /// Fields whose values stay out of the log: only the fact of their change is kept.
    static var auditHidden: Set<String> { get }
    /// The entity's id: the record's own, or its owner's (a contract's device line belongs to the contract).
    var auditEntityID: UUID? { get }
}

extension Audited {
    static var auditHidden: Set<String> { [] }
    var auditEntityID: UUID? { id }
}

/// Writes an audit entry for every create, update and delete of `M` made through Fluent's model API,
/// on the same database handle (so inside the same transaction) as the change itself.
struct AuditMiddleware<M: Audited>: AsyncModelMiddleware {
    typealias Model = M

    /// Bookkeeping every record has; not changes anybody made.
    static var ignored: Set<String> { ["id", "created_at", "updated_at"] }

    func create(model: M, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        try await next.create(model, on: db)
        let changes = AuditDiff.changes(from: [:], to: AuditDiff.values(of: model), hidden: M.auditHidden, ignored: Self.ignored)
        try await write(.create, model, changes, on: db)
    }

    func update(model: M, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        guard model.hasChanges, let id = model.id else { return try await next.update(model, on: db) }
        // The stored row, read again: the model only remembers its new values.
        let before = try await M.find(id, on: db).map { AuditDiff.values(of: $0) } ?? [:]
        var after = before
        for (key, value) in AuditDiff.values(of: model, onlyChanged: true) { after[key] = value }
        try await next.update(model, on: db)
        let changes = AuditDiff.changes(from: before, to: after, hidden: M.auditHidden, ignored: Self.ignored)
        guard !changes.isEmpty else { return }
        try await write(.update, model, changes, on: db)
    }

    func delete(model: M, force: Bool, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        let before = AuditDiff.values(of: model)
        try await next.delete(model, force: force, on: db)
        let changes = AuditDiff.changes(from: before, to: [:], hidden: M.auditHidden, ignored: Self.ignored)
        try await write(.delete, model, changes, on: db)
    }

    private func write(_ action: AuditAction, _ model: M, _ changes: [AuditChange], on db: any Database) async throws {
        guard let recordID = model.id else { return }
        try await AuditEntry(at: Date(), actor: AuditActor(db.logger), action: action, entity: M.auditEntity,
                             entityID: model.auditEntityID ?? recordID, record: M.schema, recordID: recordID, changes: changes)
            .create(on: db)
    }
}

/// Turns a model's fields into comparable text, nested values flattened to dotted paths (`terms.pmVisitsPerYear`).
enum AuditDiff {
    /// Longer values are cut: the log says what changed, not every byte of a note.
    static let maxValueLength = 500

    static func values(of model: some Model, onlyChanged: Bool = false) -> [String: String?] {
        let input = Collector(wantsUnmodifiedKeys: !onlyChanged)
        model.input(to: input)
        var flat: [String: String?] = [:]
        for (key, value) in input.values { flatten(value, into: &flat, path: key) }
        return flat
    }

    static func changes(from before: [String: String?], to after: [String: String?], hidden: Set<String>,
                        ignored: Set<String>) -> [AuditChange] {
        Set(before.keys).union(after.keys).sorted().compactMap { field in
            let root = String(field.prefix(while: { $0 != "." }))
            guard !ignored.contains(root) else { return nil }
            let old = before[field] ?? nil, new = after[field] ?? nil
            guard old != new else { return nil }
            if hidden.contains(root) { return AuditChange(field: field, from: nil, to: nil, hidden: true) }
            return AuditChange(field: field, from: old.map(cut), to: new.map(cut))
        }
    }

    private static func cut(_ s: String) -> String {
        s.count > maxValueLength ? String(s.prefix(maxValueLength)) + "…" : s
    }

    private static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.dateEncodingStrategy = .iso8601
        e.outputFormatting = .sortedKeys
        return e
    }()

    private static func flatten(_ value: DatabaseQuery.Value, into flat: inout [String: String?], path: String) {
        switch value {
        case .null: flat[path] = .some(nil)
        case .default: break
        case let .enumCase(s): flat[path] = s
        case let .bind(encodable):
            guard let data = try? encoder.encode(encodable), let json = try? JSONDecoder().decode(JSONValue.self, from: data) else {
                flat[path] = String(describing: encodable)
                return
            }
            json.flatten(into: &flat, path: path)
        case let .dictionary(d):
            for (k, v) in d { flatten(v, into: &flat, path: "\(path).\(k.description)") }
        case let .array(a):
            for (i, v) in a.enumerated() { flatten(v, into: &flat, path: "\(path).\(i)") }
        case let .custom(c): flat[path] = String(describing: c)
        }
    }

    /// Any JSON, read back from a value's own encoding.
    private indirect enum JSONValue: Decodable {
        case null, bool(Bool), integer(Int64), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() { self = .null }
            else if let b = try? c.decode(Bool.self) { self = .bool(b) }
            else if let i = try? c.decode(Int64.self) { self = .integer(i) }
            else if let d = try? c.decode(Double.self) { self = .number(d) }
            else if let s = try? c.decode(String.self) { self = .string(s) }
            else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
            else { self = .object(try c.decode([String: JSONValue].self)) }
        }

        var text: String {
            switch self {
            case .null: "null"
            case let .bool(b): b ? "true" : "false"
            case let .integer(i): String(i)
            case let .number(d): String(d)
            case let .string(s): s
            case let .array(a): "[" + a.map(\.text).joined(separator: ", ") + "]"
            case let .object(o): "{" + o.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.text)" }.joined(separator: ", ") + "}"
            }
        }

        /// Objects become a path per leaf, so a change inside a contract's terms names the very term.
        func flatten(into flat: inout [String: String?], path: String) {
            switch self {
            case .null: flat[path] = .some(nil)
            case let .object(o): for (k, v) in o { v.flatten(into: &flat, path: "\(path).\(k)") }
            default: flat[path] = text
            }
        }
    }

    private final class Collector: DatabaseInput {
        var values: [String: DatabaseQuery.Value] = [:]
        let wantsUnmodifiedKeys: Bool
        init(wantsUnmodifiedKeys: Bool) { self.wantsUnmodifiedKeys = wantsUnmodifiedKeys }
        func set(_ value: DatabaseQuery.Value, at key: FieldKey) { values[key.description] = value }
    }
}

extension Plan: Audited { static var auditEntity: String { "plan" } }
extension Contract: Audited { static var auditEntity: String { "contract" } }
extension ContractDevice: Audited {
    static var auditEntity: String { "contract" }
    var auditEntityID: UUID? { $contract.id }
}
extension Customer: Audited { static var auditEntity: String { "customer" } }
extension Site: Audited {
    static var auditEntity: String { "customer" }
    var auditEntityID: UUID? { $customer.id }
}
extension Device: Audited { static var auditEntity: String { "device" } }
extension Ticket: Audited { static var auditEntity: String { "ticket" } }
extension Visit: Audited {
    static var auditEntity: String { "visit" }
    static var auditHidden: Set<String> { ["signature"] }
}
extension Invoice: Audited { static var auditEntity: String { "invoice" } }
extension User: Audited {
    static var auditEntity: String { "user" }
    static var auditHidden: Set<String> { ["password_hash"] }
}

enum AuditLog {
    /// The audited entities, as the API's `entity` filter names them.
    static let entities = ["contract", "customer", "device", "invoice", "plan", "ticket", "user", "visit"]

    static func register(on databases: Databases, id: DatabaseID) {
        databases.middleware.use(AuditMiddleware<Plan>(), on: id)
        databases.middleware.use(AuditMiddleware<Contract>(), on: id)
        databases.middleware.use(AuditMiddleware<ContractDevice>(), on: id)
        databases.middleware.use(AuditMiddleware<Customer>(), on: id)
        databases.middleware.use(AuditMiddleware<Site>(), on: id)
        databases.middleware.use(AuditMiddleware<Device>(), on: id)
        databases.middleware.use(AuditMiddleware<Ticket>(), on: id)
        databases.middleware.use(AuditMiddleware<Visit>(), on: id)
        databases.middleware.use(AuditMiddleware<Invoice>(), on: id)
        databases.middleware.use(AuditMiddleware<User>(), on: id)
    }
}

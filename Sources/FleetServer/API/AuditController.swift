import FleetCore
import Fluent
import Vapor

extension API {
    /// The audit log, for admins: who changed what, when, and from where.
    enum AuditController {
        struct AuditEntryDTO: Content {
            let id: UUID
            let at: Date
            let actorId: UUID?
            let actor: String
            let address: String?
            let action: String
            let entity: String
            let entityId: UUID
            let record: String
            let recordId: UUID
            let changes: [AuditChange]

            init(_ e: AuditEntry) {
                (id, at, actorId, actor, address, action) = (e.id!, e.at, e.actorID, e.actor, e.address, e.action)
                (entity, entityId, record, recordId, changes) = (e.entity, e.entityID, e.record, e.recordID, e.changes)
            }
        }

        /// What an audit list asks for; the page and the API read it the same way.
        struct Filter: Sendable {
            var entity: String?
            var entityID: UUID?
            var actorID: UUID?
            var action: AuditAction?
            var from: Date?
            var to: Date?

            init(_ req: Request) throws {
                func text(_ name: String) -> String? {
                    req.query[String.self, at: name].map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
                }
                if let e = text("entity") {
                    guard AuditLog.entities.contains(e) else {
                        throw APIError(.unprocessableEntity, code: "invalid_query",
                                       message: "entity must be one of \(AuditLog.entities.joined(separator: ", "))", field: "entity")
                    }
                    entity = e
                }
                entityID = try req.queryID("entityId")
                actorID = try req.queryID("actorId")
                if let a = text("action") {
                    guard let action = AuditAction(rawValue: a) else {
                        throw APIError(.unprocessableEntity, code: "invalid_query", message: "action must be create, update or delete", field: "action")
                    }
                    self.action = action
                }
                let zone = req.application.fleetConfiguration.timeZone
                func day(_ name: String) throws -> CalendarDay? {
                    guard let t = text(name) else { return nil }
                    return try DayInput.read(t, field: name)
                }
                from = try day("from")?.start(in: zone)
                to = try day("to")?.adding(days: 1).start(in: zone)
            }

            /// One page of the matching entries, newest first: the API and the page list the same way.
            func page(on db: any Database, _ paging: Paging) async throws -> (items: [AuditEntry], total: Int) {
                try await apply(AuditEntry.query(on: db)).sort(\.$at, .descending).sort(\.$id).page(paging)
            }

            func apply(_ q: QueryBuilder<AuditEntry>) -> QueryBuilder<AuditEntry> {
                if let entity { q.filter(\.$entity == entity) }
                if let entityID { q.filter(\.$entityID == entityID) }
                if let actorID { q.filter(\.$actorID == actorID) }
                if let action { q.filter(\.$action == action.rawValue) }
                if let from { q.filter(\.$at >= from) }
                if let to { q.filter(\.$at < to) }
                return q
            }
        }

        /// `GET /api/v1/audit?entity=&entityId=&actorId=&action=&from=&to=` (admin): changes, newest first.
        /// `from` and `to` are days (Solar Hijri or Gregorian), both included.
        @Sendable static func list(req: Request) async throws -> Page<AuditEntryDTO> {
            try req.viewer.require(.admin)
            let (items, total) = try await Filter(req).page(on: req.db, try Paging(req))
            return Page(items: items.map(AuditEntryDTO.init), total: total)
        }
    }
}

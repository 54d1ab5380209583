import FleetCore
import Fluent
import Vapor

/// `/audit` (admin): the audit log as a page.
enum WebAudit {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(SiteURL.pattern(.audit), use: page)
    }

    static let pageSize = 100

    @Sendable static func page(req: Request) async throws -> Response {
        try req.viewer.require(.admin)
        let filter = try API.AuditController.Filter(req)   // a bad filter is the error page, with its message
        let offset = min(max(0, req.query[Int.self, at: "offset"] ?? 0), Paging.maxOffset)
        let (items, total) = try await filter.page(on: req.db, Paging(limit: pageSize, offset: offset))
        let entries = items.map(API.AuditController.AuditEntryDTO.init)
        func text(_ name: String) -> String? { req.query[String.self, at: name].flatMap { $0.isEmpty ? nil : $0 } }
        let model = AuditPage.Model(entries: entries, total: total, offset: offset, limit: pageSize, entity: filter.entity,
                                    entityID: filter.entityID?.uuidString, action: filter.action?.rawValue,
                                    from: text("from"), to: text("to"),
                                    names: try await names(of: entries, plus: filter.entityID, on: req.db, req.language))
        return Layout.response(AuditPage.render(model, req.pageContext()))
    }

    /// What people call each record on the page: a query per kind of record, not per row.
    static func names(of entries: [API.AuditController.AuditEntryDTO], plus extra: UUID?, on db: any Database,
                      _ language: FleetCore.Language) async throws -> [UUID: String] {
        var ids: [String: Set<UUID>] = [:]
        for e in entries { ids[e.entity, default: []].insert(e.entityId) }
        if let extra { for entity in AuditLog.entities { ids[entity, default: []].insert(extra) } }
        var names: [UUID: String] = [:]
        if let d = ids["device"], !d.isEmpty {
            for x in try await Device.query(on: db).filter(\.$id ~~ d).all() { names[x.id!] = "\(x.serialNumber) · \(x.model)" }
        }
        if let t = ids["ticket"], !t.isEmpty {
            for x in try await Ticket.query(on: db).filter(\.$id ~~ t).all() { names[x.id!] = "#\(x.number)" }
        }
        if let c = ids["customer"], !c.isEmpty {
            for x in try await Customer.query(on: db).filter(\.$id ~~ c).all() { names[x.id!] = x.name }
        }
        if let c = ids["contract"], !c.isEmpty {
            for x in try await Contract.query(on: db).filter(\.$id ~~ c).with(\.$customer).all() {
                names[x.id!] = "\(x.customer.name) · \(language == .fa ? x.planNameFa : x.planNameEn)"
            }
        }
        if let i = ids["invoice"], !i.isEmpty {
            for x in try await Invoice.query(on: db).filter(\.$id ~~ i).all() { names[x.id!] = x.number.map { "#\($0)" } ?? "—" }
        }
        if let u = ids["user"], !u.isEmpty {
            for x in try await User.query(on: db).filter(\.$id ~~ u).all() { names[x.id!] = x.email }
        }
        if let p = ids["plan"], !p.isEmpty {
            for x in try await Plan.query(on: db).filter(\.$id ~~ p).all() { names[x.id!] = x.code }
        }
        return names
    }
}

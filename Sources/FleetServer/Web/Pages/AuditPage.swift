import FleetCore
import Foundation
import Plot

/// The audit log for admins: who changed what and when, newest first, filtered by record, action and days.
enum AuditPage {
    struct Model {
        let entries: [API.AuditController.AuditEntryDTO]
        let total: Int
        let offset: Int
        let limit: Int
        /// The filter as typed, to fill the form back and keep it across pages.
        let entity: String?
        let entityID: String?
        let action: String?
        let from: String?
        let to: String?
        /// What each record is called: a device's serial, a ticket's number, a customer's name.
        let names: [UUID: String]
    }

    static func render(_ m: Model, _ ctx: PageContext) -> HTML {
        let f = ctx.format
        let query: [(String, String?)] = [("entity", m.entity), ("entityId", m.entityID), ("action", m.action),
                                          ("from", m.from), ("to", m.to)]
        return Layout.page(ctx.t(AuditText.auditLog), ctx,
            .h1(.text(ctx.t(AuditText.auditLog))),
            .unwrap(m.entityID.flatMap { UUID(uuidString: $0) }) { id in
                .p(.text(ctx.t(AuditText.changesOf) + " "), .strong(.text(m.names[id] ?? id.uuidString)),
                   .text(" · "), .a(.href(SiteURL.audit.path), .text(ctx.t(AuditText.allChanges))))
            },
            .form(.class("card filters"), .method(.get), .action(SiteURL.audit.path),
                .unwrap(m.entityID) { .input(.type(.hidden), .name("entityId"), .value(Layout.attributeText($0))) },
                Layout.select(ctx.t(AuditText.record), "entity", selected: m.entity,
                              options: AuditLog.entities.map { ($0, AuditText.entity($0, ctx.language)) }, empty: ctx.t(AuditText.anyRecord)),
                Layout.select(ctx.t(AuditText.change), "action", selected: m.action,
                              options: AuditAction.allCases.map { ($0.rawValue, AuditText.action($0.rawValue, ctx.language)) },
                              empty: ctx.t(AuditText.anyChange)),
                Layout.field(ctx.t(.from), "from", value: m.from, hint: ctx.t(.dateHint)),
                Layout.field(ctx.t(.to), "to", value: m.to),
                .button(.type(.submit), .text(ctx.t(.filter)))
            ),
            .if(m.entries.isEmpty, .p(.class("hint"), .text(ctx.t(AuditText.noChanges))), else:
                .div(.class("scroll"), .table(.class("audit"),
                    .thead(.tr(.th(.text(ctx.t(.date))), .th(.text(ctx.t(AuditText.who))), .th(.text(ctx.t(AuditText.record))),
                               .th(.text(ctx.t(AuditText.change))))),
                    .tbody(.forEach(m.entries) { e in
                        .tr(.td(.text(f.instant(e.at))),
                            .td(.span(.dir(.leftToRight), .text(e.actor)), .unwrap(e.address) { .small(.class("hint"), .dir(.leftToRight), .text(" " + $0)) }),
                            .td(what(e, m.names, ctx)),
                            .td(.strong(.text(AuditText.action(e.action, ctx.language))), changes(e.changes, ctx)))
                    })
                ))),
            Layout.pager(SiteURL.audit, query, offset: m.offset, limit: m.limit, total: m.total, ctx)
        )
    }

    /// For admins: a link to every change of one record, for the record's own page.
    static func historyLink(_ id: UUID, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        .if(ctx.role == .admin, .a(.class("link"), .href(SiteURL.audit.with([("entityId", id.uuidString)])), .text(ctx.t(AuditText.changeHistory))))
    }

    /// The record, by name, linked to its page where it has one.
    static func what(_ e: API.AuditController.AuditEntryDTO, _ names: [UUID: String], _ ctx: PageContext) -> Node<HTML.BodyContext> {
        // The record's kind in the page's words, its name (a serial, a model, a number) as data.
        let name = names[e.entityId] ?? String(e.entityId.uuidString.prefix(8))
        let kind = AuditText.entity(e.entity, ctx.language) + " "
        let page: SiteURL? = switch e.entity {
        case "device": .device(e.entityId)
        case "contract": .contract(e.entityId)
        case "customer": .customer(e.entityId)
        case "ticket": .ticket(e.entityId)
        case "visit": .workReport(e.entityId)
        case "invoice": .invoice(e.entityId)
        default: nil
        }
        return .group(
            .unwrap(page, { .a(.href($0.path), .text(kind), .bdi(name)) }, else: .group(.text(kind), .bdi(name))),
            .if(e.record != AuditText.table(e.entity), .small(.class("hint"), .text(" · " + AuditText.part(e.record, ctx.language)))),
            .br(),
            .a(.class("hint"), .href(SiteURL.audit.with([("entityId", e.entityId.uuidString)])), .text(ctx.t(AuditText.allOfRecord)))
        )
    }

    static func changes(_ list: [AuditChange], _ ctx: PageContext) -> Node<HTML.BodyContext> {
        .ul(.class("changes"), .forEach(list) { c in
            .li(.code(.dir(.leftToRight), .text(c.field)), .text(": "),
                .if(c.hidden == true, .em(.text(ctx.t(AuditText.hiddenValue))), else: .group(
                    .span(.class("old"), .dir(.leftToRight), .text(c.from ?? "—")), .text(" → "), .span(.class("new"), .dir(.leftToRight), .text(c.to ?? "—")))))
        })
    }
}

/// The audit log's words, in Persian and English.
enum AuditText: CaseIterable {
    case auditLog, who, record, change, anyRecord, anyChange, noChanges, hiddenValue, allOfRecord, changesOf, allChanges, changeHistory

    func text(_ language: FleetCore.Language) -> String {
        let (fa, en): (String, String) = switch self {
        case .auditLog: ("سابقهٔ تغییرات", "Audit log")
        case .who: ("چه کسی", "Who")
        case .record: ("سابقه", "Record")
        case .change: ("تغییر", "Change")
        case .anyRecord: ("همهٔ سوابق", "Any record")
        case .anyChange: ("همهٔ تغییرها", "Any change")
        case .noChanges: ("تغییری ثبت نشده است.", "No changes recorded.")
        case .hiddenValue: ("تغییر کرد (مقدار نمایش داده نمی‌شود)", "changed (value not shown)")
        case .allOfRecord: ("همهٔ تغییرات این سابقه", "all changes of this record")
        case .changesOf: ("تغییرات", "Changes of")
        case .allChanges: ("همهٔ تغییرات", "all changes")
        case .changeHistory: ("سابقهٔ تغییرات", "Change history")
        }
        return language == .fa ? fa : en
    }

    static func entity(_ entity: String, _ language: FleetCore.Language) -> String {
        let (fa, en): (String, String) = switch entity {
        case "contract": ("قرارداد", "Contract")
        case "customer": ("مشتری", "Customer")
        case "device": ("دستگاه", "Device")
        case "invoice": ("صورتحساب", "Invoice")
        case "plan": ("طرح", "Plan")
        case "ticket": ("درخواست", "Ticket")
        case "user": ("کاربر", "User")
        case "visit": ("بازدید", "Visit")
        default: (entity, entity)
        }
        return language == .fa ? fa : en
    }

    static func action(_ action: String, _ language: FleetCore.Language) -> String {
        let (fa, en): (String, String) = switch action {
        case "create": ("ایجاد", "Created")
        case "update": ("ویرایش", "Changed")
        case "delete": ("حذف", "Deleted")
        default: (action, action)
        }
        return language == .fa ? fa : en
    }

    /// The table an entity's own row lives in; other tables are parts of it (a contract's devices, a customer's sites).
    static func table(_ entity: String) -> String {
        switch entity {
        case "contract": Contract.schema
        case "customer": Customer.schema
        case "device": Device.schema
        case "invoice": Invoice.schema
        case "plan": Plan.schema
        case "ticket": Ticket.schema
        case "user": User.schema
        case "visit": Visit.schema
        default: entity
        }
    }

    static func part(_ record: String, _ language: FleetCore.Language) -> String {
        let (fa, en): (String, String) = switch record {
        case ContractDevice.schema: ("دستگاه‌های قرارداد", "devices of the contract")
        case Site.schema: ("محل", "site")
        default: (record, record)
        }
        return language == .fa ? fa : en
    }
}

extension PageContext {
    func t(_ key: AuditText) -> String { key.text(language) }
}

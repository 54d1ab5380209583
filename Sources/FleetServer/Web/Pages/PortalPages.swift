import FleetCore
import Foundation
import Plot

/// A call as the client follows it: which machine, what is wrong, where it stands and when it is due.
struct TicketRow {
    let id: UUID
    let number: Int
    let device: String
    let what: String
    /// `what` is the caller's own words rather than a symptom from the list: data, in whatever language it was typed.
    var typed = false
    let stage: String
    let openedAt: Date
    let slaDueAt: Date
    let late: Bool
}

/// The client's home: its fleet, its calls, the work reports waiting for it, PM visits, reports, invoices, loans.
enum PortalHomePage {
    struct Visit {
        let id: UUID?
        let at: String
        let devices: Int
        let ticketNumber: Int?
        /// The machine, when the visit was to one.
        var device: String? = nil
    }

    struct Model {
        let customerID: UUID
        let customerName: String
        let devices: Int
        let inRepair: Int
        let openTickets: [TicketRow]
        let awaiting: [Visit]
        let pmPlanned: [Visit]
        let pmDone: [Visit]
        let reports: [(id: UUID, from: CalendarDay, to: CalendarDay, pages: Int)]
        let invoices: [(id: UUID, number: Int?, totalRials: Int, at: Date?)]
        let loans: [(loaner: String, forDevice: String, dueOn: CalendarDay)]
    }

    static func render(_ m: Model, _ ctx: PageContext) -> HTML {
        let f = ctx.format
        func card(_ title: String, _ count: Int? = nil, _ content: Node<HTML.BodyContext>...) -> Node<HTML.BodyContext> {
            .div(.class("card"), .h2(.text(title + (count.map { " (\(f.number($0)))" } ?? ""))), .group(content))
        }
        return Layout.page(m.customerName, ctx,
            .h1(.text(m.customerName)),
            .div(.class("stats"),
                .a(.class("stat"), .href(SiteURL.devices.with([("customerId", m.customerID.uuidString)])),
                   .element(named: "b", text: f.number(m.devices)), .span(.text(ctx.t(PortalText.fleet)))),
                .a(.class("stat"), .href(SiteURL.devices.with([("customerId", m.customerID.uuidString), ("status", "inRepair")])),
                   .element(named: "b", text: f.number(m.inRepair)), .span(.text(ctx.t(PortalText.inRepair)))),
                .a(.class("stat"), .href(SiteURL.tickets.path),
                   .element(named: "b", text: f.number(m.openTickets.count)), .span(.text(ctx.t(PortalText.openCalls)))),
                .a(.class("stat"), .href("#awaiting"),
                   .element(named: "b", text: f.number(m.awaiting.count)), .span(.text(ctx.t(PortalText.awaitingApproval))))),
            .div(.class("actions"),
                .a(.class("button"), .href(SiteURL.newTicket.path), .text(ctx.t(PortalText.reportNewFault))),
                .a(.href(SiteURL.tickets.path), .text(ctx.t(PortalText.allCalls))),
                .a(.href(SiteURL.labels.with([("customerId", m.customerID.uuidString)])), .text(ctx.t(LabelText.printLabels)))),
            .div(.class("portal-grid"),
                .div(.id("awaiting"), card(ctx.t(PortalText.awaitingApproval), nil,
                    .if(m.awaiting.isEmpty, .p(.class("hint"), .text(ctx.t(PortalText.noneAwaiting))), else:
                        .ul(.forEach(m.awaiting) { v in
                            .li(.a(.href(v.id.map { SiteURL.workReport($0).path + "#review" } ?? "#"),
                                   v.device.map { .bdi($0) } ?? .text("\(f.number(v.devices)) \(ctx.t(.devices))")),
                                .br(), .small(.class("hint"), .text(v.at + (v.ticketNumber.map { " · \(ctx.t(.ticket)) \(f.number($0))" } ?? ""))))
                        })))),
                card(ctx.t(PortalText.openCalls), m.openTickets.count, TicketsPage.table(m.openTickets, ctx)),
                card(ctx.t(PortalText.pmPlanned), nil,
                    .if(m.pmPlanned.isEmpty, .p(.class("hint"), .text(ctx.t(PortalText.noVisits))), else:
                        .ul(.forEach(m.pmPlanned) { v in .li(.text("\(v.at) · \(f.number(v.devices)) \(ctx.t(.devices))")) }))),
                card(ctx.t(PortalText.pmDone), nil,
                    .if(m.pmDone.isEmpty, .p(.class("hint"), .text(ctx.t(PortalText.noVisits))), else:
                        .ul(.forEach(m.pmDone) { v in
                            .li(.a(.href(v.id.map { SiteURL.workReport($0).path } ?? "#"), .text(v.at)),
                                .text(" · \(f.number(v.devices)) \(ctx.t(.devices))"))
                        }))),
                card(ctx.t(PortalText.reportsIssued), nil,
                    .if(m.reports.isEmpty, .p(.class("hint"), .text("—")), else:
                        .ul(.forEach(m.reports) { r in
                            .li(.a(.href(SiteURL.consumptionReport.with([("customerId", m.customerID.uuidString),
                                                                          ("from", r.from.description), ("to", r.to.description)])),
                                   .text("\(f.day(r.from)) – \(f.day(r.to))")),
                                .text(" · \(f.number(r.pages)) \(ctx.t(.pages))"))
                        })),
                    .p(.a(.href(SiteURL.reliabilityReport.with([("customerId", m.customerID.uuidString)])), .text(ctx.t(.reliabilityReport))))),
                card(ctx.t(PortalText.invoicesIssued), nil,
                    .if(m.invoices.isEmpty, .p(.class("hint"), .text("—")), else:
                        .ul(.forEach(m.invoices) { i in
                            .li(.a(.href(SiteURL.invoice(i.id).path), .text(i.number.map { "#\(f.number($0))" } ?? "—")),
                                .text(" · \(f.rials(i.totalRials))" + (i.at.map { " · " + f.instant($0) } ?? "")))
                        }))),
                .if(!m.loans.isEmpty, card(ctx.t(PortalText.loansOut), m.loans.count,
                    .ul(.forEach(m.loans) { l in .li(.bdi(l.loaner), .text(" ← "), .bdi(l.forDevice), .text(" · \(f.day(l.dueOn))")) })))
            )
        )
    }
}

/// Every call of the viewer's reach, open or closed, newest first.
enum TicketsPage {
    struct Model {
        let rows: [TicketRow]
        let open: Bool
        let total: Int
    }

    static func render(_ m: Model, _ ctx: PageContext) -> HTML {
        Layout.page(ctx.t(PortalText.calls), ctx,
            .h1(.text(ctx.t(PortalText.calls))),
            .div(.class("actions"),
                .a(.class(m.open ? "button" : "button secondary"), .href(SiteURL.tickets.path),
                   .text(ctx.t(PortalText.openAll))),
                .a(.class(m.open ? "button secondary" : "button"), .href(SiteURL.tickets.with([("state", "closed")])),
                   .text(ctx.t(PortalText.closedAll))),
                .span(.class("hint"), .text(ctx.format.number(m.total)))),
            table(m.rows, ctx))
    }

    static func table<C: HTML.BodyContext>(_ rows: [TicketRow], _ ctx: PageContext) -> Node<C> {
        let f = ctx.format
        return .if(rows.isEmpty, .p(.class("hint"), .text(ctx.t(PortalText.noCalls))), else:
            .table(.thead(.tr(.th(.text("#")), .th(.text(ctx.t(.devices))), .th(.text(ctx.t(PortalText.stage))),
                              .th(.text(ctx.t(PortalText.slaDue))))),
                   .tbody(.forEach(rows) { t in
                       .tr(.td(.a(.href(SiteURL.ticket(t.id).path), .text(f.number(t.number)))),
                           .td(.bdi(t.device), .br(), .small(.class("hint"), t.typed ? .bdi(t.what) : .text(t.what))),
                           .td(.span(.class("badge \(t.stage)"), .text(ctx.t(L10n.stage(t.stage)))), .br(),
                               .small(.class("hint"), .text(f.instant(t.openedAt)))),
                           .td(.span(.class(t.late ? "sla-late" : ""), .text(f.instant(t.slaDueAt) + (t.late ? " · " + ctx.t(PortalText.slaLate) : "")))))
                   })))
    }
}

/// Choosing the machine a new call is about: search by asset tag, serial, model, room or user.
enum PickDevicePage {
    struct Model {
        let query: String
        let devices: [DeviceDTO]
        let total: Int
    }

    static func render(_ m: Model, _ ctx: PageContext) -> HTML {
        Layout.page(ctx.t(PortalText.reportNewFault), ctx,
            .h1(.text(ctx.t(PortalText.reportNewFault))),
            .form(.class("filters card"), .method(.get), .action(SiteURL.newTicket.path),
                Layout.field(ctx.t(PortalText.whichDevice), "q", value: m.query, type: .search),
                .button(.type(.submit), .text(ctx.t(PortalText.find)))),
            .if(m.devices.isEmpty, .p(.class("hint"), .text(ctx.t(PortalText.noDeviceFound))), else:
                .table(.tbody(.forEach(m.devices) { d in
                    .tr(.td(.a(.href(SiteURL.newTicket.with([("deviceId", d.id.uuidString)])),
                               .bdi("\(d.make) \(d.model)")), .br(), .small(.dir(.leftToRight), .text(([d.serialNumber] + [d.assetTag].compactMap { $0 }).joined(separator: " · ")))),
                        .if(ctx.role?.isStaff == true, .td(.text(d.customerName ?? ""))),
                        .td(.text(ctx.format.digits(DeviceRecordPage.locationLine(d)))),
                        .td(.text(d.assignedUser?.name ?? "")))
                }))),
            .if(m.total > m.devices.count, .p(.class("hint"), .text("\(ctx.format.number(m.devices.count)) / \(ctx.format.number(m.total))"))))
    }
}

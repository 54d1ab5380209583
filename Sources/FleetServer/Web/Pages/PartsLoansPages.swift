import FleetCore
import Foundation
import Plot

/// The parts catalog with what each location holds, and stock receipts.
enum PartsPage {
    struct Model {
        let parts: [PartDTO]
        let stock: [StockDTO]
        let technicians: [(String, String)]
        /// Where stock can move from and to: `loc:<id>` for a location, `tech:<id>` for a van not made yet.
        let places: [(String, String)]
        let movements: [Movement]
        let canEdit: Bool
        var error: String?
    }

    /// A line of the stock log: what came in or went out where, why, and by whose hand.
    struct Movement {
        let at: Date
        let location: String
        let partNumber: String
        let delta: Int
        let reason: String
        let override: Bool
        let actor: String?
    }

    static func render(_ m: Model, _ ctx: PageContext) -> HTML {
        let f = ctx.format
        let byPart = Dictionary(grouping: m.stock, by: \.partNumber)
        let kinds = PartKind.allCases.map { ($0.rawValue, ctx.t(L10n.partKind($0))) }
        return Layout.page(ctx.t(.parts), ctx,
            .h1(.text(ctx.t(.parts))),
            Layout.errorBox(m.error),
            .table(.class("devices"),
                .thead(.tr(.th(.text(ctx.t(.partNumber))), .th(.text(ctx.t(.name))), .th(.text(ctx.t(.kind))),
                           .th(.text(ctx.t(.ratedLife))), .th(.text(ctx.t(.price))), .th(.text(ctx.t(.stock))))),
                .tbody(.forEach(m.parts) { p in
                    .tr(.td(.span(.dir(.leftToRight), .text(p.partNumber))), .td(.bdi(p.name), .br(), .small(.class("hint"), .dir(.leftToRight), .text(p.compatibleModels.joined(separator: ", ")))),
                        .td(.text(ctx.t(L10n.partKind(p.kind)))), .td(.text(p.ratedLifePages.map(f.number) ?? "—")),
                        .td(.text(f.rials(p.priceRials))),
                        .td(.forEach(byPart[p.partNumber] ?? []) { s in
                            .div(.class(s.quantity < 0 ? "error" : ""), .bdi(s.location), .text(": \(f.number(s.quantity))"))
                        }))
                })),
            .if(m.canEdit, .div(.class("grid2"),
                .form(.class("card"), .method(.post), .action(SiteURL.parts.path),
                    Layout.csrf(ctx),
                    .input(.type(.hidden), .name("action"), .value("part")),
                    .h2(.text(ctx.t(.newPart))),
                    Layout.field(ctx.t(.partNumber), "partNumber", value: nil, required: true),
                    Layout.field(ctx.t(.name), "name", value: nil, required: true),
                    Layout.select(ctx.t(.kind), "kind", selected: "wear", options: kinds, empty: nil),
                    Layout.field(ctx.t(.ratedLife), "ratedLifePages", value: nil, attributes: [.attribute(named: "inputmode", value: "numeric")]),
                    Layout.field(ctx.t(.price), "priceRials", value: nil, required: true, attributes: [.attribute(named: "inputmode", value: "numeric")]),
                    Layout.field(ctx.t(.compatibleModels), "compatibleModels", value: nil, hint: "LaserJet Pro M404dn, LaserJet Pro M402dn",
                                 hintIsData: true),
                    .button(.type(.submit), .text(ctx.t(.add)))),
                .form(.class("card"), .method(.post), .action(SiteURL.parts.path),
                    Layout.csrf(ctx),
                    .input(.type(.hidden), .name("action"), .value("receive")),
                    .h2(.text(ctx.t(.receiveStock))),
                    Layout.select(ctx.t(.partNumber), "partNumber", selected: nil, options: m.parts.map { ($0.partNumber, "\($0.partNumber) · \($0.name)") }, empty: nil,
                                  data: true),
                    Layout.field(ctx.t(.quantity), "quantity", value: "1", type: .number, required: true),
                    Layout.select(ctx.t(.stock), "technicianId", selected: nil, options: m.technicians, empty: ctx.t(.warehouse)),
                    .button(.type(.submit), .text(ctx.t(.receiveStock)))),
                .form(.class("card"), .method(.post), .action(SiteURL.parts.path),
                    Layout.csrf(ctx),
                    .input(.type(.hidden), .name("action"), .value("transfer")),
                    .h2(.text(ctx.t(.transferStock))),
                    Layout.select(ctx.t(.partNumber), "partNumber", selected: nil, options: m.parts.map { ($0.partNumber, "\($0.partNumber) · \($0.name)") }, empty: nil,
                                  data: true),
                    Layout.field(ctx.t(.quantity), "quantity", value: "1", type: .number, required: true),
                    Layout.select(ctx.t(.fromPlace), "from", selected: m.places.first?.0, options: m.places, empty: nil, data: true),
                    Layout.select(ctx.t(.toPlace), "to", selected: m.places.dropFirst().first?.0, options: m.places, empty: nil, data: true),
                    .div(.class("field check"),
                         .label(.input(.type(.checkbox), .name("allowNegativeStock"), .value("on")), .text(" " + ctx.t(.allowNegativeStock)))),
                    .button(.type(.submit), .text(ctx.t(.transferStock))))
            )),
            .h2(.text(ctx.t(.stockLog))),
            .if(m.movements.isEmpty, .p(.class("hint"), .text(ctx.t(.noneYet))), else:
                .table(.class("devices"),
                    .thead(.tr(.th(.text(ctx.t(.when))), .th(.text(ctx.t(.stock))), .th(.text(ctx.t(.partNumber))),
                               .th(.text(ctx.t(.quantity))), .th(.text(ctx.t(.reason))))),
                    .tbody(.forEach(m.movements) { mv in
                        .tr(.td(.text(f.instant(mv.at))), .td(.text(mv.location)), .td(.span(.dir(.leftToRight), .text(mv.partNumber))),
                            .td(.span(.dir(.leftToRight), .text((mv.delta > 0 ? "+" : "−") + f.number(abs(mv.delta))))),
                            .td(.text(mv.reason), .if(mv.override, .span(.class("badge billable"), .text(" " + ctx.t(.stockOverride)))),
                                .unwrap(mv.actor) { .small(.class("hint"), .text(" · \($0)")) }))
                    })))
        )
    }
}

/// Loaners out and back, with lending and return.
enum LoansPage {
    struct Row {
        let loan: LoanDTO
        let loaner: String
        let device: String
    }

    struct Model {
        let rows: [Row]
        let pool: [(String, String)]
        let canLend: Bool
        var error: String?
        /// A return refused: the loan and the counter typed for it, shown again.
        var returning: (loan: UUID, typed: String)? = nil
    }

    static func render(_ m: Model, _ ctx: PageContext) -> HTML {
        let f = ctx.format
        return Layout.page(ctx.t(.loans), ctx,
            .h1(.text(ctx.t(.loans))),
            Layout.errorBox(m.error),
            .if(m.rows.isEmpty, .p(.class("hint"), .text(ctx.t(.noneYet))), else:
                .table(.class("devices"),
                    .thead(.tr(.th(.text(ctx.t(.loaner))), .th(.text(ctx.t(.forDevice))), .th(.text(ctx.t(.dueOn))),
                               .th(.text(ctx.t(.charge))), .th())),
                    .tbody(.forEach(m.rows) { r in
                        .tr(.td(.a(.href(SiteURL.device(r.loan.loanerDeviceId).path), .bdi(r.loaner))),
                            .td(.a(.href(SiteURL.device(r.loan.forDeviceId).path), .bdi(r.device))),
                            .td(.text(CalendarDay(iso: r.loan.dueOn).map(f.day) ?? r.loan.dueOn),
                                .if(r.loan.overdue, .span(.class("badge billable"), .text(" " + ctx.t(.overdue))))),
                            .td(.span(.class("badge \(r.loan.charge)"), .text(ctx.t(L10n.charge(r.loan.charge))))),
                            .td(.if(r.loan.returnedAt == nil && m.canLend,
                                    .form(.class("inline"), .method(.post), .action(SiteURL.returnLoan(r.loan.id).path),
                                          Layout.csrf(ctx),
                                          .input(.name("totalPages"), .type(.text), .attribute(named: "inputmode", value: "numeric"),
                                                 .placeholder(ctx.t(.counter)),
                                                 .value(Layout.attributeText(m.returning?.loan == r.loan.id ? m.returning?.typed ?? "" : ""))),
                                          .button(.type(.submit), .class("link"), .text(ctx.t(.returnLoaner)))),
                                    else: .text(r.loan.returnedAt.map { "\(ctx.t(.returned)) \(f.instant($0))" } ?? ""))))
                    })
                )
            ),
            .if(m.canLend, .form(.class("card"), .method(.post), .action(SiteURL.loans.path),
                Layout.csrf(ctx),
                .h2(.text(ctx.t(.lend))),
                Layout.select(ctx.t(.loaner), "loanerDeviceId", selected: nil, options: m.pool, empty: nil, data: true),
                Layout.field(ctx.t(.forDevice), "forSerial", value: nil, required: true, hint: ctx.t(.serialNumber)),
                Layout.field(ctx.t(.dueOn), "dueOn", value: nil, required: true, hint: ctx.t(.dateHint)),
                .button(.type(.submit), .text(ctx.t(.lend)))))
        )
    }
}

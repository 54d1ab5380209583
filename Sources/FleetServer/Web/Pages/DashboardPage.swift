import FleetCore
import Foundation
import Plot

/// The fleet dashboard: six numbers, and the alerts behind them with a link to what each is about.
enum DashboardPage {
    /// Each figure links to the list it counts: open tickets and late ones on the board, the rest to the alerts
    /// of that kind below. `kind` narrows the alerts to one kind.
    static func render(_ d: DashboardDTO, kind: String?, _ ctx: PageContext) -> HTML {
        let f = ctx.format
        func figure(_ key: DashboardText, _ n: Int, alarm: Bool = false, to href: String) -> Node<HTML.BodyContext> {
            .a(.class(alarm && n > 0 ? "figure alarm" : "figure"), .href(href),
               .span(.class("label"), .text(ctx.t(key))), .strong(.text(f.number(n))))
        }
        func alerts(_ kind: String) -> String { SiteURL.dashboard.with([("kind", kind)]) + "#alerts" }
        let shown = kind.map { k in d.alerts.filter { $0.kind == k } } ?? d.alerts
        return Layout.page(ctx.t(DashboardText.dashboard), ctx,
            .h1(.text(ctx.t(DashboardText.dashboard))),
            .div(.class("figures"),
                figure(.openTickets, d.openTickets, to: SiteURL.board.path),
                figure(.slaBreaches, d.slaBreaches, alarm: true, to: SiteURL.board.with([("late", "1")])),
                figure(.pmDueThisWeek, d.pmDueThisWeek, to: alerts("pmDue")),
                figure(.lowToner, d.lowToner, alarm: true, to: alerts("lowToner")),
                figure(.overdueLoans, d.overdueLoans, alarm: true, to: SiteURL.loans.with([("overdue", "true")])),
                figure(.contractsEnding, d.contractsEnding60Days, to: SiteURL.contracts.with([("ending", "true")]))),
            .h2(.id("alerts"), .text(ctx.t(DashboardText.alertsNow)),
                .unwrap(kind.flatMap(DashboardText.kind)) { k in
                    .group(.text(" · "), .text(ctx.t(k)), .text(" "), .a(.href(SiteURL.dashboard.path), .text(ctx.t(DashboardText.allAlerts))))
                }),
            .if(shown.isEmpty, .p(.class("hint"), .text(ctx.t(DashboardText.nothingOpen))), else:
                .table(.class("alerts"),
                    .thead(.tr(.th(.text(ctx.t(.kind))), .th(.text(ctx.t(.customer))), .th(.text(ctx.t(.descriptionLabel))), .th(.text(ctx.t(.when))))),
                    .tbody(.forEach(shown) { a in
                        .tr(.attribute(named: "data-kind", value: a.kind),
                            .td(.text(DashboardText.kind(a.kind).map(ctx.t) ?? a.kind)),
                            .td(.text(a.customerId.flatMap { d.customers[$0.uuidString] } ?? "—")),
                            .td(link(a, ctx)),
                            .td(.text(a.since.map(f.instant) ?? "")))
                    })))
        )
    }

    /// The alert in the reader's language, linked to the ticket, device, contract or report it is about. A stored
    /// alert keeps its English sentence on English pages and is named by its kind on Persian ones.
    static func link(_ a: AlertDTO, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        let target: String? = if let t = a.ticketId { SiteURL.ticket(t).path }
            else if let d = a.deviceId { SiteURL.device(d).path }
            else if let c = a.contractId { SiteURL.contract(c).path }
            else if a.reportId != nil, let c = a.customerId { SiteURL.consumptionReport.with([("customerId", c.uuidString)]) }
            else { nil }
        func text<C>() -> Node<C> {
            if let r = a.reason { return describe(r, ctx) }
            return .text(ctx.language == .en ? a.message : DashboardText.kind(a.kind).map(ctx.t) ?? a.kind)
        }
        guard let target else { return text() }
        return .a(.href(target), text())
    }

    static func describe<C>(_ r: AlertReason, _ ctx: PageContext) -> Node<C> {
        let f = ctx.format
        switch r {
        case let .responseLate(ticket):
            return .text(ctx.t(DashboardText.ticketLate(f.number(ticket))))
        case let .contractEnds(planFa, planEn, day):
            return .group(.text(ctx.t(DashboardText.contractOf)), .text(" "), .bdi(ctx.language == .fa ? planFa : planEn), .text(" "),
                          .text(ctx.t(DashboardText.endsOn(f.day(day)))))
        case let .pmDue(number, day):
            return .text(ctx.t(DashboardText.pmDueOn(f.number(number), f.day(day))))
        case let .warrantyEnds(part, partNumber, day):
            return .group(.text(ctx.t(DashboardText.warrantyOf)), .text(" "), .bdi(part), .text(" ("), .bdi(partNumber), .text(") "),
                          .text(ctx.t(DashboardText.endsOn(f.day(day)))))
        case let .loanDue(day):
            return .text(ctx.t(DashboardText.loanDueOn(f.day(day))))
        }
    }
}

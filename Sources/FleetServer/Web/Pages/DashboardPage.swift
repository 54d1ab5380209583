import FleetCore
import Foundation
import Plot

/// The fleet dashboard: six numbers, and the alerts behind them with a link to what each is about.
enum DashboardPage {
    static func render(_ d: DashboardDTO, _ ctx: PageContext) -> HTML {
        let f = ctx.format
        func figure(_ key: DashboardText, _ n: Int, alarm: Bool = false) -> Node<HTML.BodyContext> {
            .div(.class(alarm && n > 0 ? "figure alarm" : "figure"), .span(.class("label"), .text(ctx.t(key))), .strong(.text(f.number(n))))
        }
        return Layout.page(ctx.t(DashboardText.dashboard), ctx,
            .h1(.text(ctx.t(DashboardText.dashboard))),
            .div(.class("figures"),
                figure(.openTickets, d.openTickets), figure(.slaBreaches, d.slaBreaches, alarm: true),
                figure(.pmDueThisWeek, d.pmDueThisWeek), figure(.lowToner, d.lowToner, alarm: true),
                figure(.overdueLoans, d.overdueLoans, alarm: true), figure(.contractsEnding, d.contractsEnding60Days)),
            .h2(.text(ctx.t(DashboardText.alertsNow))),
            .if(d.alerts.isEmpty, .p(.class("hint"), .text(ctx.t(DashboardText.nothingOpen))), else:
                .table(
                    .thead(.tr(.th(.text(ctx.t(.kind))), .th(.text(ctx.t(.customer))), .th(.text(ctx.t(.descriptionLabel))), .th(.text(ctx.t(.when))))),
                    .tbody(.forEach(d.alerts) { a in
                        .tr(.td(.text(DashboardText.kind(a.kind).map(ctx.t) ?? a.kind)),
                            .td(.text(a.customerId.flatMap { d.customers[$0.uuidString] } ?? "—")),
                            .td(link(a, ctx)),
                            .td(.text(a.since.map(f.instant) ?? "")))
                    })))
        )
    }

    /// The alert's message, linked to the ticket, device, contract or report it is about.
    static func link(_ a: AlertDTO, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        let target: String? = if let t = a.ticketId { SiteURL.ticket(t).path }
            else if let d = a.deviceId { SiteURL.device(d).path }
            else if let c = a.contractId { SiteURL.contract(c).path }
            else if a.reportId != nil, let c = a.customerId { SiteURL.consumptionReport.with([("customerId", c.uuidString)]) }
            else { nil }
        guard let target else { return .text(a.message) }
        return .a(.href(target), .text(a.message))
    }
}

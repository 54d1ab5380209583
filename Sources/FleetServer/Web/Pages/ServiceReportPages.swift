import FleetCore
import Foundation
import Plot

/// The parts replaced, SLA compliance and PM compliance pages.
enum ServiceReportPages {
    typealias T = ServiceReportText

    struct Model<Report> {
        let query: ReportQuery
        let report: Report?
        var error: String?
    }

    static func title(_ kind: ServiceReportKind) -> ServiceReportText {
        switch kind {
        case .parts: .partsReport
        case .sla: .slaReport
        case .pm: .pmReport
        }
    }

    /// The chooser, the error, and (when there is a report) the tabs, the heading and the report's body.
    static func page<R>(_ kind: ServiceReportKind, _ m: Model<R>, csv: [(String, SiteURL, [(String, String?)])], _ ctx: PageContext,
                        heading: (R) -> (name: String?, from: CalendarDay, to: CalendarDay), body: (R) -> Node<HTML.BodyContext>) -> HTML {
        Layout.page(ctx.text(title(kind)), ctx,
            .h1(.text(ctx.text(title(kind)))),
            ReportChooser.form(m.query, .serviceReport(kind), ctx),
            Layout.errorBox(m.error),
            .unwrap(m.report) { r in
                let h = heading(r)
                return .div(.class("report"),
                    ReportChooser.tabs(m.query, current: .serviceReport(kind), csv: csv, ctx),
                    ReportChooser.heading(h.name ?? ctx.text(T.allCustomers), from: h.from, to: h.to, ctx.format),
                    body(r))
            })
    }

    static func figure(_ label: String, _ value: String) -> Node<HTML.BodyContext> { ConsumptionReportPage.figure(label, value) }

    static func percent(_ x: Double?, _ f: DisplayFormat) -> String { x.map { f.decimal($0) + (f.language == .fa ? "٪" : "%") } ?? "—" }

    /// A rate cell, marked when under 80%.
    static func rateCell(_ x: Double?, _ f: DisplayFormat) -> Node<HTML.TableRowContext> {
        .td(.class((x ?? 100) < 80 ? "rate-low" : ""), .text(percent(x, f)))
    }

    static func table(_ headers: [String], _ rows: [Node<HTML.TableContext>]) -> Node<HTML.BodyContext> {
        .div(.class("scroll"), .table(.class("devices"), .thead(.tr(.forEach(headers) { .th(.text($0)) })), .tbody(.group(rows))))
    }

    // MARK: Parts

    static func parts(_ m: Model<PartsReportDTO>, _ ctx: PageContext) -> HTML {
        let f = ctx.format
        func amounts(_ a: PartsReport.Amounts) -> [Node<HTML.TableRowContext>] {
            [.td(.text(f.number(a.quantity))), .td(.text(f.rials(a.contractRials))), .td(.text(f.rials(a.warrantyRials))),
             .td(.text(f.rials(a.billableRials))), .td(.strong(.text(f.rials(a.totalRials))))]
        }
        let amountHeaders = [T.quantity, .contractCharge, .warrantyCharge, .billableCharge, .totalValue].map { ctx.text($0) }
        return page(.parts, m, csv: [(ctx.text(T.byDevice), .serviceReportCSV(.parts), []), (ctx.text(T.byPart), .serviceReportCSV(.parts), [("rows", "parts")])],
                    ctx, heading: { ($0.customerName, $0.from, $0.to) }) { r in
            .group(
                .div(.class("figures"),
                    figure(ctx.text(T.quantity), f.number(r.totals.quantity)),
                    figure(ctx.text(T.contractCharge), f.rials(r.totals.contractRials)),
                    figure(ctx.text(T.warrantyCharge), f.rials(r.totals.warrantyRials)),
                    figure(ctx.text(T.billableCharge), f.rials(r.totals.billableRials)),
                    figure(ctx.text(T.totalValue), f.rials(r.totals.totalRials))),
                .if(r.parts.isEmpty, .p(.class("hint"), .text(ctx.text(T.noRows)))),
                .if(!r.parts.isEmpty, .group(
                    .h3(.text(ctx.text(T.byPart))),
                    SVGChart.bars(r.parts.prefix(12).map { p in
                        .init(label: p.partNumber, parts: [Double(p.amounts.contractRials), Double(p.amounts.warrantyRials), Double(p.amounts.billableRials)])
                    }, legend: [ctx.text(T.contractCharge), ctx.text(T.warrantyCharge), ctx.text(T.billableCharge)], title: ctx.text(T.byPart), format: f),
                    table([ctx.text(T.partNumber), ctx.text(T.partName), ctx.text(T.devicesFitted)] + amountHeaders + [ctx.text(T.warrantyRepeats)],
                          r.parts.map { p in
                              .tr(.td(.element(named: "bdi", nodes: [.text(p.partNumber)])), .td(.bdi(p.name)), .td(.text(f.number(p.devices))),
                                  .group(amounts(p.amounts)), .td(.text(f.number(p.warrantyRepeats))))
                          }),
                    .h3(.text(ctx.text(T.byDevice))),
                    table([ctx.t(.device), ctx.text(T.distinctParts)] + amountHeaders, r.devices.map { d in
                        .tr(.td(.a(.href(SiteURL.device(d.deviceId).path), .bdi(d.label))), .td(.text(f.number(d.parts))), .group(amounts(d.amounts)))
                    }))))
        }
    }

    // MARK: SLA

    static func sla(_ m: Model<SLAReportDTO>, _ ctx: PageContext) -> HTML {
        let f = ctx.format
        func hours(_ x: Double?) -> String { x.map(f.decimal) ?? "—" }
        func groupTable(_ rows: [SLAReport.Row], first: String, unnamed: String) -> Node<HTML.BodyContext> {
            table([first, ctx.text(T.calls), ctx.text(T.responseMet), ctx.text(T.responseMissed), ctx.text(T.responseRate), ctx.text(T.meanResponseHours),
                   ctx.text(T.resolutionMet), ctx.text(T.resolutionMissed), ctx.text(T.resolutionRate), ctx.text(T.meanResolutionHours), ctx.text(T.pending)],
                  rows.map { r in
                      .tr(.td(.text(r.name ?? unnamed)), .td(.text(f.number(r.calls))), .td(.text(f.number(r.responseMet))),
                          .td(.text(f.number(r.responseMissed))), rateCell(r.responseRate, f), .td(.text(hours(r.meanResponseHours))),
                          .td(.text(f.number(r.resolutionMet))), .td(.text(f.number(r.resolutionMissed))), rateCell(r.resolutionRate, f),
                          .td(.text(hours(r.meanResolutionHours))), .td(.text(f.number(max(r.responsePending, r.resolutionPending)))))
                  })
        }
        return page(.sla, m, csv: [(ctx.text(T.calls), .serviceReportCSV(.sla), [])], ctx, heading: { ($0.customerName, $0.from, $0.to) }) { r in
            .group(
                .div(.class("figures"),
                    figure(ctx.text(T.calls), f.number(r.totals.calls)),
                    figure(ctx.text(T.responseRate), percent(r.totals.responseRate, f)),
                    figure(ctx.text(T.meanResponseHours), hours(r.totals.meanResponseHours)),
                    figure(ctx.text(T.resolutionRate), percent(r.totals.resolutionRate, f)),
                    figure(ctx.text(T.meanResolutionHours), hours(r.totals.meanResolutionHours))),
                .p(.class("hint"), .text(T.slaRule(r.resolutionAllowanceHours, ctx.language))),
                .if(r.totals.calls == 0, .p(.class("hint"), .text(ctx.text(T.noRows)))),
                .if(r.totals.calls > 0, .group(
                    .h3(.text(ctx.text(T.byPlan))),
                    groupTable(r.byPlan, first: ctx.t(.plan), unnamed: ctx.text(T.noContract)),
                    .h3(.text(ctx.text(T.byTechnician))),
                    groupTable(r.byTechnician, first: ctx.text(T.technician), unnamed: ctx.text(T.remoteDesk)),
                    .if(!r.residents.isEmpty, .group(
                        .h3(.text(ctx.text(T.residents))),
                        groupTable(r.residents, first: ctx.text(T.technician), unnamed: "—"))),
                    .if(!r.misses.isEmpty, .group(
                        .h3(.text(ctx.text(T.misses))),
                        table([T.ticket, .technician, .opened, .responseDue, .responded, .resolutionDue, .resolved].map { ctx.text($0) },
                              r.misses.map { x in
                                  .tr(.td(.a(.href(SiteURL.ticket(x.ticketId).path), .text("#" + f.number(x.number))), .br(),
                                          .small(.class("hint"), .bdi(x.deviceLabel))),
                                      .td(.text(x.technician ?? "—")), .td(.text(f.instant(x.openedAt))),
                                      .td(.text(f.instant(x.responseDueAt))),
                                      .td(.class(x.response == .missed ? "rate-low" : ""), .text(x.respondedAt.map(f.instant) ?? "—")),
                                      .td(.text(f.instant(x.resolutionDueAt))),
                                      .td(.class(x.resolution == .missed ? "rate-low" : ""), .text(x.resolvedAt.map(f.instant) ?? "—")))
                              }))))))
        }
    }

    // MARK: PM

    static func pm(_ m: Model<PMComplianceDTO>, _ ctx: PageContext) -> HTML {
        let f = ctx.format
        func groupTable(_ rows: [PMCompliance.Row], first: String, link: Bool) -> Node<HTML.BodyContext> {
            table([first, ctx.text(T.plannedVisits), ctx.text(T.onTime), ctx.text(T.late), ctx.text(T.missed), ctx.text(T.due), ctx.text(T.upcoming),
                   ctx.text(T.onTimeRate), ctx.text(T.meanDaysLate)],
                  rows.map { r in
                      .tr(.td(link && r.contractId != nil ? .a(.href(SiteURL.contract(r.contractId!).path), .text(r.name ?? "")) : .text(r.name ?? "")),
                          .td(.text(f.number(r.visits))), .td(.text(f.number(r.onTime))), .td(.text(f.number(r.late))),
                          .td(.text(f.number(r.missed))), .td(.text(f.number(r.due))), .td(.text(f.number(r.upcoming))),
                          rateCell(r.onTimeRate, f), .td(.text(r.meanDaysLate.map(f.decimal) ?? "—")))
                  })
        }
        return page(.pm, m, csv: [(ctx.text(T.plannedVisits), .serviceReportCSV(.pm), [])], ctx, heading: { ($0.customerName, $0.from, $0.to) }) { r in
            .group(
                .div(.class("figures"),
                    figure(ctx.text(T.plannedVisits), f.number(r.totals.visits)),
                    figure(ctx.text(T.onTimeRate), percent(r.totals.onTimeRate, f)),
                    figure(ctx.text(T.onTime), f.number(r.totals.onTime)),
                    figure(ctx.text(T.late), f.number(r.totals.late)),
                    figure(ctx.text(T.missed), f.number(r.totals.missed)),
                    figure(ctx.text(T.due), f.number(r.totals.due)),
                    figure(ctx.text(T.upcoming), f.number(r.totals.upcoming))),
                .p(.class("hint"), .text(T.pmRule(r.toleranceDays, ctx.language))),
                .if(r.visits.isEmpty, .p(.class("hint"), .text(ctx.text(T.noRows)))),
                .if(!r.visits.isEmpty, .group(
                    .h3(.text(ctx.text(T.byContract))),
                    groupTable(r.byContract, first: ctx.text(T.contract), link: true),
                    .if(!r.byTechnician.isEmpty, .group(
                        .h3(.text(ctx.text(T.byTechnician))),
                        groupTable(r.byTechnician, first: ctx.text(T.technician), link: false))),
                    .h3(.text(ctx.text(T.plannedVisits))),
                    table([T.contract, .visitNumber, .plannedDay, .doneOn, .technician, .status, .daysLate].map { ctx.text($0) },
                          r.visits.map { v in
                              .tr(.td(.a(.href(SiteURL.contract(v.contractId).path), .text(v.contractLabel))), .td(.text(f.number(v.number))),
                                  .td(.text(f.day(v.date))),
                                  .td(v.visitId.map { id in v.doneOn.map { .a(.href(SiteURL.workReport(id).path), .text(f.day($0))) } ?? .text("—") }
                                      ?? .text(v.doneOn.map(f.day) ?? "—")),
                                  .td(.text(v.technician ?? "—")),
                                  .td(.span(.class("badge pm-\(v.status.rawValue)"), .text(ctx.text(T.status(v.status))))),
                                  .td(.text(v.daysLate.map(f.number) ?? "—")))
                          }))))
        }
    }
}

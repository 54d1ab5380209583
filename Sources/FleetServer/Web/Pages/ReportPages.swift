import FleetCore
import Foundation
import Plot

/// What a report page was asked for: whose, which days, and (for staff) the customers to choose from.
struct ReportQuery {
    var customerID: UUID?
    var from: String
    var to: String
    var customers: [(String, String)]
    /// The report may cover every customer at once (staff, service reports): no customer means all.
    var allowsAll = false

    func link(_ url: SiteURL, extra: [(String, String?)] = []) -> String {
        url.with([("customerId", customerID?.uuidString), ("from", from), ("to", to)] + extra)
    }
}

/// The period and customer chooser, and the other reports' and the CSV's links.
enum ReportChooser {
    static func form<C: HTML.BodyContext>(_ q: ReportQuery, _ url: SiteURL, _ ctx: PageContext) -> Node<C> {
        .form(.class("filters card no-print"), .method(.get), .action(url.path),
            .if(!q.customers.isEmpty, Layout.select(ctx.t(.customer), "customerId", selected: q.customerID?.uuidString, options: q.customers,
                                                    empty: q.allowsAll ? ctx.text(ServiceReportText.allCustomers) : nil)),
            Layout.field(ctx.t(.periodFrom), "from", value: q.from, required: true, hint: ctx.t(.dateHint)),
            Layout.field(ctx.t(.periodTo), "to", value: q.to, required: true),
            .button(.type(.submit), .text(ctx.t(.showReport))))
    }

    /// The customer and the period; the name isolated so that a Persian name does not reorder English dates.
    static func heading<C: HTML.BodyContext>(_ customer: String, from: CalendarDay, to: CalendarDay, _ f: DisplayFormat) -> Node<C> {
        .h2(.element(named: "bdi", nodes: [.text(customer)]), .text(" · \(f.day(from)) – \(f.day(to))"))
    }

    /// Every report, the current one marked, and the CSV downloads of the current one.
    static func tabs<C: HTML.BodyContext>(_ q: ReportQuery, current: SiteURL, csv: [(String, SiteURL, [(String, String?)])], _ ctx: PageContext) -> Node<C> {
        let reports: [(String, SiteURL)] = [(ctx.t(.consumptionReport), .consumptionReport), (ctx.t(.reliabilityReport), .reliabilityReport)]
            + ServiceReportKind.allCases.map { (ctx.text(ServiceReportPages.title($0)), .serviceReport($0)) }
        return .div(.class("no-print"),
            .nav(.class("tabs"), .forEach(reports) { name, url in
                .a(.href(q.link(url)), .class(current.path == url.path ? "current" : ""), .text(name))
            }),
            .p(.class("actions"), .forEach(csv) { name, url, extra in
                .a(.href(q.link(url, extra: [("lang", ctx.language.rawValue)] + extra)), .text("\(ctx.t(.downloadCSV)) · \(name)"))
            }))
    }
}

/// Pages, toner, paper and failures for a customer and period, with the months drawn.
enum ConsumptionReportPage {
    struct Model {
        let query: ReportQuery
        let report: ConsumptionReportDTO?
        var error: String?
        /// The reports issued on the customer's PM visits, each a link to its period.
        var issued: [IssuedReportDTO] = []
    }

    static func render(_ m: Model, _ ctx: PageContext) -> HTML {
        let f = ctx.format
        return Layout.page(ctx.t(.consumptionReport), ctx,
            .h1(.text(ctx.t(.consumptionReport))),
            ReportChooser.form(m.query, .consumptionReport, ctx),
            Layout.errorBox(m.error),
            .if(!m.issued.isEmpty, .details(.class("card no-print"),
                .summary(.text(ctx.t(.issuedReports))),
                .ul(.forEach(m.issued) { i in
                    .li(.a(.href(SiteURL.consumptionReport.with([("customerId", i.customerId.uuidString), ("from", i.from.description),
                                                                  ("to", i.to.description)])),
                           .text("\(f.day(i.from)) – \(f.day(i.to))")),
                        .text(" · \(ctx.t(BillingText.issuedOn)) \(f.day(CalendarDay(i.issuedAt, in: ctx.timeZone))) · \(f.number(Int(i.totals.pages))) \(ctx.t(.pages))"))
                }))),
            .unwrap(m.report) { r in
                .div(.class("report"),
                    ReportChooser.tabs(m.query, current: .consumptionReport, csv: [(ctx.t(.devices), .consumptionCSV, []), (ctx.t(.byDepartment), .consumptionCSV, [("rows", "departments")]), (ctx.t(.byUser), .consumptionCSV, [("rows", "users")])], ctx),
                    ReportChooser.heading(r.customerName, from: r.from, to: r.to, f),
                    .div(.class("figures"),
                        figure(ctx.t(.totalPages), f.number(Int(r.totals.pages))),
                        figure(ctx.t(.colorPages), f.number(Int(r.totals.colorPages))),
                        figure(ctx.t(.tonerCost), f.rials(r.totals.tonerCostRials)),
                        figure(ctx.t(.paperCost), f.rials(r.totals.paperCostRials)),
                        figure(ctx.t(BillingText.serviceCost), f.rials(r.totals.serviceCostRials)),
                        figure(ctx.t(.costPerPage), r.totals.costPerPageRials.map { f.decimal($0) } ?? "—"),
                        figure(ctx.t(.failures), f.number(r.totals.failures)),
                        figure(ctx.t(.downtimeHours), f.decimal(r.totals.downtimeHours)),
                        figure(ctx.t(.residentDowntimeHours), f.decimal(r.totals.residentDowntimeHours))),
                    .if(r.totals.estimatedPages > 0, .p(.class("hint"), .text(ctx.t(.estimatedNote) + " " + f.number(Int(r.totals.estimatedPages))))),
                    .h3(.text(ctx.t(.monthlyPages))),
                    SVGChart.bars(r.totals.months.map { .init(label: SVGChart.monthLabel($0.month, f), parts: [Double($0.monoPages), Double($0.colorPages)]) },
                                  legend: [ctx.t(.monoPages), ctx.t(.colorPages)], title: ctx.t(.monthlyPages), format: f),
                    .if(r.departments.count > 1, .group(
                        .h3(.text(ctx.text(ChartText.pagesByDepartment))),
                        SVGChart.departmentMonths(r.departments, ctx))),
                    .if(r.totals.months.contains { $0.blackTonerRials + $0.colorTonerRials > 0 }, .group(
                        .h3(.text(ctx.text(ChartText.tonerByMonth))),
                        SVGChart.tonerMonths(r.totals.months, ctx))),
                    .h3(.text(ctx.t(.byDepartment))),
                    groupTable(r.departments, first: .department, ctx),
                    .h3(.text(ctx.t(.byUser))),
                    groupTable(r.users, first: .assignedUser, ctx),
                    .h3(.text(ctx.t(.devices))),
                    .div(.class("scroll"), .table(.class("devices"),
                        .thead(.tr(.th(.text(ctx.t(.device))), .th(.text(ctx.t(.assignedUser))), .th(.text(ctx.t(.totalPages))),
                                   .th(.text(ctx.t(.colorPages))), .th(.text(ctx.t(.dutyPercent))), .th(.text(ctx.t(.tonerCost))),
                                   .th(.text(ctx.t(.paperSheets))), .th(.text(ctx.t(.failures))), .th(.text(ctx.t(.downtimeHours))),
                                   .th(.text(ctx.t(.costPerPage))))),
                        .tbody(.forEach(r.devices) { d in
                            .tr(.td(.a(.href(SiteURL.device(d.deviceId).path), .bdi(d.label))), .td(.text(d.user ?? "—")),
                                .td(.text(f.number(Int(d.pages))), .if(d.estimatedPages > 0, .small(.class("hint"), .text(" *")))),
                                .td(.text(f.number(Int(d.colorPages)))), .td(.text(d.dutyPercent.map { f.decimal($0) + "٪" } ?? "—")),
                                .td(.text(d.tonerCostRials.map(f.rials) ?? "—")), .td(.text(f.number(Int(d.paperSheets)))),
                                .td(.text(f.number(d.failures))), .td(.text(f.decimal(d.downtimeHours))),
                                .td(.text(d.costPerPageRials.map { f.decimal($0) } ?? "—")))
                        }))))
            })
    }

    static func figure<C: HTML.BodyContext>(_ label: String, _ value: String) -> Node<C> {
        .div(.class("figure"), .span(.class("label"), .text(label)), .strong(.text(value)))
    }

    static func groupTable<C: HTML.BodyContext>(_ rows: [ConsumptionReport.GroupRow], first: L10n, _ ctx: PageContext) -> Node<C> {
        let f = ctx.format
        return .div(.class("scroll"), .table(.class("devices"),
            .thead(.tr(.th(.text(ctx.t(first))), .th(.text(ctx.t(.devices))), .th(.text(ctx.t(.totalPages))), .th(.text(ctx.t(.colorPages))),
                       .th(.text(ctx.t(.tonerCost))), .th(.text(ctx.t(.paperCost))), .th(.text(ctx.t(.failures))),
                       .th(.text(ctx.t(.costPerPage))))),
            .tbody(.forEach(rows) { g in
                .tr(.td(.text(g.name)), .td(.text(f.number(g.devices))), .td(.text(f.number(Int(g.pages)))),
                    .td(.text(f.number(Int(g.colorPages)))), .td(.text(f.rials(g.tonerCostRials))), .td(.text(f.rials(g.paperCostRials))),
                    .td(.text(f.number(g.failures))), .td(.text(g.costPerPageRials.map { f.decimal($0) } ?? "—")))
            })))
    }
}

/// Failures, repair time and cost per device, with what to do about each machine.
enum ReliabilityReportPage {
    struct Model {
        let query: ReportQuery
        let report: ReliabilityReportDTO?
        var error: String?
    }

    static func render(_ m: Model, _ ctx: PageContext) -> HTML {
        let f = ctx.format
        return Layout.page(ctx.t(.reliabilityReport), ctx,
            .h1(.text(ctx.t(.reliabilityReport))),
            ReportChooser.form(m.query, .reliabilityReport, ctx),
            Layout.errorBox(m.error),
            .unwrap(m.report) { r in
                let counts = Recommendation.allCases.map { rec in (rec, r.devices.filter { $0.recommendation == rec }.count) }
                return .div(.class("report"),
                    ReportChooser.tabs(m.query, current: .reliabilityReport, csv: [(ctx.t(.devices), .reliabilityCSV, [])], ctx),
                    ReportChooser.heading(r.customerName, from: r.from, to: r.to, f),
                    .div(.class("figures"), .forEach(counts) { rec, n in
                        ConsumptionReportPage.figure(ctx.t(L10n.recommendation(rec)), f.number(n))
                    }),
                    .h3(.text(ctx.t(.failuresByMonth))),
                    SVGChart.bars(failureMonths(r, ctx), legend: [ctx.t(.failures)], title: ctx.t(.failuresByMonth), format: f),
                    .div(.class("scroll"), .table(.class("devices"),
                        .thead(.tr(.th(.text(ctx.t(.device))), .th(.text(ctx.t(.failures))), .th(.text(ctx.t(.mtbfPages))),
                                   .th(.text(ctx.t(.mttrHours))), .th(.text(ctx.t(.repairCost12Months))), .th(.text(ctx.t(.failuresPer10k))),
                                   .th(.text(ctx.t(.recommendation))))),
                        .tbody(.forEach(r.devices.sorted { order($0.recommendation) < order($1.recommendation) }) { d in
                            .tr(.td(.a(.href(SiteURL.device(d.deviceId).path), .bdi(d.label))), .td(.text(f.number(d.failures))),
                                .td(.text(d.mtbfPages.map { f.number(Int($0)) } ?? "—")), .td(.text(d.mttrHours.map { f.decimal($0) } ?? "—")),
                                .td(.text(f.rials(d.repairCostLast12MonthsRials))),
                                .td(.text(d.failuresPer10kPages.map { f.decimal($0) } ?? "—"),
                                    .unwrap(d.modelFailuresPer10kPages) { .small(.class("hint"), .text(" / " + f.decimal($0))) }),
                                .td(.span(.class("badge rec-\(d.recommendation.rawValue)"), .text(ctx.t(L10n.recommendation(d.recommendation)))),
                                    .br(), .small(.class("hint"), ReasonText.advice(d.reasons, ctx))))
                        }))))
            })
    }

    /// Replace first, then relocate, watch, keep: what needs a decision comes first.
    static func order(_ r: Recommendation) -> Int {
        switch r { case .replace: 0; case .relocate: 1; case .watch: 2; case .keep: 3 }
    }

    /// The calls opened in each month of the period, as bars.
    static func failureMonths(_ r: ReliabilityReportDTO, _ ctx: PageContext) -> [SVGChart.Bar] {
        r.failureMonths.map { .init(label: SVGChart.monthLabel($0.month, ctx.format), parts: [Double($0.failures)]) }
    }
}

import FleetCore
import Fluent
import Plot
import Vapor

/// The report pages: a chooser of customer and period, the report, and its CSV.
enum WebReports {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(SiteURL.pattern(.consumptionReport), use: consumption)
        routes.get(SiteURL.pattern(.reliabilityReport), use: reliability)
        routes.get(SiteURL.pattern(.consumptionCSV), use: API.ReportsController.consumptionCSV)
        routes.get(SiteURL.pattern(.reliabilityCSV), use: API.ReportsController.reliabilityCSV)
        for kind in ServiceReportKind.allCases {
            routes.get(SiteURL.pattern(.serviceReport(kind)), use: service(kind))
            routes.get(SiteURL.pattern(.serviceReportCSV(kind)), use: API.ServiceReportsController.csv(kind))
        }
    }

    /// The query as asked, or the defaults: the viewer's own customer (or the first, unless the report
    /// may cover all), this Solar Hijri year to today.
    static func query(_ req: Request, allowsAll: Bool = false) async throws -> ReportQuery {
        let viewer = try req.viewer
        let zone = req.application.fleetConfiguration.timeZone
        let today = CalendarDay(Date(), in: zone)
        let yearStart = SolarHijriDay(year: SolarHijriDay(today).year, month: 1, day: 1)!.gregorian
        var customers: [(String, String)] = []
        var chosen = try? req.queryID("customerId")
        if viewer.role == .client {
            chosen = viewer.customerID
        } else {
            customers = try await Customer.query(on: req.db).sort(\.$name).all().map { ($0.id!.uuidString, $0.name) }
            if !allowsAll { chosen = chosen ?? customers.first.flatMap { UUID(uuidString: $0.0) } }
        }
        func text(_ name: String) -> String? { req.query[String.self, at: name].flatMap { $0.isEmpty ? nil : $0 } }
        return ReportQuery(customerID: chosen, from: text("from") ?? yearStart.description, to: text("to") ?? today.description,
                           customers: customers, allowsAll: allowsAll && viewer.role != .client)
    }

    @Sendable static func consumption(req: Request) async throws -> Response {
        let q = try await query(req)
        do {
            let scope = try await ReportScope.resolve(req, customerID: q.customerID, from: q.from, to: q.to)
            let report = try await API.ReportsController.consumption(req, scope: scope)
            let issued = try await IssuedReportDTO.list(req, customerID: scope.customer.id).items
            return Layout.response(ConsumptionReportPage.render(.init(query: q, report: report, issued: issued), req.pageContext()))
        } catch let error where (try? FormError.message(error)) != nil {
            return Layout.response(ConsumptionReportPage.render(.init(query: q, report: nil, error: try FormError.message(error, req)), req.pageContext()),
                                   status: .unprocessableEntity)
        }
    }

    @Sendable static func reliability(req: Request) async throws -> Response {
        let q = try await query(req)
        do {
            let scope = try await ReportScope.resolve(req, customerID: q.customerID, from: q.from, to: q.to)
            let report = try await API.ReportsController.reliability(req, scope: scope)
            return Layout.response(ReliabilityReportPage.render(.init(query: q, report: report), req.pageContext()))
        } catch let error where (try? FormError.message(error)) != nil {
            return Layout.response(ReliabilityReportPage.render(.init(query: q, report: nil, error: try FormError.message(error, req)), req.pageContext()),
                                   status: .unprocessableEntity)
        }
    }

    /// A service report page: parts replaced, SLA or PM compliance, for one customer or all.
    static func service(_ kind: ServiceReportKind) -> @Sendable (Request) async throws -> Response {
        { req in
            let q = try await query(req, allowsAll: true)
            let ctx = req.pageContext()
            func render(_ scope: ServiceReportScope?, error: String?) async throws -> HTML {
                typealias P = ServiceReportPages
                switch kind {
                case .parts: return P.parts(.init(query: q, report: try await scope.asyncMap { try await API.ServiceReportsController.parts(req, scope: $0) }, error: error), ctx)
                case .sla: return P.sla(.init(query: q, report: try await scope.asyncMap { try await API.ServiceReportsController.sla(req, scope: $0) }, error: error), ctx)
                case .pm: return P.pm(.init(query: q, report: try await scope.asyncMap { try await API.ServiceReportsController.pm(req, scope: $0) }, error: error), ctx)
                }
            }
            do {
                let scope = try await API.ServiceReportsController.scope(req, kind, customerID: q.customerID, from: q.from, to: q.to)
                return Layout.response(try await render(scope, error: nil))
            } catch let error where (try? FormError.message(error)) != nil {
                return Layout.response(try await render(nil, error: try FormError.message(error, req)), status: .unprocessableEntity)
            }
        }
    }
}

extension Optional {
    func asyncMap<U>(_ transform: (Wrapped) async throws -> U) async rethrows -> U? {
        guard let self else { return nil }
        return try await transform(self)
    }
}

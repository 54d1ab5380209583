import FleetCore
import Fluent
import Vapor

/// The report pages: a chooser of customer and period, the report, and its CSV.
enum WebReports {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(SiteURL.pattern(.consumptionReport), use: consumption)
        routes.get(SiteURL.pattern(.reliabilityReport), use: reliability)
        routes.get(SiteURL.pattern(.consumptionCSV), use: API.ReportsController.consumptionCSV)
        routes.get(SiteURL.pattern(.reliabilityCSV), use: API.ReportsController.reliabilityCSV)
    }

    /// The query as asked, or the defaults: the viewer's own customer (or the first), this Solar Hijri year to today.
    static func query(_ req: Request) async throws -> ReportQuery {
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
            chosen = chosen ?? customers.first.flatMap { UUID(uuidString: $0.0) }
        }
        func text(_ name: String) -> String? { req.query[String.self, at: name].flatMap { $0.isEmpty ? nil : $0 } }
        return ReportQuery(customerID: chosen, from: text("from") ?? yearStart.description, to: text("to") ?? today.description,
                           customers: customers)
    }

    @Sendable static func consumption(req: Request) async throws -> Response {
        let q = try await query(req)
        do {
            let scope = try await ReportScope.resolve(req, customerID: q.customerID, from: q.from, to: q.to)
            let report = try await API.ReportsController.consumption(req, scope: scope)
            let issued = try await IssuedReportDTO.list(req, customerID: scope.customer.id).items
            return Layout.response(ConsumptionReportPage.render(.init(query: q, report: report, issued: issued), req.pageContext()))
        } catch let error where (try? FormError.message(error)) != nil {
            return Layout.response(ConsumptionReportPage.render(.init(query: q, report: nil, error: try FormError.message(error)), req.pageContext()),
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
            return Layout.response(ReliabilityReportPage.render(.init(query: q, report: nil, error: try FormError.message(error)), req.pageContext()),
                                   status: .unprocessableEntity)
        }
    }
}

import FleetCore
import Fluent
import Vapor

/// The service reports: parts replaced, SLA compliance and PM compliance.
enum ServiceReportKind: String, CaseIterable, Sendable {
    case parts, sla, pm
}

/// Whose service report and which days: one customer, or (for staff who name none) every customer.
struct ServiceReportScope {
    let customer: Customer?
    let period: ReportPeriod

    static func resolve(_ req: Request, customerID: UUID?, from: String?, to: String?) async throws -> ServiceReportScope {
        ServiceReportScope(customer: try await ReportScope.customer(req, asked: customerID, required: false),
                           period: try ReportScope.period(req, from: from, to: to))
    }
}

/// `GET /api/v1/reports/parts`: the parts fitted in the period by device, by part and by charge.
struct PartsReportDTO: Content {
    let customerId: UUID?
    let customerName: String?
    let from: CalendarDay
    let to: CalendarDay
    let devices: [PartsReport.DeviceRow]
    let parts: [PartsReport.PartRow]
    let totals: PartsReport.Amounts
}

/// `GET /api/v1/reports/sla`: calls opened in the period against their response times.
struct SLAReportDTO: Content {
    let customerId: UUID?
    let customerName: String?
    let from: CalendarDay
    let to: CalendarDay
    /// Working hours after the response time within which a call counts as fixed in time.
    let resolutionAllowanceHours: Int
    let totals: SLAReport.Row
    let byPlan: [SLAReport.Row]
    let byTechnician: [SLAReport.Row]
    let residents: [SLAReport.Row]
    let misses: [SLAReport.Miss]
}

/// `GET /api/v1/reports/pm`: PM visits planned in the period and whether they were done in time.
struct PMComplianceDTO: Content {
    let customerId: UUID?
    let customerName: String?
    let from: CalendarDay
    let to: CalendarDay
    let today: CalendarDay
    /// Days after its planned day that a PM visit still counts as on time.
    let toleranceDays: Int
    let totals: PMCompliance.Row
    let byContract: [PMCompliance.Row]
    let byTechnician: [PMCompliance.Row]
    let visits: [PMCompliance.SlotRow]
}

extension API {
    enum ServiceReportsController {
        static func scope(_ req: Request, _ kind: ServiceReportKind) async throws -> ServiceReportScope {
            try await scope(req, kind, customerID: try req.queryID("customerId"), from: req.query[String.self, at: "from"],
                      to: req.query[String.self, at: "to"])
        }

        /// SLA and PM compliance judge the staff's work: the office and the clients see them, technicians do not.
        static func scope(_ req: Request, _ kind: ServiceReportKind, customerID: UUID?, from: String?, to: String?) async throws -> ServiceReportScope {
            if kind != .parts { try req.viewer.require(.admin, .dispatcher, .client) }
            return try await ServiceReportScope.resolve(req, customerID: customerID, from: from, to: to)
        }

        static func book(_ req: Request) -> ServiceReportBook {
            ServiceReportBook(db: req.db, timeZone: req.application.fleetConfiguration.timeZone, language: req.language)
        }

        static func parts(_ req: Request, scope s: ServiceReportScope) async throws -> PartsReportDTO {
            let r = try await book(req).parts(customerID: s.customer?.id, period: s.period)
            return PartsReportDTO(customerId: s.customer?.id, customerName: s.customer?.name, from: s.period.from, to: s.period.to,
                                  devices: r.devices, parts: r.parts, totals: r.totals)
        }

        static func sla(_ req: Request, scope s: ServiceReportScope) async throws -> SLAReportDTO {
            let r = try await book(req).sla(customerID: s.customer?.id, period: s.period, now: Date())
            return SLAReportDTO(customerId: s.customer?.id, customerName: s.customer?.name, from: s.period.from, to: s.period.to,
                                resolutionAllowanceHours: r.resolutionAllowanceHours, totals: r.totals, byPlan: r.byPlan,
                                byTechnician: r.byTechnician, residents: r.residents, misses: r.misses)
        }

        static func pm(_ req: Request, scope s: ServiceReportScope) async throws -> PMComplianceDTO {
            let today = CalendarDay(Date(), in: s.period.timeZone)
            let r = try await book(req).pm(customerID: s.customer?.id, period: s.period, today: today)
            return PMComplianceDTO(customerId: s.customer?.id, customerName: s.customer?.name, from: s.period.from, to: s.period.to,
                                   today: today, toleranceDays: r.toleranceDays, totals: r.totals, byContract: r.byContract,
                                   byTechnician: r.byTechnician, visits: r.visits)
        }

        /// `GET /api/v1/reports/{parts|sla|pm}?customerId=&from=&to=[&format=csv]`
        static func handler(_ kind: ServiceReportKind) -> @Sendable (Request) async throws -> Response {
            { req in
                if req.query[String.self, at: "format"] == "csv" { return try await csv(kind)(req) }
                let s = try await scope(req, kind)
                switch kind {
                case .parts: return try await parts(req, scope: s).encodeResponse(for: req)
                case .sla: return try await sla(req, scope: s).encodeResponse(for: req)
                case .pm: return try await pm(req, scope: s).encodeResponse(for: req)
                }
            }
        }

        /// The report as CSV, from the same query (also the page's download link).
        static func csv(_ kind: ServiceReportKind) -> @Sendable (Request) async throws -> Response {
            { req in
                let s = try await scope(req, kind)
                let lang = ReportsController.csvLanguage(req)
                let table: [[String]]
                switch kind {
                case .parts:
                    let r = try await parts(req, scope: s)
                    switch req.query[String.self, at: "rows"] ?? "devices" {
                    case "devices": table = ServiceReportCSV.partsByDevice(r, lang)
                    case "parts": table = ServiceReportCSV.partsByPart(r, lang)
                    default: throw FieldError(field: "rows", message: "rows is devices or parts")
                    }
                case .sla: table = ServiceReportCSV.sla(try await sla(req, scope: s), lang)
                case .pm: table = ServiceReportCSV.pm(try await pm(req, scope: s), lang)
                }
                return ReportsController.csv(table, name: "\(kind.rawValue)-\(s.period.from)-\(s.period.to).csv")
            }
        }
    }
}

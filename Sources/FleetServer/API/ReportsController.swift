import FleetCore
import Fluent
import Vapor

/// A customer and the days a report covers, read from the query and checked against the viewer.
struct ReportScope {
    let customer: Customer
    let period: ReportPeriod

    /// Reports run over at most this many days: three years of a large fleet is already a heavy read.
    static let maxDays = 3 * 366

    static func from(_ req: Request) async throws -> ReportScope {
        try await resolve(req, customerID: try req.queryID("customerId"), from: req.query[String.self, at: "from"],
                          to: req.query[String.self, at: "to"])
    }

    /// Checks a customer and two typed days against the viewer: a client only ever gets its own.
    static func resolve(_ req: Request, customerID asked: UUID?, from fromText: String?, to toText: String?) async throws -> ReportScope {
        guard let customer = try await customer(req, asked: asked, required: true) else { throw APIError.notFound("customer") }
        return ReportScope(customer: customer, period: try period(req, from: fromText, to: toText))
    }

    /// The customer a report is for: a client's own whatever it names, the one staff name, or (when
    /// the report may cover every customer) nil for staff who name none.
    static func customer(_ req: Request, asked: UUID?, required: Bool) async throws -> Customer? {
        let customerID: UUID
        switch try req.viewer.customerScope(asked) {
        case let .only(id):
            // A client naming another client's id learns nothing: the same 404 as an id that does not exist.
            if let asked, asked != id { throw APIError.notFound("customer") }
            customerID = id
        case .all:
            if required { throw FieldError(field: "customerId", message: "say whose report: customerId") }
            return nil
        }
        guard let customer = try await Customer.find(customerID, on: req.db) else { throw APIError.notFound("customer") }
        return customer
    }

    /// Two typed days, in order and not too far apart.
    static func period(_ req: Request, from fromText: String?, to toText: String?) throws -> ReportPeriod {
        let from = try DayInput.required(fromText, field: "from"), to = try DayInput.required(toText, field: "to")
        guard from <= to else { throw FieldError(field: "to", message: "the period ends before it starts") }
        guard to.daysSinceEpoch - from.daysSinceEpoch < maxDays else {
            throw FieldError(field: "to", message: "a report covers at most \(maxDays) days")
        }
        return ReportPeriod(from: from, to: to, timeZone: req.application.fleetConfiguration.timeZone)
    }
}

/// A report issued on an event, as listed.
struct IssuedReportDTO: Content {
    let id: UUID
    let kind: String
    let customerId: UUID
    let contractId: UUID?
    let visitId: UUID?
    let from: CalendarDay
    let to: CalendarDay
    let issuedAt: Date
    let totals: ConsumptionReport.GroupRow

    init(_ r: IssuedReport) {
        id = r.id!
        kind = r.kind
        customerId = r.customerID
        contractId = r.contractID
        visitId = r.visitID
        from = CalendarDay(iso: r.periodFrom)!
        to = CalendarDay(iso: r.periodTo)!
        issuedAt = r.issuedAt
        totals = r.totals
    }

    /// The issued reports of a customer (all, for staff who name none), newest first.
    static func list(_ req: Request, customerID: UUID?) async throws -> Page<IssuedReportDTO> {
        let query = IssuedReport.query(on: req.db).sort(\.$issuedAt, .descending)
        if case let .only(id) = try req.viewer.customerScope(customerID) { query.filter(\.$customerID == id) }
        let (items, total) = try await query.page(try Paging(req))
        return Page(items: items.map(IssuedReportDTO.init), total: total)
    }
}

/// The consumption report as the API gives it (API.md "Reports").
struct ConsumptionReportDTO: Content {
    let customerId: UUID
    let customerName: String
    let from: CalendarDay
    let to: CalendarDay
    let paperSheetRials: Int
    let devices: [ConsumptionReport.DeviceRow]
    let users: [ConsumptionReport.GroupRow]
    let departments: [ConsumptionReport.GroupRow]
    let totals: ConsumptionReport.GroupRow

    init(customer: Customer, report: ConsumptionReport.Report, paperSheetRials: Int) {
        customerId = customer.id!
        customerName = customer.name
        from = report.from
        to = report.to
        self.paperSheetRials = paperSheetRials
        devices = report.devices
        users = report.users
        departments = report.departments
        totals = report.totals
    }
}

/// The reliability report: per device failures, MTBF, repair cost and the advice.
struct ReliabilityReportDTO: Content {
    let customerId: UUID
    let customerName: String
    let from: CalendarDay
    let to: CalendarDay
    let devices: [ReliabilityReport.DeviceRow]
    /// Failures (calls) opened in each Solar Hijri month of the period.
    let failureMonths: [FailureMonth]

    struct FailureMonth: Content {
        let month: String
        let failures: Int
    }
}

extension API {
    enum ReportsController {
        static func book(_ req: Request) -> ReportBook {
            ReportBook(db: req.db, paperSheetRials: req.application.fleetConfiguration.paperSheetRials)
        }

        static func consumption(_ req: Request) async throws -> ConsumptionReportDTO {
            try await consumption(req, scope: try await ReportScope.from(req))
        }

        static func consumption(_ req: Request, scope: ReportScope) async throws -> ConsumptionReportDTO {
            let book = book(req)
            let fleet = try await book.fleet(customerID: scope.customer.id!, period: scope.period)
            return ConsumptionReportDTO(customer: scope.customer, report: book.consumption(fleet, period: scope.period),
                                        paperSheetRials: book.paperSheetRials)
        }

        static func reliability(_ req: Request) async throws -> ReliabilityReportDTO {
            try await reliability(req, scope: try await ReportScope.from(req))
        }

        static func reliability(_ req: Request, scope: ReportScope) async throws -> ReliabilityReportDTO {
            let book = book(req)
            let fleet = try await book.fleet(customerID: scope.customer.id!, period: scope.period)
            let consumption = book.consumption(fleet, period: scope.period)
            let opened = fleet.repairs.values.flatMap { $0 }.map(\.openedAt)
            let months = scope.period.months.map { m in
                ReliabilityReportDTO.FailureMonth(month: m.label, failures: opened.filter { $0 >= m.start && $0 < m.end }.count)
            }
            return ReliabilityReportDTO(customerId: scope.customer.id!, customerName: scope.customer.name, from: scope.period.from,
                                        to: scope.period.to, devices: book.reliability(fleet, consumption: consumption, period: scope.period),
                                        failureMonths: months)
        }

        /// `GET /api/v1/reports/issued?customerId=`
        @Sendable static func issued(req: Request) async throws -> Page<IssuedReportDTO> {
            try await IssuedReportDTO.list(req, customerID: try req.queryID("customerId"))
        }

        /// `GET /api/v1/reports/consumption?customerId=&from=&to=[&format=csv&rows=devices|users|departments]`
        @Sendable static func consumptionReport(req: Request) async throws -> Response {
            guard req.query[String.self, at: "format"] == "csv" else { return try await consumption(req).encodeResponse(for: req) }
            return try await consumptionCSV(req: req)
        }

        /// The consumption report as CSV, from the same query (also the page's download link).
        @Sendable static func consumptionCSV(req: Request) async throws -> Response {
            let report = try await consumption(req)
            let lang = csvLanguage(req)
            let rows = req.query[String.self, at: "rows"] ?? "devices"
            let table: [[String]]
            switch rows {
            case "devices": table = ReportCSV.consumptionDevices(report, lang)
            case "users": table = ReportCSV.consumptionGroups(report.users + [report.totals], lang, first: L10n.assignedUser)
            case "departments": table = ReportCSV.consumptionGroups(report.departments + [report.totals], lang, first: L10n.department)
            default: throw FieldError(field: "rows", message: "rows is devices, users or departments")
            }
            return csv(table, name: "consumption-\(report.from)-\(report.to)-\(rows).csv")
        }

        /// `GET /api/v1/reports/reliability?customerId=&from=&to=[&format=csv]`
        @Sendable static func reliabilityReport(req: Request) async throws -> Response {
            guard req.query[String.self, at: "format"] == "csv" else { return try await reliability(req).encodeResponse(for: req) }
            return try await reliabilityCSV(req: req)
        }

        /// The reliability report as CSV.
        @Sendable static func reliabilityCSV(req: Request) async throws -> Response {
            let report = try await reliability(req)
            return csv(ReportCSV.reliability(report, csvLanguage(req)), name: "reliability-\(report.from)-\(report.to).csv")
        }

        static func csvLanguage(_ req: Request) -> Language {
            req.query[String.self, at: "lang"].flatMap(Language.init(rawValue:)) ?? req.language
        }

        static func csv(_ rows: [[String]], name: String) -> Response {
            let response = Response(status: .ok, body: .init(string: CSVText.document(rows)))
            response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
            response.headers.contentDisposition = .init(.attachment, filename: name)
            return response
        }
    }
}

import FleetCore
import Foundation
import Vapor

/// Every page's address. Routes are registered from these and links built from them,
/// so a link cannot point at a page that does not exist.
enum SiteURL: Sendable {
    case home
    case signIn
    case signOut
    case language(String)
    case stylesheet
    case customers
    case newCustomer
    case customer(UUID)
    case editCustomer(UUID)
    case newSite(customer: UUID)
    case editSite(UUID)
    case devices
    case newDevice
    case device(UUID)
    case editDevice(UUID)
    case exportDevices
    case plans
    case newPlan
    case editPlan(String)
    case contracts
    case newContract
    case contract(UUID)
    case contractAction(UUID, String)
    case script
    case holidays
    case workReport(UUID)
    case board
    case newTicket
    case ticket(UUID)
    case ticketAction(UUID, String)
    case myDay
    case completeVisit(UUID)
    /// One machine of a PM visit: (visit, device).
    case pmDevice(UUID, UUID)
    case arrive(UUID)
    case parts
    case loans
    case returnLoan(UUID)
    case deleteHoliday(UUID)
    case consumptionReport
    case reliabilityReport
    case consumptionCSV
    case reliabilityCSV
    case serviceReport(ServiceReportKind)
    case serviceReportCSV(ServiceReportKind)
    case invoices
    case dashboard
    case invoice(UUID)
    case invoiceAction(UUID, String)
    case labels
    case revokeLabel(UUID)
    case faultReport(String)
    case visitReview(UUID, String)
    case notifications
    case openNotice(UUID)
    case readAllNotices
    case noticeSettings
    case tickets
    case audit

    var path: String {
        switch self {
        case .home: "/"
        case .signIn: "/sign-in"
        case .signOut: "/sign-out"
        case let .language(code): "/language/\(code)"
        case .stylesheet: "/styles.css"
        case .customers: "/customers"
        case .newCustomer: "/customers/new"
        case let .customer(id): "/customers/\(id.text)"
        case let .editCustomer(id): "/customers/\(id.text)/edit"
        case let .newSite(id): "/customers/\(id.text)/sites/new"
        case let .editSite(id): "/sites/\(id.text)/edit"
        case .devices: "/devices"
        case .newDevice: "/devices/new"
        case let .device(id): "/devices/\(id.text)"
        case let .editDevice(id): "/devices/\(id.text)/edit"
        case .exportDevices: "/devices/export.csv"
        case .plans: "/plans"
        case .newPlan: "/plans/new"
        case let .editPlan(code): "/plans/\(code)/edit"
        case .contracts: "/contracts"
        case .newContract: "/contracts/new"
        case let .contract(id): "/contracts/\(id.text)"
        case let .contractAction(id, action): "/contracts/\(id.text)/\(action)"
        case .script: "/app.js"
        case .holidays: "/holidays"
        case let .workReport(id): "/visits/\(id.text)/report"
        case .board: "/board"
        case .newTicket: "/tickets/new"
        case let .ticket(id): "/tickets/\(id.text)"
        case let .ticketAction(id, action): "/tickets/\(id.text)/\(action)"
        case .myDay: "/my-day"
        case let .completeVisit(id): "/visits/\(id.text)/complete"
        case let .pmDevice(visit, device): "/visits/\(visit.text)/devices/\(device.text)"
        case let .arrive(id): "/visits/\(id.text)/arrive"
        case .parts: "/parts"
        case .loans: "/loans"
        case let .returnLoan(id): "/loans/\(id.text)/return"
        case let .deleteHoliday(id): "/holidays/\(id.text)/delete"
        case .consumptionReport: "/reports/consumption"
        case .reliabilityReport: "/reports/reliability"
        case .consumptionCSV: "/reports/consumption.csv"
        case .reliabilityCSV: "/reports/reliability.csv"
        case let .serviceReport(kind): "/reports/\(kind.rawValue)"
        case let .serviceReportCSV(kind): "/reports/\(kind.rawValue).csv"
        case .invoices: "/invoices"
        case .dashboard: "/dashboard"
        case let .invoice(id): "/invoices/\(id.text)"
        case let .invoiceAction(id, action): "/invoices/\(id.text)/\(action)"
        case .labels: "/labels"
        case let .revokeLabel(id): "/devices/\(id.text)/label/revoke"
        case let .faultReport(token): "/f/\(token)"
        case let .visitReview(id, action): "/visits/\(id.text)/\(action)"
        case .tickets: "/tickets"
        case .audit: "/audit"
        case .notifications: "/notifications"
        case let .openNotice(id): "/notifications/\(id.text)"
        case .readAllNotices: "/notifications/read-all"
        case .noticeSettings: "/notifications/settings"
        }
    }

    /// The path with a query string.
    func with(_ query: [(String, String?)]) -> String {
        var c = URLComponents()
        c.queryItems = query.compactMap { k, v in v.flatMap { $0.isEmpty ? nil : URLQueryItem(name: k, value: $0) } }
        guard let q = c.percentEncodedQuery, !q.isEmpty else { return path }
        return path + "?" + q
    }

    /// The route pattern: ids become parameters.
    static func pattern(_ url: SiteURL) -> [PathComponent] {
        switch url {
        case .language: ["language", ":code"]
        case .invoice: ["invoices", ":invoiceID"]
        case .invoiceAction: ["invoices", ":invoiceID", ":action"]
        case .customer: ["customers", ":customerID"]
        case .editCustomer: ["customers", ":customerID", "edit"]
        case .newSite: ["customers", ":customerID", "sites", "new"]
        case .editSite: ["sites", ":siteID", "edit"]
        case .device: ["devices", ":deviceID"]
        case .editDevice: ["devices", ":deviceID", "edit"]
        case .editPlan: ["plans", ":code", "edit"]
        case .contract: ["contracts", ":contractID"]
        case .contractAction: ["contracts", ":contractID", ":action"]
        case .deleteHoliday: ["holidays", ":holidayID", "delete"]
        case .workReport: ["visits", ":visitID", "report"]
        case .ticket: ["tickets", ":ticketID"]
        case .ticketAction: ["tickets", ":ticketID", ":action"]
        case .completeVisit: ["visits", ":visitID", "complete"]
        case .pmDevice: ["visits", ":visitID", "devices", ":deviceID"]
        case .arrive: ["visits", ":visitID", "arrive"]
        case .returnLoan: ["loans", ":loanID", "return"]
        case .revokeLabel: ["devices", ":deviceID", "label", "revoke"]
        case .faultReport: ["f", ":token"]
        case .openNotice: ["notifications", ":noticeID"]
        case let .visitReview(_, action): ["visits", ":visitID", PathComponent(stringLiteral: action)]
        default: url.path.split(separator: "/").map { PathComponent(stringLiteral: String($0)) }
        }
    }
}

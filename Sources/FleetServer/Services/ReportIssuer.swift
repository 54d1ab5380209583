import FleetCore
import Fluent
import Foundation

/// A report issued on an event, with the figures it had that day.
final class IssuedReport: Model, @unchecked Sendable {
    static let schema = "issued_reports"

    @ID(key: .id) var id: UUID?
    @Field(key: "kind") var kind: String
    @Field(key: "customer_id") var customerID: UUID
    @OptionalField(key: "contract_id") var contractID: UUID?
    @OptionalField(key: "visit_id") var visitID: UUID?
    @Field(key: "period_from") var periodFrom: String
    @Field(key: "period_to") var periodTo: String
    @Field(key: "issued_at") var issuedAt: Date
    @Field(key: "totals") var totals: ConsumptionReport.GroupRow

    init() {}
}

/// Issues the consumption report when the second PM visit of a contract period is done: the period runs from
/// the day after the contract's last issued report (or its start) to the visit's day, and an alert tells the
/// dispatcher and the client it is ready.
struct ReportIssuer {
    let db: any Database
    let timeZone: TimeZone
    let paperSheetRials: Int

    @discardableResult
    func issueConsumption(contract: Contract, visitID: UUID?, on day: CalendarDay, now: Date) async throws -> IssuedReport {
        let last = try await IssuedReport.query(on: db).filter(\.$contractID == contract.id).filter(\.$kind == "consumption")
            .sort(\.$periodTo, .descending).first()
        let from = last.flatMap { CalendarDay(iso: $0.periodTo)?.adding(days: 1) } ?? contract.period.startsOn
        let period = ReportPeriod(from: min(from, day), to: day, timeZone: timeZone)
        let book = ReportBook(db: db, paperSheetRials: paperSheetRials)
        let report = book.consumption(try await book.fleet(customerID: contract.$customer.id, period: period), period: period)
        let issued = IssuedReport()
        issued.id = UUID()
        issued.kind = "consumption"
        issued.customerID = contract.$customer.id
        issued.contractID = contract.id
        issued.visitID = visitID
        issued.periodFrom = period.from.description
        issued.periodTo = period.to.description
        issued.issuedAt = now
        issued.totals = report.totals
        try await issued.create(on: db)

        let alert = Alert()
        alert.kind = "consumptionReport"
        alert.customerID = contract.$customer.id
        alert.subject = issued.id!.uuidString
        alert.message = "The consumption report for \(period.from) to \(period.to) is issued after the period's second PM visit: "
            + "\(report.totals.pages) pages on \(report.totals.devices) devices"
        alert.status = "open"
        alert.createdAt = now
        try await alert.create(on: db)
        try await Notifier(db: db, now: now).consumptionIssued(customerID: contract.$customer.id, from: period.from, to: period.to)
        return issued
    }
}

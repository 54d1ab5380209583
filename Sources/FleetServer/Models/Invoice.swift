import FleetCore
import Fluent
import Foundation

/// An invoice for a contract and period, or a credit note taking one back. A draft has no number and may be
/// deleted; once issued it has the next number of the one series and never changes again.
final class Invoice: Model, @unchecked Sendable {
    static let schema = "invoices"

    @ID(key: .id) var id: UUID?
    @OptionalField(key: "number") var number: Int?
    @Field(key: "kind") var kind: String
    @Field(key: "status") var status: String
    @Parent(key: "contract_id") var contract: Contract
    @Parent(key: "customer_id") var customer: Customer
    @Field(key: "period_from") var periodFrom: String
    @Field(key: "period_to") var periodTo: String
    @Field(key: "plan_name_fa") var planNameFa: String
    @Field(key: "plan_name_en") var planNameEn: String
    @Field(key: "device_months") var deviceMonths: Double
    @Field(key: "included_pages") var includedPages: Int64
    @Field(key: "subtotal_rials") var subtotalRials: Int
    @Field(key: "vat_percent") var vatPercent: Double
    @Field(key: "vat_rials") var vatRials: Int
    @Field(key: "total_rials") var totalRials: Int
    /// The completed visits of the period whose work reports go with the invoice: those the client approved.
    @Field(key: "work_report_ids") var workReportIDs: [UUID]
    /// The period's other work reports, awaiting the client's approval or disputed when drafted: listed apart.
    @OptionalField(key: "pending_report_ids") var pendingReportIDs: [UUID]?
    /// Seller and buyer as they were when the invoice was issued.
    @OptionalField(key: "seller") var seller: Party?
    @OptionalField(key: "buyer") var buyer: Party?
    @OptionalField(key: "credits_invoice_id") var creditsInvoiceID: UUID?
    @OptionalField(key: "credited_by_id") var creditedByID: UUID?
    /// Why a credit note was made.
    @OptionalField(key: "reason") var reason: String?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "issued_at") var issuedAt: Date?
    @OptionalField(key: "issued_by_name") var issuedByName: String?

    init() {}

    var invoiceKind: InvoiceKind { InvoiceKind(rawValue: kind) ?? .invoice }
    var invoiceStatus: InvoiceStatus { InvoiceStatus(rawValue: status) ?? .draft }
    var period: (from: CalendarDay, to: CalendarDay) { (CalendarDay(iso: periodFrom)!, CalendarDay(iso: periodTo)!) }

    var totals: InvoiceTotals {
        get { InvoiceTotals(subtotalRials: subtotalRials, vatPercent: vatPercent, vatRials: vatRials, totalRials: totalRials) }
        set {
            subtotalRials = newValue.subtotalRials
            vatPercent = newValue.vatPercent
            vatRials = newValue.vatRials
            totalRials = newValue.totalRials
        }
    }
}

enum InvoiceKind: String, Codable, Sendable {
    case invoice, creditNote
}

enum InvoiceStatus: String, Codable, Sendable {
    case draft, issued
}

/// One line of an invoice as stored, in its place.
final class InvoiceLineRecord: Model, @unchecked Sendable {
    static let schema = "invoice_lines"

    @ID(key: .id) var id: UUID?
    @Field(key: "invoice_id") var invoiceID: UUID
    @Field(key: "position") var position: Int
    @Field(key: "kind") var kind: String
    @Field(key: "description") var description: String
    @Field(key: "description_fa") var descriptionFa: String
    @Field(key: "quantity") var quantity: Double
    @Field(key: "unit_rials") var unitRials: Int
    @Field(key: "amount_rials") var amountRials: Int
    @OptionalField(key: "device_id") var deviceID: UUID?
    @OptionalField(key: "visit_id") var visitID: UUID?

    init() {}

    init(invoiceID: UUID, position: Int, _ line: InvoiceLine) {
        self.invoiceID = invoiceID
        self.position = position
        kind = line.kind.rawValue
        description = line.description
        descriptionFa = line.descriptionFa
        quantity = line.quantity
        unitRials = line.unitRials
        amountRials = line.amountRials
        deviceID = line.deviceId
        visitID = line.visitId
    }

    var line: InvoiceLine {
        InvoiceLine(kind: InvoiceLine.Kind(rawValue: kind) ?? .fee, description: description, descriptionFa: descriptionFa,
                    quantity: quantity, unitRials: unitRials, amountRials: amountRials, deviceId: deviceID, visitId: visitID)
    }
}

import Fluent
import Vapor

/// A loaner from the company's pool lent to a client while one of its devices is repaired.
final class Loan: Model, @unchecked Sendable {
    static let schema = "loans"

    @ID(key: .id) var id: UUID?
    @Field(key: "loaner_device_id") var loanerDeviceID: UUID
    @Field(key: "for_device_id") var forDeviceID: UUID
    @OptionalField(key: "customer_id") var customerID: UUID?
    @Field(key: "lent_on") var lentOn: String
    @Field(key: "due_on") var dueOn: String
    @Field(key: "charge") var charge: String
    @Field(key: "charge_reason") var chargeReason: String
    @OptionalField(key: "returned_at") var returnedAt: Date?
    @OptionalField(key: "closing_total_pages") var closingTotalPages: Int?

    init() {}
}

/// Something that needs a person's attention: a device found elsewhere, and (from other issues) low toner.
final class Alert: Model, @unchecked Sendable {
    static let schema = "alerts"

    @ID(key: .id) var id: UUID?
    @Field(key: "kind") var kind: String
    @OptionalField(key: "device_id") var deviceID: UUID?
    @OptionalField(key: "customer_id") var customerID: UUID?
    @Field(key: "message") var message: String
    /// What within the device the alert is about (a low toner's supply name), so one stays open per subject.
    @OptionalField(key: "subject") var subject: String?
    /// For a relocation: the location reported, as a device patch.
    @OptionalField(key: "proposal") var proposal: RelocationProposal?
    @Field(key: "status") var status: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "closed_at") var closedAt: Date?

    init() {}
}

/// Where a device was found.
struct RelocationProposal: Codable, Sendable, Equatable {
    var siteId: UUID?
    var floor: String?
    var room: String?
    var department: String?
    var note: String?
    /// The address the device answered from, for a relocation the collector noticed.
    var ipAddress: String?
}

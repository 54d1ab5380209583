import Fluent
import Vapor

/// The link on a device's label: a long random token that opens the device's fault form and nothing else.
final class DeviceLabel: Model, @unchecked Sendable {
    static let schema = "device_labels"

    @ID(key: .id) var id: UUID?
    @Field(key: "device_id") var deviceID: UUID
    @Field(key: "token") var token: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "revoked_at") var revokedAt: Date?

    init() {}

    init(deviceID: UUID, at: Date) {
        self.deviceID = deviceID
        // 24 random bytes: 32 characters in the link, far beyond guessing, and a QR symbol of version 4.
        self.token = [UInt8].random(count: 24).base64URLEncoded
        self.createdAt = at
    }
}

/// A fault reported from a device's label by someone with no account.
final class FaultReport: Model, @unchecked Sendable {
    static let schema = "fault_reports"

    @ID(key: .id) var id: UUID?
    @Field(key: "device_id") var deviceID: UUID
    @Field(key: "label_id") var labelID: UUID
    @Field(key: "ticket_id") var ticketID: UUID
    @Field(key: "address") var address: String
    @Field(key: "reporter_name") var reporterName: String
    @Field(key: "reporter_phone") var reporterPhone: String
    @OptionalField(key: "symptom") var symptom: String?
    @Field(key: "description") var description: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

import FleetCore
import Fluent
import Vapor

/// A person who signs in: staff of the service company, or a client organisation's manager.
final class User: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(key: .id) var id: UUID?
    @Field(key: "email") var email: String
    @Field(key: "name") var name: String
    @Field(key: "role") var role: String
    /// A mobile for SMS notifications, and whether the user wants them (and e-mail ones) at all.
    @OptionalField(key: "phone") var phone: String?
    @Field(key: "notify_sms") var notifySMS: Bool
    @Field(key: "notify_email") var notifyEmail: Bool
    @OptionalParent(key: "customer_id") var customer: Customer?
    @Field(key: "password_hash") var passwordHash: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(id: UUID? = nil, email: String, name: String, role: Role, customerID: UUID?, passwordHash: String) {
        self.id = id
        self.email = email
        self.name = name
        self.role = role.rawValue
        self.notifySMS = false
        self.notifyEmail = false
        self.$customer.id = customerID
        self.passwordHash = passwordHash
    }

    var userRole: Role { Role(rawValue: role) ?? .client }
}

extension User: Authenticatable {}

extension User: ModelSessionAuthenticatable {}

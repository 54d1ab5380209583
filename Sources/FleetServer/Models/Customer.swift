import Fluent
import Vapor

/// A client organisation whose machines the company maintains.
final class Customer: Model, @unchecked Sendable {
    static let schema = "customers"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @OptionalField(key: "phone") var phone: String?
    @OptionalField(key: "address") var address: String?
    /// The buyer's identifiers on the official sales invoice: national ID, economic code and postal code.
    @OptionalField(key: "national_id") var nationalId: String?
    @OptionalField(key: "economic_code") var economicCode: String?
    @OptionalField(key: "postal_code") var postalCode: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Children(for: \.$customer) var sites: [Site]

    init() {}

    init(id: UUID? = nil, name: String, phone: String?, address: String?) {
        self.id = id
        self.name = name
        self.phone = phone
        self.address = address
    }

    /// The buyer as the invoice prints it, frozen into the invoice when it is issued.
    var party: Party {
        Party(name: name, nationalId: nationalId, economicCode: economicCode, address: address, phone: phone, postalCode: postalCode)
    }
}

/// One of a customer's buildings or branches.
final class Site: Model, @unchecked Sendable {
    static let schema = "sites"

    @ID(key: .id) var id: UUID?
    @Parent(key: "customer_id") var customer: Customer
    @Field(key: "name") var name: String
    @OptionalField(key: "address") var address: String?

    init() {}

    init(id: UUID? = nil, customerID: UUID, name: String, address: String?) {
        self.id = id
        self.$customer.id = customerID
        self.name = name
        self.address = address
    }
}

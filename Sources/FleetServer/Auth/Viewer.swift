import FleetCore
import Fluent
import Vapor

/// The signed-in user and what they may see: staff see every customer, a client user only its own.
struct Viewer: Sendable {
    let user: User
    let role: Role
    let customerID: UUID?

    init(_ user: User) {
        self.user = user
        self.role = user.userRole
        self.customerID = user.$customer.id
    }

    /// Whether records of `customerID` (nil: the company's own loaner pool) are visible.
    func canSee(customerID recordCustomer: UUID?) -> Bool {
        role.isStaff || (recordCustomer != nil && recordCustomer == customerID)
    }

    /// Refuses roles not listed with 403.
    func require(_ roles: Role...) throws {
        guard roles.contains(role) else { throw APIError.forbidden }
    }

    /// The customer a client user is confined to, or the one asked for when staff.
    func customerScope(_ asked: UUID?) -> CustomerScope {
        if role == .client { return .only(customerID ?? UUID()) }
        return asked.map(CustomerScope.only) ?? .all
    }
}

enum CustomerScope {
    case all
    case only(UUID)
}

extension Request {
    /// The signed-in user; routes behind the guard always have one.
    var viewer: Viewer {
        get throws { Viewer(try auth.require(User.self)) }
    }
}

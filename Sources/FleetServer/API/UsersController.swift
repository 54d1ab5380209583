import FleetCore
import Fluent
import Vapor

/// A user as the API shows it; never the password hash.
struct UserDTO: Content {
    let id: UUID
    let email: String
    let name: String
    let role: Role
    let customerId: UUID?
    /// Where notifications go besides the app.
    let phone: String?
    let notifySms: Bool
    let notifyEmail: Bool

    init(_ u: User) {
        id = u.id!
        email = u.email
        name = u.name
        role = u.userRole
        customerId = u.$customer.id
        phone = u.phone
        notifySms = u.notifySMS
        notifyEmail = u.notifyEmail
    }
}

extension API {
    /// Accounts, for admins.
    enum UsersController {
        struct Input: Content {
            let email: String
            let password: String
            let name: String
            let role: Role
            let customerId: UUID?
        }

        /// `POST /api/v1/users`
        @Sendable static func create(req: Request) async throws -> Response {
            try req.viewer.require(.admin)
            let input = try req.content.decode(Input.self)
            let user = try await UserAccounts.create(email: input.email, password: input.password, name: input.name,
                                                     role: input.role, customerID: input.customerId, on: req.db,
                                                     hasher: req.password.async)
            return try await UserDTO(user).encodeResponse(status: .created, for: req)
        }

        /// `GET /api/v1/users`
        @Sendable static func list(req: Request) async throws -> Page<UserDTO> {
            try req.viewer.require(.admin)
            let (items, total) = try await User.query(on: req.db).sort(\.$email).page(try Paging(req))
            return Page(items: items.map(UserDTO.init), total: total)
        }
    }
}

/// Creating accounts, for the API, the admin form, the command line and the demo data.
enum UserAccounts {
    static func create(email: String, password: String, name: String, role: Role, customerID: UUID?,
                       on db: any Database, hasher: AsyncPasswordHasher) async throws -> User {
        guard let email = try DeviceFieldRules.email(email, field: "email") else {
            throw FieldError(field: "email", message: "email is required")
        }
        let name = try DeviceFieldRules.required(name, field: "name")
        if let refusal = PasswordRule.refusal(password) { throw PasswordRefused(refusal: refusal) }
        switch (role, customerID) {
        case (.client, nil):
            throw FieldError(field: "customerId", message: "a client user must belong to a customer")
        case (.client, let id?):
            guard try await Customer.find(id, on: db) != nil else {
                throw APIError(.unprocessableEntity, code: "unknown_customer", message: "no customer has id \(id)", field: "customerId")
            }
        case (_, .some):
            throw FieldError(field: "customerId", message: "only client users belong to a customer")
        default:
            break
        }
        if try await User.query(on: db).filter(\.$email == email).count() > 0 {
            throw APIError.conflict(code: "duplicate_email", "a user with e-mail \(email) exists", field: "email")
        }
        let user = User(email: email, name: name, role: role, customerID: customerID,
                        passwordHash: try await hasher.hash(password))
        try await user.create(on: db)
        return user
    }
}

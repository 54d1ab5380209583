import FleetCore
import Fluent
import Vapor

/// `fleetcare create-user EMAIL --role admin [--name N] [--customer NAME]`: an account from the command line.
/// The password comes from `FLEETCARE_NEW_PASSWORD` or is asked for without echo.
struct CreateUserCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "email", help: "The user's e-mail, used to sign in")
        var email: String
        @Option(name: "role", help: "admin, dispatcher, technician or client")
        var role: String?
        @Option(name: "name", help: "The user's full name")
        var name: String?
        @Option(name: "customer", help: "For a client user: the customer's name or id")
        var customer: String?
    }

    var help: String { "Creates a user account" }

    func run(using context: CommandContext, signature: Signature) async throws {
        AuditActor.label(&context.application.logger, as: "cli:create-user")
        let app = context.application
        guard let role = Role(rawValue: signature.role ?? "admin") else {
            throw CommandFailure("--role must be one of admin, dispatcher, technician, client")
        }
        var customerID: UUID?
        if let c = signature.customer {
            let resolver = try await PlacementResolver(db: app.db)
            guard let customer = resolver.customer(c) else { throw CommandFailure("no customer named or with id \"\(c)\"") }
            customerID = customer.id
        }
        let password: String
        if let p = Environment.get("FLEETCARE_NEW_PASSWORD") {
            password = p
        } else {
            password = context.console.ask("Password for \(signature.email):", isSecure: true)
        }
        do {
            let user = try await UserAccounts.create(email: signature.email, password: password,
                                                     name: signature.name ?? signature.email, role: role,
                                                     customerID: customerID, on: app.db, hasher: app.password.async)
            context.console.print("created \(user.userRole.rawValue) \(user.email)")
        } catch let e as PasswordRefused {
            throw CommandFailure(e.refusal.text(.fa) + "\n" + e.refusal.text(.en))
        } catch let e as FieldError {
            throw CommandFailure(e.message)
        } catch let e as APIError {
            throw CommandFailure(e.message)
        }
    }
}

/// A command-line failure: its message is printed and the process exits non-zero.
struct CommandFailure: Error, CustomStringConvertible, LocalizedError {
    let description: String
    init(_ message: String) { description = message }
    var errorDescription: String? { description }
}

import FleetCore
import Fluent
import Vapor

extension API {
    /// Signing in for API clients.
    enum AuthController {
        struct LoginInput: Content {
            let email: String
            let password: String
        }

        struct LoginResult: Content {
            let token: String
            let expiresAt: Date
            let user: UserDTO
        }

        /// `POST /api/v1/auth/login`: a bearer token for a valid e-mail and password.
        @Sendable static func login(req: Request) async throws -> Response {
            let input = try req.content.decode(LoginInput.self)
            guard let user = try await Credentials.verify(email: input.email, password: input.password, on: req) else {
                throw APIError(.unauthorized, code: "invalid_credentials", message: "wrong e-mail or password")
            }
            let (token, record) = UserToken.issue(for: try user.requireID())
            try await record.create(on: req.db)
            let response = try await LoginResult(token: token, expiresAt: record.expiresAt, user: UserDTO(user)).encodeResponse(for: req)
            try await Credentials.rememberBrowser(email: user.email, on: req, response: response)
            return response
        }

        /// `POST /api/v1/auth/logout`: ends the token used for this request.
        @Sendable static func logout(req: Request) async throws -> HTTPStatus {
            if let bearer = req.headers.bearerAuthorization {
                try await UserToken.query(on: req.db).filter(\.$tokenHash == UserToken.hash(bearer.token)).delete()
            }
            return .noContent
        }

        /// `GET /api/v1/auth/me`: who the token belongs to.
        @Sendable static func me(req: Request) async throws -> UserDTO {
            UserDTO(try req.viewer.user)
        }

        struct Contact: Content {
            let phone: String?
            let notifySms: Bool?
            var notifyEmail: Bool? = nil
        }

        /// `PATCH /api/v1/auth/me {"phone"?, "notifySms"?}`: the signed-in user's own mobile and whether to be texted.
        @Sendable static func updateMe(req: Request) async throws -> UserDTO {
            let user = try req.viewer.user
            let input = try req.content.decode(Contact.self)
            try await Self.apply(input, to: user, on: req.db)
            return UserDTO(user)
        }

        static func apply(_ input: Contact, to user: User, on db: any Database) async throws {
            if let phone = input.phone {
                let trimmed = phone.trimmingCharacters(in: .whitespaces)
                user.phone = trimmed.isEmpty ? nil : try PhoneNumber(trimmed, field: "phone").digits
            }
            if let sms = input.notifySms { user.notifySMS = sms }
            if let email = input.notifyEmail { user.notifyEmail = email }
            if user.notifySMS, user.phone == nil {
                throw FieldError(field: "phone", message: "a mobile number is needed to be sent SMS")
            }
            try await user.save(on: db)
        }
    }
}

/// Checks a password against its stored bcrypt hash, taking the same time whether or not the user exists.
enum Credentials {
    /// Failed sign-ins allowed in the window: per account from browsers that never signed in to it (so one account is
    /// not guessed at), per known browser of that account (its own count, so a stranger cannot lock the owner out),
    /// and per address from strangers (so one machine does not try many accounts). Past them, sign-in answers 429,
    /// with `Retry-After`, until the window has moved on.
    static let failuresPerAccount = 5
    static let failuresPerAddress = 20
    static let window: TimeInterval = 15 * 60

    static func verify(email: String, password: String, on req: Request, now: Date = Date()) async throws -> User? {
        let key = email.lowercased().trimmingCharacters(in: .whitespaces)
        let address = req.clientAddress
        let since = now.addingTimeInterval(-window)
        let failed = LoginAttempt.query(on: req.db).filter(\.$succeeded == false).filter(\.$at > since)
        var known: String?
        if let hash = req.browserTokenHash,
           try await KnownBrowser.query(on: req.db).filter(\.$email == key).filter(\.$tokenHash == hash).count() > 0 {
            known = hash
        }
        let limits: [(QueryBuilder<LoginAttempt>, Int)] = if let known {
            [(failed.copy().filter(\.$email == key).filter(\.$browser == known), failuresPerAccount)]
        } else {
            [(failed.copy().filter(\.$email == key).filter(\.$browser == nil), failuresPerAccount),
             (failed.copy().filter(\.$address == address).filter(\.$browser == nil), failuresPerAddress)]
        }
        for (query, limit) in limits {
            // The limit-th newest failure: once it leaves the window, fewer than `limit` remain in it.
            let newest = try await query.sort(\.$at, .descending).limit(limit).all()
            guard newest.count >= limit, let oldest = newest.last else { continue }
            req.logger.warning("sign-in refused after repeated failures",
                               metadata: ["email": .string(key), "address": .string(address), "knownBrowser": .stringConvertible(known != nil)])
            let wait = max(1, Int(oldest.at.addingTimeInterval(window).timeIntervalSince(now).rounded(.up)))
            throw APIError(.tooManyRequests, code: "too_many_attempts",
                           message: "too many failed sign-ins; wait \(max(1, (wait + 59) / 60)) minutes and try again", retryAfter: wait)
        }
        let user = try await User.query(on: req.db).filter(\.$email == key).first()
        let verified: User?
        if let user {
            verified = try await req.password.async.verify(password, created: user.passwordHash) ? user : nil
        } else {
            _ = try? await req.password.async.verify(password, created: dummyHash)
            verified = nil
        }
        try await LoginAttempt(email: key, address: address, succeeded: verified != nil, at: now, browser: known).create(on: req.db)
        if verified == nil {
            req.logger.notice("failed sign-in", metadata: ["email": .string(key), "address": .string(address)])
        }
        return verified
    }

    /// After a successful sign-in: makes this browser known to the account, giving it the cookie if it has none.
    static func rememberBrowser(email: String, on req: Request, response: Response, now: Date = Date()) async throws {
        let key = email.lowercased()
        let token = req.browserToken ?? [UInt8].random(count: 32).base64URLEncoded
        let hash = UserToken.hash(token)
        if try await KnownBrowser.query(on: req.db).filter(\.$email == key).filter(\.$tokenHash == hash).count() == 0 {
            try await KnownBrowser(email: key, tokenHash: hash, createdAt: now).create(on: req.db)
        }
        response.cookies[KnownBrowser.cookieName] = HTTPCookies.Value(
            string: token, maxAge: Int(KnownBrowser.lifetime), path: "/",
            isSecure: req.application.fleetConfiguration.secureCookies, isHTTPOnly: true, sameSite: .lax)
    }

    /// A valid bcrypt hash of nothing anyone types, to spend the same time on unknown e-mails.
    static let dummyHash = "$2b$12$C6UzMDM.H6dfI/f/IKcEeO5Qe7rWfHuvXk9ZP3o.1pXNHaTWSrIWO"
}

/// The namespace of the JSON API's controllers.
enum API {}

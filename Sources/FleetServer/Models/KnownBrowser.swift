import Fluent
import Vapor

/// A browser that signed in to an account before, known by the long-lived cookie it was given then (OWASP's
/// "device cookie"). Failed sign-ins from strangers lock an account; a known browser keeps its own count, so one
/// stranger guessing cannot lock the account's owner out. Only the cookie's SHA-256 is stored.
final class KnownBrowser: Model, @unchecked Sendable {
    static let schema = "known_browsers"
    static let cookieName = "fleetcare_browser"
    static let lifetime: TimeInterval = 365 * 86_400

    @ID(key: .id) var id: UUID?
    @Field(key: "email") var email: String
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(email: String, tokenHash: String, createdAt: Date) {
        self.email = email
        self.tokenHash = tokenHash
        self.createdAt = createdAt
    }
}

extension Request {
    /// This browser's `KnownBrowser` cookie, when it has one of a plausible length.
    var browserToken: String? {
        guard let token = cookies[KnownBrowser.cookieName]?.string, !token.isEmpty, token.count <= 100 else { return nil }
        return token
    }

    /// The hash of this browser's cookie, when it has one.
    var browserTokenHash: String? { browserToken.map(UserToken.hash) }
}

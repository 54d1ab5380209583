import Fluent
import Vapor

/// A bearer token for the API. Only its SHA-256 is stored, so a leaked database leaks no tokens.
final class UserToken: Model, @unchecked Sendable {
    static let schema = "user_tokens"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "expires_at") var expiresAt: Date
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(userID: UUID, tokenHash: String, expiresAt: Date) {
        self.$user.id = userID
        self.tokenHash = tokenHash
        self.expiresAt = expiresAt
    }

    static let lifetime: TimeInterval = 30 * 86_400

    /// A new random token and the record that remembers its hash.
    static func issue(for userID: UUID, now: Date = Date()) -> (token: String, record: UserToken) {
        let token = [UInt8].random(count: 32).base64URLEncoded
        return (token, UserToken(userID: userID, tokenHash: hash(token), expiresAt: now.addingTimeInterval(lifetime)))
    }

    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).hex
    }
}

extension Array where Element == UInt8 {
    var base64URLEncoded: String {
        Data(self).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

/// One sign-in attempt: whose, from where, and whether the password was right.
final class LoginAttempt: Model, @unchecked Sendable {
    static let schema = "login_attempts"

    @ID(key: .id) var id: UUID?
    @Field(key: "email") var email: String
    @Field(key: "address") var address: String
    @Field(key: "succeeded") var succeeded: Bool
    @Field(key: "at") var at: Date
    /// The hash of the `KnownBrowser` cookie the attempt came with, when that browser had signed in to this account before.
    @OptionalField(key: "browser") var browser: String?

    init() {}

    init(email: String, address: String, succeeded: Bool, at: Date, browser: String? = nil) {
        self.email = email
        self.address = address
        self.succeeded = succeeded
        self.at = at
        self.browser = browser
    }
}

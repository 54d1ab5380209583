import Fluent
import Vapor

/// A collector agent signed in with its site token. It is not a `User`, so every route behind
/// `RequireUserMiddleware` refuses it: an agent can push readings and read nothing.
struct AgentPrincipal: Authenticatable {
    let token: AgentToken
}

/// Signs in the agent behind an unrevoked `fca_` token.
struct AgentTokenAuthenticator: AsyncBearerAuthenticator {
    func authenticate(bearer: BearerAuthorization, for request: Request) async throws {
        guard bearer.token.hasPrefix(AgentToken.prefix) else { return }
        guard let token = try await AgentToken.query(on: request.db)
            .filter(\.$tokenHash == UserToken.hash(bearer.token)).filter(\.$revokedAt == nil).first() else { return }
        token.lastUsedAt = Date()
        try await token.save(on: request.db)
        request.auth.login(AgentPrincipal(token: token))
    }
}

import Fluent
import Vapor

/// Signs in the user behind an unexpired API token.
struct BearerTokenAuthenticator: AsyncBearerAuthenticator {
    func authenticate(bearer: BearerAuthorization, for request: Request) async throws {
        // An agent's token is never a user's: no need to look for it among theirs.
        guard !bearer.token.hasPrefix(AgentToken.prefix) else { return }
        let hash = UserToken.hash(bearer.token)
        guard let token = try await UserToken.query(on: request.db)
            .filter(\.$tokenHash == hash)
            .with(\.$user)
            .first(),
            token.expiresAt > Date() else { return }
        request.auth.login(token.user)
    }
}

/// Refuses a request with no signed-in user with the API's 401 body.
struct RequireUserMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.auth.has(User.self) else {
            throw APIError(.unauthorized, code: "unauthorized", message: "sign in first: send Authorization: Bearer <token>")
        }
        return try await next.respond(to: request)
    }
}

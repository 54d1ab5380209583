import Vapor

/// Headers that keep pages from being framed, sniffed or made to run injected scripts.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        response.headers.replaceOrAdd(name: "Content-Security-Policy",
                                      value: "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
        response.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        return response
    }
}

/// Refuses a body over the configured size with 413 before any handler reads it.
struct BodyLimitMiddleware: AsyncMiddleware {
    let maxBytes: Int

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let declared = request.headers.first(name: .contentLength).flatMap(Int.init) ?? 0
        let collected = request.body.data?.readableBytes ?? 0
        guard max(declared, collected) <= maxBytes else {
            throw APIError(.payloadTooLarge, code: "payload_too_large",
                           message: "the body is larger than \(maxBytes >> 20) MB")
        }
        return try await next.respond(to: request)
    }
}

import FleetCore
import Fluent
import Vapor

/// Turns every error into the API's error body (under `/api/`) or an error page, never a bare 500 for bad input.
struct FleetErrorMiddleware: AsyncMiddleware {
    let environment: Environment

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let apiError = Self.classify(error, request: request)
            if apiError.status == .internalServerError {
                request.logger.report(error: error)
            } else if apiError.code == DatabaseOutage.error.code {
                request.logger.warning("database unavailable: \(String(reflecting: error))")
            }
            let response = request.url.path.hasPrefix("/api/") || !request.acceptsHTML
                ? Self.json(apiError) : ErrorPage.response(for: apiError, request: request)
            if let seconds = apiError.retryAfter {
                response.headers.replaceOrAdd(name: .retryAfter, value: String(seconds))
            }
            return response
        }
    }

    static func json(_ e: APIError) -> Response {
        let body = ErrorBody(error: .init(code: e.code, message: e.message, field: e.field,
                                          rows: e.rows?.map { .init(line: $0.line, message: $0.message) }))
        let response = Response(status: e.status)
        try? response.content.encode(body, as: .json)
        return response
    }

    static func classify(_ error: any Error, request: Request) -> APIError {
        switch error {
        case let e as APIError:
            return e
        case let e as FieldError:
            return .invalid(e)
        case let e as PasswordRefused:
            let persian = request.headers.first(name: .acceptLanguage)?.lowercased().hasPrefix("fa") ?? false
            return APIError(.unprocessableEntity, code: "weak_password", message: e.refusal.text(persian ? .fa : .en), field: "password")
        case let e as DecodingError:
            return decoding(e)
        case let e where DatabaseOutage.matches(e):
            return DatabaseOutage.error
        case let e as DatabaseError where e.isConstraintFailure:
            return .conflict(code: "conflict", "this would duplicate or orphan an existing record")
        case let e as any AbortError:
            return APIError(e.status, code: code(for: e.status), message: e.reason)
        default:
            return APIError(.internalServerError, code: "internal_error", message: "something went wrong on the server")
        }
    }

    static func decoding(_ error: DecodingError) -> APIError {
        func path(_ ctx: DecodingError.Context, _ extra: CodingKey? = nil) -> String? {
            let keys = ctx.codingPath + (extra.map { [$0] } ?? [])
            let text = keys.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
            return text.isEmpty ? nil : text
        }
        switch error {
        case let .keyNotFound(key, ctx):
            let field = path(ctx, key) ?? key.stringValue
            return APIError(.unprocessableEntity, code: "missing_field", message: "\(field) is required", field: field)
        case let .valueNotFound(_, ctx):
            let field = path(ctx)
            return APIError(.unprocessableEntity, code: "missing_field", message: "\(field ?? "a value") must not be null", field: field)
        case let .typeMismatch(type, ctx):
            let field = path(ctx)
            return APIError(.unprocessableEntity, code: "invalid_field",
                            message: "\(field ?? "the body") must be \(describe(type))", field: field)
        case let .dataCorrupted(ctx):
            if let field = path(ctx) {
                return APIError(.unprocessableEntity, code: "invalid_field", message: "\(field): \(ctx.debugDescription)", field: field)
            }
            return APIError(.badRequest, code: "malformed_body", message: "the body is not valid JSON")
        @unknown default:
            return APIError(.badRequest, code: "malformed_body", message: "the body could not be read")
        }
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type, is Int64.Type: return "a whole number"
        case is Double.Type: return "a number"
        case is Bool.Type: return "true or false"
        default: return "of a different type"
        }
    }

    static func code(for status: HTTPResponseStatus) -> String {
        switch status.code {
        case 400: return "bad_request"
        case 401: return "unauthorized"
        case 403: return "forbidden"
        case 404: return "not_found"
        case 405: return "method_not_allowed"
        case 409: return "conflict"
        case 413: return "payload_too_large"
        case 415: return "unsupported_media_type"
        case 422: return "invalid"
        case 429: return "too_many_requests"
        case 503: return "unavailable"
        default: return status.code >= 500 ? "internal_error" : "error"
        }
    }
}

extension Request {
    /// A browser asking for a page, rather than a script asking for data.
    var acceptsHTML: Bool {
        headers[.accept].contains { $0.contains("text/html") }
    }
}

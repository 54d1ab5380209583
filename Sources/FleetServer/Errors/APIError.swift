import FleetCore
import Vapor

/// An error the API reports with its own code: `{"error":{"code","message","field"}}`.
public struct APIError: AbortError, Sendable {
    public let status: HTTPResponseStatus
    public let code: String
    public let message: String
    public let field: String?
    public let rows: [ImportRowError]?
    /// Seconds the client should wait before trying again (`Retry-After`), for 429 and 503.
    public let retryAfter: Int?

    public init(_ status: HTTPResponseStatus, code: String, message: String, field: String? = nil, rows: [ImportRowError]? = nil,
                retryAfter: Int? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.rows = rows
        self.retryAfter = retryAfter ?? (status == .serviceUnavailable ? DatabaseOutage.retryAfterSeconds : nil)
    }

    public var reason: String { message }

    static func notFound(_ what: String) -> APIError {
        APIError(.notFound, code: "not_found", message: "\(what) not found")
    }

    static func invalid(_ error: FieldError) -> APIError {
        APIError(.unprocessableEntity, code: "invalid_field", message: error.message, field: error.field)
    }

    static func invalid(field: String, _ message: String) -> APIError {
        APIError(.unprocessableEntity, code: "invalid_field", message: message, field: field)
    }

    static func conflict(code: String, _ message: String, field: String? = nil) -> APIError {
        APIError(.conflict, code: code, message: message, field: field)
    }

    static let forbidden = APIError(.forbidden, code: "forbidden", message: "your role may not do this")
}

/// The error body of API.md.
struct ErrorBody: Content {
    struct Detail: Content {
        let code: String
        let message: String
        let field: String?
        let rows: [Row]?
    }
    struct Row: Content {
        let line: Int
        let message: String
    }
    let error: Detail
}

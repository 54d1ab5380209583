import Foundation
import FleetCore
import Vapor

/// NUL (U+0000) is never meaningful text here, and the databases disagree about it: PostgreSQL refuses it in
/// any text value, SQLite and its search index cut the text short at it. So it is refused wherever text comes
/// in: in a URL (middleware), in a JSON or form body (the content decoders), and in CSV (`CSVText`).
enum NulGuard {
    static let message = "text must not contain the NUL character (U+0000)"

    /// Installs the body decoders that refuse NUL. The same coders every time, so configuring many
    /// applications in one process (as the tests do) leaves one wrapper, not a stack of them.
    static func install() {
        var content = ContentConfiguration.global
        content.use(decoder: Refusing(base: strictJSON, hasNul: jsonHasNul, utf8Only: true), for: .json)
        content.use(decoder: Refusing(base: URLEncodedFormDecoder(), hasNul: { encodesNul($0.readableBytesView) }), for: .urlEncodedForm)
        ContentConfiguration.global = content
    }

    /// JSON whose moments are read strictly (`Moment.parse`): Foundation's ISO 8601 reading takes 30 February for
    /// 2 March and hour 25 for the next day, and years no calendar sum here can carry.
    static let strictJSON: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let moment = Moment.parse(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription:
                    "expected a moment such as 2026-11-24T08:30:00Z on a day from \(AcceptedDays.description), got \"\(text.prefix(40))\"")
            }
            return moment
        }
        return decoder
    }()

    /// Whether a percent-encoded URL part or form body encodes NUL (`%00`) or carries it raw.
    static func encodesNul(_ bytes: some Collection<UInt8>) -> Bool {
        var percentSeen = 0
        for b in bytes {
            if b == 0 { return true }
            switch (percentSeen, b) {
            case (_, UInt8(ascii: "%")): percentSeen = 1
            case (1, UInt8(ascii: "0")): percentSeen = 2
            case (2, UInt8(ascii: "0")): return true
            default: percentSeen = 0
            }
        }
        return false
    }

    /// Whether JSON text holds the escape `\u0000` (raw NUL is not JSON, and the parser refuses it already).
    /// Escapes are stepped over in pairs, so `\\u0000` (a backslash, then the text u0000) is not taken for one.
    static func jsonHasNul(_ buffer: ByteBuffer) -> Bool {
        buffer.withUnsafeReadableBytes { raw in
            let backslash = UInt8(ascii: "\\"), zero = UInt8(ascii: "0"), u = UInt8(ascii: "u")
            var i = 0
            let n = raw.count
            while i < n {
                guard raw[i] == backslash else { i += 1; continue }
                if i + 5 < n, raw[i + 1] == u, raw[i + 2] == zero, raw[i + 3] == zero, raw[i + 4] == zero, raw[i + 5] == zero {
                    return true
                }
                i += 2
            }
            return false
        }
    }

    /// Whether a JSON body is not UTF-16 or UTF-32, as RFC 4627 tells them apart: by a byte-order mark, or by a
    /// zero byte among the first four (JSON text starts with an ASCII character, which those encodings pad with
    /// zeros). Anything else that is not JSON is the parser's to refuse.
    static func isUTF8Text(_ buffer: ByteBuffer) -> Bool {
        buffer.withUnsafeReadableBytes { raw in
            if raw.starts(with: [0xFE, 0xFF]) || raw.starts(with: [0xFF, 0xFE]) { return false }
            guard raw.count >= 4 else { return true }
            let z = (raw[0] == 0, raw[1] == 0, raw[2] == 0, raw[3] == 0)
            switch z {
            case (true, true, true, false), (true, false, true, false), (false, true, true, true), (false, true, false, true):
                return false   // UTF-32BE, UTF-16BE, UTF-32LE, UTF-16LE
            default:
                return true
            }
        }
    }

    /// A body decoder that refuses a body in which `hasNul` finds NUL, and otherwise decodes as `base` does.
    struct Refusing: ContentDecoder {
        let base: any ContentDecoder
        let hasNul: @Sendable (ByteBuffer) -> Bool
        /// JSON is UTF-8 (RFC 8259): Foundation would also read UTF-16 and UTF-32, where the NUL check above,
        /// made on the bytes, cannot see an escaped NUL. Such a body is refused before it is read.
        var utf8Only = false

        func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders) throws -> D {
            try decode(D.self, from: body, headers: headers, userInfo: [:])
        }

        func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders,
                                  userInfo: [CodingUserInfoKey: any Sendable]) throws -> D {
            if utf8Only, !NulGuard.isUTF8Text(body) {
                throw APIError(.unsupportedMediaType, code: "unsupported_encoding", message: "a JSON body must be UTF-8 text")
            }
            if hasNul(body) { throw APIError(.unprocessableEntity, code: "invalid_field", message: NulGuard.message) }
            return try base.decode(D.self, from: body, headers: headers, userInfo: userInfo)
        }
    }
}

/// Refuses a URL whose path or query encodes NUL: 404 for a path (no record is named with one),
/// 422 for a query (a search or filter that could only fail or, worse, match on the text before it).
struct NulURLMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if NulGuard.encodesNul(request.url.path.utf8) {
            throw APIError.notFound("a record named with a NUL character")
        }
        if let query = request.url.query, NulGuard.encodesNul(query.utf8) {
            throw APIError(.unprocessableEntity, code: "invalid_query", message: NulGuard.message)
        }
        return try await next.respond(to: request)
    }
}

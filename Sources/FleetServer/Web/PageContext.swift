import FleetCore
import Foundation
import Vapor

/// What every page needs to know about the request: the language, the user, the form token.
struct PageContext: Sendable {
    let language: Language
    let timeZone: TimeZone
    let userName: String?
    let role: Role?
    let csrfToken: String
    let currentPath: String
    let companyName: String
    /// Unread notifications of the signed-in user, for the header; nil where not counted.
    var unread: Int? = nil

    var format: DisplayFormat { DisplayFormat(language: language, timeZone: timeZone) }

    func t(_ key: L10n) -> String { key.text(language) }

    /// A context for rendering pages without a request (snapshot tests).
    static func preview(_ language: Language, user: String? = "Sara Ahmadi", role: Role? = .dispatcher) -> PageContext {
        PageContext(language: language, timeZone: .tehran, userName: user, role: role, csrfToken: "csrf-token",
                    currentPath: "/", companyName: "FleetCare")
    }
}

extension Request {
    static let languageCookie = "fleetcare_lang"

    /// Persian unless the person chose English (remembered in a cookie).
    var language: Language {
        cookies[Self.languageCookie].flatMap { Language(rawValue: $0.string) } ?? .fa
    }

    /// The form token of this session, made on first use.
    var csrfToken: String {
        if let t = session.data["csrf"] { return t }
        return renewCSRFToken()
    }

    /// A new form token: at sign-in and sign-out, so that a token seen or planted before cannot be used after.
    @discardableResult
    func renewCSRFToken() -> String {
        let t = [UInt8].random(count: 24).base64URLEncoded
        session.data["csrf"] = t
        return t
    }

    /// What a page needs of this request. Error pages pass `withSession: false`: they render outside the
    /// session middleware (an unknown path never reaches it), where touching the session would trap.
    func pageContext(withSession: Bool = true) -> PageContext {
        let user = auth.get(User.self)
        return PageContext(language: language, timeZone: application.fleetConfiguration.timeZone, userName: user?.name,
                           role: user?.userRole, csrfToken: withSession ? csrfToken : "", currentPath: url.path,
                           companyName: application.fleetConfiguration.companyName, unread: storage[UnreadNoticesKey.self])
    }
}

/// Refuses a form post whose `_csrf` field does not match the session's token.
struct CSRFMiddleware: AsyncMiddleware {
    struct Token: Content { let _csrf: String? }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.method == .POST {
            // A browser streams a form of more than a few kilobytes (a drawn signature, a long description): the body
            // is still arriving when middleware runs, and is collected only before the route's handler. Collected
            // here first, within the route's limit, so the token is read from the whole form.
            if request.body.data == nil {
                _ = try await request.body.collect(max: request.application.routes.defaultMaxBodySize.value).get()
            }
            // Read with the plain form decoder, so that a form refused for its content (NUL in a field) is
            // still checked for its token first and then answered with that reason, not as a forgery.
            let sent = if request.headers.contentType == .urlEncodedForm, let body = request.body.data {
                try? URLEncodedFormDecoder().decode(Token.self, from: String(buffer: body))._csrf
            } else {
                try? request.content.decode(Token.self)._csrf
            }
            guard let expected = request.session.data["csrf"], let sent, !sent.isEmpty,
                  sent.utf8.count == expected.utf8.count, zip(sent.utf8, expected.utf8).reduce(0, { $0 | ($1.0 ^ $1.1) }) == 0 else {
                throw APIError(.forbidden, code: "csrf", message: "the form has expired or was sent from another site; reload the page and try again")
            }
        }
        return try await next.respond(to: request)
    }
}

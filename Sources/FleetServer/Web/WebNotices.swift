import FleetCore
import Fluent
import Vapor

struct UnreadNoticesKey: StorageKey { typealias Value = Int }

/// Counts the signed-in user's unread notifications for the header of every page.
struct UnreadNotices: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.auth.has(User.self) {
            request.storage[UnreadNoticesKey.self] = try await API.NotificationsController.count(request)
        }
        return try await next.respond(to: request)
    }
}

/// The notification list: open one (it is then read), or mark them all read.
enum WebNotices {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(SiteURL.pattern(.notifications), use: list)
        routes.get(SiteURL.pattern(.openNotice(UUID())), use: open)
        routes.post(SiteURL.pattern(.readAllNotices), use: readAll)
    }

    @Sendable static func list(req: Request) async throws -> Response {
        let page = try await API.NotificationsController.list(req: req)
        return Layout.response(NoticesPage.render(.init(notices: page.items, total: page.total), req.pageContext()))
    }

    /// `GET /notifications/{id}`: marks it read and goes where it leads.
    @Sendable static func open(req: Request) async throws -> Response {
        let notice = try await API.NotificationsController.read(req: req)
        return req.redirect(to: notice.link.flatMap(WebAuth.localPath) ?? SiteURL.notifications.path)
    }

    @Sendable static func readAll(req: Request) async throws -> Response {
        _ = try await API.NotificationsController.readAll(req: req)
        return req.redirect(to: SiteURL.notifications.path)
    }
}

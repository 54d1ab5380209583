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
        routes.post(SiteURL.pattern(.noticeSettings), use: settings)
    }

    @Sendable static func list(req: Request) async throws -> Response {
        try await page(req)
    }

    static func page(_ req: Request, error: String? = nil, status: HTTPResponseStatus = .ok) async throws -> Response {
        let list = try await API.NotificationsController.list(req: req)
        let viewer = try req.viewer
        var model = NoticesPage.Model(notices: list.items, total: list.total, phone: viewer.user.phone, notifySMS: viewer.user.notifySMS,
                                      notifyEmail: viewer.user.notifyEmail, email: viewer.user.email, error: error)
        if viewer.role == .admin {
            let failed = try await Delivery.query(on: req.db).filter(\.$status == DeliveryStatus.failed.rawValue)
                .sort(\.$createdAt, .descending).limit(50).all()
            model.failed = failed.map(API.NotificationsController.DeliveryDTO.init)
        }
        return Layout.response(NoticesPage.render(model, req.pageContext()), status: status)
    }

    /// `POST /notifications/settings`: the user's mobile and whether to be texted.
    @Sendable static func settings(req: Request) async throws -> Response {
        let user = try req.viewer.user
        let form = try req.content.decode([String: String].self)
        do {
            try await API.AuthController.apply(.init(phone: form["phone"] ?? "", notifySms: form["notifySms"] == "on",
                                                     notifyEmail: form["notifyEmail"] == "on"), to: user, on: req.db)
        } catch let e as FieldError {
            return try await page(req, error: e.message, status: .unprocessableEntity)
        }
        return req.redirect(to: SiteURL.notifications.path)
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

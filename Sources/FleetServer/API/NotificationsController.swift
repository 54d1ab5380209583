import FleetCore
import Fluent
import Vapor

/// A line of the signed-in user's notification list, in both languages.
struct NoticeDTO: Content {
    let id: UUID
    let kind: String
    let textFa: String
    let textEn: String
    let link: String?
    let createdAt: Date
    let readAt: Date?

    init(_ n: Notice) {
        id = n.id!
        kind = n.kind
        textFa = n.textFa
        textEn = n.textEn
        link = n.link
        createdAt = n.createdAt
        readAt = n.readAt
    }
}

extension API {
    enum NotificationsController {
        struct Unread: Content { let unread: Int }

        /// `GET /api/v1/notifications?unread=true`: the signed-in user's own, newest first.
        @Sendable static func list(req: Request) async throws -> Page<NoticeDTO> {
            let user = try req.viewer.user
            let query = Notice.query(on: req.db).filter(\.$userID == user.id!).sort(\.$createdAt, .descending)
            if let flag = req.query[String.self, at: "unread"], DeviceFieldRules.flag(flag) == true { query.filter(\.$readAt == nil) }
            let (items, total) = try await query.page(try Paging(req))
            return Page(items: items.map(NoticeDTO.init), total: total)
        }

        /// `GET /api/v1/notifications/unread`: how many the header shows.
        @Sendable static func unread(req: Request) async throws -> Unread {
            Unread(unread: try await count(req))
        }

        /// `POST /api/v1/notifications/{id}/read`: another user's notice is a 404.
        @Sendable static func read(req: Request) async throws -> NoticeDTO {
            let notice = try await find(req)
            if notice.readAt == nil {
                notice.readAt = Date()
                try await notice.save(on: req.db)
            }
            return NoticeDTO(notice)
        }

        /// `POST /api/v1/notifications/read-all`
        @Sendable static func readAll(req: Request) async throws -> Unread {
            let user = try req.viewer.user
            try await Notice.query(on: req.db).filter(\.$userID == user.id!).filter(\.$readAt == nil).set(\.$readAt, to: Date()).update()
            return Unread(unread: 0)
        }

        struct DeliveryDTO: Content {
            let id: UUID
            let userId: UUID
            let channel: String
            let address: String
            let status: String
            let attempts: Int
            let nextAttemptAt: Date
            let lastError: String?
            let createdAt: Date
            let sentAt: Date?

            init(_ d: Delivery) {
                (id, userId, channel, address, status) = (d.id!, d.userID, d.channel, d.address, d.status)
                (attempts, nextAttemptAt, lastError, createdAt, sentAt) = (d.attempts, d.nextAttemptAt, d.lastError, d.createdAt, d.sentAt)
            }
        }

        /// `GET /api/v1/deliveries?status=failed` (admin): the messages sent, waiting, or given up on, newest first.
        @Sendable static func deliveries(req: Request) async throws -> Page<DeliveryDTO> {
            try req.viewer.require(.admin)
            let query = Delivery.query(on: req.db).sort(\.$createdAt, .descending)
            if let s = req.query[String.self, at: "status"], !s.isEmpty {
                guard DeliveryStatus(rawValue: s) != nil else {
                    throw APIError(.unprocessableEntity, code: "invalid_query", message: "status must be pending, sent or failed", field: "status")
                }
                query.filter(\.$status == s)
            }
            let (items, total) = try await query.page(try Paging(req))
            return Page(items: items.map(DeliveryDTO.init), total: total)
        }

        static func count(_ req: Request) async throws -> Int {
            try await Notice.query(on: req.db).filter(\.$userID == (try req.viewer.user.id!)).filter(\.$readAt == nil).count()
        }

        static func find(_ req: Request) async throws -> Notice {
            guard let n = try await Notice.find(try req.id("noticeID", "notification"), on: req.db),
                  n.userID == (try req.viewer.user.id) else { throw APIError.notFound("notification") }
            return n
        }
    }
}

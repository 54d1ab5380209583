import Fluent
import Vapor

/// One line in a user's notification list.
final class Notice: Model, @unchecked Sendable {
    static let schema = "notifications"

    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "text_fa") var textFa: String
    @Field(key: "text_en") var textEn: String
    @OptionalField(key: "link") var link: String?
    /// What a reminder was about (`pm:ID`, `contract:ID:60`), so each is given once.
    @OptionalField(key: "subject") var subject: String?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "read_at") var readAt: Date?

    init() {}
}

/// What a notification is about.
enum NoticeKind: String, Codable, CaseIterable, Sendable {
    case ticketStage, reportAwaitingApproval, reportDisputed, consumptionReport, labelReport
    case lowToner, pmTomorrow, contractEnding, warrantyEnding
}

/// A message to send outside the app (SMS or e-mail), tried until sent or given up on.
final class Delivery: Model, @unchecked Sendable {
    static let schema = "deliveries"

    @ID(key: .id) var id: UUID?
    @Field(key: "notice_id") var noticeID: UUID
    @Field(key: "user_id") var userID: UUID
    @Field(key: "channel") var channel: String
    @Field(key: "address") var address: String
    @Field(key: "body") var body: String
    @Field(key: "status") var status: String
    @Field(key: "attempts") var attempts: Int
    @Field(key: "next_attempt_at") var nextAttemptAt: Date
    @OptionalField(key: "last_error") var lastError: String?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "sent_at") var sentAt: Date?

    init() {}
}

enum DeliveryStatus: String, Codable, Sendable { case pending, sent, failed }
enum DeliveryChannel: String, Codable, Sendable { case sms, email }

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
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "read_at") var readAt: Date?

    init() {}
}

/// What a notification is about.
enum NoticeKind: String, Codable, CaseIterable, Sendable {
    case ticketStage, reportAwaitingApproval, reportDisputed, consumptionReport, labelReport
}

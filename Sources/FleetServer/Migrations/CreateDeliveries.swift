import Fluent
import SQLKit

/// Where a user wants to be told besides the app, and the outbox of messages to send there: each tried again
/// later when it fails, and kept (with the last error) for admins when it finally cannot be sent.
struct CreateDeliveries: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column a statement: SQLite adds a single column per ALTER TABLE.
        try await database.schema("users").field("phone", .string).update()
        try await database.schema("users").field("notify_sms", .bool, .required, .sql(.default(false))).update()
        try await database.schema("users").field("notify_email", .bool, .required, .sql(.default(false))).update()
        try await database.schema("deliveries")
            .id()
            .field("notice_id", .uuid, .required, .references("notifications", "id", onDelete: .cascade))
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("channel", .string, .required)
            .field("address", .string, .required)
            .field("body", .string, .required)
            .field("status", .string, .required)
            .field("attempts", .int, .required)
            .field("next_attempt_at", .datetime, .required)
            .field("last_error", .string)
            .field("created_at", .datetime, .required)
            .field("sent_at", .datetime)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "deliveries_due").on("deliveries").column("status").column("next_attempt_at").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("deliveries").delete()
        for name in ["phone", "notify_sms", "notify_email"] {
            try await database.schema("users").deleteField(FieldKey(stringLiteral: name)).update()
        }
    }
}

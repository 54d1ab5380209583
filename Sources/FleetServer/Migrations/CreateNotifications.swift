import Fluent
import SQLKit

/// What each user is told in the app: a line in Persian and in English, and where it leads.
struct CreateNotifications: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("notifications")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("text_fa", .string, .required)
            .field("text_en", .string, .required)
            .field("link", .string)
            .field("subject", .string)
            .field("created_at", .datetime, .required)
            .field("read_at", .datetime)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "notifications_user").on("notifications").column("user_id").column("created_at").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("notifications").delete()
    }
}

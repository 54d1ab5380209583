import Fluent
import SQLKit

/// The audit log: who changed which contract, device, ticket, visit, invoice or user, when, and how.
struct CreateAuditLog: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("audit_log")
            .id()
            .field("at", .datetime, .required)
            .field("actor_id", .uuid)
            .field("actor", .string, .required)
            .field("address", .string)
            .field("action", .string, .required)
            .field("entity", .string, .required)
            .field("entity_id", .uuid, .required)
            .field("record", .string, .required)
            .field("record_id", .uuid, .required)
            .field("changes", .string, .required)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "audit_log_at").on("audit_log").column("at").run()
            try await sql.create(index: "audit_log_entity").on("audit_log").column("entity_id").column("at").run()
            try await sql.create(index: "audit_log_actor").on("audit_log").column("actor_id").column("at").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("audit_log").delete()
    }
}

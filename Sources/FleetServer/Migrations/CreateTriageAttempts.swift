import Fluent
import SQLKit

/// Each attempt at fixing a call before anyone travels: by phone or remote desktop, what was tried, how long.
struct CreateTriageAttempts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(TriageAttempt.schema)
            .id()
            .field("ticket_id", .uuid, .required, .references("tickets", "id", onDelete: .cascade))
            .field("at", .datetime, .required)
            .field("method", .string, .required)
            .field("tried", .string, .required)
            .field("minutes", .int, .required)
            .field("by_name", .string)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "triage_attempts_ticket").on(TriageAttempt.schema).column("ticket_id").column("at").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(TriageAttempt.schema).delete()
    }
}

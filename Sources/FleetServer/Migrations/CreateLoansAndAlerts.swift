import Fluent
import SQLKit

struct CreateLoansAndAlerts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("loans")
            .id()
            .field("loaner_device_id", .uuid, .required, .references("devices", "id", onDelete: .restrict))
            .field("for_device_id", .uuid, .required, .references("devices", "id", onDelete: .restrict))
            .field("customer_id", .uuid)
            .field("lent_on", .string, .required)
            .field("due_on", .string, .required)
            .field("charge", .string, .required)
            .field("charge_reason", .string, .required)
            .field("returned_at", .datetime)
            .field("closing_total_pages", .int64)
            .create()
        try await database.schema("alerts")
            .id()
            .field("kind", .string, .required)
            .field("device_id", .uuid)
            .field("customer_id", .uuid)
            .field("message", .string, .required)
            .field("proposal", .json)
            .field("status", .string, .required)
            .field("created_at", .datetime, .required)
            .field("closed_at", .datetime)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "loans_loaner").on("loans").column("loaner_device_id").run()
            try await sql.create(index: "alerts_customer_status").on("alerts").column("customer_id").column("status").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("alerts").delete()
        try await database.schema("loans").delete()
    }
}

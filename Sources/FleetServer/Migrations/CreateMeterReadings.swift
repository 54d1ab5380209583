import Fluent
import SQLKit

/// Meter readings, the site agents' tokens, a record of scheduled jobs, and alerts that name what they are about.
struct CreateMeterReadings: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("meter_readings")
            .id()
            .field("device_id", .uuid, .required, .references("devices", "id", onDelete: .restrict))
            .field("customer_id", .uuid)
            .field("taken_at", .datetime, .required)
            .field("source", .string, .required)
            .field("total_pages", .int64, .required)
            .field("mono_pages", .int64)
            .field("color_pages", .int64)
            .field("counter_reset", .bool, .required)
            .field("supplies", .array(of: .json), .required)
            .field("address", .string)
            .field("sys_location", .string)
            .field("received_at", .datetime, .required)
            .field("agent_token_id", .uuid)
            .unique(on: "device_id", "taken_at", "source")
            .create()
        try await database.schema("agent_tokens")
            .id()
            .field("customer_id", .uuid, .required, .references("customers", "id", onDelete: .cascade))
            .field("site_id", .uuid, .required, .references("sites", "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("token_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .field("created_by_id", .uuid)
            .field("last_used_at", .datetime)
            .field("revoked_at", .datetime)
            .unique(on: "token_hash")
            .create()
        try await database.schema("job_runs")
            .field("name", .string, .identifier(auto: false))
            .field("started_at", .datetime)
            .field("finished_at", .datetime)
            .field("summary", .string)
            .create()
        try await database.schema("alerts")
            .field("subject", .string)
            .update()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "meter_readings_device_taken").on("meter_readings").column("device_id").column("taken_at").run()
            try await sql.create(index: "meter_readings_customer_taken").on("meter_readings").column("customer_id").column("taken_at").run()
            try await sql.create(index: "alerts_device_kind").on("alerts").column("device_id").column("kind").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("alerts").deleteField("subject").update()
        try await database.schema("job_runs").delete()
        try await database.schema("agent_tokens").delete()
        try await database.schema("meter_readings").delete()
    }
}

import Fluent
import SQLKit

struct CreateDevices: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("devices")
            .id()
            .field("customer_id", .uuid, .references("customers", "id", onDelete: .restrict))
            .field("site_id", .uuid, .references("sites", "id", onDelete: .restrict))
            .field("model_id", .uuid, .references("device_models", "id", onDelete: .setNull))
            .field("is_loaner", .bool, .required)
            .field("serial_number", .string, .required)
            .field("make", .string, .required)
            .field("make_key", .string, .required)
            .field("model", .string, .required)
            .field("color", .bool, .required)
            .field("status", .string, .required)
            .field("asset_tag", .string)
            .field("floor", .string)
            .field("room", .string)
            .field("department", .string)
            .field("user_name", .string)
            .field("user_email", .string)
            .field("user_department", .string)
            .field("ip_address", .string)
            .field("snmp_port", .int, .required)
            .field("snmp_community", .string, .required)
            .field("temperature_c", .double)
            .field("humidity_percent", .double)
            .field("dust", .string)
            .field("power_protection", .string)
            .field("condition_notes", .string)
            .field("installed_on", .string)
            .field("purchase_price_rials", .int64)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "make_key", "serial_number")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "devices_customer_site").on("devices").column("customer_id").column("site_id").run()
            try await sql.create(index: "devices_department").on("devices").column("department").run()
        }
        try await database.schema("device_events")
            .id()
            .field("device_id", .uuid, .required, .references("devices", "id", onDelete: .cascade))
            .field("at", .datetime, .required)
            .field("kind", .string, .required)
            .field("summary", .string, .required)
            .field("details", .string)
            .field("actor_id", .uuid)
            .field("actor_name", .string)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "device_events_device_at").on("device_events").column("device_id").column("at").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("device_events").delete()
        try await database.schema("devices").delete()
    }
}

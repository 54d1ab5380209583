import Fluent
import SQLKit

/// The links printed on device labels, and the fault reports people send through them. A label's token is
/// kept as it is (a label must be printable again); it opens only the device's fault form, and a revoked one
/// stays in the table so its reports keep their source.
struct CreateDeviceLabels: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("device_labels")
            .id()
            .field("device_id", .uuid, .required, .references("devices", "id", onDelete: .cascade))
            .field("token", .string, .required)
            .field("created_at", .datetime, .required)
            .field("revoked_at", .datetime)
            .unique(on: "token")
            .create()
        try await database.schema("fault_reports")
            .id()
            .field("device_id", .uuid, .required, .references("devices", "id", onDelete: .cascade))
            .field("label_id", .uuid, .required, .references("device_labels", "id", onDelete: .cascade))
            .field("ticket_id", .uuid, .required, .references("tickets", "id", onDelete: .cascade))
            .field("address", .string, .required)
            .field("reporter_name", .string, .required)
            .field("reporter_phone", .string, .required)
            .field("symptom", .string)
            .field("description", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        if let sql = database as? any SQLDatabase {
            // One live label per device, even when two sheets are printed at the same moment.
            try await sql.raw("CREATE UNIQUE INDEX device_labels_live ON device_labels (device_id) WHERE revoked_at IS NULL").run()
            try await sql.create(index: "fault_reports_device").on("fault_reports").column("device_id").column("created_at").run()
            try await sql.create(index: "fault_reports_address").on("fault_reports").column("address").column("created_at").run()
            try await sql.create(index: "fault_reports_ticket").on("fault_reports").column("ticket_id").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("fault_reports").delete()
        try await database.schema("device_labels").delete()
    }
}

import Fluent
import SQLKit

/// Each machine of a PM visit as the technician records it: serviced (with its counter and checklist) or
/// passed over with the reason, so that a visit to hundreds of machines is saved as it goes, over several days.
struct CreateVisitDevices: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(VisitDevice.schema)
            .id()
            .field("visit_id", .uuid, .required, .references("visits", "id", onDelete: .cascade))
            .field("device_id", .uuid, .required, .references("devices", "id", onDelete: .cascade))
            .field("outcome", .string, .required)
            .field("skip_reason", .string)
            .field("note", .string)
            .field("checklist", .array(of: .string))
            .field("total_pages", .int64)
            .field("recorded_at", .datetime, .required)
            .field("recorded_by", .string)
            .unique(on: "visit_id", "device_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(VisitDevice.schema).delete()
    }
}

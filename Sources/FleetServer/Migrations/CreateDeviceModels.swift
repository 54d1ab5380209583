import Fluent

struct CreateDeviceModels: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("device_models")
            .id()
            .field("make", .string, .required)
            .field("model", .string, .required)
            .field("kind", .string, .required)
            .field("color", .bool, .required)
            .field("monthly_duty_pages", .int)
            .field("pages_per_minute", .int)
            .unique(on: "make", "model")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("device_models").delete()
    }
}

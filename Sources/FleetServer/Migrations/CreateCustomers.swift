import Fluent

struct CreateCustomers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("customers")
            .id()
            .field("name", .string, .required)
            .field("phone", .string)
            .field("address", .string)
            .field("created_at", .datetime)
            .unique(on: "name")
            .create()
        try await database.schema("sites")
            .id()
            .field("customer_id", .uuid, .required, .references("customers", "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("address", .string)
            .unique(on: "customer_id", "name")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sites").delete()
        try await database.schema("customers").delete()
    }
}

import Fluent
import SQLKit

/// Reports issued on an event (the consumption report on a contract period's second PM visit), kept with
/// the period they cover and their totals as they were.
struct CreateIssuedReports: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("issued_reports")
            .id()
            .field("kind", .string, .required)
            .field("customer_id", .uuid, .required, .references("customers", "id", onDelete: .restrict))
            .field("contract_id", .uuid, .references("contracts", "id", onDelete: .restrict))
            .field("visit_id", .uuid)
            .field("period_from", .string, .required)
            .field("period_to", .string, .required)
            .field("issued_at", .datetime, .required)
            .field("totals", .json, .required)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "issued_reports_customer").on("issued_reports").column("customer_id").column("issued_at").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("issued_reports").delete()
    }
}

import Fluent
import SQLKit

/// Invoices and credit notes with their lines, the one counter that numbers them without gaps, and the
/// buyer's identifiers the official form prints.
struct CreateInvoices: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds columns one at a time.
        for column in ["national_id", "economic_code", "postal_code"] {
            try await database.schema("customers").field(.string(column), .string).update()
        }
        try await database.schema("invoices")
            .id()
            .field("number", .int)
            .field("kind", .string, .required)
            .field("status", .string, .required)
            .field("contract_id", .uuid, .required, .references("contracts", "id", onDelete: .restrict))
            .field("customer_id", .uuid, .required, .references("customers", "id", onDelete: .restrict))
            .field("period_from", .string, .required)
            .field("period_to", .string, .required)
            .field("plan_name_fa", .string, .required)
            .field("plan_name_en", .string, .required)
            .field("device_months", .double, .required)
            .field("included_pages", .int64, .required)
            .field("subtotal_rials", .int64, .required)
            .field("vat_percent", .double, .required)
            .field("vat_rials", .int64, .required)
            .field("total_rials", .int64, .required)
            .field("work_report_ids", .array(of: .uuid), .required)
            .field("seller", .json)
            .field("buyer", .json)
            .field("credits_invoice_id", .uuid, .references("invoices", "id", onDelete: .restrict))
            .field("credited_by_id", .uuid)
            .field("reason", .string)
            .field("created_at", .datetime, .required)
            .field("issued_at", .datetime)
            .field("issued_by_name", .string)
            .unique(on: "number")
            .create()
        try await database.schema("invoice_lines")
            .id()
            .field("invoice_id", .uuid, .required, .references("invoices", "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("kind", .string, .required)
            .field("description", .string, .required)
            .field("description_fa", .string, .required)
            .field("quantity", .double, .required)
            .field("unit_rials", .int64, .required)
            .field("amount_rials", .int64, .required)
            .field("device_id", .uuid)
            .field("visit_id", .uuid)
            .create()
        try await database.schema("invoice_counters")
            .field("series", .string, .identifier(auto: false))
            .field("last_number", .int, .required)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.insert(into: "invoice_counters").columns("series", "last_number").values(SQLBind("invoice"), SQLBind(0)).run()
        try await sql.create(index: "invoices_contract").on("invoices").column("contract_id").column("period_from").run()
        try await sql.create(index: "invoices_customer").on("invoices").column("customer_id").run()
        try await sql.create(index: "invoice_lines_invoice").on("invoice_lines").column("invoice_id").column("position").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("invoice_counters").delete()
        try await database.schema("invoice_lines").delete()
        try await database.schema("invoices").delete()
        for column in ["postal_code", "economic_code", "national_id"] {
            try await database.schema("customers").deleteField(.string(column)).update()
        }
    }
}

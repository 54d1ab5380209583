import Fluent

/// The work reports of an invoice's period that the client had not approved when it was drafted: listed apart,
/// not attached. Invoices drafted before attached every report of the period and list none apart.
struct UpdateInvoicesAddPendingReports: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Invoice.schema).field("pending_report_ids", .array(of: .uuid)).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Invoice.schema).deleteField("pending_report_ids").update()
    }
}

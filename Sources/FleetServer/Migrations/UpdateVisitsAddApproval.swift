import Fluent

/// The client's review of a work report: approved, or disputed with a comment (which reopens the call).
/// Visits completed before this have no review state: they were signed on paper at the time, and are not
/// put to clients as "awaiting approval" years later.
struct UpdateVisitsAddApproval: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column a statement: SQLite adds a single column per ALTER TABLE.
        for (name, type) in [("approval", DatabaseSchema.DataType.string), ("approval_at", .datetime), ("approval_by", .uuid),
                             ("approval_comment", .string)] {
            try await database.schema("visits").field(FieldKey(stringLiteral: name), type).update()
        }
    }

    func revert(on database: any Database) async throws {
        for name in ["approval", "approval_at", "approval_by", "approval_comment"] {
            try await database.schema("visits").deleteField(FieldKey(stringLiteral: name)).update()
        }
    }
}

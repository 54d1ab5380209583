import Fluent
import SQLKit

/// Who called and how urgent it is: the caller's name and phone (to call back during remote triage) and the
/// ticket's priority; and the coverage decision's reason as a value (`CoverageReason`, a code and its parameters),
/// which the pages render in the reader's language. Tickets opened before this have no caller, the normal
/// priority, and only their English coverage sentence.
struct UpdateTicketsAddCallerAndCoverage: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column a statement: SQLite adds a single column per ALTER TABLE.
        try await database.schema("tickets").field("caller_name", .string).update()
        try await database.schema("tickets").field("caller_phone", .string).update()
        try await database.schema("tickets").field("coverage_why", .json).update()
        try await database.schema("tickets")
            .field("priority", .string, .required, .sql(.default(SQLLiteral.string(TicketPriority.normal.rawValue)))).update()
    }

    func revert(on database: any Database) async throws {
        for name in ["caller_name", "caller_phone", "priority", "coverage_why"] {
            try await database.schema("tickets").deleteField(FieldKey(stringLiteral: name)).update()
        }
    }
}

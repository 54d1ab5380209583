import Fluent
import SQLKit

/// The browsers that signed in to an account before, and which browser each sign-in attempt came from.
struct CreateKnownBrowsers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(KnownBrowser.schema)
            .id()
            .field("email", .string, .required)
            .field("token_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "token_hash", "email")
            .create()
        try await database.schema("login_attempts").field("browser", .string).update()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "login_attempts_browser").on("login_attempts").column("email").column("browser").column("at").run()
        }
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase {
            try await sql.drop(index: "login_attempts_browser").run()
        }
        try await database.schema("login_attempts").deleteField("browser").update()
        try await database.schema(KnownBrowser.schema).delete()
    }
}

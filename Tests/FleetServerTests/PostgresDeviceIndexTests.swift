import Fluent
import SQLKit
import Testing
import Vapor
@testable import FleetServer

@Suite("Device list and search on PostgreSQL",
       .enabled(if: TestDatabase.usesPostgres, "needs FLEETCARE_TEST_POSTGRES_URL (PostgreSQL): skipped"))
struct PostgresDeviceIndexTests {
    @Test("Every column the device search looks in has a trigram index that serves the search's own condition")
    func indexesServeTheSearch() async throws {
        try await withFleetApp { app in
            let condition = TextSearch.condition("LaserJet", columns: CreateDeviceSearch.columns.map { (Device.schema, $0) })
            let plan = try await app.db.transaction { tx in
                let sql = try tx.sql
                // A test database is too small for the planner to prefer an index: forbid the scan of every row,
                // so that the plan shows whether the indexes can answer the condition at all.
                try await sql.raw("SET LOCAL enable_seqscan = off").run()
                let count = sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(Device.schema).where(condition)
                return try await sql.cells(SQLList([SQLRaw("EXPLAIN"), count.query], separator: SQLRaw(" ")))
                    .map { try $0.value("QUERY PLAN", as: String.self) }.joined(separator: "\n")
            }
            for column in CreateDeviceSearch.columns {
                #expect(plan.contains(CreateDeviceTrigramSearch.index(column)), "\(column) is not searched by index:\n\(plan)")
            }
            #expect(!plan.contains("Seq Scan"), "\(plan)")
        }
    }

    @Test("The device list's count of the fleet is read from the status index, not from every device's row")
    func countFromStatusIndex() async throws {
        try await withFleetApp { app in
            let plan = try await app.db.transaction { tx in
                let sql = try tx.sql
                try await sql.raw("SET LOCAL enable_seqscan = off").run()
                // A bitmap scan still visits the rows; on a vacuumed table the planner takes the index alone.
                try await sql.raw("SET LOCAL enable_bitmapscan = off").run()
                return try await sql.cells(SQLRaw("EXPLAIN SELECT COUNT(*) FROM devices WHERE status <> 'retired'"))
                    .map { try $0.value("QUERY PLAN", as: String.self) }.joined(separator: "\n")
            }
            #expect(plan.contains("Index Only Scan using \(CreateDeviceStatusIndex.index)"), "\(plan)")
        }
    }

    @Test("Where pg_trgm cannot be created, the migrations still finish and the search still finds devices, unindexed")
    func searchWithoutTrigram() async throws {
        let base = TestDatabase.postgresURL!
        let suffix = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        let role = "fc_plain_\(suffix)", name = "fc_test_\(suffix)"
        // A database the role may fill but not add extensions to: it is neither the owner nor allowed CREATE on it.
        try await PostgresAdmin.run(base, "CREATE ROLE \(role) LOGIN PASSWORD 'plain-role-password'")
        try await PostgresAdmin.run(base, "CREATE DATABASE \(name)")
        var components = URLComponents(string: base)!
        components.path = "/\(name)"
        try await PostgresAdmin.run(components.string!, "GRANT ALL ON SCHEMA public TO \(role)")
        components.user = role
        components.password = "plain-role-password"
        let app = try await Application.make(.testing)
        do {
            try await configure(app, .testing(storage: .postgres(url: components.string!)))
            let sql = try app.db.sql
            let extensions = try await sql.cells(SQLRaw("SELECT COUNT(*) AS n FROM pg_extension WHERE extname = 'pg_trgm'"))
            #expect(try extensions.first?.value("n", as: Int.self) == 0, "the role could create pg_trgm: the test proves nothing")
            let indexes = try await sql.cells(SQLRaw("SELECT COUNT(*) AS n FROM pg_indexes WHERE indexname LIKE 'devices_trgm_%'"))
            #expect(try indexes.first?.value("n", as: Int.self) == 0)
            let f = try await Fixture.make(app)
            _ = try await f.device(serial: "TRGM-FALLBACK-1")
            let found = try await f.admin.get("/api/v1/devices?q=fallback").items.compactMap { $0["serialNumber"] as? String }
            #expect(found == ["TRGM-FALLBACK-1"])
        } catch {
            Issue.record(error)
        }
        try await app.asyncShutdown()
        try await PostgresAdmin.run(base, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        try await PostgresAdmin.run(base, "DROP ROLE IF EXISTS \(role)")
    }
}

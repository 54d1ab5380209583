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
}

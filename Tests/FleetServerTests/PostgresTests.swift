import Fluent
import FluentPostgresDriver
import Foundation
import SQLKit
import Testing
import Vapor

@testable import FleetServer

@Suite("PostgreSQL")
struct PostgresTests {
    @Test("The suite runs on PostgreSQL when FLEETCARE_TEST_POSTGRES_URL is set",
          .enabled(if: TestDatabase.usesPostgres, "FLEETCARE_TEST_POSTGRES_URL is not set: PostgreSQL tests skipped (.ci/run sets it)"))
    func runsOnPostgres() async throws {
        try await withFleetApp { app in
            let version = try await (app.db as! any SQLDatabase).raw("SELECT version() AS v").first()?.decode(column: "v", as: String.self)
            #expect(version?.hasPrefix("PostgreSQL") == true)
            let f = try await Fixture.make(app)
            let id = try await f.device(serial: "PG-1")
            let moved = try await f.admin.patch("/api/v1/devices/\(id)", #"{"location":{"room":"9"}}"#)
            #expect(moved.status == .ok)
            #expect(try await f.admin.get("/api/v1/devices?q=pg-").items.count == 1)
            #expect(try await f.clientB.get("/api/v1/devices/\(id)").status == .notFound)
        }
    }

    @Test("Migrations revert and apply again cleanly on the configured database")
    func migrationsRoundTrip() async throws {
        try await withFleetApp { app in
            try await app.autoRevert()
            try await app.autoMigrate()
            #expect(try await DeviceModel.query(on: app.db).count() == SeedDeviceModels.catalog.count)
        }
    }
}

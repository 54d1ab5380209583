import Fluent

/// Readings keep the printer's duplex count where it has one: paper used is pages less the second sides.
struct UpdateMeterReadingsAddDuplex: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("meter_readings").field("duplex_pages", .int64).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("meter_readings").deleteField("duplex_pages").update()
    }
}

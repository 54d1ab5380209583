import Fluent

/// A part's own serial number, for the parts that carry one (boards, fusers, drums): the work report shows it
/// beside the machine it went into. Lines written before have none.
struct UpdatePartLinesAddSerial: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("part_lines").field("serial_number", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("part_lines").deleteField("serial_number").update()
    }
}

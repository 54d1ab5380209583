import Fluent
import SQLKit

/// Part lines remember the device's counter when the part was fitted, so its wear can be told in pages.
/// Lines written before this know it from the visit's own reading, or else the last reading before the visit.
struct UpdatePartLinesAddCounter: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("part_lines")
            .field("counter_at_fitting", .int64)
            .update()
        guard let sql = database as? any SQLDatabase else { return }
        try await Self.fillCounters(on: sql)
    }

    /// Gives each line without a counter the visit's reading of its device, or the last reading before the visit.
    static func fillCounters(on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            UPDATE part_lines SET counter_at_fitting = (
                SELECT r.total_pages FROM meter_readings r, visits v
                WHERE v.id = part_lines.visit_id AND r.device_id = part_lines.device_id
                  AND r.taken_at <= COALESCE(v.finished_at, v.scheduled_at)
                ORDER BY r.taken_at DESC, CASE WHEN r.source = 'visit' THEN 0 ELSE 1 END
                LIMIT 1)
            WHERE counter_at_fitting IS NULL
            """).run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("part_lines").deleteField("counter_at_fitting").update()
    }
}

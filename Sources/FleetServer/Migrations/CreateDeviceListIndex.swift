import Fluent
import SQLKit

/// The device list's order (make, model, serial number), indexed: at 50,000 devices a page is read in order
/// from the index instead of sorting the whole fleet for every page; the board finds open tickets by stage.
struct CreateDeviceListIndex: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "devices_list_order").on("devices").column("make").column("model").column("serial_number").run()
        try await sql.create(index: "devices_customer_list_order").on("devices").column("customer_id").column("make").column("model")
            .column("serial_number").run()
        // The dispatcher board asks for the open stages among every ticket ever opened.
        try await sql.create(index: "tickets_stage").on("tickets").column("stage").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.drop(index: "tickets_stage").run()
        try await sql.drop(index: "devices_customer_list_order").run()
        try await sql.drop(index: "devices_list_order").run()
    }
}

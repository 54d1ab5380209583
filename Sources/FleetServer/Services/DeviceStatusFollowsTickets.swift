import Fluent
import Foundation

/// A device is "in repair" while a call about it is open, and in service again once none is: the status follows
/// every change of a ticket made through Fluent, in the same transaction. A retired device stays retired.
struct DeviceStatusFollowsTickets: AsyncModelMiddleware {
    typealias Model = Ticket

    func create(model: Ticket, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        try await next.create(model, on: db)
        try await Self.follow(model.$device.id, on: db)
    }

    func update(model: Ticket, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        try await next.update(model, on: db)
        try await Self.follow(model.$device.id, on: db)
    }

    static func follow(_ deviceID: UUID, on db: any Database) async throws {
        guard let device = try await Device.find(deviceID, on: db), device.status != DeviceStatus.retired.rawValue else { return }
        let open = try await Ticket.query(on: db).filter(\.$device.$id == deviceID)
            .filter(\.$stage ~~ TicketStage.allCases.filter(\.isOpen).map(\.rawValue)).count()
        let status: DeviceStatus = open > 0 ? .inRepair : .active
        guard device.status != status.rawValue else { return }
        device.status = status.rawValue
        try await device.save(on: db)
    }

    static func register(on databases: Databases, id: DatabaseID) {
        databases.middleware.use(DeviceStatusFollowsTickets(), on: id)
    }
}

import FleetCore
import Fluent
import Vapor

/// Parts moved between stock locations: the warehouse and the technicians' vans.
struct StockTransfer: Content {
    let partNumber: String
    let quantity: Int
    /// Where from and where to: a location id, or a technician (their van, made on first use).
    let fromLocationId: UUID?
    let fromTechnicianId: UUID?
    let toLocationId: UUID?
    let toTechnicianId: UUID?
    /// Lets stock go below zero where the count was wrong; logged on the movement.
    let allowNegativeStock: Bool?
}

struct StockTransferDTO: Content {
    let from: StockDTO
    let to: StockDTO
}

extension API {
    enum StockTransferController {
        /// `POST /api/v1/stock/transfer` (admin, dispatcher): both levels and both movements, or nothing.
        @Sendable static func transfer(req: Request) async throws -> StockTransferDTO {
            try req.viewer.require(.admin, .dispatcher)
            return try await transfer(try req.content.decode(StockTransfer.self), req: req)
        }

        static func transfer(_ input: StockTransfer, req: Request) async throws -> StockTransferDTO {
            let viewer = try req.viewer
            try viewer.require(.admin, .dispatcher)
            guard (1...100_000).contains(input.quantity) else { throw FieldError(field: "quantity", message: "quantity is from 1 to 100000") }
            let part = try await Part.numbered(input.partNumber, on: req.db, field: "partNumber")
            let desk = ServiceDesk(db: req.db, actor: viewer.user)
            func location(_ id: UUID?, _ technician: UUID?, _ side: String) async throws -> StockLocation {
                if let id {
                    guard let l = try await StockLocation.find(id, on: req.db) else {
                        throw APIError(.unprocessableEntity, code: "unknown_location", message: "no stock location \(id)", field: "\(side)LocationId")
                    }
                    return l
                }
                guard let technician else {
                    throw FieldError(field: "\(side)LocationId", message: "say where \(side): \(side)LocationId or \(side)TechnicianId")
                }
                try await desk.requireTechnician(technician)
                return try await desk.vanLocation(for: technician)
            }
            let from = try await location(input.fromLocationId, input.fromTechnicianId, "from")
            let to = try await location(input.toLocationId, input.toTechnicianId, "to")
            guard from.id != to.id else { throw FieldError(field: "toLocationId", message: "the part is already there") }
            let source = try await StockLevel.of(part: part.id!, at: from.id!, on: req.db)
            let target = try await StockLevel.of(part: part.id!, at: to.id!, on: req.db)
            let override = input.allowNegativeStock == true
            guard source.quantity >= input.quantity || override else {
                throw APIError.conflict(code: "insufficient_stock",
                                        "\(from.name) has \(source.quantity) of \(part.partNumber), not \(input.quantity); send allowNegativeStock to move them anyway",
                                        field: "quantity")
            }
            source.quantity -= input.quantity
            target.quantity += input.quantity
            let now = Date()
            let out = StockMovement(locationID: from.id!, partID: part.id!, delta: -input.quantity, reason: "transfer to \(to.name)",
                                    override: override && source.quantity < 0, at: now, actorName: viewer.user.name)
            let into = StockMovement(locationID: to.id!, partID: part.id!, delta: input.quantity, reason: "transfer from \(from.name)",
                                     at: now, actorName: viewer.user.name)
            try await req.db.writeTransaction { tx in
                try await source.save(on: tx)
                try await target.save(on: tx)
                try await out.create(on: tx)
                try await into.create(on: tx)
            }
            return StockTransferDTO(
                from: StockDTO(locationId: from.id!, location: from.name, partNumber: part.partNumber, quantity: source.quantity),
                to: StockDTO(locationId: to.id!, location: to.name, partNumber: part.partNumber, quantity: target.quantity))
        }
    }
}

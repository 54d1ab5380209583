import FleetCore
import Fluent
import Vapor

/// An agent token as listed; the secret itself is shown once, when it is created.
struct AgentTokenDTO: Content {
    let id: UUID
    let name: String
    let customerId: UUID
    let siteId: UUID
    let createdAt: Date
    let lastUsedAt: Date?
    let revokedAt: Date?
    /// Only in the answer to the creation.
    let token: String?

    init(_ t: AgentToken, token: String? = nil) {
        id = t.id!
        name = t.name
        customerId = t.customerID
        siteId = t.siteID
        createdAt = t.createdAt
        lastUsedAt = t.lastUsedAt
        revokedAt = t.revokedAt
        self.token = token
    }
}

struct AgentTokenInput: Content {
    var name: String?
}

extension API {
    /// Meter readings, and the tokens of the collector agents that push them.
    enum MetersController {
        /// `POST /api/v1/readings`: staff (admin, dispatcher, technician) or a site's collector agent.
        @Sendable static func record(req: Request) async throws -> ReadingBatchResult {
            let sender: ReadingSender
            if let agent = req.auth.get(AgentPrincipal.self) {
                sender = .agent(agent.token)
            } else if let user = req.auth.get(User.self) {
                try Viewer(user).require(.admin, .dispatcher, .technician)
                sender = .staff(user)
            } else {
                throw APIError(.unauthorized, code: "unauthorized", message: "sign in first: send Authorization: Bearer <token>")
            }
            // The usual body read straight from its bytes; anything else, and every error, through the JSON decoder.
            let fast = req.headers.contentType == .json ? req.body.data.flatMap(ReadingBatchJSON.parse) : nil
            let batch = try fast ?? req.content.decode(ReadingBatch.self)
            guard !batch.readings.isEmpty else { throw APIError.invalid(field: "readings", "send at least one reading") }
            guard batch.readings.count <= 5_000 else { throw APIError.invalid(field: "readings", "send at most 5000 readings at a time") }
            return try await ReadingBook(db: req.db, sender: sender, lowTonerPercent: req.application.fleetConfiguration.lowTonerPercent,
                                         timeZone: req.application.fleetConfiguration.timeZone)
                .record(batch.readings)
        }

        /// `GET /api/v1/devices/{id}/readings`: newest first.
        @Sendable static func deviceReadings(req: Request) async throws -> Page<ReadingSummaryDTO> {
            let device = try await DevicesController.find(req)
            let (items, total) = try await MeterReadingRecord.query(on: req.db).filter(\.$device.$id == device.id!)
                .sort(\.$takenAt, .descending).page(try Paging(req))
            return Page(items: items.map(ReadingSummaryDTO.init), total: total)
        }

        /// `POST /api/v1/sites/{siteID}/agent-tokens` (admin): the token is in this answer only.
        @Sendable static func createToken(req: Request) async throws -> Response {
            let viewer = try req.viewer
            try viewer.require(.admin)
            guard let site = try await Site.find(try req.id("siteID", "site"), on: req.db) else { throw APIError.notFound("site") }
            let input = try req.content.decode(AgentTokenInput.self)
            let name = try DeviceFieldRules.optional(input.name, field: "name") ?? "Collector at \(site.name)"
            let (token, hash) = AgentToken.issue()
            let record = AgentToken()
            record.customerID = site.$customer.id
            record.siteID = site.id!
            record.name = name
            record.tokenHash = hash
            record.createdAt = Date()
            record.createdByID = viewer.user.id
            try await record.create(on: req.db)
            return try await AgentTokenDTO(record, token: token).encodeResponse(status: .created, for: req)
        }

        /// `GET /api/v1/agent-tokens?customerId=` (admin)
        @Sendable static func tokens(req: Request) async throws -> Page<AgentTokenDTO> {
            try req.viewer.require(.admin)
            let query = AgentToken.query(on: req.db)
            if let c = try req.queryID("customerId") { query.filter(\.$customerID == c) }
            let (items, total) = try await query.sort(\.$createdAt, .descending).page(try Paging(req))
            return Page(items: items.map { AgentTokenDTO($0) }, total: total)
        }

        /// `POST /api/v1/agent-tokens/{id}/revoke` (admin): the agent's next push is refused.
        @Sendable static func revokeToken(req: Request) async throws -> AgentTokenDTO {
            try req.viewer.require(.admin)
            guard let token = try await AgentToken.find(try req.id("tokenID", "agent token"), on: req.db) else {
                throw APIError.notFound("agent token")
            }
            if token.revokedAt == nil {
                token.revokedAt = Date()
                try await token.save(on: req.db)
            }
            return AgentTokenDTO(token)
        }
    }
}

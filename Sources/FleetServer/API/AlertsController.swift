import FleetCore
import Fluent
import SQLKit
import Vapor

struct AlertDTO: Content {
    /// Stored alerts (relocations) have an id and can be confirmed or dismissed; computed ones clear themselves.
    let id: UUID?
    let kind: String
    let customerId: UUID?
    let deviceId: UUID?
    let contractId: UUID?
    let ticketId: UUID?
    let message: String
    let since: Date?
    /// For `consumptionReport`: the issued report, whose period opens it.
    var reportId: UUID? = nil
    /// What a computed alert is about, as values the pages render in the reader's language (`message` is its
    /// English sentence for the API). Stored alerts have none.
    var reason: AlertReason? = nil

    enum CodingKeys: String, CodingKey { case id, kind, customerId, deviceId, contractId, ticketId, message, since, reportId }
}

/// A computed alert's subject and numbers.
enum AlertReason: Sendable {
    case responseLate(ticket: Int)
    case contractEnds(planFa: String, planEn: String, on: CalendarDay)
    case pmDue(number: Int, on: CalendarDay)
    case warrantyEnds(part: String, partNumber: String, on: CalendarDay)
    case loanDue(on: CalendarDay)
}

extension API {
    /// Alerts: what needs someone's attention now.
    enum AlertsController {
        /// `POST /api/v1/devices/{id}/relocation-reports`: a technician found the device elsewhere.
        @Sendable static func reportRelocation(req: Request) async throws -> Response {
            let device = try await DevicesController.find(req)
            let viewer = try req.viewer
            try viewer.require(.admin, .dispatcher, .technician)
            var p = try req.content.decode(RelocationProposal.self)
            p.floor = try DeviceFieldRules.optional(p.floor, field: "floor")
            p.room = try DeviceFieldRules.optional(p.room, field: "room")
            p.department = try DeviceFieldRules.optional(p.department, field: "department")
            p.note = try DeviceFieldRules.optional(p.note, field: "note", limit: 2_000)
            p.ipAddress = try DeviceFieldRules.optional(p.ipAddress, field: "ipAddress")
            if let ip = p.ipAddress, !NetworkAddress.isValidIP(ip) { throw FieldError(field: "ipAddress", message: "\"\(ip)\" is not an IP address") }
            if let site = p.siteId {
                _ = try await DeviceRegistry(db: req.db, actor: nil).checkPlacement(customerID: device.$customer.id, siteID: site)
            }
            guard p.siteId != nil || p.floor != nil || p.room != nil || p.department != nil || p.ipAddress != nil else {
                throw FieldError(field: "room", message: "say where the device was found: site, floor, room or department")
            }
            let found = [p.floor, p.room, p.department, p.ipAddress.map { "address \($0)" }].compactMap { $0 }.joined(separator: " / ")
            let alert = Alert()
            alert.kind = "relocated"
            alert.deviceID = device.id
            alert.customerID = device.$customer.id
            alert.message = "\(device.make) \(device.model) (\(device.serialNumber)) was found at \(found)"
            alert.proposal = p
            alert.status = "open"
            alert.createdAt = Date()
            let event = DeviceEvent(deviceID: device.id!, at: alert.createdAt, .foundElsewhere(place: found, by: viewer.user.name),
                                    actor: viewer.user)
            try await req.db.writeTransaction { tx in
                try await alert.create(on: tx)
                try await event.create(on: tx)
            }
            return try await dto(alert).encodeResponse(status: .created, for: req)
        }

        /// `POST /api/v1/alerts/{id}/confirm`: for a relocation, the device record takes the reported place (a move).
        @Sendable static func confirm(req: Request) async throws -> AlertDTO {
            let (alert, viewer) = try await findOpen(req)
            if alert.kind == "relocated", let p = alert.proposal, let deviceID = alert.deviceID,
               let device = try await Device.find(deviceID, on: req.db) {
                var patch = DevicePatch()
                var loc = DevicePatch.Location()
                if let s = p.siteId { loc.siteId = .set(s) }
                if let v = p.floor { loc.floor = .set(v) }
                if let v = p.room { loc.room = .set(v) }
                if let v = p.department { loc.department = .set(v) }
                if p.siteId != nil || p.floor != nil || p.room != nil || p.department != nil { patch.location = loc }
                if let ip = p.ipAddress { patch.ipAddress = .set(ip) }
                try await DeviceRegistry(db: req.db, actor: viewer.user).update(device, with: patch)
            }
            alert.status = "confirmed"
            alert.closedAt = Date()
            try await alert.save(on: req.db)
            return dto(alert)
        }

        /// `POST /api/v1/alerts/{id}/dismiss`
        @Sendable static func dismiss(req: Request) async throws -> AlertDTO {
            let (alert, _) = try await findOpen(req)
            alert.status = "dismissed"
            alert.closedAt = Date()
            try await alert.save(on: req.db)
            return dto(alert)
        }

        static func findOpen(_ req: Request) async throws -> (Alert, Viewer) {
            let viewer = try req.viewer
            guard let alert = try await Alert.find(try req.id("alertID", "alert"), on: req.db),
                  viewer.canSee(customerID: alert.customerID) else { throw APIError.notFound("alert") }
            try viewer.require(.admin, .dispatcher)
            guard alert.status == "open" else { throw APIError.conflict(code: "alert_closed", "this alert is already \(alert.status)") }
            return (alert, viewer)
        }

        static func dto(_ a: Alert) -> AlertDTO {
            AlertDTO(id: a.id, kind: a.kind, customerId: a.customerID, deviceId: a.deviceID, contractId: nil, ticketId: nil,
                     message: a.message, since: a.createdAt,
                     reportId: a.kind == "consumptionReport" ? a.subject.flatMap(UUID.init(uuidString:)) : nil)
        }

        /// `GET /api/v1/alerts?customerId=`: open alerts, stored and computed.
        @Sendable static func list(req: Request) async throws -> Page<AlertDTO> {
            let alerts = try await open(req, scope: try req.viewer.customerScope(try req.queryID("customerId")))
            return Page(items: alerts, total: alerts.count)
        }

        /// Every open alert in the scope: stored ones, and those worked out from tickets, contracts, PM
        /// schedules, part warranties and loans as they stand now.
        static func open(_ req: Request, scope: CustomerScope) async throws -> [AlertDTO] {
            let now = Date()
            let today = ContractsController.today(req)
            var alerts: [AlertDTO] = []

            let stored = Alert.query(on: req.db).filter(\.$status == "open")
            if case let .only(id) = scope { stored.filter(\.$customerID == id) }
            alerts += try await stored.sort(\.$createdAt, .descending).all().map(dto)

            let open = TicketStage.rare(TicketStage.allCases.filter(\.isOpen), column: SQLColumn("stage"), on: try req.db.sql)
            let breached = Ticket.query(on: req.db).filter(.sql(open)).filter(.sql(Ticket.responseBreached(now: now)))
            if case let .only(id) = scope { breached.filter(\.$customerID == id) }
            alerts += try await breached.all().map {
                AlertDTO(id: nil, kind: "slaBreached", customerId: $0.customerID, deviceId: $0.$device.id, contractId: $0.contractID,
                         ticketId: $0.id, message: "ticket \($0.number) passed its response time", since: $0.slaDueAt,
                         reason: .responseLate(ticket: $0.number))
            }

            let contracts = Contract.query(on: req.db).filter(\.$status == ContractStatus.active.rawValue)
                .filter(\.$endsOn >= today.description)
            if case let .only(id) = scope { contracts.filter(\.$customer.$id == id) }
            let active = try await contracts.all()
            let endingIDs = Set(try await ContractsController.ending(contracts.copy(), today: today).all(\.$id))
            for c in active where endingIDs.contains(c.id!) {
                alerts.append(AlertDTO(id: nil, kind: "contractEnding", customerId: c.$customer.id, deviceId: nil, contractId: c.id,
                                       ticketId: nil, message: "the \(c.planNameEn) contract ends on \(c.endsOn)", since: nil,
                                       reason: CalendarDay(iso: c.endsOn).map { .contractEnds(planFa: c.planNameFa, planEn: c.planNameEn, on: $0) }))
            }
            let ids = active.compactMap(\.id)
            if !ids.isEmpty {
                let due = try await ScheduledPM.query(on: req.db).filter(\.$contract.$id ~~ ids).filter(\.$done == false)
                    .filter(\.$date >= today.description).filter(\.$date <= today.adding(days: 7).description).all()
                let byID = Dictionary(uniqueKeysWithValues: active.map { ($0.id!, $0) })
                alerts += due.map {
                    AlertDTO(id: nil, kind: "pmDue", customerId: byID[$0.$contract.id]?.$customer.id, deviceId: nil,
                             contractId: $0.$contract.id, ticketId: nil, message: "PM visit \($0.number) is due on \($0.date)", since: nil,
                             reason: CalendarDay(iso: $0.date).map { [n = $0.number] in .pmDue(number: n, on: $0) })
                }
            }

            let expiring = PartLine.query(on: req.db).filter(\.$replacedByLineID == nil)
                .filter(\.$warrantyUntil >= today.description).filter(\.$warrantyUntil <= today.adding(days: 14).description)
            let lines = try await expiring.all()
            let deviceCustomers = Dictionary(uniqueKeysWithValues: try await Device.query(on: req.db)
                .filter(\.$id ~~ Set(lines.map(\.deviceID))).all().map { ($0.id!, $0.$customer.id) })
            for l in lines {
                if case let .only(id) = scope, deviceCustomers[l.deviceID] != id { continue }
                alerts.append(AlertDTO(id: nil, kind: "warrantyExpiring", customerId: deviceCustomers[l.deviceID] ?? nil, deviceId: l.deviceID,
                                       contractId: nil, ticketId: nil,
                                       message: "the warranty of \(l.partName) (\(l.partNumber)) ends on \(l.warrantyUntil)", since: nil,
                                       reason: CalendarDay(iso: l.warrantyUntil).map { .warrantyEnds(part: l.partName, partNumber: l.partNumber, on: $0) }))
            }

            let overdue = Loan.query(on: req.db).filter(\.$returnedAt == nil).filter(\.$dueOn < today.description)
            if case let .only(id) = scope { overdue.filter(\.$customerID == id) }
            alerts += try await overdue.all().map {
                AlertDTO(id: nil, kind: "loanOverdue", customerId: $0.customerID, deviceId: $0.loanerDeviceID, contractId: nil,
                         ticketId: nil, message: "a loaner was due back on \($0.dueOn)", since: nil,
                         reason: CalendarDay(iso: $0.dueOn).map { .loanDue(on: $0) })
            }
            return alerts
        }
    }
}

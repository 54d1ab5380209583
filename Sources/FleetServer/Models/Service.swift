import FleetCore
import Fluent
import SQLKit
import Vapor

/// A part in the catalog.
final class Part: Model, @unchecked Sendable {
    static let schema = "parts"

    @ID(key: .id) var id: UUID?
    @Field(key: "part_number") var partNumber: String
    @Field(key: "name") var name: String
    @Field(key: "kind") var kind: String
    @OptionalField(key: "rated_life_pages") var ratedLifePages: Int?
    @Field(key: "price_rials") var priceRials: Int
    /// Model names this part fits, as the catalog of device models spells them.
    @Field(key: "compatible_models") var compatibleModels: [String]

    init() {}

    var partKind: PartKind { PartKind(rawValue: kind) ?? .spare }

    /// The catalog's part with this number (in any letter case), or 422 `unknown_part` naming the field.
    static func numbered(_ number: String, on db: any Database, field: String) async throws -> Part {
        guard let part = try await Part.query(on: db).filter(\.$partNumber == number.uppercased()).first() else {
            throw APIError(.unprocessableEntity, code: "unknown_part", message: "no part \(number) in the catalog", field: field)
        }
        return part
    }

    func fits(model: String) -> Bool {
        compatibleModels.isEmpty || compatibleModels.contains { $0.caseInsensitiveCompare(model) == .orderedSame }
    }
}

/// Where parts are kept: a warehouse, or a technician's van.
final class StockLocation: Model, @unchecked Sendable {
    static let schema = "stock_locations"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "kind") var kind: String
    @OptionalField(key: "technician_id") var technicianID: UUID?

    init() {}

    init(name: String, kind: String, technicianID: UUID?) {
        self.name = name
        self.kind = kind
        self.technicianID = technicianID
    }
}

/// How many of a part a location holds.
final class StockLevel: Model, @unchecked Sendable {
    static let schema = "stock_levels"

    @ID(key: .id) var id: UUID?
    @Field(key: "location_id") var locationID: UUID
    @Field(key: "part_id") var partID: UUID
    @Field(key: "quantity") var quantity: Int

    init() {}

    /// The level of a part at a location, or a new one at zero (saved by the caller with the movement).
    static func of(part partID: UUID, at locationID: UUID, on db: any Database) async throws -> StockLevel {
        if let level = try await StockLevel.query(on: db).filter(\.$locationID == locationID).filter(\.$partID == partID).first() {
            return level
        }
        let level = StockLevel()
        level.locationID = locationID
        level.partID = partID
        level.quantity = 0
        return level
    }
}

/// Every change of stock, with why; an override that took stock below zero is flagged.
final class StockMovement: Model, @unchecked Sendable {
    static let schema = "stock_movements"

    @ID(key: .id) var id: UUID?
    @Field(key: "location_id") var locationID: UUID
    @Field(key: "part_id") var partID: UUID
    @Field(key: "delta") var delta: Int
    @Field(key: "reason") var reason: String
    @OptionalField(key: "visit_id") var visitID: UUID?
    @Field(key: "override") var override: Bool
    @Field(key: "at") var at: Date
    @OptionalField(key: "actor_name") var actorName: String?

    init() {}

    init(locationID: UUID, partID: UUID, delta: Int, reason: String, override: Bool = false, visitID: UUID? = nil,
         at: Date, actorName: String?) {
        self.locationID = locationID
        self.partID = partID
        self.delta = delta
        self.reason = reason
        self.override = override
        self.visitID = visitID
        self.at = at
        self.actorName = actorName
    }
}

/// A service call about one device.
final class Ticket: Model, @unchecked Sendable {
    static let schema = "tickets"

    @ID(key: .id) var id: UUID?
    @Field(key: "number") var number: Int
    @Parent(key: "device_id") var device: Device
    @OptionalField(key: "customer_id") var customerID: UUID?
    @OptionalField(key: "contract_id") var contractID: UUID?
    @Field(key: "channel") var channel: String
    @Field(key: "description") var description: String
    @OptionalField(key: "symptom") var symptom: String?
    @Field(key: "stage") var stage: String
    @Field(key: "covered") var covered: Bool
    @Field(key: "coverage_reason") var coverageReason: String
    @Field(key: "opened_at") var openedAt: Date
    @Field(key: "sla_due_at") var slaDueAt: Date
    @Field(key: "likely_parts") var likelyParts: [LikelyPart]
    @OptionalField(key: "technician_id") var technicianID: UUID?
    @OptionalField(key: "scheduled_at") var scheduledAt: Date?
    @OptionalField(key: "remote_notes") var remoteNotes: String?
    @OptionalField(key: "responded_at") var respondedAt: Date?
    @OptionalField(key: "resolved_at") var resolvedAt: Date?
    /// Went straight to the client's resident technician (reported apart: downtime differs).
    @Field(key: "via_resident") var viaResident: Bool
    /// Who called, to call back during remote triage.
    @OptionalField(key: "caller_name") var callerName: String?
    @OptionalField(key: "caller_phone") var callerPhone: String?
    @Field(key: "priority") var priority: String
    /// `coverageReason` as a value; nil on tickets opened before it was kept.
    @OptionalField(key: "coverage_why") var coverageWhy: CoverageReason?

    init() {}

    /// The response time was missed: answered after it was due, or not answered and it has passed. The one rule
    /// behind the ticket's `slaBreached`, the dashboard's count and the board's late cards.
    static func responseBreached(respondedAt: Date?, dueAt: Date, now: Date) -> Bool { (respondedAt ?? now) > dueAt }

    /// The same rule as a condition on the tickets table.
    static func responseBreached(now: Date) -> any SQLExpression {
        // Grouped: SQLKit writes binary expressions without parentheses, and this one is joined to others by AND.
        SQLGroupExpression(SQLBinaryExpression(
            SQLGroupExpression(SQLBinaryExpression(SQLBinaryExpression(SQLColumn("responded_at"), .is, SQLLiteral.null), .and,
                                                   SQLBinaryExpression(SQLColumn("sla_due_at"), .lessThan, SQLBind(now)))),
            .or, SQLBinaryExpression(SQLColumn("responded_at"), .greaterThan, SQLColumn("sla_due_at"))))
    }
}

/// One attempt at fixing a call from the office: by phone or remote desktop, what was tried and for how long.
final class TriageAttempt: Model, @unchecked Sendable {
    static let schema = "triage_attempts"

    @ID(key: .id) var id: UUID?
    @Field(key: "ticket_id") var ticketID: UUID
    @Field(key: "at") var at: Date
    @Field(key: "method") var method: String
    @Field(key: "tried") var tried: String
    @Field(key: "minutes") var minutes: Int
    @OptionalField(key: "by_name") var byName: String?

    init() {}
}

/// How a call was worked on from the office.
enum TriageMethod: String, Codable, CaseIterable, Sendable {
    case phone, remoteDesktop
}

/// How urgent a call is, as the dispatcher judged it: urgent calls head each column of the board.
enum TicketPriority: String, Codable, CaseIterable, Sendable {
    case urgent, normal, low
}

/// The stages a ticket moves through.
enum TicketStage: String, Codable, CaseIterable, Sendable {
    case remoteTriage, awaitingDispatch, dispatched, onSite, resolved, confirmed, closed

    var isOpen: Bool { self != .resolved && self != .confirmed && self != .closed }

    /// `column IN (stages)` for stages that few tickets are in at any time (the open ones), so that the database
    /// looks them up through the stage index rather than reading every ticket ever opened.
    ///
    /// PostgreSQL's statistics see that almost every ticket is closed. SQLite's (`ANALYZE`, or `PRAGMA optimize`,
    /// which SQLite recommends running now and then) keep only an average, "20,000 tickets a stage" among 40,000
    /// in two stages, so it reckons four stages at more rows than the table and scans it all: the dispatcher board
    /// went from 465 to 166 requests a second. `likelihood` tells SQLite how rare the rows are; it changes no result.
    static func rare(_ stages: [TicketStage], column: SQLColumn, on db: any SQLDatabase) -> any SQLExpression {
        let condition = SQLBinaryExpression(column, .in, SQLBind.group(stages.map(\.rawValue)))
        guard db.dialect.name == "sqlite" else { return condition }
        return SQLFunction("likelihood", args: condition, SQLLiteral.numeric("0.01"))
    }
}

/// A technician's visit: a PM, a repair or an installation, to one or more devices.
final class Visit: Model, @unchecked Sendable {
    static let schema = "visits"

    @ID(key: .id) var id: UUID?
    @Field(key: "kind") var kind: String
    @OptionalField(key: "ticket_id") var ticketID: UUID?
    @OptionalField(key: "customer_id") var customerID: UUID?
    @Field(key: "technician_id") var technicianID: UUID
    @Field(key: "device_ids") var deviceIDs: [UUID]
    @Field(key: "scheduled_at") var scheduledAt: Date
    @Field(key: "status") var status: String
    @OptionalField(key: "started_at") var startedAt: Date?
    @OptionalField(key: "finished_at") var finishedAt: Date?
    @OptionalField(key: "findings") var findings: String?
    @OptionalField(key: "signer_name") var signerName: String?
    @OptionalField(key: "satisfaction") var satisfaction: Int?
    @OptionalField(key: "sign_comment") var signComment: String?
    /// The client's signature drawn on the technician's phone, as a PNG data URL.
    @OptionalField(key: "signature") var signature: String?
    /// The PM checklist items done, by code.
    @OptionalField(key: "checklist") var checklist: [String]?
    @OptionalField(key: "pm_schedule_id") var pmScheduleID: UUID?
    /// The client's review of the work report: `pending` once completed, then `approved` or `disputed`.
    @OptionalField(key: "approval") var approval: String?
    @OptionalField(key: "approval_at") var approvalAt: Date?
    @OptionalField(key: "approval_by") var approvalBy: UUID?
    @OptionalField(key: "approval_comment") var approvalComment: String?

    init() {}
}

/// One machine of a PM visit as recorded on site: serviced or passed over (and why), with its counter and
/// the checklist items done. A machine with no row is still to do.
final class VisitDevice: Model, @unchecked Sendable {
    static let schema = "visit_devices"

    @ID(key: .id) var id: UUID?
    @Field(key: "visit_id") var visitID: UUID
    @Field(key: "device_id") var deviceID: UUID
    @Enum(key: "outcome") var outcome: PMDeviceOutcome
    @OptionalEnum(key: "skip_reason") var skipReason: PMSkipReason?
    @OptionalField(key: "note") var note: String?
    @OptionalField(key: "checklist") var checklist: [String]?
    /// The total counter read at this machine, also stored as a `visit` reading.
    @OptionalField(key: "total_pages") var totalPages: Int64?
    @Field(key: "recorded_at") var recordedAt: Date
    @OptionalField(key: "recorded_by") var recordedBy: String?

    init() {}
}

/// A part fitted at a visit, with who pays and until when it is under warranty.
final class PartLine: Model, @unchecked Sendable {
    static let schema = "part_lines"

    @ID(key: .id) var id: UUID?
    @Field(key: "visit_id") var visitID: UUID
    @Field(key: "device_id") var deviceID: UUID
    @Field(key: "part_id") var partID: UUID
    @Field(key: "part_number") var partNumber: String
    @Field(key: "part_name") var partName: String
    @Field(key: "quantity") var quantity: Int
    @Field(key: "charge") var charge: String
    @Field(key: "charge_reason") var chargeReason: String
    @Field(key: "unit_price_rials") var unitPriceRials: Int
    @Field(key: "fitted_on") var fittedOn: String
    @Field(key: "warranty_until") var warrantyUntil: String
    /// The device's total counter when the part went in: its wear is the pages printed since.
    @OptionalField(key: "counter_at_fitting") var counterAtFitting: Int64?
    /// The part's own serial number, when it has one and the technician recorded it.
    @OptionalField(key: "serial_number") var serialNumber: String?
    /// The earlier fitting this one replaces under warranty, and the later one that replaced it.
    @OptionalField(key: "replaces_line_id") var replacesLineID: UUID?
    @OptionalField(key: "replaced_by_line_id") var replacedByLineID: UUID?

    init() {}
}

extension PartLine {
    /// The device's history entry for this fitting.
    var fitted: DeviceHistoryEvent? {
        CalendarDay(iso: warrantyUntil).map {
            .partFitted(name: partName, partNumber: partNumber, quantity: quantity, charge: charge, warrantyUntil: $0)
        }
    }
}

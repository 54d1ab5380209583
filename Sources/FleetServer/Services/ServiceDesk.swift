import FleetCore
import Fluent
import FluentSQL
import SQLKit
import Foundation
import Vapor

/// The body of `POST /api/v1/tickets`.
struct TicketInput: Content {
    let deviceId: UUID
    let channel: String
    let description: String
    let symptom: String?
    var callerName: String? = nil
    var callerPhone: String? = nil
    /// `urgent`, `normal` (when left out) or `low`.
    var priority: String? = nil
}

/// The body of `POST /api/v1/tickets/{id}/attempts`.
struct TriageAttemptInput: Content {
    /// `phone` or `remoteDesktop`.
    let method: String
    let tried: String
    let minutes: Int
}

struct TriageAttemptDTO: Content {
    let id: UUID
    let at: Date
    let method: String
    let tried: String
    let minutes: Int
    let by: String?

    init(_ a: TriageAttempt) {
        id = a.id!
        at = a.at
        method = a.method
        tried = a.tried
        minutes = a.minutes
        by = a.byName
    }
}

/// The body of `POST /api/v1/visits`.
struct VisitInput: Content {
    let kind: String
    let deviceIds: [UUID]
    let ticketId: UUID?
    let technicianId: UUID
    let scheduledAt: Date
}

/// The body of `POST /api/v1/visits/{id}/complete`.
struct VisitCompletion: Content {
    struct PartUse: Content {
        let deviceId: UUID
        let partNumber: String
        let quantity: Int
        /// The part's own serial number (a board's, a fuser's), when it has one.
        var serialNumber: String? = nil
    }

    struct SignOff: Content {
        let signerName: String
        let satisfaction: Int
        let comment: String?
        /// The signature drawn on screen, `data:image/png;base64,...`.
        let signature: String?
    }

    let startedAt: Date
    let finishedAt: Date
    let findings: String
    let partsUsed: [PartUse]
    let signOff: SignOff
    /// Lets a part come out of a van that shows none left (the count was wrong); logged.
    let allowNegativeStock: Bool?
    /// For a PM visit: the checklist items done, by code (`PMChecklist`).
    var checklist: [String]? = nil
    /// The counters read on site, one per device at most; stored as `visit` readings taken at `finishedAt`.
    var readings: [VisitReading]? = nil

    struct VisitReading: Content {
        let deviceId: UUID
        let totalPages: Int64
        let monoPages: Int64?
        let colorPages: Int64?
        /// The board was replaced on this visit and the counter started again.
        let counterReset: Bool?
    }
}

/// Tickets, dispatch, visits and their completion: the service desk's rules applied to the records.
struct ServiceDesk {
    let db: any Database
    let actor: User?
    var now = Date()
    var timeZone: TimeZone = .tehran
    /// The paper price the consumption report issued on a period's second PM visit uses.
    var paperSheetRials = AppConfiguration.defaultPaperSheetRials
    /// The warranty on parts fitted outside any contract.
    static let defaultWarrantyMonths = 3
    /// The response time promised without a contract.
    static let defaultResponseHours = 48

    init(db: any Database, actor: User?, timeZone: TimeZone = .tehran) {
        self.db = db
        self.actor = actor
        self.timeZone = timeZone
    }

    static let channels = ["phone", "portal", "label", "email", "agent"]

    // MARK: tickets

    func open(_ input: TicketInput, device: Device) async throws -> Ticket {
        guard Self.channels.contains(input.channel) else {
            throw FieldError(field: "channel", message: "channel must be one of \(Self.channels.joined(separator: ", "))")
        }
        let description = try DeviceFieldRules.required(input.description, field: "description", limit: 4_000)
        let symptom = try DeviceFieldRules.optional(input.symptom, field: "symptom")
        let callerName = try DeviceFieldRules.optional(input.callerName, field: "callerName", limit: 120)
        let callerPhone = try input.callerPhone.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
            .map { typed throws(FieldError) in try PhoneNumber(typed, field: "callerPhone").digits }
        let priority = try input.priority.flatMap { $0.isEmpty ? nil : $0 }.map { typed throws(FieldError) in
            guard let p = TicketPriority(rawValue: typed) else {
                throw FieldError(field: "priority", message: "priority must be one of urgent, normal, low")
            }
            return p
        } ?? .normal
        let today = CalendarDay(now, in: timeZone)
        let contract = try await ContractBook.activeContract(for: device.id!, on: today, db: db)
        let decision = CoverageRule.decide(.repairVisit, contract: contract.map(Self.active), on: today)
        let hours = contract?.terms.responseHours ?? Self.defaultResponseHours
        let working = WorkingHours(holidays: try await Holiday.calendar(on: db), timeZone: timeZone)

        let ticket = Ticket()
        ticket.id = UUID()
        ticket.$device.id = device.id!
        ticket.customerID = device.$customer.id
        ticket.contractID = contract?.id
        ticket.channel = input.channel
        ticket.description = description
        ticket.symptom = symptom
        ticket.callerName = callerName
        ticket.callerPhone = callerPhone
        ticket.priority = priority.rawValue
        ticket.stage = (contract?.terms.remoteSupport == true ? TicketStage.remoteTriage : .awaitingDispatch).rawValue
        ticket.covered = decision.covered
        ticket.coverageReason = decision.reason
        ticket.coverageWhy = decision.why
        ticket.openedAt = now
        ticket.slaDueAt = working.due(from: now, hours: Double(hours))
        ticket.likelyParts = try await likelyParts(for: device, symptom: symptom)
        ticket.viaResident = false
        // A client with a resident technician: the call goes straight into the resident's queue.
        var residentVisit: Visit?
        if let contract, contract.terms.residentTechnician, let resident = contract.residentTechnicianID {
            ticket.viaResident = true
            residentVisit = Self.send(resident, to: ticket, at: now)
        }
        let visit = residentVisit
        let actor = self.actor, now = self.now, deviceID = device.id!, channel = input.channel
        try await db.writeTransaction { tx in
            let last = try await Ticket.query(on: tx).max(\.$number) ?? 0
            ticket.number = last + 1
            try await ticket.create(on: tx)
            try await DeviceEvent(deviceID: deviceID, at: now, .ticketOpened(number: ticket.number, channel: channel, symptom: symptom,
                                                                             description: description), actor: actor).create(on: tx)
            try await visit?.create(on: tx)
            try await Notifier(db: tx, now: now).ticketMoved(ticket)
        }
        return ticket
    }

    static func active(_ c: Contract) -> ActiveContract {
        ActiveContract(planName: c.planNameEn, planNameFa: c.planNameFa, terms: c.terms, startsOn: c.period.startsOn, endsOn: c.period.endsOn)
    }

    /// The ranking of likely faulty parts for a device, from the repairs recorded across the fleet.
    func likelyParts(for device: Device, symptom: String?) async throws -> [LikelyPart] {
        let parts = try await Part.query(on: db).all().filter { $0.fits(model: device.model) && $0.partKind != .consumable }
        guard !parts.isEmpty else { return [] }
        let history = try await symptomHistory(symptom)
        let ownLines = try await PartLine.query(on: db).filter(\.$deviceID == device.id!).all()
        let own = ownLines.map(\.partNumber)
        let wear = try await pagesSinceFitted(device.id!, parts: parts.map(\.partNumber), lines: ownLines)
        let candidates = parts.map {
            PartCandidate(partNumber: $0.partNumber, name: $0.name, kind: $0.partKind, ratedLifePages: $0.ratedLifePages,
                          pagesSinceFitted: wear[$0.partNumber])
        }
        return LikelyPartRanking.rank(.init(model: device.model, symptom: symptom, conditions: device.conditions,
                                            candidates: candidates, fleetRepairs: history, ownReplacements: own))
    }

    /// Pages each part of a device has printed since it was fitted, from its part lines and its meter readings.
    func pagesSinceFitted(_ deviceID: UUID, parts: [String], lines: [PartLine]) async throws -> [String: Int] {
        try await pagesSinceFitted([deviceID: parts], lines: lines)[deviceID] ?? [:]
    }

    /// The same for many devices at once (a PM visit's), in one query for their readings and one for the visits
    /// that fitted the parts. `lines` are the devices' part lines.
    func pagesSinceFitted(_ parts: [UUID: [String]], lines: [PartLine]) async throws -> [UUID: [String: Int]] {
        guard let sql = db as? any SQLDatabase, !parts.isEmpty else { return [:] }
        struct Row: Decodable { let device_id: UUID; let taken_at: Date; let total_pages: Int64; let counter_reset: Bool }
        let rows = try await sql.select().columns("device_id", "taken_at", "total_pages", "counter_reset").from(MeterReadingRecord.schema)
            .where(SQLColumn("device_id"), .in, SQLBind.group(Array(parts.keys))).orderBy("taken_at").all(decoding: Row.self)
        let readings = Dictionary(grouping: rows, by: \.device_id).mapValues { rows in
            rows.map { MeterReading(takenAt: $0.taken_at, source: .snmp, totalPages: $0.total_pages, counterReset: $0.counter_reset) }
        }
        let visitIDs = Array(Set(lines.map(\.visitID)))
        let finished = visitIDs.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: try await Visit.query(on: db).filter(\.$id ~~ visitIDs).all()
            .map { ($0.id!, $0.finishedAt ?? $0.scheduledAt) })
        let fittings = Dictionary(grouping: lines, by: \.deviceID).mapValues { lines in
            lines.compactMap { l in finished[l.visitID].map { PartWear.Fitting(partNumber: l.partNumber, at: $0, counter: l.counterAtFitting) } }
        }
        var answer: [UUID: [String: Int]] = [:]
        for (id, numbers) in parts {
            guard let r = readings[id], !r.isEmpty else { continue }
            answer[id] = PartWear.pagesSinceFitted(numbers, fittings: fittings[id] ?? [], readings: r)
        }
        return answer
    }

    /// The completed repairs whose ticket reported `symptom` (in any case): the only fleet history the ranking
    /// weighs, so the rest of the fleet's repairs are never loaded. None when no symptom was given.
    func symptomHistory(_ symptom: String?) async throws -> [RepairRecord] {
        guard let symptom, !symptom.isEmpty else { return [] }
        let sameSymptom = SQLBinaryExpression(left: SQLFunction("lower", args: SQLColumn("symptom", table: Ticket.schema)),
                                              op: SQLBinaryOperator.equal, right: SQLBind(symptom.lowercased()))
        let tickets = try await Ticket.query(on: db).filter(.sql(sameSymptom)).with(\.$device).all()
        let byTicket = Dictionary(uniqueKeysWithValues: tickets.map { ($0.id!, $0) })
        var history: [RepairRecord] = []
        for chunk in Array(byTicket.keys).chunked(into: 500) {
            let visits = try await Visit.query(on: db).filter(\.$ticketID ~~ Array(chunk)).filter(\.$kind == "repair")
                .filter(\.$status == "completed").all()
            let lines = Dictionary(grouping: try await PartLine.query(on: db).filter(\.$visitID ~~ visits.compactMap(\.id)).all(),
                                   by: \.visitID)
            for v in visits {
                guard let t = v.ticketID.flatMap({ byTicket[$0] }) else { continue }
                let fitted = lines[v.id!] ?? []
                history.append(RepairRecord(model: t.device.model, symptom: t.symptom, partNumbers: fitted.map(\.partNumber),
                                            partNames: fitted.map(\.partName)))
            }
        }
        return history
    }

    /// Logs an attempt at fixing the call from the office; the call stays where it is (resolve or dispatch next).
    func logAttempt(_ ticket: Ticket, _ input: TriageAttemptInput) async throws -> TriageAttempt {
        guard ticket.stage == TicketStage.remoteTriage.rawValue || ticket.stage == TicketStage.awaitingDispatch.rawValue else {
            throw APIError.conflict(code: "wrong_stage", "a ticket in stage \(ticket.stage) is past remote triage")
        }
        guard let method = TriageMethod(rawValue: input.method) else {
            throw FieldError(field: "method", message: "method must be phone or remoteDesktop")
        }
        guard (1...600).contains(input.minutes) else {
            throw FieldError(field: "minutes", message: "minutes must be from 1 to 600")
        }
        let attempt = TriageAttempt()
        attempt.id = UUID()
        attempt.ticketID = ticket.id!
        attempt.at = now
        attempt.method = method.rawValue
        attempt.tried = try DeviceFieldRules.required(input.tried, field: "tried", limit: 2_000)
        attempt.minutes = input.minutes
        attempt.byName = actor?.name
        try await attempt.create(on: db)
        return attempt
    }

    /// Gives a dispatched call (not yet reached) to another technician or another time; its visit follows.
    func reschedule(_ ticket: Ticket, technicianID: UUID, at scheduledAt: Date) async throws {
        guard ticket.stage == TicketStage.dispatched.rawValue,
              let visit = try await Visit.query(on: db).filter(\.$ticketID == ticket.id!).filter(\.$status == "scheduled").first(),
              visit.startedAt == nil else {
            throw APIError.conflict(code: "wrong_stage", "only a dispatched call whose technician has not arrived can be rescheduled")
        }
        try await requireTechnician(technicianID)
        ticket.technicianID = technicianID
        ticket.scheduledAt = scheduledAt
        visit.technicianID = technicianID
        visit.scheduledAt = scheduledAt
        try await db.writeTransaction { tx in
            try await visit.save(on: tx)
            try await ticket.save(on: tx)
            try await Notifier(db: tx, now: now).ticketMoved(ticket)
        }
    }

    func resolveRemotely(_ ticket: Ticket, notes: String) async throws {
        guard ticket.stage == TicketStage.remoteTriage.rawValue || ticket.stage == TicketStage.awaitingDispatch.rawValue else {
            throw APIError.conflict(code: "wrong_stage", "a ticket in stage \(ticket.stage) cannot be resolved remotely")
        }
        ticket.remoteNotes = try DeviceFieldRules.required(notes, field: "notes", limit: 4_000)
        ticket.stage = TicketStage.resolved.rawValue
        ticket.respondedAt = ticket.respondedAt ?? now
        ticket.resolvedAt = now
        let event = DeviceEvent(deviceID: ticket.$device.id, at: now, .ticketResolvedRemotely(number: ticket.number), actor: actor)
        try await db.writeTransaction { tx in
            try await ticket.save(on: tx)
            try await event.create(on: tx)
            try await Notifier(db: tx, now: now).ticketMoved(ticket)
        }
    }

    /// Sends a technician: the ticket is dispatched and a repair visit is booked.
    func dispatch(_ ticket: Ticket, technicianID: UUID, at scheduledAt: Date) async throws -> Visit {
        guard ticket.stage == TicketStage.remoteTriage.rawValue || ticket.stage == TicketStage.awaitingDispatch.rawValue else {
            throw APIError.conflict(code: "wrong_stage", "a ticket in stage \(ticket.stage) cannot be dispatched")
        }
        try await requireTechnician(technicianID)
        let visit = Self.send(technicianID, to: ticket, at: scheduledAt)
        try await db.writeTransaction { tx in
            try await visit.create(on: tx)
            try await ticket.save(on: tx)
            try await Notifier(db: tx, now: now).ticketMoved(ticket)
        }
        return visit
    }

    /// Puts a ticket in a technician's hands: dispatched to them, and the repair visit (not yet saved) that books them.
    static func send(_ technicianID: UUID, to ticket: Ticket, at scheduledAt: Date) -> Visit {
        ticket.stage = TicketStage.dispatched.rawValue
        ticket.technicianID = technicianID
        ticket.scheduledAt = scheduledAt
        let visit = Visit()
        visit.id = UUID()
        visit.kind = "repair"
        visit.ticketID = ticket.id
        visit.customerID = ticket.customerID
        visit.technicianID = technicianID
        visit.deviceIDs = [ticket.$device.id]
        visit.scheduledAt = scheduledAt
        visit.status = "scheduled"
        return visit
    }

    func requireTechnician(_ id: UUID) async throws {
        guard let tech = try await User.find(id, on: db), tech.userRole == .technician else {
            throw APIError(.unprocessableEntity, code: "unknown_technician", message: "no technician has id \(id)", field: "technicianId")
        }
    }

    /// The technician has arrived: the visit's ticket is on site, and its response time is met (or not) now.
    func arrive(_ visit: Visit) async throws {
        guard visit.status == "scheduled" else { throw APIError.conflict(code: "already_completed", "this visit is already completed") }
        visit.startedAt = visit.startedAt ?? now
        let ticket = try await Ticket.find(visit.ticketID, on: db)
        try await db.writeTransaction { tx in
            try await visit.save(on: tx)
            if let ticket, ticket.stage == TicketStage.dispatched.rawValue {
                ticket.stage = TicketStage.onSite.rawValue
                ticket.respondedAt = ticket.respondedAt ?? now
                try await ticket.save(on: tx)
                try await Notifier(db: tx, now: now).ticketMoved(ticket)
            }
        }
    }

    /// The client confirms the work (or staff record that they did); then staff close the ticket.
    func advance(_ ticket: Ticket, to stage: TicketStage) async throws {
        let allowed: [TicketStage: TicketStage] = [.confirmed: .resolved, .closed: .confirmed]
        guard let from = allowed[stage], ticket.stage == from.rawValue || (stage == .closed && ticket.stage == TicketStage.resolved.rawValue) else {
            throw APIError.conflict(code: "wrong_stage", "a ticket in stage \(ticket.stage) cannot become \(stage.rawValue)")
        }
        ticket.stage = stage.rawValue
        let event = DeviceEvent(deviceID: ticket.$device.id, at: now,
                                stage == .confirmed ? .ticketConfirmed(number: ticket.number) : .ticketClosed(number: ticket.number), actor: actor)
        try await db.writeTransaction { tx in
            try await ticket.save(on: tx)
            try await event.create(on: tx)
            try await Notifier(db: tx, now: now).ticketMoved(ticket)
        }
    }
}

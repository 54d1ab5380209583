import FleetCore
import Fluent
import Foundation
import Vapor

/// Booking and completing visits.
extension ServiceDesk {
    func book(_ input: VisitInput, customerScope: UUID?) async throws -> Visit {
        guard ["pm", "repair", "install"].contains(input.kind) else {
            throw FieldError(field: "kind", message: "kind must be pm, repair or install")
        }
        guard !input.deviceIds.isEmpty else { throw FieldError(field: "deviceIds", message: "a visit is to one device or more") }
        try await requireTechnician(input.technicianId)
        let devices = try await Device.query(on: db).filter(\.$id ~~ input.deviceIds).all()
        guard devices.count == Set(input.deviceIds).count else {
            throw APIError(.unprocessableEntity, code: "unknown_device", message: "a device of the visit does not exist", field: "deviceIds")
        }
        let customers = Set(devices.map { $0.$customer.id })
        guard customers.count == 1 else {
            throw APIError(.unprocessableEntity, code: "mixed_customers", message: "a visit goes to one customer's devices", field: "deviceIds")
        }
        var ticket: Ticket?
        if let tid = input.ticketId {
            guard let t = try await Ticket.find(tid, on: db), input.deviceIds.contains(t.$device.id) else {
                throw APIError(.unprocessableEntity, code: "unknown_ticket", message: "no ticket \(tid) for these devices", field: "ticketId")
            }
            ticket = t
        }
        let visit = Visit()
        visit.id = UUID()
        visit.kind = input.kind
        visit.ticketID = ticket?.id
        visit.customerID = customers.first ?? nil
        visit.technicianID = input.technicianId
        visit.deviceIDs = input.deviceIds
        visit.scheduledAt = input.scheduledAt
        visit.status = "scheduled"
        if input.kind == "pm", let device = devices.first {
            let day = CalendarDay(input.scheduledAt, in: timeZone)
            if let contract = try await ContractBook.activeContract(for: device.id!, on: day, db: db) {
                visit.pmScheduleID = try await ScheduledPM.query(on: db).filter(\.$contract.$id == contract.id!)
                    .filter(\.$done == false).filter(\.$visitID == nil).sort(\.$date).first()?.id
            }
        }
        let t = ticket
        try await db.writeTransaction { tx in
            try await visit.create(on: tx)
            if let slot = visit.pmScheduleID, let s = try await ScheduledPM.find(slot, on: tx) {
                s.visitID = visit.id
                try await s.save(on: tx)
            }
            if let t, t.stage != TicketStage.dispatched.rawValue {
                t.stage = TicketStage.dispatched.rawValue
                t.technicianID = input.technicianId
                t.scheduledAt = input.scheduledAt
                try await t.save(on: tx)
            }
        }
        return visit
    }

    /// Completes a visit: part lines charged (warranty before contract before billable), stock taken
    /// from the technician's van, the sign-off recorded, the ticket resolved and the PM marked done.
    func complete(_ visit: Visit, _ c: VisitCompletion) async throws {
        guard visit.status == "scheduled" else { throw APIError.conflict(code: "already_completed", "this visit is already completed") }
        guard c.startedAt <= c.finishedAt else { throw FieldError(field: "finishedAt", message: "the visit finishes before it starts") }
        guard c.finishedAt <= now.addingTimeInterval(300) else { throw FieldError(field: "finishedAt", message: "the visit cannot finish in the future") }
        let signer = try DeviceFieldRules.required(c.signOff.signerName, field: "signOff.signerName")
        guard (1...5).contains(c.signOff.satisfaction) else {
            throw FieldError(field: "signOff.satisfaction", message: "satisfaction is from 1 to 5")
        }
        let findings = try DeviceFieldRules.required(c.findings, field: "findings", limit: 8_000)
        let comment = try DeviceFieldRules.optional(c.signOff.comment, field: "signOff.comment", limit: 2_000)
        if let sig = c.signOff.signature, !sig.isEmpty {
            guard sig.hasPrefix("data:image/png;base64,"), sig.count <= 400_000,
                  Data(base64Encoded: String(sig.dropFirst("data:image/png;base64,".count))) != nil else {
                throw FieldError(field: "signOff.signature", message: "the signature must be a PNG data URL under 300 KB")
            }
        }
        // A PM visit recorded machine by machine is signed off once every machine is serviced or passed over.
        let recorded = visit.kind == "pm" ? try await recorded(visit) : [:]
        if !recorded.isEmpty {
            let pending = visit.deviceIDs.filter { recorded[$0] == nil }.count
            guard pending == 0 else {
                throw APIError(.unprocessableEntity, code: "pm_devices_pending",
                               message: "\(pending) of the visit's \(visit.deviceIDs.count) machines are neither serviced nor passed over",
                               field: "devices")
            }
        }
        let day = CalendarDay(c.finishedAt, in: timeZone)
        let devices = Dictionary(uniqueKeysWithValues: try await Device.query(on: db).filter(\.$id ~~ visit.deviceIDs).all().map { ($0.id!, $0) })
        var catalogKind: [UUID: String] = [:]
        for d in devices.values {
            if let m = try await DeviceModel.find(d.$catalogModel.id, on: db) { catalogKind[d.id!] = m.kind }
        }

        var readings: [ReadingInput] = []
        for (i, r) in (c.readings ?? []).enumerated() {
            guard devices[r.deviceId] != nil else {
                throw APIError(.unprocessableEntity, code: "device_not_in_visit", message: "device \(r.deviceId) is not in this visit",
                               field: "readings.\(i).deviceId")
            }
            guard !readings.contains(where: { $0.deviceId == r.deviceId }) else {
                throw FieldError(field: "readings.\(i).deviceId", message: "one reading per device")
            }
            readings.append(ReadingInput(deviceId: r.deviceId, takenAt: c.finishedAt, source: ReadingSource.visit.rawValue,
                                         totalPages: r.totalPages, monoPages: r.monoPages, colorPages: r.colorPages,
                                         counterReset: r.counterReset))
        }

        // The counter each fitted part starts its wear from: the one read at this visit, or else the last one known.
        var counterAt: [UUID: Int64] = Dictionary(readings.map { ($0.deviceId!, $0.totalPages) }, uniquingKeysWith: { a, _ in a })
        for id in Set(c.partsUsed.map(\.deviceId)) where counterAt[id] == nil && devices[id] != nil {
            counterAt[id] = try await MeterReadingRecord.query(on: db).filter(\.$device.$id == id)
                .filter(\.$takenAt <= c.finishedAt).sort(\.$takenAt, .descending).first()?.totalPages
        }

        let fitted = try await fit(c.partsUsed, visit: visit, devices: devices, counterAt: counterAt, day: day)
        let (levels, movements) = try await takeFromVan(fitted, visit: visit, allowNegativeStock: c.allowNegativeStock == true)
        let lines = fitted.lines

        visit.status = "completed"
        visit.approval = WorkReportApproval.pending.rawValue
        visit.startedAt = c.startedAt
        visit.finishedAt = c.finishedAt
        visit.findings = findings
        visit.signerName = signer
        visit.satisfaction = c.signOff.satisfaction
        visit.signComment = comment
        visit.signature = c.signOff.signature.flatMap { $0.isEmpty ? nil : $0 }
        if let done = c.checklist {
            let known = Set(devices.values.flatMap { d in PMChecklist.items(kind: catalogKind[d.id!] ?? "mfp", color: d.color).map(\.code) })
            if let unknown = done.first(where: { !known.contains($0) }) {
                throw FieldError(field: "checklist", message: "\"\(unknown)\" is not on this visit's PM checklist")
            }
            visit.checklist = done
        } else if !recorded.isEmpty {
            visit.checklist = Array(Set(recorded.values.flatMap { $0.checklist ?? [] })).sorted()
        }
        var events = visit.deviceIDs.filter { recorded[$0]?.outcome != .skipped }.map {
            DeviceEvent(deviceID: $0, at: c.finishedAt, .visitCompleted(kind: visit.kind, findings: findings), actor: actor)
        }
        events += lines.compactMap { l in l.fitted.map { DeviceEvent(deviceID: l.deviceID, at: c.finishedAt, $0, actor: actor) } }
        let ticket = try await Ticket.find(visit.ticketID, on: db)
        let slot = try await ScheduledPM.find(visit.pmScheduleID, on: db)
        let newLines = lines, previousLines = fitted.previous, stock = levels, moves = movements, allEvents = events
        let counters = readings
        let sender: ReadingSender = actor.map { .staff($0) } ?? .collector
        let checkedAt = now
        let zone = timeZone, paper = paperSheetRials
        try await db.writeTransaction { tx in
            // The readings first: one the meter rules refuse undoes the whole completion.
            try await ReadingBook(db: tx, sender: sender, timeZone: zone).recordAll(counters, now: checkedAt) { bad in
                "readings.\(bad.index)" + (bad.field.map { ".\($0)" } ?? "")
            }
            for l in newLines { try await l.create(on: tx) }
            for p in previousLines { try await p.save(on: tx) }
            for l in stock { try await l.save(on: tx) }
            for m in moves { try await m.create(on: tx) }
            try await visit.save(on: tx)
            for e in allEvents { try await e.create(on: tx) }
            if let ticket {
                ticket.stage = TicketStage.resolved.rawValue
                ticket.respondedAt = ticket.respondedAt ?? c.startedAt
                ticket.resolvedAt = c.finishedAt
                try await ticket.save(on: tx)
                try await Notifier(db: tx, now: checkedAt).ticketMoved(ticket)
            }
            try await Notifier(db: tx, now: checkedAt).reportAwaiting(visit, ticketNumber: ticket?.number)
            if let slot {
                slot.done = true
                slot.date = day.description
                try await slot.save(on: tx)
                // The period's second PM: its consumption report is issued with the visit, or neither is.
                if slot.secondOfPeriod, let contract = try await Contract.find(slot.$contract.id, on: tx) {
                    try await ReportIssuer(db: tx, timeZone: zone, paperSheetRials: paper)
                        .issueConsumption(contract: contract, visitID: visit.id, on: day, now: checkedAt)
                }
            }
        }
    }

    /// Part lines for the parts fitted at a visit, each charged (warranty before contract before billable), and how
    /// many of each part they take. `partsUsed.N` names a refused line.
    struct Fitted {
        var lines: [PartLine] = []
        /// Earlier lines that a warranty replacement now points from.
        var previous: [PartLine] = []
        var needed: [UUID: Int] = [:]
    }

    func fit(_ uses: [VisitCompletion.PartUse], visit: Visit, devices: [UUID: Device], counterAt: [UUID: Int64],
             day: CalendarDay) async throws -> Fitted {
        var fitted = Fitted()
        for (i, use) in uses.enumerated() {
            guard let device = devices[use.deviceId] else {
                throw APIError(.unprocessableEntity, code: "device_not_in_visit", message: "device \(use.deviceId) is not in this visit",
                               field: "partsUsed.\(i).deviceId")
            }
            guard (1...100).contains(use.quantity) else {
                throw FieldError(field: "partsUsed.\(i).quantity", message: "quantity is from 1 to 100")
            }
            let part = try await Part.numbered(use.partNumber, on: db, field: "partsUsed.\(i).partNumber")
            guard part.fits(model: device.model) else {
                throw APIError(.unprocessableEntity, code: "part_does_not_fit", message: "\(part.partNumber) does not fit a \(device.model)",
                               field: "partsUsed.\(i).partNumber")
            }
            let contract = try await ContractBook.activeContract(for: device.id!, on: day, db: db)
            let previous = try await PartLine.query(on: db).filter(\.$deviceID == device.id!).filter(\.$partNumber == part.partNumber)
                .sort(\.$fittedOn, .descending).first()
            // The same part twice in one visit is two parts, not a failed repair: only an earlier visit's fitting
            // can make this line warranty.
            let fittedEarlierInVisit = fitted.lines.contains { $0.deviceID == device.id! && $0.partNumber == part.partNumber }
            let warrantied = fittedEarlierInVisit ? nil : previous
            let fitting = warrantied.map {
                PartWarranty.Fitting(partNumber: $0.partNumber, fittedOn: CalendarDay(iso: $0.fittedOn)!,
                                     warrantyUntil: CalendarDay(iso: $0.warrantyUntil)!)
            }
            let decision = PartWarranty.charge(kind: part.partKind, contract: contract.map(Self.active), on: day, previous: fitting)
            let line = PartLine()
            line.id = UUID()
            line.visitID = visit.id!
            line.deviceID = device.id!
            line.partID = part.id!
            line.partNumber = part.partNumber
            line.partName = part.name
            line.quantity = use.quantity
            line.charge = decision.charge.rawValue
            line.chargeReason = decision.reason
            line.unitPriceRials = part.priceRials
            line.fittedOn = day.description
            line.warrantyUntil = PartWarranty.until(fittedOn: day, months: contract?.terms.partWarrantyMonths ?? Self.defaultWarrantyMonths).description
            line.counterAtFitting = counterAt[device.id!]
            line.serialNumber = try DeviceFieldRules.optional(use.serialNumber, field: "partsUsed.\(i).serialNumber", limit: 64)
            if decision.charge == .warranty, let warrantied {
                line.replacesLineID = warrantied.id
                warrantied.replacedByLineID = line.id
                fitted.previous.append(warrantied)
            }
            fitted.lines.append(line)
            fitted.needed[part.id!, default: 0] += use.quantity
        }
        return fitted
    }

    /// The stock movements out of the technician's van for the parts fitted. A van that shows too few is refused
    /// (`insufficient_stock`) unless `allowNegativeStock`, and then the movement says so.
    func takeFromVan(_ fitted: Fitted, visit: Visit, allowNegativeStock: Bool) async throws -> ([StockLevel], [StockMovement]) {
        let van = try await vanLocation(for: visit.technicianID)
        var levels: [StockLevel] = []
        var movements: [StockMovement] = []
        for (partID, quantity) in fitted.needed.sorted(by: { $0.key.uuidString < $1.key.uuidString }) {
            let level = try await StockLevel.of(part: partID, at: van.id!, on: db)
            let override = level.quantity < quantity
            if override, !allowNegativeStock {
                let number = fitted.lines.first { $0.partID == partID }?.partNumber ?? ""
                throw APIError.conflict(code: "insufficient_stock",
                                        "the technician's van has \(level.quantity) of \(number), \(quantity) needed; send allowNegativeStock to record it anyway",
                                        field: "partsUsed")
            }
            level.quantity -= quantity
            levels.append(level)
            movements.append(StockMovement(
                locationID: van.id!, partID: partID, delta: -quantity,
                reason: override ? "fitted at a visit; stock went below zero by override" : "fitted at a visit",
                override: override, visitID: visit.id, at: now, actorName: actor?.name))
        }
        return (levels, movements)
    }

    /// The company's warehouse, made on first use.
    func warehouse() async throws -> StockLocation {
        if let main = try await StockLocation.query(on: db).filter(\.$kind == "warehouse").first() { return main }
        let main = StockLocation(name: "Main warehouse", kind: "warehouse", technicianID: nil)
        try await main.create(on: db)
        return main
    }

    /// Parts received into a location (the warehouse or a van), with the movement that records it.
    @discardableResult
    func receive(_ part: Part, quantity: Int, at location: StockLocation) async throws -> StockLevel {
        let level = try await StockLevel.of(part: part.id!, at: location.id!, on: db)
        level.quantity += quantity
        let m = StockMovement(locationID: location.id!, partID: part.id!, delta: quantity, reason: "received", at: now, actorName: actor?.name)
        try await db.writeTransaction { tx in
            try await level.save(on: tx)
            try await m.create(on: tx)
        }
        return level
    }

    /// A technician's van, made on first use.
    func vanLocation(for technicianID: UUID) async throws -> StockLocation {
        if let van = try await StockLocation.query(on: db).filter(\.$technicianID == technicianID).first() { return van }
        let name = try await User.find(technicianID, on: db)?.name ?? "technician"
        let van = StockLocation(name: "Van of \(name)", kind: "van", technicianID: technicianID)
        try await van.create(on: db)
        return van
    }
}

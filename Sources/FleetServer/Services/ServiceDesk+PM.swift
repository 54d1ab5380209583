import FleetCore
import Fluent
import Foundation
import SQLKit
import Vapor

/// What the technician records at one machine of a PM visit.
struct PMDeviceWork: Content {
    struct Reading: Content {
        let totalPages: Int64
        var monoPages: Int64?
        var colorPages: Int64?
        /// The board was replaced and the counter started again.
        var counterReset: Bool?
    }

    struct PartUse: Content {
        let partNumber: String
        let quantity: Int
        var serialNumber: String? = nil
    }

    let outcome: PMDeviceOutcome
    var skipReason: PMSkipReason?
    var note: String?
    var reading: Reading?
    var partsUsed: [PartUse]?
    var checklist: [String]?
    var allowNegativeStock: Bool?
}

/// A PM visit, machine by machine: each one serviced or passed over as the technician reaches it, saved as it
/// goes, and the visit signed off once none is left to do.
extension ServiceDesk {
    /// The machines of a PM visit recorded so far, by device.
    func recorded(_ visit: Visit) async throws -> [UUID: VisitDevice] {
        Dictionary(try await VisitDevice.query(on: db).filter(\.$visitID == visit.id!).all().map { ($0.deviceID, $0) },
                   uniquingKeysWith: { a, _ in a })
    }

    /// Records one machine of a PM visit: its counter as a `visit` reading, the parts fitted (charged and taken from
    /// the van as at a completion), the checklist items done; or the reason it was passed over. A machine passed
    /// over can be recorded again when the technician gets to it; a serviced one is final. All or nothing.
    @discardableResult
    func record(_ visit: Visit, deviceID: UUID, _ w: PMDeviceWork) async throws -> VisitDevice {
        guard visit.kind == "pm" else {
            throw APIError.conflict(code: "not_a_pm_visit", "only a PM visit is recorded machine by machine")
        }
        guard visit.status == "scheduled" else { throw APIError.conflict(code: "already_completed", "this visit is already completed") }
        guard visit.deviceIDs.contains(deviceID), let device = try await Device.find(deviceID, on: db) else {
            throw APIError.notFound("device")
        }
        let existing = try await VisitDevice.query(on: db).filter(\.$visitID == visit.id!).filter(\.$deviceID == deviceID).first()
        if let existing, existing.outcome == .done {
            throw APIError.conflict(code: "device_already_recorded", "this machine is already recorded as serviced on this visit")
        }
        let note = try DeviceFieldRules.optional(w.note, field: "note", limit: 2_000)
        let row = existing ?? VisitDevice()
        row.visitID = visit.id!
        row.deviceID = deviceID
        row.outcome = w.outcome
        row.note = note
        row.recordedAt = now
        row.recordedBy = actor?.name
        var reading: ReadingInput?
        var fitted = Fitted()
        var stock: ([StockLevel], [StockMovement]) = ([], [])
        var events: [DeviceEvent] = []
        switch w.outcome {
        case .skipped:
            guard let reason = w.skipReason else {
                throw FieldError(field: "skipReason", message: "say why the machine was not serviced")
            }
            if reason == .other, note == nil { throw FieldError(field: "note", message: "say what kept the machine from its PM") }
            if w.reading != nil { throw FieldError(field: "reading", message: "a machine passed over has no counter read") }
            if !(w.partsUsed ?? []).isEmpty { throw FieldError(field: "partsUsed", message: "a machine passed over has no parts fitted") }
            if !(w.checklist ?? []).isEmpty { throw FieldError(field: "checklist", message: "a machine passed over has no checklist done") }
            row.skipReason = reason
            row.checklist = nil
            row.totalPages = nil
            events.append(DeviceEvent(deviceID: deviceID, at: now, .pmSkipped(reason: reason, note: note), actor: actor))
        case .done:
            row.skipReason = nil
            let kind = try await DeviceModel.find(device.$catalogModel.id, on: db)?.kind ?? "mfp"
            let known = Set(PMChecklist.items(kind: kind, color: device.color).map(\.code))
            let done = Array(Set(w.checklist ?? [])).sorted()
            if let unknown = done.first(where: { !known.contains($0) }) {
                throw FieldError(field: "checklist", message: "\"\(unknown)\" is not on this machine's PM checklist")
            }
            row.checklist = done
            if let r = w.reading {
                reading = ReadingInput(deviceId: deviceID, takenAt: now, source: ReadingSource.visit.rawValue, totalPages: r.totalPages,
                                       monoPages: r.monoPages, colorPages: r.colorPages, counterReset: r.counterReset)
            }
            row.totalPages = w.reading?.totalPages
            let uses = (w.partsUsed ?? []).map {
                VisitCompletion.PartUse(deviceId: deviceID, partNumber: $0.partNumber, quantity: $0.quantity, serialNumber: $0.serialNumber)
            }
            if !uses.isEmpty {
                // The counter each part starts its wear from: the one read now, or else the last one known.
                var counterAt: [UUID: Int64] = [:]
                if let read = reading?.totalPages {
                    counterAt[deviceID] = read
                } else {
                    counterAt[deviceID] = try await MeterReadingRecord.query(on: db).filter(\.$device.$id == deviceID)
                        .sort(\.$takenAt, .descending).first()?.totalPages
                }
                fitted = try await fit(uses, visit: visit, devices: [deviceID: device], counterAt: counterAt, day: CalendarDay(now, in: timeZone))
                stock = try await takeFromVan(fitted, visit: visit, allowNegativeStock: w.allowNegativeStock == true)
            }
            events.append(DeviceEvent(deviceID: deviceID, at: now, .pmServiced(note: note), actor: actor))
            events += fitted.lines.compactMap { l in l.fitted.map { DeviceEvent(deviceID: l.deviceID, at: now, $0, actor: actor) } }
        }
        if visit.startedAt == nil { visit.startedAt = now }
        let counters = reading.map { [$0] } ?? []
        let sender: ReadingSender = actor.map { .staff($0) } ?? .collector
        let at = now, zone = timeZone, lines = fitted.lines, previous = fitted.previous, allEvents = events
        let (levels, movements) = stock
        try await db.writeTransaction { tx in
            try await ReadingBook(db: tx, sender: sender, timeZone: zone).recordAll(counters, now: at) { bad in
                "reading" + (bad.field.map { ".\($0)" } ?? "")
            }
            for l in lines { try await l.create(on: tx) }
            for p in previous { try await p.save(on: tx) }
            for l in levels { try await l.save(on: tx) }
            for m in movements { try await m.create(on: tx) }
            try await row.save(on: tx)
            try await visit.save(on: tx)
            for e in allEvents { try await e.create(on: tx) }
        }
        return row
    }

    /// The wear parts of each machine that have printed their rated life since they were fitted: what the PM should
    /// change. Read in one pass over the machines' part lines and readings, for a visit of hundreds.
    func wornParts(_ devices: [Device]) async throws -> [UUID: [WornPart]] {
        let wear = try await Part.query(on: db).all().filter { $0.partKind != .consumable && ($0.ratedLifePages ?? 0) > 0 }
        guard !wear.isEmpty, !devices.isEmpty else { return [:] }
        let ids = devices.compactMap(\.id)
        let lines = try await PartLine.query(on: db).filter(\.$deviceID ~~ ids).all()
        let fits = Dictionary(uniqueKeysWithValues: devices.compactMap { d in d.id.map { ($0, wear.filter { $0.fits(model: d.model) }) } })
        let used = try await pagesSinceFitted(fits.mapValues { $0.map(\.partNumber) }, lines: lines)
        var answer: [UUID: [WornPart]] = [:]
        for (id, parts) in fits {
            let worn = WornPart.flagged(parts.map { (partNumber: $0.partNumber, name: $0.name, ratedLifePages: $0.ratedLifePages) },
                                        pagesSinceFitted: used[id] ?? [:])
            if !worn.isEmpty { answer[id] = worn }
        }
        return answer
    }
}

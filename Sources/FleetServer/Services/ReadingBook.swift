import FleetCore
import Fluent
import SQLKit
import Vapor

/// One reading as the API takes it (API.md "Meters"); `address` and `sysLocation` come from SNMP.
struct ReadingInput: Content, Sendable, Equatable {
    var deviceId: UUID?
    var serialNumber: String?
    /// Narrows a serial number shared by two makes.
    var make: String?
    var takenAt: Date
    var source: String
    var totalPages: Int64
    var monoPages: Int64?
    var colorPages: Int64?
    var counterReset: Bool?
    /// Second sides of duplex sheets, where the printer counts them.
    var duplexPages: Int64?
    var supplies: [SupplyReading]?
    var address: String?
    var sysLocation: String?
}

struct ReadingBatch: Content, Equatable {
    var readings: [ReadingInput]
}

struct ReadingRejectedDTO: Content, Equatable {
    let index: Int
    let code: String
    let message: String
    let field: String?
}

/// What happened to a batch: stored, ignored as already stored, refused (by index), and what it raised.
struct ReadingBatchResult: Content, Equatable {
    var accepted = 0
    var duplicates = 0
    var rejected: [ReadingRejectedDTO] = []
    /// Relocation alerts raised.
    var relocated = 0
    /// Low-toner alerts raised.
    var lowToner = 0
}

/// Who is sending readings, which decides whose devices they may be for.
enum ReadingSender: Sendable {
    case staff(User)
    case agent(AgentToken)
    /// The server's own collector.
    case collector

    var customerID: UUID? {
        if case let .agent(t) = self { return t.customerID }
        return nil
    }
}

/// Stores meter readings after the checks of `MeterCheck`, and raises the alerts they call for.
struct ReadingBook {
    let db: any Database
    let sender: ReadingSender
    var lowTonerPercent = LowToner.defaultThresholdPercent
    /// The zone whose Solar Hijri months the monthly meter figures follow.
    var timeZone: TimeZone = .tehran

    /// Records readings that belong to a larger write (a visit, a loan's return): the first one refused
    /// throws, naming the form's field for it, so that the whole write is undone.
    func recordAll(_ inputs: [ReadingInput], now: Date, field: (ReadingRejectedDTO) -> String) async throws {
        guard !inputs.isEmpty else { return }
        if let bad = try await record(inputs, now: now).rejected.first {
            throw APIError(.unprocessableEntity, code: bad.code, message: bad.message, field: field(bad))
        }
    }

    /// Records a batch in one transaction: a reading is stored, counted as a duplicate, or refused with its index.
    /// Reads what it needs in a few queries for the whole batch, checks each reading against its neighbours in
    /// memory (the stored ones and those earlier in the batch), and writes readings, monthly figures and history
    /// in bulk: a thousand readings cost a handful of statements, not several each.
    ///
    /// On SQLite the reading and checking happen before the batch takes the single writer, which then only stores,
    /// unless `ReadingLedger` shows that a write came between that could change them: then it all happens again
    /// inside the writer. Inside an enclosing transaction, and on PostgreSQL, it all happens in the write transaction.
    func record(_ inputs: [ReadingInput], now: Date = Date()) async throws -> ReadingBatchResult {
        try await write(inputs, now: now, readAhead: try await readAhead(inputs, now: now))
    }

    /// What a batch read and checked before it took the writer, and where the ledger stood when it did.
    struct ReadAhead: Sendable {
        let mark: ReadingLedger.Mark
        let plan: Plan
    }

    /// Reads and checks a batch outside any write, on SQLite; nil inside a transaction and on PostgreSQL.
    func readAhead(_ inputs: [ReadingInput], now: Date) async throws -> ReadAhead? {
        guard !db.inTransaction, (db as? any SQLDatabase)?.dialect.name == "sqlite" else { return nil }
        return try await db.transaction { tx in
            guard let mark = try await ReadingLedger.mark(on: tx) else { return nil }
            return ReadAhead(mark: mark, plan: try await plan(inputs, now: now, on: tx, memoryAt: mark))
        }
    }

    /// Stores a batch in one write transaction: as `readAhead` planned it where nothing came between, else read again.
    func write(_ inputs: [ReadingInput], now: Date, readAhead early: ReadAhead?) async throws -> ReadingBatchResult {
        let ledger = ReadingLedger.shared
        let stored = try await db.writeTransaction({ tx in
            let mark = try await ReadingLedger.advance(on: tx)
            let plan: Plan
            if let early, let mark, ledger.unchanged(early.plan.devices, since: early.mark, upTo: mark) {
                plan = early.plan
            } else {
                // What is stored now is what stood before this batch's count.
                plan = try await self.plan(inputs, now: now, on: tx, memoryAt: mark.map { .init(ledger: $0.ledger, seq: $0.seq - 1) })
            }
            if let mark { ledger.writing(plan.devices, as: mark) }
            return (mark, plan.facts, try await store(plan, now: now, on: tx))
        }, committed: { mark, facts, _ in
            guard let mark else { return }
            ledger.committed(mark)
            ReadingMemory.shared.committed(facts, at: mark)
        })
        return stored.2
    }

    /// A batch checked against what is stored: what to write, and what it comes to.
    struct Plan: Sendable {
        var result = ReadingBatchResult()
        /// The batch's known devices: those whose stored readings its checks relied on.
        var devices: Set<UUID> = []
        var records: [ReadingRow] = []
        var months: [UUID: (customerID: UUID?, months: [String: MeterMonth])] = [:]
        var events: [DeviceEvent] = []
        /// Each device's newest reading of the batch, where it is the newest stored: what alerts look at.
        var newest: [(record: ReadingRow, previous: ReadingRow?, device: MeterDevice)] = []
        /// What the batch looked up, and its devices' newest readings once it is stored: what `ReadingMemory` learns.
        var facts = ReadingMemory.Facts()
    }

    /// Reads the batch's devices and their stored neighbours, and checks each reading in memory. What `ReadingMemory`
    /// holds where it stands at `memoryAt` (the count of what `db` sees) is not read again.
    func plan(_ inputs: [ReadingInput], now: Date, on db: any Database, memoryAt mark: ReadingLedger.Mark? = nil) async throws -> Plan {
        var plan = Plan()
        let devices: [Int: MeterDevice]
        (devices, plan.facts) = try await resolve(inputs, memoryAt: mark, on: db)
        plan.devices = Set(devices.values.compactMap(\.id))
        var context: Neighbours
        (context, plan.facts.newest) = try await Neighbours.load(for: inputs, devices: devices,
                                                                 known: ReadingMemory.shared.newest(at: mark, of: plan.devices), on: db)
        var seen = Set<BatchKey>()
        // The readings' ids from one random draw for the batch, in the order they are made.
        var ids = UUID.timeOrdered(count: inputs.count, at: now).makeIterator()
        var latest: [UUID: (record: ReadingRow, previous: ReadingRow?, device: MeterDevice)] = [:]
        for (index, input) in inputs.enumerated() {
            func refuse(_ code: String, _ message: String, field: String?) {
                plan.result.rejected.append(ReadingRejectedDTO(index: index, code: code, message: message, field: field))
            }
            guard let device = devices[index] else {
                refuse("unknown_device", "no device of yours has \(input.deviceId.map { "id \($0)" } ?? "serial number \(input.serialNumber ?? "-")" + (input.address.map { " or address \($0)" } ?? ""))",
                       field: input.deviceId != nil ? "deviceId" : "serialNumber")
                continue
            }
            guard let source = ReadingSource(rawValue: input.source) else {
                refuse("invalid_reading", "source must be one of \(ReadingSource.allCases.map(\.rawValue).joined(separator: ", "))", field: "source")
                continue
            }
            if let problem = Self.checkText(input) {
                refuse("invalid_reading", problem.message, field: problem.field)
                continue
            }
            let deviceID = device.id!
            let takenAt = MeterReading.moment(input.takenAt)
            guard seen.insert(BatchKey(device: deviceID, takenAt: takenAt, source: source)).inserted else {
                plan.result.duplicates += 1
                continue
            }
            if context.contains(deviceID, at: takenAt, source: source.rawValue) {
                plan.result.duplicates += 1
                continue
            }
            let previous = context.previous(deviceID, atOrBefore: takenAt)
            let next = context.next(deviceID, after: takenAt)
            let reading = MeterReading(takenAt: takenAt, source: source, totalPages: input.totalPages, monoPages: input.monoPages,
                                       colorPages: input.colorPages, counterReset: input.counterReset ?? false,
                                       duplexPages: input.duplexPages)
            if let rejection = MeterCheck.check(reading, previous: previous?.reading, next: next?.reading, now: now) {
                refuse(rejection.code, rejection.message, field: rejection.field)
                continue
            }
            let agentTokenID: UUID? = if case let .agent(token) = sender { token.id } else { nil }
            let record = ReadingRow(id: ids.next()!, deviceID: deviceID, customerID: device.customerID, takenAt: takenAt,
                                    source: source.rawValue, totalPages: input.totalPages, monoPages: input.monoPages,
                                    colorPages: input.colorPages, counterReset: reading.counterReset, duplexPages: input.duplexPages,
                                    supplies: input.supplies ?? [], address: input.address, sysLocation: input.sysLocation,
                                    receivedAt: now, agentTokenID: agentTokenID)
            plan.records.append(record)
            context.insert(record)
            for (label, change) in MeterMonth.change(inserting: record.reading, previous: previous?.reading, next: next?.reading,
                                                     timeZone: timeZone) {
                plan.months[deviceID, default: (device.customerID, [:])].months[label, default: MeterMonth(month: label)].add(change)
            }
            plan.result.accepted += 1
            if let event = historyEvent(record, previous: previous, device: device) { plan.events.append(event) }
            // Alerts look at the device's newest reading only: a late one from an outbox says nothing of now.
            if next == nil { latest[deviceID] = (record, previous, device) }
        }
        plan.newest = latest.values.filter { context.next($0.device.id!, after: $0.record.takenAt) == nil }
        for last in plan.newest { plan.facts.newest[last.device.id!] = ReadingMemory.Newest(row: last.record) }
        return plan
    }

    /// Writes a checked batch: readings, monthly figures, history, and the alerts its newest readings call for.
    func store(_ plan: Plan, now: Date, on tx: any Database) async throws -> ReadingBatchResult {
        var result = plan.result
        try await ReadingRow.insert(plan.records, on: tx)
        try await MeterMonthBook(db: tx, timeZone: timeZone).apply(plan.months)
        if !plan.events.isEmpty { try await plan.events.create(on: tx) }
        let alertsByDevice = try await OpenAlert.of(plan.newest.map { $0.device.id! }, on: tx)
        for last in plan.newest {
            let open = alertsByDevice[last.device.id!] ?? []
            result.relocated += try await noticeRelocation(last.record, previous: last.previous, device: last.device, now: now,
                                                           open: open.contains { $0.kind == "relocated" }, on: tx)
            result.lowToner += try await noticeToner(last.record, device: last.device, now: now,
                                                     open: open.filter { $0.kind == "lowToner" }, on: tx)
        }
        return result
    }

    /// An open alert of the kinds readings raise and close, as much of it as they need.
    struct OpenAlert: Sendable {
        let id: UUID
        let kind: String
        let subject: String?

        /// The open relocation and low-toner alerts of `devices`, by device: read cell by cell with the ids bound
        /// directly, because a batch asks for a thousand devices inside the single writer, and a Fluent query
        /// binding a thousand ids through `Encodable` (and building a model for each alert) cost it 5 ms a batch.
        static func of(_ devices: [UUID], on db: any Database) async throws -> [UUID: [OpenAlert]] {
            var open: [UUID: [OpenAlert]] = [:]
            for chunk in devices.chunked(into: 500) {
                let ids: [any Encodable & Sendable] = Array(chunk)
                for row in try await db.sql.cells(SQLQueryString("""
                    SELECT id, device_id, kind, subject FROM alerts
                    WHERE device_id IN (\(binds: ids)) AND kind IN ('relocated', 'lowToner') AND status = 'open'
                    """)) {
                    open[try row.id("device_id"), default: []].append(
                        OpenAlert(id: try row.id("id"), kind: try row.value("kind"), subject: try row.optional("subject")))
                }
            }
            return open
        }
    }

    /// A reading's identity within a batch: a second one with the same device, moment and source is a duplicate.
    private struct BatchKey: Hashable {
        let device: UUID
        let takenAt: Date
        let source: ReadingSource
    }

    static func checkText(_ input: ReadingInput) -> FieldError? {
        if let a = input.address, !NetworkAddress.isValidIP(a) { return FieldError(field: "address", message: "\"\(a)\" is not an IP address") }
        if let s = input.sysLocation, s.count > 255 { return FieldError(field: "sysLocation", message: "sysLocation is longer than 255 characters") }
        for (i, s) in (input.supplies ?? []).enumerated() {
            if s.name.isEmpty || s.name.count > 200 { return FieldError(field: "supplies[\(i)].name", message: "a supply needs a name of up to 200 characters") }
            if let p = s.levelPercent, !(0...100).contains(p) { return FieldError(field: "supplies[\(i)].levelPercent", message: "a level is 0 to 100 percent") }
        }
        return nil
    }

    /// Readings that people make, and every counter reset, go into the device's history; the collector's
    /// routine readings are listed by `GET /devices/{id}/readings` instead of flooding the history.
    func historyEvent(_ r: ReadingRow, previous: ReadingRow?, device: MeterDevice) -> DeviceEvent? {
        let what: DeviceHistoryEvent
        if r.counterReset {
            what = .counterReset(total: r.totalPages, was: previous?.totalPages)
        } else if r.source != ReadingSource.snmp.rawValue {
            what = .counterRead(total: r.totalPages, source: r.source)
        } else {
            return nil
        }
        let actor: User? = if case let .staff(u) = sender { u } else { nil }
        return DeviceEvent(deviceID: device.id!, at: r.takenAt, what, actor: actor)
    }

    /// One relocation alert per change: an address other than the record's that the last reading did not
    /// already show, or a sysLocation other than the last reading's.
    func noticeRelocation(_ r: ReadingRow, previous: ReadingRow?, device: MeterDevice, now: Date, open: Bool,
                          on db: any Database) async throws -> Int {
        let addressSeen = r.address != nil && previous?.address == r.address
        guard var sign = RelocationSign.detect(recordAddress: addressSeen ? nil : device.ipAddress, previousSysLocation: previous?.sysLocation,
                                               address: r.address, sysLocation: r.sysLocation) else { return 0 }
        if addressSeen { sign.newAddress = nil }
        guard !open else { return 0 }
        let alert = Alert()
        alert.kind = "relocated"
        alert.deviceID = device.id
        alert.customerID = device.customerID
        alert.message = "\(device.make) \(device.model) (\(device.serialNumber)) \(sign.summary)"
        alert.proposal = RelocationProposal(note: sign.summary, ipAddress: sign.newAddress)
        alert.status = "open"
        alert.createdAt = now
        try await alert.create(on: db)
        try await DeviceEvent(deviceID: device.id!, at: r.takenAt,
                              .relocationNoticed(newAddress: sign.newAddress, recordAddress: sign.recordAddress,
                                                 newSysLocation: sign.newSysLocation, previousSysLocation: sign.previousSysLocation),
                              actor: nil).create(on: db)
        return 1
    }

    /// Opens a low-toner alert per supply at or under the threshold, and closes those whose supply was refilled.
    func noticeToner(_ r: ReadingRow, device: MeterDevice, now: Date, open: [OpenAlert], on db: any Database) async throws -> Int {
        let toners = r.supplies.filter(\.isToner)
        guard !toners.isEmpty else { return 0 }
        let low = LowToner.low(toners, thresholdPercent: lowTonerPercent)
        var raised = 0
        for supply in low where !open.contains(where: { $0.subject == supply.name }) {
            let alert = Alert()
            alert.kind = "lowToner"
            alert.deviceID = device.id
            alert.customerID = device.customerID
            alert.subject = supply.name
            alert.message = "\(supply.name) at \(supply.levelPercent ?? 0)% in \(device.make) \(device.model) (\(device.serialNumber))"
            alert.status = "open"
            alert.createdAt = now
            try await alert.create(on: db)
            try await Notifier(db: db, now: now).lowToner(alert, device: device)
            raised += 1
        }
        let refilled = Set(toners.filter { ($0.levelPercent ?? 0) > lowTonerPercent }.map(\.name))
        for alert in open where alert.subject.map(refilled.contains) == true {
            try await Alert.query(on: db).filter(\.$id == alert.id).set(\.$status, to: "resolved").set(\.$closedAt, to: now).update()
        }
        return raised
    }
}

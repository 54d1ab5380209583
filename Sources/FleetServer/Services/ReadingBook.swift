import FleetCore
import Fluent
import Vapor

/// One reading as the API takes it (API.md "Meters"); `address` and `sysLocation` come from SNMP.
struct ReadingInput: Content, Sendable {
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

struct ReadingBatch: Content {
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
    func record(_ inputs: [ReadingInput], now: Date = Date()) async throws -> ReadingBatchResult {
        try await db.transaction { tx in
            var result = ReadingBatchResult()
            let devices = try await resolve(inputs, on: tx)
            var seen = Set<String>()
            for (index, input) in inputs.enumerated() {
                func refuse(_ code: String, _ message: String, field: String?) {
                    result.rejected.append(ReadingRejectedDTO(index: index, code: code, message: message, field: field))
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
                let takenAt = MeterReading.moment(input.takenAt)
                let key = "\(device.id!)|\(takenAt.timeIntervalSince1970)|\(source.rawValue)"
                if seen.contains(key) { result.duplicates += 1; continue }
                seen.insert(key)
                if try await MeterReadingRecord.query(on: tx).filter(\.$device.$id == device.id!).filter(\.$takenAt == takenAt)
                    .filter(\.$source == source.rawValue).first() != nil {
                    result.duplicates += 1
                    continue
                }
                let previous = try await MeterReadingRecord.query(on: tx).filter(\.$device.$id == device.id!)
                    .filter(\.$takenAt <= takenAt).sort(\.$takenAt, .descending).first()
                let next = try await MeterReadingRecord.query(on: tx).filter(\.$device.$id == device.id!)
                    .filter(\.$takenAt > takenAt).sort(\.$takenAt, .ascending).first()
                let reading = MeterReading(takenAt: takenAt, source: source, totalPages: input.totalPages, monoPages: input.monoPages,
                                           colorPages: input.colorPages, counterReset: input.counterReset ?? false,
                                           duplexPages: input.duplexPages)
                if let rejection = MeterCheck.check(reading, previous: previous?.reading, next: next?.reading, now: now) {
                    refuse(rejection.code, rejection.message, field: rejection.field)
                    continue
                }
                let record = MeterReadingRecord()
                record.$device.id = device.id!
                record.customerID = device.$customer.id
                record.takenAt = takenAt
                record.source = source.rawValue
                record.totalPages = input.totalPages
                record.monoPages = input.monoPages
                record.colorPages = input.colorPages
                record.counterReset = reading.counterReset
                record.duplexPages = input.duplexPages
                record.supplies = input.supplies ?? []
                record.address = input.address
                record.sysLocation = input.sysLocation
                record.receivedAt = now
                if case let .agent(token) = sender { record.agentTokenID = token.id }
                try await record.create(on: tx)
                let months = MeterMonthBook(db: tx, timeZone: timeZone)
                try await months.apply(MeterMonth.change(inserting: record.reading, previous: previous?.reading, next: next?.reading,
                                                         timeZone: timeZone),
                                       deviceID: device.id!, customerID: device.$customer.id)
                result.accepted += 1
                try await recordHistory(record, previous: previous, device: device, on: tx)
                if next == nil {
                    result.relocated += try await noticeRelocation(record, previous: previous, device: device, now: now, on: tx)
                    result.lowToner += try await noticeToner(record, device: device, now: now, on: tx)
                }
            }
            return result
        }
    }

    /// The device of each input, when the sender may send for it; nil where it is unknown or not theirs.
    /// An input names its device by id, or by serial number and failing that by the address it answered from.
    func resolve(_ inputs: [ReadingInput], on db: any Database) async throws -> [Int: Device] {
        let ids = Set(inputs.compactMap(\.deviceId))
        let serials = Set(inputs.filter { $0.deviceId == nil }.compactMap(\.serialNumber))
        let addresses = Set(inputs.filter { $0.deviceId == nil }.compactMap(\.address))
        var byID: [UUID: Device] = [:]
        var bySerial: [String: [Device]] = [:]
        var byAddress: [String: [Device]] = [:]
        if !ids.isEmpty {
            for d in try await Device.query(on: db).filter(\.$id ~~ ids).all() { byID[d.id!] = d }
        }
        if !serials.isEmpty {
            for d in try await Device.query(on: db).filter(\.$serialNumber ~~ serials).all() { bySerial[d.serialNumber, default: []].append(d) }
        }
        if !addresses.isEmpty {
            for d in try await Device.query(on: db).filter(\.$ipAddress ~~ addresses).filter(\.$status != DeviceStatus.retired.rawValue).all() {
                byAddress[d.ipAddress ?? "", default: []].append(d)
            }
        }
        let scope = sender.customerID
        func only(_ candidates: [Device]) -> Device? {
            let mine = scope.map { s in candidates.filter { $0.$customer.id == s } } ?? candidates
            return mine.count == 1 ? mine[0] : nil
        }
        var out: [Int: Device] = [:]
        for (i, input) in inputs.enumerated() {
            var device: Device?
            if let id = input.deviceId {
                device = byID[id]
            } else {
                if let serial = input.serialNumber {
                    var candidates = bySerial[serial] ?? []
                    if let make = input.make?.lowercased() { candidates = candidates.filter { $0.makeKey == make } }
                    device = only(candidates)
                }
                if device == nil, input.serialNumber == nil || bySerial[input.serialNumber!] == nil, let address = input.address {
                    device = only(byAddress[address] ?? [])
                }
            }
            if let d = device, scope == nil || d.$customer.id == scope { out[i] = d }
        }
        return out
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
    func recordHistory(_ r: MeterReadingRecord, previous: MeterReadingRecord?, device: Device, on db: any Database) async throws {
        let summary: String
        if r.counterReset {
            summary = "Counter reset: \(r.totalPages) pages" + (previous.map { " (was \($0.totalPages))" } ?? "")
        } else if r.source != ReadingSource.snmp.rawValue {
            summary = "Meter \(r.totalPages) pages (\(r.source))"
        } else {
            return
        }
        let actor: User? = if case let .staff(u) = sender { u } else { nil }
        try await DeviceEvent(deviceID: device.id!, at: r.takenAt, kind: .reading, summary: summary, details: nil, actor: actor).create(on: db)
    }

    /// One relocation alert per change: an address other than the record's that the last reading did not
    /// already show, or a sysLocation other than the last reading's.
    func noticeRelocation(_ r: MeterReadingRecord, previous: MeterReadingRecord?, device: Device, now: Date, on db: any Database) async throws -> Int {
        let addressSeen = r.address != nil && previous?.address == r.address
        guard var sign = RelocationSign.detect(recordAddress: addressSeen ? nil : device.ipAddress, previousSysLocation: previous?.sysLocation,
                                               address: r.address, sysLocation: r.sysLocation) else { return 0 }
        if addressSeen { sign.newAddress = nil }
        let open = try await Alert.query(on: db).filter(\.$deviceID == device.id!).filter(\.$kind == "relocated")
            .filter(\.$status == "open").first()
        guard open == nil else { return 0 }
        let alert = Alert()
        alert.kind = "relocated"
        alert.deviceID = device.id
        alert.customerID = device.$customer.id
        alert.message = "\(device.make) \(device.model) (\(device.serialNumber)) \(sign.summary)"
        alert.proposal = RelocationProposal(note: sign.summary, ipAddress: sign.newAddress)
        alert.status = "open"
        alert.createdAt = now
        try await alert.create(on: db)
        try await DeviceEvent(deviceID: device.id!, at: r.takenAt, kind: .relocationReported,
                              summary: "The collector noticed: \(sign.summary); awaiting the dispatcher's confirmation",
                              details: nil, actor: nil).create(on: db)
        return 1
    }

    /// Opens a low-toner alert per supply at or under the threshold, and closes those whose supply was refilled.
    func noticeToner(_ r: MeterReadingRecord, device: Device, now: Date, on db: any Database) async throws -> Int {
        let toners = r.supplies.filter(\.isToner)
        guard !toners.isEmpty else { return 0 }
        let open = try await Alert.query(on: db).filter(\.$deviceID == device.id!).filter(\.$kind == "lowToner")
            .filter(\.$status == "open").all()
        let low = LowToner.low(toners, thresholdPercent: lowTonerPercent)
        var raised = 0
        for supply in low where !open.contains(where: { $0.subject == supply.name }) {
            let alert = Alert()
            alert.kind = "lowToner"
            alert.deviceID = device.id
            alert.customerID = device.$customer.id
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
            alert.status = "resolved"
            alert.closedAt = now
            try await alert.save(on: db)
        }
        return raised
    }
}

import FleetCore
import Fluent
import Foundation

/// A year of believable use and repairs for the demo fleet: each machine prints its own volume, its wear
/// parts give out more often the further past their rated life they are (sooner in dusty or hot rooms),
/// the failing part shows as one of its usual symptoms, and the counters are read every week.
struct DemoServiceHistory {
    let db: any Database
    var timeZone: TimeZone = .tehran

    /// The parts of a machine, by role: (code, Persian-English name, kind, rated life, price in Rials).
    static let roles: [(code: String, name: String, kind: PartKind, life: Int?, price: Int)] = [
        ("PR", "Pickup roller", .wear, 100_000, 25_000_000),
        ("SP", "Separation pad", .wear, 100_000, 12_000_000),
        ("FU", "Fuser", .wear, 150_000, 95_000_000),
        ("TR", "Transfer roller", .wear, 200_000, 30_000_000),
        ("FB", "Formatter board", .spare, nil, 180_000_000),
        ("LS", "Laser scanner", .spare, nil, 140_000_000),
        ("MM", "Main motor", .spare, nil, 70_000_000),
    ]

    /// Which part a symptom usually needs, by role code and weight.
    static let culprits: [String: [(String, Double)]] = [
        "paper jam": [("PR", 0.6), ("SP", 0.25), ("FU", 0.1), ("MM", 0.05)],
        "streaks": [("FU", 0.55), ("TR", 0.35), ("LS", 0.1)],
        "faded print": [("TR", 0.5), ("LS", 0.3), ("FU", 0.2)],
        "no power": [("FB", 0.7), ("MM", 0.3)],
        "noise": [("MM", 0.5), ("FU", 0.3), ("PR", 0.2)],
        "error code": [("FB", 0.4), ("LS", 0.4), ("MM", 0.2)],
    ]
    static let symptomWeights: [(String, Double)] = [("paper jam", 0.35), ("streaks", 0.2), ("faded print", 0.1),
                                                     ("no power", 0.1), ("noise", 0.1), ("error code", 0.15)]

    static func partNumber(_ role: String, model: DeviceModel) -> String {
        let tag = model.model.uppercased().filter { $0.isLetter || $0.isNumber }.suffix(6)
        return "\(model.make.prefix(2).uppercased())-\(role)-\(tag)"
    }

    /// Adds the catalog's parts, a year of weekly meter readings and the year's repairs; returns how many repairs it wrote.
    func seed(rng: inout SeededGenerator, technicianIDs: [UUID], now: Date = Date(), readingEveryDays step: Int = 7) async throws -> Int {
        let models = try await DeviceModel.query(on: db).all()
        var partsByModel: [String: [String: Part]] = [:]
        var parts: [Part] = []
        for m in models {
            for r in Self.roles {
                let p = Part()
                p.id = UUID()
                p.partNumber = Self.partNumber(r.code, model: m)
                p.name = r.name
                p.kind = r.kind.rawValue
                p.ratedLifePages = r.life
                p.priceRials = r.price
                p.compatibleModels = [m.model]
                parts.append(p)
                partsByModel[m.model, default: [:]][r.code] = p
            }
            // Its toner cartridges, which price the consumption report's toner: a copier's black cartridge lasts
            // longer and costs more; colour cartridges are priced each.
            let toners = [("BK", "Black Toner", m.kind == "copier" ? 68_000_000 : 42_000_000)]
                + (m.color ? [("CY", "Cyan Toner", 38_000_000), ("MG", "Magenta Toner", 38_000_000), ("YL", "Yellow Toner", 38_000_000)] : [])
            for (code, name, price) in toners {
                let p = Part()
                p.id = UUID()
                p.partNumber = Self.partNumber(code, model: m)
                p.name = name
                p.kind = PartKind.consumable.rawValue
                p.priceRials = price
                p.compatibleModels = [m.model]
                parts.append(p)
            }
        }
        try await parts.create(on: db)

        let devices = try await Device.query(on: db).filter(\.$isLoaner == false).sort(\.$serialNumber).all()
        // Each device's contracts, so that a call is judged by the contract it was made under.
        var contracts: [UUID: [(contract: Contract, from: String, until: String?)]] = [:]
        for m in try await ContractDevice.query(on: db).with(\.$contract).all() {
            contracts[m.$device.id, default: []].append((m.contract, max(m.addedOn, m.contract.startsOn), m.removedOn ?? m.contract.endsOn))
        }
        let working = WorkingHours(holidays: try await Holiday.calendar(on: db), timeZone: timeZone)
        let duty = Dictionary(models.map { ($0.model, $0) }, uniquingKeysWith: { a, _ in a })
        var tickets: [Ticket] = [], visits: [Visit] = [], lines: [PartLine] = [], readings: [MeterReadingRecord] = []
        var months: [MeterMonthRecord] = []
        let yearStart = now.addingTimeInterval(-364 * 86_400)
        for d in devices {
            guard let catalog = partsByModel[d.model], let model = duty[d.model] else { continue }
            var machine = DemoMachine(device: d, model: model, yearStart: yearStart, rng: &rng)
            var own: [MeterReadingRecord] = []
            let dusty = d.dust == DustLevel.high.rawValue
            let hot = (d.temperatureC ?? 22) > 28
            // A step at a time (a week for the demo): pages printed, toner spent, and now and then a part that gives out.
            let steps = 364 / step
            for i in 0...steps {
                let at = yearStart.addingTimeInterval(Double(i * step) * 86_400 + 6.5 * 3600)
                guard at < now, machine.advance(to: at, rng: &rng) else { continue }
                own.append(machine.reading(at: at, source: .snmp))
                guard i < steps, let role = machine.failure(dusty: dusty, hot: hot, days: step, rng: &rng), let part = catalog[role] else { continue }
                let symptom = Self.pick(Self.symptomWeights.map { s, w in
                    (s, w * (Self.culprits[s]!.first { $0.0 == role }?.1 ?? 0))
                }, &rng)
                let opened = at.addingTimeInterval(Double(1 + rng.next() % 5) * 86_400 + Double(rng.next() % 8) * 3600)
                let day = CalendarDay(opened, in: timeZone).description
                let contract = contracts[d.id!]?.first { $0.from <= day && ($0.until.map { day <= $0 } ?? true) }?.contract
                let hours = contract?.terms.responseHours ?? ServiceDesk.defaultResponseHours
                let resident = contract?.terms.residentTechnician == true ? contract?.residentTechnicianID : nil
                // Most calls are answered within the promise (a resident's nearly always), some late; the fix
                // takes one to ten working hours after the technician arrives.
                let share = Double(1 + rng.next() % (resident == nil ? 12 : 7)) / 10
                let responded = working.due(from: opened, hours: Double(hours) * share)
                let finished = working.due(from: responded, hours: Double(1 + rng.next() % 10))
                guard finished < now.addingTimeInterval(-3600) else { continue }
                let t = Ticket()
                t.id = UUID()
                t.$device.id = d.id!
                t.customerID = d.$customer.id
                t.contractID = contract?.id
                t.channel = "phone"
                t.priority = TicketPriority.normal.rawValue
                t.description = CommonSymptoms.label(symptom, .fa)
                t.symptom = symptom
                t.stage = TicketStage.closed.rawValue
                t.covered = contract != nil
                t.coverageReason = "demo history"
                t.openedAt = opened
                t.slaDueAt = working.due(from: opened, hours: Double(hours))
                t.likelyParts = []
                t.respondedAt = responded
                t.resolvedAt = finished
                t.viaResident = resident != nil
                t.technicianID = resident ?? technicianIDs[Int(rng.next() % UInt64(technicianIDs.count))]
                let v = Visit()
                v.id = UUID()
                v.kind = "repair"
                v.ticketID = t.id
                v.customerID = d.$customer.id
                v.technicianID = t.technicianID!
                v.deviceIDs = [d.id!]
                v.scheduledAt = t.respondedAt!
                v.status = "completed"
                v.startedAt = t.respondedAt
                v.finishedAt = finished
                v.findings = "تعویض \(part.name)"
                v.signerName = "—"
                v.satisfaction = 4 + Int(rng.next() % 2)
                // The last ten days' reports still wait for the client's review; older ones were approved the next day.
                if finished > now.addingTimeInterval(-10 * 86_400) {
                    v.approval = WorkReportApproval.pending.rawValue
                    t.stage = TicketStage.resolved.rawValue
                } else {
                    v.approval = WorkReportApproval.approved.rawValue
                    v.approvalAt = finished.addingTimeInterval(86_400)
                }
                // The technician reads the counter, and the new part starts its wear from it.
                _ = machine.advance(to: finished, rng: &rng)
                own.append(machine.reading(at: MeterReading.moment(finished), source: .visit))
                machine.replaced(role)
                let fitted = CalendarDay(finished, in: timeZone)
                let l = PartLine()
                l.visitID = v.id!
                l.deviceID = d.id!
                l.partID = part.id!
                l.partNumber = part.partNumber
                l.partName = part.name
                l.quantity = 1
                // Charged as a completion charges it: what the contract's parts coverage takes is never billed.
                let decision = PartWarranty.charge(kind: part.partKind, contract: contract.map(ServiceDesk.active), on: fitted, previous: nil)
                l.charge = decision.charge.rawValue
                l.chargeReason = decision.reason
                l.unitPriceRials = part.priceRials
                l.fittedOn = fitted.description
                l.warrantyUntil = PartWarranty.until(fittedOn: fitted, months: contract?.terms.partWarrantyMonths ?? 6).description
                l.counterAtFitting = machine.counter
                tickets.append(t)
                visits.append(v)
                lines.append(l)
            }
            months += MeterMonth.of(own.map(\.reading), timeZone: timeZone).values.map {
                MeterMonthRecord(deviceID: d.id!, customerID: d.$customer.id, $0)
            }
            readings += own
            // A year of daily readings for a large fleet does not fit in memory as models: written as they come.
            if readings.count >= 10_000 {
                try await store(readings)
                readings.removeAll(keepingCapacity: true)
            }
        }
        tickets.sort { $0.openedAt < $1.openedAt }
        for (i, t) in tickets.enumerated() { t.number = i + 1 }
        for chunk in tickets.chunked(into: 200) { try await chunk.create(on: db) }
        for chunk in visits.chunked(into: 200) { try await chunk.create(on: db) }
        for chunk in lines.chunked(into: 200) { try await chunk.create(on: db) }
        for chunk in Self.history(tickets, visits: visits, lines: lines).chunked(into: 500) { try await chunk.create(on: db) }
        try await store(readings)
        for chunk in months.chunked(into: 2_000) { try await chunk.create(on: db) }
        return tickets.count
    }

    /// Writes readings and counts them in the reading ledger, as a batch of readings does, so that a running server's
    /// `ReadingMemory` starts over.
    private func store(_ readings: [MeterReadingRecord]) async throws {
        try await db.writeTransaction { tx in
            for chunk in readings.chunked(into: 2_000) { try await chunk.create(on: tx) }
            try await ReadingLedger.advance(on: tx)
        }
    }

    static func pick(_ weights: [(String, Double)], _ rng: inout SeededGenerator) -> String {
        let total = weights.reduce(0) { $0 + $1.1 }
        var r = Double(rng.next() % 1_000_000) / 1_000_000 * total
        for (k, w) in weights {
            if r < w { return k }
            r -= w
        }
        return weights.last!.0
    }

    /// Each past repair in its device's history as the app writes it: the call, the visit, the part fitted with its
    /// warranty, and for an approved report the client's confirmation and the call closed.
    static func history(_ tickets: [Ticket], visits: [Visit], lines: [PartLine]) -> [DeviceEvent] {
        let visitOf = Dictionary(visits.compactMap { v in v.ticketID.map { ($0, v) } }, uniquingKeysWith: { a, _ in a })
        let linesOf = Dictionary(grouping: lines, by: \.visitID)
        var events: [DeviceEvent] = []
        for t in tickets {
            let device = t.$device.id
            events.append(DeviceEvent(deviceID: device, at: t.openedAt, .ticketOpened(number: t.number, channel: t.channel, symptom: t.symptom,
                                                                                    description: t.description), actor: nil))
            guard let v = t.id.flatMap({ visitOf[$0] }), let finished = v.finishedAt else { continue }
            events.append(DeviceEvent(deviceID: device, at: finished, .visitCompleted(kind: v.kind, findings: v.findings ?? ""), actor: nil))
            for l in linesOf[v.id!] ?? [] {
                if let fitted = l.fitted { events.append(DeviceEvent(deviceID: device, at: finished, fitted, actor: nil)) }
            }
            if let approved = v.approvalAt {
                events.append(DeviceEvent(deviceID: device, at: approved, .ticketConfirmed(number: t.number), actor: nil))
                events.append(DeviceEvent(deviceID: device, at: approved, .ticketClosed(number: t.number), actor: nil))
            }
        }
        return events
    }
}

/// One demo machine through its year: its counters, toner, and the wear on each part since it was fitted.
struct DemoMachine {
    let device: Device
    let dailyPages: Double
    let colorShare: Double
    let blackYield: Double
    var counter: Int64
    var colorPages: Int64
    /// Pages at which each wear part was last fitted (0: the part the machine came with).
    var fittedAt: [String: Int64] = [:]
    var toner: [(name: String, left: Double, yield: Double)]
    var last: Date

    init(device: Device, model: DeviceModel, yearStart: Date, rng: inout SeededGenerator) {
        self.device = device
        // Most offices print a few percent of a machine's rated duty; a few print far more or far less.
        let share = exp(log(0.01) + Double(rng.next() % 1_000) / 1_000 * (log(0.25) - log(0.01)))
        dailyPages = Double(model.monthlyDutyPages ?? 50_000) * share / 30
        colorShare = device.color ? 0.15 + Double(rng.next() % 30) / 100 : 0
        blackYield = model.kind == "copier" ? 25_000 : 9_000
        let installed = device.installedOn.flatMap(CalendarDay.init(iso:))?.start(in: .tehran) ?? yearStart
        last = max(installed, yearStart)
        let before = max(0, last.timeIntervalSince(installed) / 86_400)
        counter = Int64(before * dailyPages)
        colorPages = Int64(Double(counter) * colorShare)
        toner = [("Black Toner", Double(rng.next() % 90 + 10) / 100, blackYield)]
        if device.color {
            for name in ["Cyan Toner", "Magenta Toner", "Yellow Toner"] {
                toner.append((name, Double(rng.next() % 90 + 10) / 100, 6_000))
            }
        }
    }

    /// Prints up to `date`; false while the machine was not yet installed.
    mutating func advance(to date: Date, rng: inout SeededGenerator) -> Bool {
        guard date >= last else { return false }
        let days = date.timeIntervalSince(last) / 86_400
        last = date
        let noise = 0.7 + Double(rng.next() % 600) / 1_000
        let pages = Int64(days * dailyPages * noise)
        let color = Int64(Double(pages) * colorShare)
        counter += pages
        colorPages += color
        for i in toner.indices {
            let used = Double(i == 0 ? pages - color : color / 3) / toner[i].yield
            toner[i].left -= used
            // A cartridge is changed when it runs low; the new one starts full.
            while toner[i].left < 0.04 { toner[i].left += 1 - 0.04 + Double(rng.next() % 4) / 100 }
        }
        return true
    }

    func reading(at date: Date, source: ReadingSource) -> MeterReadingRecord {
        let r = MeterReadingRecord()
        r.id = UUID()
        r.$device.id = device.id!
        r.customerID = device.$customer.id
        r.takenAt = date
        r.source = source.rawValue
        r.totalPages = counter
        r.monoPages = device.color ? counter - colorPages : counter
        r.colorPages = device.color ? colorPages : nil
        r.counterReset = false
        r.supplies = toner.map { SupplyReading(name: $0.name, kind: "toner", levelPercent: Int(($0.left * 100).rounded())) }
        r.address = device.ipAddress
        r.receivedAt = date
        return r
    }

    /// The part that gave out in the last `days`, if one did: wear parts by how far past their life they are.
    mutating func failure(dusty: Bool, hot: Bool, days: Int = 7, rng: inout SeededGenerator) -> String? {
        var hazards: [(String, Double)] = []
        for role in DemoServiceHistory.roles {
            guard let life = role.life else {
                hazards.append((role.code, 0.0012))
                continue
            }
            let wear = Double(counter - (fittedAt[role.code] ?? 0)) / Double(life)
            var h = 0.003 * wear * wear
            if dusty, ["PR", "SP", "TR"].contains(role.code) { h *= 1.6 }
            if hot, role.code == "FU" { h *= 1.6 }
            hazards.append((role.code, min(h, 0.08)))
        }
        let total = hazards.reduce(0) { $0 + $1.1 } * Double(days) / 7
        guard Double(rng.next() % 1_000_000) / 1_000_000 < total else { return nil }
        return DemoServiceHistory.pick(hazards, &rng)
    }

    mutating func replaced(_ role: String) { fittedAt[role] = counter }
}

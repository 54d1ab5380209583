import FleetCore
import Fluent
import Foundation
import Vapor

/// The body of `POST /api/v1/contracts`.
struct ContractInput: Content {
    let customerId: UUID
    let planCode: String
    let startsOn: String
    let endsOn: String
    /// Absent: every device of the customer that no other active contract covers in the period. Empty is refused.
    var deviceIds: [UUID]?
    let overrides: TermOverrides?
    let status: String?
    var residentTechnicianId: UUID? = nil
}

/// Creates and changes contracts: checks, terms, the device list, the PM schedule, and the history of each.
struct ContractBook {
    let db: any Database
    let actor: User?
    var now = Date()
    var timeZone: TimeZone = .tehran

    init(db: any Database, actor: User?, timeZone: TimeZone = .tehran) {
        self.db = db
        self.actor = actor
        self.timeZone = timeZone
    }

    var today: CalendarDay { CalendarDay(now, in: timeZone) }

    static func warnings(deviceCount: Int, terms: ContractTerms) -> [ContractWarning] {
        ContractWarning.of(deviceCount: deviceCount, terms: terms)
    }

    func create(_ input: ContractInput) async throws -> Contract {
        guard let customer = try await Customer.find(input.customerId, on: db) else {
            throw APIError(.unprocessableEntity, code: "unknown_customer", message: "no customer has id \(input.customerId)", field: "customerId")
        }
        guard let plan = try await Plan.query(on: db).filter(\.$code == input.planCode).first() else {
            throw APIError(.unprocessableEntity, code: "unknown_plan", message: "no plan has code \(input.planCode)", field: "planCode")
        }
        let (start, end) = try Self.period(input.startsOn, input.endsOn)
        let overrides = input.overrides ?? TermOverrides()
        let terms = try plan.terms.applying(overrides)
        let status = try Self.initialStatus(input.status)
        var deviceIDs = input.deviceIds
        if deviceIDs == nil { deviceIDs = try await uncovered(customerID: customer.id!, start: start, end: end) }
        guard let deviceIDs, !deviceIDs.isEmpty else {
            throw APIError(.unprocessableEntity, code: "no_devices", message: "a contract covers at least one device", field: "deviceIds")
        }
        try await checkDevices(deviceIDs, customerID: customer.id!, start: start, end: end, excluding: nil,
                               blocking: status == .active)

        let contract = Contract()
        contract.id = UUID()
        contract.$customer.id = customer.id!
        contract.planCode = plan.code
        contract.planNameFa = plan.nameFa
        contract.planNameEn = plan.nameEn
        contract.status = status.rawValue
        contract.startsOn = start.description
        contract.endsOn = end.description
        contract.terms = terms
        contract.planTerms = plan.terms
        contract.overrides = overrides
        contract.residentTechnicianID = try await residentTechnician(input.residentTechnicianId, terms: terms)
        try await insert(contract, deviceIDs: deviceIDs, events: [
            ContractEvent(contractID: contract.id!, at: now,
                          .created(plan: PlanName(fa: plan.nameFa, en: plan.nameEn), from: start, to: end, devices: deviceIDs.count),
                          actor: actor),
        ])
        return contract
    }

    /// Writes a new contract with its devices (from its first day), its PM schedule, its events and
    /// each device's history entry, all in one transaction.
    private func insert(_ contract: Contract, deviceIDs: [UUID], events: [ContractEvent]) async throws {
        let (start, end) = contract.period
        let schedule = PMSchedule.plan(startsOn: start, endsOn: end, visitsPerYear: contract.terms.pmVisitsPerYear,
                                       holidays: try await Holiday.calendar(on: db))
        let actor = self.actor, now = self.now
        try await db.writeTransaction { tx in
            try await contract.create(on: tx)
            for chunk in deviceIDs.map({ ContractDevice(contractID: contract.id!, deviceID: $0, addedOn: start) }).chunked(into: 200) {
                try await chunk.create(on: tx)
            }
            try await schedule.map { ScheduledPM(contractID: contract.id!, $0) }.create(on: tx)
            for e in events { try await e.create(on: tx) }
            try await Self.deviceEvents(deviceIDs, contract: contract, added: true, at: now, actor: actor).create(on: tx)
        }
    }

    /// Adds devices to a running contract; each device's history records it.
    func addDevices(_ ids: [UUID], to contract: Contract) async throws {
        let (start, end) = contract.period
        try await checkDevices(ids, customerID: contract.$customer.id, start: start, end: end, excluding: contract.id,
                               blocking: contract.status(on: today) == .active)
        let current = Set(try await members(of: contract).map { $0.$device.id })
        let already = ids.filter(current.contains)
        guard already.isEmpty else {
            throw APIError.conflict(code: "already_in_contract", "device \(already[0]) is already in this contract", field: "deviceIds")
        }
        let addedOn = max(today, start)
        let actor = self.actor, now = self.now
        try await db.writeTransaction { tx in
            for id in ids {
                let m = ContractDevice(contractID: contract.id!, deviceID: id, addedOn: addedOn)
                try await m.create(on: tx)
            }
            try await ContractEvent(contractID: contract.id!, at: now, .devicesAdded(count: ids.count, on: addedOn),
                                    actor: actor).create(on: tx)
            try await Self.deviceEvents(ids, contract: contract, added: true, at: now, actor: actor).create(on: tx)
        }
    }

    /// Ends devices' membership from today; the record of their time in the contract stays.
    func removeDevices(_ ids: [UUID], from contract: Contract) async throws {
        let current = try await members(of: contract)
        let byDevice = Dictionary(current.map { ($0.$device.id, $0) }, uniquingKeysWith: { a, _ in a })
        for (i, id) in ids.enumerated() where byDevice[id] == nil {
            throw APIError(.unprocessableEntity, code: "not_in_contract", message: "device \(id) is not in this contract", field: "deviceIds.\(i)")
        }
        let removedOn = today, day = today.description
        let actor = self.actor, now = self.now
        try await db.writeTransaction { tx in
            for id in ids {
                let m = byDevice[id]!
                m.removedOn = day
                try await m.save(on: tx)
            }
            try await ContractEvent(contractID: contract.id!, at: now, .devicesRemoved(count: ids.count, on: removedOn), actor: actor).create(on: tx)
            try await Self.deviceEvents(ids, contract: contract, added: false, at: now, actor: actor).create(on: tx)
        }
    }

    /// The next period's contract, with the same devices and terms.
    func renew(_ contract: Contract) async throws -> Contract {
        if try await Contract.query(on: db).filter(\.$renewedFromID == contract.id!).count() > 0 {
            throw APIError.conflict(code: "already_renewed", "this contract has already been renewed")
        }
        let (start, end) = contract.period
        let next = ContractPeriod.renewal(startsOn: start, endsOn: end)
        let deviceIDs = try await members(of: contract).map { $0.$device.id }
        try await checkDevices(deviceIDs, customerID: contract.$customer.id, start: next.startsOn, end: next.endsOn,
                               excluding: nil, blocking: true)
        let renewal = Contract()
        renewal.id = UUID()
        renewal.$customer.id = contract.$customer.id
        renewal.planCode = contract.planCode
        renewal.planNameFa = contract.planNameFa
        renewal.planNameEn = contract.planNameEn
        renewal.status = ContractStatus.active.rawValue
        renewal.startsOn = next.startsOn.description
        renewal.endsOn = next.endsOn.description
        renewal.terms = contract.terms
        renewal.planTerms = contract.planTerms
        renewal.overrides = contract.overrides
        renewal.renewedFromID = contract.id
        renewal.residentTechnicianID = contract.residentTechnicianID
        try await insert(renewal, deviceIDs: deviceIDs, events: [
            ContractEvent(contractID: renewal.id!, at: now, .renewedFrom(from: start, to: end), actor: actor),
            ContractEvent(contractID: contract.id!, at: now, .renewed(from: next.startsOn, to: next.endsOn), actor: actor),
        ])
        return renewal
    }

    /// Changes the period or the overrides; the terms and the schedule follow, visits already done stay.
    /// The resident technician named for a contract: a technician, and only when the terms include one.
    func residentTechnician(_ id: UUID?, terms: ContractTerms) async throws -> UUID? {
        guard let id else { return nil }
        guard terms.residentTechnician else {
            throw FieldError(field: "residentTechnicianId", message: "the contract's terms have no resident technician")
        }
        guard let user = try await User.find(id, on: db), user.userRole == .technician else {
            throw APIError(.unprocessableEntity, code: "unknown_technician", message: "no technician has id \(id)", field: "residentTechnicianId")
        }
        return id
    }

    func update(_ contract: Contract, startsOn: String?, endsOn: String?, overrides: TermOverrides?,
                residentTechnicianID: Update<UUID> = .keep) async throws {
        let (start, end) = try Self.period(startsOn ?? contract.startsOn, endsOn ?? contract.endsOn)
        // A contract keeps its own terms: new overrides apply to the plan's terms as they were when it was made.
        let newOverrides = overrides ?? contract.overrides
        let terms = try contract.planTerms.applying(newOverrides)
        if start.description != contract.startsOn || end.description != contract.endsOn {
            let ids = try await members(of: contract).map { $0.$device.id }
            try await checkDevices(ids, customerID: contract.$customer.id, start: start, end: end, excluding: contract.id,
                                   blocking: contract.status(on: today) == .active)
        }
        let before = try await recorded(contract)
        contract.startsOn = start.description
        contract.endsOn = end.description
        contract.terms = terms
        contract.overrides = newOverrides
        if case let .set(id) = residentTechnicianID {
            contract.residentTechnicianID = try await residentTechnician(id, terms: terms)
        }
        let changes = TermChange.between(before, try await recorded(contract), order: Self.recordedOrder)
        try await saveAndReplan(contract, changes: changes)
    }

    /// What a change records of a contract: its period, its terms and its resident technician's name.
    private func recorded(_ c: Contract) async throws -> [String: String] {
        var values = c.terms.flat
        values["startsOn"] = c.startsOn
        values["endsOn"] = c.endsOn
        if let id = c.residentTechnicianID { values["residentTechnicianName"] = try await User.find(id, on: db)?.name }
        return values
    }

    static let recordedOrder = ["startsOn", "endsOn"] + ContractTerms.flatKeys + ["residentTechnicianName"]

    func terminate(_ contract: Contract) async throws {
        guard contract.status != ContractStatus.terminated.rawValue else {
            throw APIError.conflict(code: "already_terminated", "this contract is already terminated")
        }
        contract.status = ContractStatus.terminated.rawValue
        contract.terminatedOn = today.description
        let event = ContractEvent(contractID: contract.id!, at: now, .terminated(on: today), actor: actor)
        try await db.writeTransaction { tx in
            try await contract.save(on: tx)
            try await ScheduledPM.query(on: tx).filter(\.$contract.$id == contract.id!).filter(\.$done == false)
                .filter(\.$date > contract.terminatedOn!).delete()
            try await event.create(on: tx)
        }
    }

    func activate(_ contract: Contract) async throws {
        guard contract.status == ContractStatus.draft.rawValue else {
            throw APIError.conflict(code: "not_draft", "only a draft contract can be activated")
        }
        let (start, end) = contract.period
        let ids = try await members(of: contract).map { $0.$device.id }
        try await checkDevices(ids, customerID: contract.$customer.id, start: start, end: end, excluding: contract.id, blocking: true)
        contract.status = ContractStatus.active.rawValue
        let event = ContractEvent(contractID: contract.id!, at: now, .activated, actor: actor)
        try await db.writeTransaction { tx in
            try await contract.save(on: tx)
            try await event.create(on: tx)
        }
    }

    /// Saves a changed contract and plans its PM visits again (those done stay); the change is recorded on the
    /// contract and on each of its devices' histories.
    private func saveAndReplan(_ contract: Contract, changes: [TermChange]) async throws {
        let (start, end) = contract.period
        let existing = try await ScheduledPM.query(on: db).filter(\.$contract.$id == contract.id!).all()
        let done = existing.filter(\.done).map(\.planned)
        let replanned = PMSchedule.replan(startsOn: start, endsOn: end, visitsPerYear: contract.terms.pmVisitsPerYear,
                                          holidays: try await Holiday.calendar(on: db), done: done)
        let doneNumbers = Set(done.map(\.number))
        let fresh = replanned.filter { !doneNumbers.contains($0.number) }.map { ScheduledPM(contractID: contract.id!, $0) }
        let event = changes.isEmpty ? nil : ContractEvent(contractID: contract.id!, at: now, .changed(changes), actor: actor)
        let plan = PlanName(fa: contract.planNameFa, en: contract.planNameEn)
        let deviceEvents = changes.isEmpty ? [] : try await members(of: contract).map {
            DeviceEvent(deviceID: $0.$device.id, at: now, .termsChanged(plan: plan, changes), actor: actor)
        }
        try await db.writeTransaction { tx in
            try await contract.save(on: tx)
            try await ScheduledPM.query(on: tx).filter(\.$contract.$id == contract.id!).filter(\.$done == false).delete()
            try await fresh.create(on: tx)
            try await event?.create(on: tx)
            for chunk in deviceEvents.chunked(into: 200) { try await chunk.create(on: tx) }
        }
    }

    /// The devices in the contract now.
    func members(of contract: Contract) async throws -> [ContractDevice] {
        try await ContractDevice.query(on: db).filter(\.$contract.$id == contract.id!).filter(\.$removedOn == nil).all()
    }

    /// The customer's devices in service that no other active contract covers on any day of `start`–`end`.
    func uncovered(customerID: UUID, start: CalendarDay, end: CalendarDay) async throws -> [UUID] {
        let covered = Set(try await ContractDevice.query(on: db)
            .join(Contract.self, on: \ContractDevice.$contract.$id == \Contract.$id)
            .join(Device.self, on: \ContractDevice.$device.$id == \Device.$id)
            .filter(Device.self, \.$customer.$id == customerID)
            .filter(\.$removedOn == nil)
            .filter(Contract.self, \.$status == ContractStatus.active.rawValue)
            .filter(Contract.self, \.$startsOn <= end.description)
            .filter(Contract.self, \.$endsOn >= start.description)
            .all().map { $0.$device.id })
        return try await Device.query(on: db).filter(\.$customer.$id == customerID).filter(\.$status != DeviceStatus.retired.rawValue)
            .sort(\.$serialNumber).all().compactMap(\.id).filter { !covered.contains($0) }
    }

    /// Every device must exist, be the customer's, appear once, and (when `blocking`) be in no other
    /// active contract whose period overlaps.
    private func checkDevices(_ ids: [UUID], customerID: UUID, start: CalendarDay, end: CalendarDay,
                              excluding: UUID?, blocking: Bool) async throws {
        var seen = Set<UUID>()
        for (i, id) in ids.enumerated() where !seen.insert(id).inserted {
            throw APIError(.unprocessableEntity, code: "duplicate_device", message: "device \(id) is listed twice", field: "deviceIds.\(i)")
        }
        var found: [UUID: Device] = [:]
        for chunk in ids.chunked(into: 500) {
            for d in try await Device.query(on: db).filter(\.$id ~~ Array(chunk)).all() { found[d.id!] = d }
        }
        for (i, id) in ids.enumerated() {
            guard let d = found[id] else {
                throw APIError(.unprocessableEntity, code: "unknown_device", message: "no device has id \(id)", field: "deviceIds.\(i)")
            }
            guard d.$customer.id == customerID else {
                throw APIError(.unprocessableEntity, code: "device_of_other_customer",
                               message: "device \(d.serialNumber) belongs to another customer", field: "deviceIds.\(i)")
            }
        }
        guard blocking, !ids.isEmpty else { return }
        for chunk in ids.chunked(into: 500) {
            let query = ContractDevice.query(on: db)
                .join(Contract.self, on: \ContractDevice.$contract.$id == \Contract.$id)
                .filter(\.$device.$id ~~ Array(chunk))
                .filter(\.$removedOn == nil)
                .filter(Contract.self, \.$status == ContractStatus.active.rawValue)
                .filter(Contract.self, \.$startsOn <= end.description)
                .filter(Contract.self, \.$endsOn >= start.description)
            if let excluding { query.filter(Contract.self, \.$id != excluding) }
            if let clash = try await query.first() {
                let other = try clash.joined(Contract.self)
                let serial = found[clash.$device.id]?.serialNumber ?? clash.$device.id.uuidString
                throw APIError.conflict(code: "device_in_active_contract",
                                        "device \(serial) is already in an active contract (\(other.startsOn) to \(other.endsOn))",
                                        field: "deviceIds.\(ids.firstIndex(of: clash.$device.id) ?? 0)")
            }
        }
    }

    static func period(_ startText: String, _ endText: String) throws -> (CalendarDay, CalendarDay) {
        let start = try DayInput.read(startText, field: "startsOn")
        let end = try DayInput.read(endText, field: "endsOn")
        guard start <= end else { throw FieldError(field: "endsOn", message: "the contract ends (\(end)) before it starts (\(start))") }
        guard end.daysSinceEpoch - start.daysSinceEpoch <= 366 * 5 else {
            throw FieldError(field: "endsOn", message: "a contract runs for five years at most")
        }
        return (start, end)
    }

    static func initialStatus(_ text: String?) throws -> ContractStatus {
        switch text {
        case nil, "active": return .active
        case "draft": return .draft
        default: throw FieldError(field: "status", message: "a new contract is draft or active")
        }
    }

    static func deviceEvents(_ ids: [UUID], contract: Contract, added: Bool, at: Date, actor: User?) -> [DeviceEvent] {
        let plan = PlanName(fa: contract.planNameFa, en: contract.planNameEn)
        let (from, to) = contract.period
        return ids.map {
            DeviceEvent(deviceID: $0, at: at, added ? .deviceAdded(plan: plan, from: from, to: to) : .deviceRemoved(plan: plan, from: from, to: to),
                        actor: actor)
        }
    }

    /// The active contract covering a device on a day, if any.
    static func activeContract(for deviceID: UUID, on day: CalendarDay, db: any Database) async throws -> Contract? {
        let rows = try await ContractDevice.query(on: db)
            .join(Contract.self, on: \ContractDevice.$contract.$id == \Contract.$id)
            .filter(\.$device.$id == deviceID)
            .filter(\.$addedOn <= day.description)
            .filter(Contract.self, \.$status == ContractStatus.active.rawValue)
            .filter(Contract.self, \.$startsOn <= day.description)
            .filter(Contract.self, \.$endsOn >= day.description)
            .all()
        return try rows.first { m in m.removedOn.map { $0 > day.description } ?? true }?.joined(Contract.self)
    }
}

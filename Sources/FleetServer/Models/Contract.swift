import FleetCore
import Fluent
import SQLKit
import Vapor

/// A contract plan as stored: the built-in six and any an admin adds.
final class Plan: Model, @unchecked Sendable {
    static let schema = "plans"

    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String
    @Field(key: "name_fa") var nameFa: String
    @Field(key: "name_en") var nameEn: String
    @Field(key: "built_in") var builtIn: Bool
    @Field(key: "terms") var terms: ContractTerms
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(code: String, nameFa: String, nameEn: String, builtIn: Bool, terms: ContractTerms) {
        self.code = code
        self.nameFa = nameFa
        self.nameEn = nameEn
        self.builtIn = builtIn
        self.terms = terms
    }
}

/// A service contract: a customer, a plan's terms (its own copy), a period and devices.
final class Contract: Model, @unchecked Sendable {
    static let schema = "contracts"

    @ID(key: .id) var id: UUID?
    @Parent(key: "customer_id") var customer: Customer
    @Field(key: "plan_code") var planCode: String
    @Field(key: "plan_name_fa") var planNameFa: String
    @Field(key: "plan_name_en") var planNameEn: String
    @Field(key: "status") var status: String
    @Field(key: "starts_on") var startsOn: String
    @Field(key: "ends_on") var endsOn: String
    /// The plan's terms with the overrides applied, copied so that later plan edits leave the contract alone.
    @Field(key: "terms") var terms: ContractTerms
    /// The plan's terms when the contract was made: overrides changed later apply to these.
    @Field(key: "plan_terms") var planTerms: ContractTerms
    @Field(key: "overrides") var overrides: TermOverrides
    @OptionalField(key: "renewed_from_id") var renewedFromID: UUID?
    /// The technician stationed at the client, when the terms include one.
    @OptionalField(key: "resident_technician_id") var residentTechnicianID: UUID?
    @OptionalField(key: "terminated_on") var terminatedOn: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var period: (startsOn: CalendarDay, endsOn: CalendarDay) {
        (CalendarDay(iso: startsOn)!, CalendarDay(iso: endsOn)!)
    }

    /// The status on `day`: an active contract past its end has expired.
    func status(on day: CalendarDay) -> ContractStatus {
        let stored = ContractStatus(rawValue: status) ?? .draft
        if stored == .active, day > period.endsOn { return .expired }
        return stored
    }
}

/// Where a contract is in its life.
enum ContractStatus: String, Codable, CaseIterable, Sendable {
    case draft, active, expired, terminated
}

/// A device's membership of a contract; removal mid-term ends it without deleting it.
final class ContractDevice: Model, @unchecked Sendable {
    static let schema = "contract_devices"

    @ID(key: .id) var id: UUID?
    @Parent(key: "contract_id") var contract: Contract
    @Parent(key: "device_id") var device: Device
    @Field(key: "added_on") var addedOn: String
    @OptionalField(key: "removed_on") var removedOn: String?

    init() {}

    init(contractID: UUID, deviceID: UUID, addedOn: CalendarDay) {
        self.$contract.id = contractID
        self.$device.id = deviceID
        self.addedOn = addedOn.description
    }
}

/// What happened to a contract, for its page: created, devices added or removed, renewed, terminated.
final class ContractEvent: Model, @unchecked Sendable {
    static let schema = "contract_events"

    @ID(key: .id) var id: UUID?
    @Parent(key: "contract_id") var contract: Contract
    @Field(key: "at") var at: Date
    @Field(key: "kind") var kind: String
    @Field(key: "summary") var summary: String
    @OptionalField(key: "actor_name") var actorName: String?
    /// What happened as a value; nil on a row from before that no sentence parse could read.
    @OptionalField(key: "change") var change: ContractChange?

    init() {}

    init(contractID: UUID, at: Date, _ change: ContractChange, actor: User?) {
        self.$contract.id = contractID
        self.at = at
        self.kind = change.code
        self.summary = change.english
        self.change = change
        self.actorName = actor?.name
    }
}

/// One PM visit of a contract's schedule; `visitID` is set once a visit is booked against it.
final class ScheduledPM: Model, @unchecked Sendable {
    static let schema = "pm_schedule"

    @ID(key: .id) var id: UUID?
    @Parent(key: "contract_id") var contract: Contract
    @Field(key: "number") var number: Int
    @Field(key: "contract_year") var contractYear: Int
    @Field(key: "number_in_year") var numberInYear: Int
    @Field(key: "date") var date: String
    @Field(key: "second_of_period") var secondOfPeriod: Bool
    @Field(key: "done") var done: Bool
    @OptionalField(key: "visit_id") var visitID: UUID?

    init() {}

    init(contractID: UUID, _ v: PlannedPMVisit, done: Bool = false) {
        self.$contract.id = contractID
        number = v.number
        contractYear = v.contractYear
        numberInYear = v.numberInYear
        date = v.date.description
        secondOfPeriod = v.secondOfPeriod
        self.done = done
    }

    var planned: PlannedPMVisit {
        PlannedPMVisit(date: CalendarDay(iso: date)!, number: number, contractYear: contractYear,
                       numberInYear: numberInYear, secondOfPeriod: secondOfPeriod)
    }
}

/// A holiday: a fixed Solar Hijri month and day every year, or one dated day.
final class Holiday: Model, @unchecked Sendable {
    static let schema = "holidays"

    @ID(key: .id) var id: UUID?
    @OptionalField(key: "month") var month: Int?
    @OptionalField(key: "day") var day: Int?
    @OptionalField(key: "date") var date: String?
    @Field(key: "name") var name: String

    init() {}

    init(month: Int, day: Int, name: String) {
        self.month = month
        self.day = day
        self.name = name
    }

    init(date: CalendarDay, name: String) {
        self.date = date.description
        self.name = name
    }

    /// The admin's holiday list as the scheduler reads it.
    /// Read as cells: every page with an SLA clock on it (the board among them) asks for it.
    static func calendar(on db: any Database) async throws -> HolidayCalendar {
        let sql = try db.sql
        let rows = try await sql.cells(sql.select().columns("month", "day", "date", "name").from(schema).query)
        var calendar = HolidayCalendar(fixed: [], dated: [])
        for row in rows {
            if let month = try row.optional("month", as: Int.self), let day = try row.optional("day", as: Int.self) {
                calendar.fixed.append(.init(month: month, day: day, name: try row.value("name")))
            }
            if let date = try row.optional("date", as: String.self).flatMap(CalendarDay.init(iso:)) { calendar.dated.insert(date) }
        }
        return calendar
    }
}

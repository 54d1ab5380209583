import FleetCore
import Fluent
import Vapor

/// A plan as the API shows it.
struct PlanDTO: Content {
    let id: UUID
    let code: String
    let nameFa: String
    let nameEn: String
    let builtIn: Bool
    let terms: ContractTerms

    init(id: UUID, code: String, nameFa: String, nameEn: String, builtIn: Bool, terms: ContractTerms) {
        self.id = id
        self.code = code
        self.nameFa = nameFa
        self.nameEn = nameEn
        self.builtIn = builtIn
        self.terms = terms
    }

    init(_ p: Plan) {
        id = p.id!
        code = p.code
        nameFa = p.nameFa
        nameEn = p.nameEn
        builtIn = p.builtIn
        terms = p.terms
    }
}

struct PlanInput: Content {
    let code: String?
    let nameFa: String
    let nameEn: String
    let terms: ContractTerms
}

/// A contract as the API shows it.
struct ContractDTO: Content {
    let id: UUID
    let customerId: UUID
    let customerName: String?
    let planCode: String
    let planName: String
    let status: ContractStatus
    let startsOn: String
    let endsOn: String
    let terms: ContractTerms
    let overrides: TermOverrides
    let deviceIds: [UUID]
    let deviceCount: Int
    /// The warnings as English sentences; `warningCodes` has them as values.
    let warnings: [String]
    let warningCodes: [ContractWarning]
    let renewedFromId: UUID?
    var residentTechnicianId: UUID? = nil
    let history: [ContractEventDTO]?
}

struct ContractEventDTO: Content {
    let at: Date
    let kind: String
    let summary: String
    let actor: String?
    /// The change as a code and its parameters; nil on an old row whose sentence could not be read.
    let change: ContractChange?
}

struct ScheduleItemDTO: Content {
    let date: String
    let number: Int
    let contractYear: Int
    let numberInYear: Int
    let secondOfPeriod: Bool
    let done: Bool
    let deviceIds: [UUID]
    let visitId: UUID?
}

struct ContractPatch: Decodable, Sendable {
    var startsOn: String?
    var endsOn: String?
    var overrides: TermOverrides?
    /// Absent leaves the resident technician alone; null removes them.
    var residentTechnicianId: Update<UUID> = .keep

    enum Keys: String, CodingKey { case startsOn, endsOn, overrides, residentTechnicianId }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        startsOn = try c.decodeIfPresent(String.self, forKey: .startsOn)
        endsOn = try c.decodeIfPresent(String.self, forKey: .endsOn)
        overrides = try c.decodeIfPresent(TermOverrides.self, forKey: .overrides)
        residentTechnicianId = try c.update(UUID.self, forKey: .residentTechnicianId)
    }
}

struct DeviceIDsInput: Content {
    let deviceIds: [UUID]
}

extension API {
    /// Contract plans: the built-in six and the admin's own.
    enum PlansController {
        /// `GET /api/v1/plans`
        @Sendable static func list(req: Request) async throws -> Page<PlanDTO> {
            _ = try req.viewer
            let plans = try await Plan.query(on: req.db).all()
            let order = BuiltInPlans.all.map(\.code)
            let sorted = plans.sorted { a, b in
                (order.firstIndex(of: a.code) ?? order.count, a.code) < (order.firstIndex(of: b.code) ?? order.count, b.code)
            }
            return Page(items: sorted.map(PlanDTO.init), total: sorted.count)
        }

        /// `POST /api/v1/plans` (admin)
        @Sendable static func create(req: Request) async throws -> Response {
            try req.viewer.require(.admin)
            let input = try req.content.decode(PlanInput.self)
            let code = try DeviceFieldRules.required(input.code, field: "code", limit: 40).lowercased()
            guard code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
                throw FieldError(field: "code", message: "a plan code has letters, digits and dashes only")
            }
            try input.terms.validate(prefix: "terms.")
            if try await Plan.query(on: req.db).filter(\.$code == code).count() > 0 {
                throw APIError.conflict(code: "duplicate_code", "a plan with code \(code) exists", field: "code")
            }
            let plan = Plan(code: code, nameFa: try DeviceFieldRules.required(input.nameFa, field: "nameFa"),
                            nameEn: try DeviceFieldRules.required(input.nameEn, field: "nameEn"), builtIn: false, terms: input.terms)
            try await plan.create(on: req.db)
            return try await PlanDTO(plan).encodeResponse(status: .created, for: req)
        }

        /// `PATCH /api/v1/plans/{code}` (admin): new terms for new contracts; existing ones keep their copy.
        @Sendable static func update(req: Request) async throws -> PlanDTO {
            try req.viewer.require(.admin)
            guard let plan = try await Plan.query(on: req.db).filter(\.$code == req.parameters.get("code") ?? "").first() else {
                throw APIError.notFound("plan")
            }
            let input = try req.content.decode(PlanInput.self)
            try input.terms.validate(prefix: "terms.")
            plan.nameFa = try DeviceFieldRules.required(input.nameFa, field: "nameFa")
            plan.nameEn = try DeviceFieldRules.required(input.nameEn, field: "nameEn")
            plan.terms = input.terms
            try await plan.save(on: req.db)
            return PlanDTO(plan)
        }
    }

    /// Contracts: creation, the device list, renewal, the PM schedule.
    enum ContractsController {
        /// `POST /api/v1/contracts`
        @Sendable static func create(req: Request) async throws -> Response {
            let viewer = try req.viewer
            try viewer.require(.admin, .dispatcher)
            let input = try req.content.decode(ContractInput.self)
            let contract = try await book(req, viewer).create(input)
            return try await dto(contract, db: req.db, withHistory: false, today: today(req)).encodeResponse(status: .created, for: req)
        }

        /// `GET /api/v1/contracts?customerId=&status=`
        @Sendable static func list(req: Request) async throws -> Page<ContractDTO> {
            let viewer = try req.viewer
            let query = Contract.query(on: req.db).sort(\.$startsOn, .descending)
            switch viewer.customerScope(try req.queryID("customerId")) {
            case .all: break
            case let .only(id): query.filter(\.$customer.$id == id)
            }
            if req.query[String.self, at: "ending"] == "true" { ending(query, today: today(req)) }
            let (items, total) = try await query.page(try Paging(req))
            var dtos: [ContractDTO] = []
            for c in items { dtos.append(try await dto(c, db: req.db, withHistory: false, today: today(req))) }
            return Page(items: dtos, total: total)
        }

        /// The active contracts that end within `days` from `today`: the dashboard's "contracts ending" and the list
        /// it links to (`?ending=true`).
        @discardableResult
        static func ending(_ query: QueryBuilder<Contract>, today: CalendarDay, within days: Int = 60) -> QueryBuilder<Contract> {
            query.filter(\.$status == ContractStatus.active.rawValue)
                .filter(\.$endsOn >= today.description).filter(\.$endsOn <= today.adding(days: days).description)
        }

        /// `GET /api/v1/contracts/{id}`
        @Sendable static func show(req: Request) async throws -> ContractDTO {
            try await dto(try await find(req), db: req.db, withHistory: true, today: today(req))
        }

        /// `PATCH /api/v1/contracts/{id}`: dates or overrides; terms and schedule follow.
        @Sendable static func update(req: Request) async throws -> ContractDTO {
            let contract = try await find(req)
            let viewer = try req.viewer
            try viewer.require(.admin, .dispatcher)
            let patch = try req.content.decode(ContractPatch.self)
            try await book(req, viewer).update(contract, startsOn: patch.startsOn, endsOn: patch.endsOn, overrides: patch.overrides,
                                               residentTechnicianID: patch.residentTechnicianId)
            return try await dto(contract, db: req.db, withHistory: true, today: today(req))
        }

        /// `GET /api/v1/contracts/{id}/schedule`
        @Sendable static func schedule(req: Request) async throws -> Page<ScheduleItemDTO> {
            let contract = try await find(req)
            let rows = try await ScheduledPM.query(on: req.db).filter(\.$contract.$id == contract.id!).sort(\.$date).all()
            let devices = try await ContractBook(db: req.db, actor: nil).members(of: contract).map { $0.$device.id }
            let items = rows.map {
                ScheduleItemDTO(date: $0.date, number: $0.number, contractYear: $0.contractYear, numberInYear: $0.numberInYear,
                                secondOfPeriod: $0.secondOfPeriod, done: $0.done, deviceIds: devices, visitId: $0.visitID)
            }
            return Page(items: items, total: items.count)
        }

        /// `POST /api/v1/contracts/{id}/renew`
        @Sendable static func renew(req: Request) async throws -> Response {
            let contract = try await find(req)
            let viewer = try req.viewer
            try viewer.require(.admin, .dispatcher)
            let renewal = try await book(req, viewer).renew(contract)
            return try await dto(renewal, db: req.db, withHistory: false, today: today(req)).encodeResponse(status: .created, for: req)
        }

        /// `POST /api/v1/contracts/{id}/devices`: add devices mid-term.
        @Sendable static func addDevices(req: Request) async throws -> ContractDTO {
            let (contract, viewer) = try await findForChange(req)
            try await book(req, viewer).addDevices(try req.content.decode(DeviceIDsInput.self).deviceIds, to: contract)
            return try await dto(contract, db: req.db, withHistory: true, today: today(req))
        }

        /// `POST /api/v1/contracts/{id}/devices/remove`: remove devices mid-term.
        @Sendable static func removeDevices(req: Request) async throws -> ContractDTO {
            let (contract, viewer) = try await findForChange(req)
            try await book(req, viewer).removeDevices(try req.content.decode(DeviceIDsInput.self).deviceIds, from: contract)
            return try await dto(contract, db: req.db, withHistory: true, today: today(req))
        }

        /// `POST /api/v1/contracts/{id}/activate`
        @Sendable static func activate(req: Request) async throws -> ContractDTO {
            let (contract, viewer) = try await findForChange(req)
            try await book(req, viewer).activate(contract)
            return try await dto(contract, db: req.db, withHistory: true, today: today(req))
        }

        /// `POST /api/v1/contracts/{id}/terminate`
        @Sendable static func terminate(req: Request) async throws -> ContractDTO {
            let (contract, viewer) = try await findForChange(req)
            try await book(req, viewer).terminate(contract)
            return try await dto(contract, db: req.db, withHistory: true, today: today(req))
        }

        static func findForChange(_ req: Request) async throws -> (Contract, Viewer) {
            let contract = try await find(req)
            let viewer = try req.viewer
            try viewer.require(.admin, .dispatcher)
            return (contract, viewer)
        }

        static func book(_ req: Request, _ viewer: Viewer) -> ContractBook {
            ContractBook(db: req.db, actor: viewer.user, timeZone: req.application.fleetConfiguration.timeZone)
        }

        static func today(_ req: Request) -> CalendarDay {
            CalendarDay(Date(), in: req.application.fleetConfiguration.timeZone)
        }

        /// The contract in the path, if the viewer may see it.
        static func find(_ req: Request) async throws -> Contract {
            guard let contract = try await Contract.find(try req.id("contractID", "contract"), on: req.db),
                  try req.viewer.canSee(customerID: contract.$customer.id) else {
                throw APIError.notFound("contract")
            }
            return contract
        }

        static func dto(_ c: Contract, db: any Database, withHistory: Bool, today: CalendarDay) async throws -> ContractDTO {
            let members = try await ContractBook(db: db, actor: nil).members(of: c).map { $0.$device.id }
            let customer = try await Customer.find(c.$customer.id, on: db)
            let warnings = ContractBook.warnings(deviceCount: members.count, terms: c.terms)
            var history: [ContractEventDTO]?
            if withHistory {
                history = try await ContractEvent.query(on: db).filter(\.$contract.$id == c.id!).sort(\.$at, .descending).all()
                    .map { ContractEventDTO(at: $0.at, kind: $0.kind, summary: $0.summary, actor: $0.actorName, change: $0.change) }
            }
            return ContractDTO(id: c.id!, customerId: c.$customer.id, customerName: customer?.name, planCode: c.planCode,
                               planName: c.planNameEn, status: c.status(on: today), startsOn: c.startsOn, endsOn: c.endsOn,
                               terms: c.terms, overrides: c.overrides, deviceIds: members, deviceCount: members.count,
                               warnings: warnings.map(\.english), warningCodes: warnings,
                               renewedFromId: c.renewedFromID, residentTechnicianId: c.residentTechnicianID, history: history)
        }
    }

    /// The holiday list the PM schedule avoids.
    enum HolidaysController {
        struct HolidayDTO: Content {
            let id: UUID
            let name: String
            let month: Int?
            let day: Int?
            let date: String?
        }

        struct Input: Content {
            let name: String
            let month: Int?
            let day: Int?
            let date: String?
        }

        /// `GET /api/v1/holidays`
        @Sendable static func list(req: Request) async throws -> Page<HolidayDTO> {
            _ = try req.viewer
            let all = try await Holiday.query(on: req.db).all()
            let items = all.map { HolidayDTO(id: $0.id!, name: $0.name, month: $0.month, day: $0.day, date: $0.date) }
                .sorted { ($0.date ?? "", $0.month ?? 0, $0.day ?? 0) < ($1.date ?? "", $1.month ?? 0, $1.day ?? 0) }
            return Page(items: items, total: items.count)
        }

        /// `POST /api/v1/holidays` (admin): a Solar Hijri month and day every year, or one date.
        @Sendable static func create(req: Request) async throws -> Response {
            try req.viewer.require(.admin)
            let input = try req.content.decode(Input.self)
            let dto = try await add(name: input.name, month: input.month, day: input.day, date: input.date, on: req.db)
            return try await dto.encodeResponse(status: .created, for: req)
        }

        /// Adds a holiday: a Solar Hijri month and day every year, or one date.
        static func add(name rawName: String, month: Int?, day: Int?, date: String?, on db: any Database) async throws -> HolidayDTO {
            let name = try DeviceFieldRules.required(rawName, field: "name")
            let holiday: Holiday
            switch (month, day, date) {
            case let (m?, d?, nil):
                guard SolarHijriDay(year: 1403, month: m, day: d) != nil else {
                    throw FieldError(field: "day", message: "\(m)/\(d) is not a Solar Hijri month and day")
                }
                holiday = Holiday(month: m, day: d, name: name)
            case let (nil, nil, text?):
                holiday = Holiday(date: try DayInput.read(text, field: "date"), name: name)
            default:
                throw FieldError(field: "date", message: "give either month and day (every year) or date (once)")
            }
            try await holiday.create(on: db)
            return HolidayDTO(id: holiday.id!, name: name, month: holiday.month, day: holiday.day, date: holiday.date)
        }

        /// `DELETE /api/v1/holidays/{id}` (admin)
        @Sendable static func delete(req: Request) async throws -> HTTPStatus {
            try req.viewer.require(.admin)
            guard let h = try await Holiday.find(try req.id("holidayID", "holiday"), on: req.db) else { throw APIError.notFound("holiday") }
            try await h.delete(on: req.db)
            return .noContent
        }
    }
}

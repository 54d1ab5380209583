import FleetCore
import Fluent
import Vapor

struct LoanInput: Content {
    let loanerDeviceId: UUID
    let forDeviceId: UUID
    let dueOn: String
}

struct LoanReturn: Content {
    /// The loaner's page counter when it came back.
    let totalPages: Int?
}

struct LoanDTO: Content {
    let id: UUID
    let loanerDeviceId: UUID
    let forDeviceId: UUID
    let customerId: UUID?
    let lentOn: String
    let dueOn: String
    let overdue: Bool
    let charge: String
    let chargeReason: String
    let returnedAt: Date?
    let closingTotalPages: Int?
    let warnings: [String]

    init(_ l: Loan, today: CalendarDay, warnings: [String] = []) {
        id = l.id!
        loanerDeviceId = l.loanerDeviceID
        forDeviceId = l.forDeviceID
        customerId = l.customerID
        lentOn = l.lentOn
        dueOn = l.dueOn
        overdue = l.returnedAt == nil && l.dueOn < today.description
        charge = l.charge
        chargeReason = l.chargeReason
        returnedAt = l.returnedAt
        closingTotalPages = l.closingTotalPages
        self.warnings = warnings
    }
}

extension API {
    /// Loaners: lending a pool device against a client's broken one, and taking it back.
    enum LoansController {
        /// `POST /api/v1/loans`
        @Sendable static func lend(req: Request) async throws -> Response {
            let dto = try await lend(try req.content.decode(LoanInput.self), req: req)
            return try await dto.encodeResponse(status: .created, for: req)
        }

        static func lend(_ input: LoanInput, req: Request) async throws -> LoanDTO {
            let viewer = try req.viewer
            try viewer.require(.admin, .dispatcher)
            let today = ContractsController.today(req)
            guard let loaner = try await Device.find(input.loanerDeviceId, on: req.db), loaner.isLoaner else {
                throw APIError(.unprocessableEntity, code: "not_a_loaner", message: "device \(input.loanerDeviceId) is not in the loaner pool",
                               field: "loanerDeviceId")
            }
            guard let device = try await Device.find(input.forDeviceId, on: req.db), !device.isLoaner else {
                throw APIError(.unprocessableEntity, code: "unknown_device", message: "no client device has id \(input.forDeviceId)",
                               field: "forDeviceId")
            }
            let due = try DayInput.read(input.dueOn, field: "dueOn")
            guard due >= today else {
                throw FieldError(field: "dueOn", message: "dueOn must be a day from today on")
            }
            if try await Loan.query(on: req.db).filter(\.$loanerDeviceID == loaner.id!).filter(\.$returnedAt == nil).count() > 0 {
                throw APIError.conflict(code: "loaner_out", "\(loaner.serialNumber) is already lent out", field: "loanerDeviceId")
            }
            let contract = try await ContractBook.activeContract(for: device.id!, on: today, db: req.db)
            let out = try await Loan.query(on: req.db).filter(\.$customerID == device.$customer.id).filter(\.$returnedAt == nil).count()
            let decision = CoverageRule.decide(.loaner, contract: contract.map(ServiceDesk.active), on: today, loansOut: out)
            var warnings: [String] = []
            if let c = contract, out >= c.terms.loanerDevices {
                warnings.append("the contract allows \(c.terms.loanerDevices) loaner(s) at once; this is number \(out + 1)")
            }
            let loan = Loan()
            loan.loanerDeviceID = loaner.id!
            loan.forDeviceID = device.id!
            loan.customerID = device.$customer.id
            loan.lentOn = today.description
            loan.dueOn = due.description
            loan.charge = decision.charge.rawValue
            loan.chargeReason = decision.reason
            let now = Date(), actor = viewer.user
            let events = [
                DeviceEvent(deviceID: loaner.id!, at: now, kind: .loan,
                            summary: "Lent against \(device.make) \(device.model) (\(device.serialNumber)) until \(due)", details: nil, actor: actor),
                DeviceEvent(deviceID: device.id!, at: now, kind: .loan,
                            summary: "Loaner \(loaner.make) \(loaner.model) (\(loaner.serialNumber)) lent until \(due)", details: nil, actor: actor),
            ]
            try await req.db.writeTransaction { tx in
                try await loan.create(on: tx)
                for e in events { try await e.create(on: tx) }
            }
            return LoanDTO(loan, today: today, warnings: warnings)
        }

        /// `POST /api/v1/loans/{id}/return`
        @Sendable static func giveBack(req: Request) async throws -> LoanDTO {
            let loan = try await find(req)
            return try await giveBack(loan, try req.content.decode(LoanReturn.self), req: req)
        }

        static func giveBack(_ loan: Loan, _ input: LoanReturn, req: Request) async throws -> LoanDTO {
            let viewer = try req.viewer
            try viewer.require(.admin, .dispatcher, .technician)
            guard loan.returnedAt == nil else { throw APIError.conflict(code: "already_returned", "this loaner is already back") }
            if let pages = input.totalPages, !(0...4_000_000_000).contains(pages) {
                throw FieldError(field: "totalPages", message: "totalPages is a page counter, 0 or more")
            }
            loan.returnedAt = Date()
            loan.closingTotalPages = input.totalPages
            let counter = input.totalPages.map { ", counter \($0) pages" } ?? ""
            let events = [
                DeviceEvent(deviceID: loan.loanerDeviceID, at: loan.returnedAt!, kind: .loan, summary: "Returned to the pool\(counter)",
                            details: nil, actor: viewer.user),
                DeviceEvent(deviceID: loan.forDeviceID, at: loan.returnedAt!, kind: .loan, summary: "Loaner returned\(counter)",
                            details: nil, actor: viewer.user),
            ]
            // The closing counter is a meter reading of the loaner like any other: checked against its earlier ones.
            let closing = input.totalPages.map {
                ReadingInput(deviceId: loan.loanerDeviceID, takenAt: MeterReading.moment(loan.returnedAt!),
                             source: ReadingSource.manual.rawValue, totalPages: Int64($0))
            }
            let sender = ReadingSender.staff(viewer.user)
            let zone = req.application.fleetConfiguration.timeZone
            try await req.db.writeTransaction { tx in
                try await ReadingBook(db: tx, sender: sender, timeZone: zone)
                    .recordAll(closing.map { [$0] } ?? [], now: loan.returnedAt!) { _ in "totalPages" }
                try await loan.save(on: tx)
                for e in events { try await e.create(on: tx) }
            }
            return LoanDTO(loan, today: ContractsController.today(req))
        }

        /// `GET /api/v1/loans?customerId=&open=&overdue=`
        @Sendable static func list(req: Request) async throws -> Page<LoanDTO> {
            let viewer = try req.viewer
            let today = ContractsController.today(req)
            let query = Loan.query(on: req.db).sort(\.$dueOn)
            switch viewer.customerScope(try req.queryID("customerId")) {
            case .all: break
            case let .only(id): query.filter(\.$customerID == id)
            }
            if req.query[String.self, at: "open"] == "true" { query.filter(\.$returnedAt == nil) }
            if req.query[String.self, at: "overdue"] == "true" {
                query.filter(\.$returnedAt == nil).filter(\.$dueOn < today.description)
            }
            let (items, total) = try await query.page(try Paging(req))
            return Page(items: items.map { LoanDTO($0, today: today) }, total: total)
        }

        static func find(_ req: Request) async throws -> Loan {
            guard let loan = try await Loan.find(try req.id("loanID", "loan"), on: req.db),
                  try req.viewer.canSee(customerID: loan.customerID) else { throw APIError.notFound("loan") }
            return loan
        }
    }
}

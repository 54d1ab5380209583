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
            let (loan, warnings) = try await LoanDesk(db: req.db, actor: viewer.user, today: today).lend(input)
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
            let events = [
                DeviceEvent(deviceID: loan.loanerDeviceID, at: loan.returnedAt!, .returnedToPool(counter: input.totalPages.map(Int64.init)), actor: viewer.user),
                DeviceEvent(deviceID: loan.forDeviceID, at: loan.returnedAt!, .loanerReturned(counter: input.totalPages.map(Int64.init)), actor: viewer.user),
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

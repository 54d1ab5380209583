import FleetCore
import Fluent
import Vapor

/// An invoice or credit note as the API gives it.
struct InvoiceDTO: Content {
    let id: UUID
    /// Set when issued: the next of one series that invoices and credit notes share, without gaps.
    let number: Int?
    let kind: String
    let status: String
    let contractId: UUID
    let customerId: UUID
    let customerName: String
    let from: CalendarDay
    let to: CalendarDay
    let planNameFa: String
    let planNameEn: String
    let deviceMonths: Double
    let includedPages: Int64
    let lines: [InvoiceLine]
    let totals: InvoiceTotals
    /// Amount in Persian words, as the printed form carries it.
    let totalInWordsFa: String
    /// The period's completed visits whose work reports go with the invoice.
    let workReports: [UUID]
    /// The same work reports with what the printed list shows of each.
    let attachments: [Attachment]
    /// The period's work reports not approved by the client when the invoice was drafted: not attached.
    let pendingWorkReports: [Attachment]
    /// As frozen at issue; a draft shows the current details.
    let seller: Party
    let buyer: Party
    let creditsInvoiceId: UUID?
    let creditedById: UUID?
    let reason: String?
    let createdAt: Date
    let issuedAt: Date?
    let issuedBy: String?

    struct Attachment: Content {
        let visitId: UUID
        let kind: String
        let finishedAt: Date?
        let ticketNumber: Int?
        let signerName: String?
        let satisfaction: Int?
        /// `approved`, `pending` or `disputed`, as it stands now.
        let approval: String?
    }

    init(_ i: Invoice, customer: Customer, lines: [InvoiceLineRecord], attachments: [Attachment], pending: [Attachment], seller: Party) {
        id = i.id!
        number = i.number
        kind = i.kind
        status = i.status
        contractId = i.$contract.id
        customerId = i.$customer.id
        customerName = customer.name
        (from, to) = i.period
        planNameFa = i.planNameFa
        planNameEn = i.planNameEn
        deviceMonths = i.deviceMonths
        includedPages = i.includedPages
        self.lines = lines.map(\.line)
        totals = i.totals
        totalInWordsFa = PersianNumberWords.of(i.totalRials)
        workReports = i.workReportIDs
        self.attachments = attachments
        pendingWorkReports = pending
        self.seller = i.seller ?? seller
        buyer = i.buyer ?? customer.party
        creditsInvoiceId = i.creditsInvoiceID
        creditedById = i.creditedByID
        reason = i.reason
        createdAt = i.createdAt
        issuedAt = i.issuedAt
        issuedBy = i.issuedByName
    }
}

struct InvoiceInput: Content {
    let contractId: UUID?
    let from: String?
    let to: String?
    /// Issue at once instead of leaving a draft to look over.
    var issue: Bool?
}

extension API {
    /// Invoices for a contract's period, their issue and their credit notes.
    enum InvoicesController {
        /// `POST /api/v1/invoices {"contractId","from","to","issue"?}`: a draft, or an issued invoice with `issue`.
        @Sendable static func create(req: Request) async throws -> Response {
            let viewer = try req.viewer
            try viewer.require(.admin)
            let input = try req.content.decode(InvoiceInput.self)
            var invoice = try await draft(req, viewer, contractID: input.contractId, from: input.from, to: input.to)
            if input.issue == true { invoice = try await book(req, viewer).issue(invoice) }
            return try await dto(invoice, req).encodeResponse(status: .created, for: req)
        }

        /// `GET /api/v1/invoices?customerId=&contractId=`: newest first; a client sees its own issued ones.
        @Sendable static func list(req: Request) async throws -> Page<InvoiceDTO> {
            let query = try visible(req, customerID: try req.queryID("customerId"), contractID: try req.queryID("contractId"))
            let (items, total) = try await query.page(try Paging(req))
            return Page(items: try await dtos(items, req), total: total)
        }

        /// `GET /api/v1/invoices/{id}`: JSON, or the printable form for `Accept: text/html`.
        @Sendable static func show(req: Request) async throws -> Response {
            let dto = try await dto(try await find(req), req)
            if req.acceptsHTML {
                return Layout.response(InvoicePage.render(dto, req.pageContext(withSession: false)))
            }
            return try await dto.encodeResponse(for: req)
        }

        /// `POST /api/v1/invoices/{id}/issue`
        @Sendable static func issue(req: Request) async throws -> InvoiceDTO {
            let viewer = try req.viewer
            try viewer.require(.admin)
            return try await dto(try await book(req, viewer).issue(try await find(req)), req)
        }

        /// `POST /api/v1/invoices/{id}/credit-note {"reason"}`
        @Sendable static func creditNote(req: Request) async throws -> Response {
            let viewer = try req.viewer
            try viewer.require(.admin)
            struct Input: Content { let reason: String? }
            let input = try req.content.decode(Input.self)
            let note = try await book(req, viewer).creditNote(for: try await find(req), reason: input.reason ?? "")
            return try await dto(note, req).encodeResponse(status: .created, for: req)
        }

        /// `DELETE /api/v1/invoices/{id}`: a draft only.
        @Sendable static func delete(req: Request) async throws -> HTTPStatus {
            let viewer = try req.viewer
            try viewer.require(.admin)
            try await book(req, viewer).delete(try await find(req))
            return .noContent
        }

        /// The invoice in the path if the viewer may see it: a client sees its own, and only once issued.
        static func find(_ req: Request) async throws -> Invoice {
            let viewer = try req.viewer
            try viewer.require(.admin, .dispatcher, .client)
            guard let invoice = try await Invoice.find(try req.id("invoiceID", "invoice"), on: req.db),
                  viewer.canSee(customerID: invoice.$customer.id),
                  viewer.role != .client || invoice.invoiceStatus == .issued else { throw APIError.notFound("invoice") }
            return invoice
        }

        /// The invoices the viewer may list, newest first: a client its own issued ones.
        static func visible(_ req: Request, customerID: UUID?, contractID: UUID?) throws -> QueryBuilder<Invoice> {
            let viewer = try req.viewer
            try viewer.require(.admin, .dispatcher, .client)
            let query = Invoice.query(on: req.db).sort(\.$createdAt, .descending)
            if case let .only(id) = viewer.customerScope(customerID) { query.filter(\.$customer.$id == id) }
            if viewer.role == .client { query.filter(\.$status == InvoiceStatus.issued.rawValue) }
            if let contractID { query.filter(\.$contract.$id == contractID) }
            return query
        }

        /// A draft from what a request or form typed: the contract and the two days, each checked and named.
        static func draft(_ req: Request, _ viewer: Viewer, contractID: UUID?, from: String?, to: String?) async throws -> Invoice {
            guard let contractID else { throw FieldError(field: "contractId", message: "contractId is required") }
            guard let contract = try await Contract.find(contractID, on: req.db) else { throw APIError.notFound("contract") }
            return try await book(req, viewer).draft(contract: contract, from: try DayInput.required(from, field: "from"),
                                                     to: try DayInput.required(to, field: "to"))
        }

        static func book(_ req: Request, _ viewer: Viewer) -> InvoiceBook {
            InvoiceBook(db: req.db, config: req.application.fleetConfiguration, actor: viewer.user)
        }

        static func dto(_ invoice: Invoice, _ req: Request) async throws -> InvoiceDTO {
            try await dtos([invoice], req)[0]
        }

        /// Several invoices with their customers, lines and work reports, in three queries.
        static func dtos(_ invoices: [Invoice], _ req: Request) async throws -> [InvoiceDTO] {
            guard !invoices.isEmpty else { return [] }
            let db = req.db
            let customers = Dictionary(try await Customer.query(on: db).filter(\.$id ~~ Set(invoices.map { $0.$customer.id })).all()
                .map { ($0.id!, $0) }) { a, _ in a }
            var lines: [UUID: [InvoiceLineRecord]] = [:]
            for l in try await InvoiceLineRecord.query(on: db).filter(\.$invoiceID ~~ invoices.map { $0.id! }).sort(\.$position).all() {
                lines[l.invoiceID, default: []].append(l)
            }
            let visitIDs = invoices.flatMap { $0.workReportIDs + ($0.pendingReportIDs ?? []) }
            let visits = visitIDs.isEmpty ? [:] : Dictionary(try await Visit.query(on: db).filter(\.$id ~~ visitIDs).all().map { ($0.id!, $0) }) { a, _ in a }
            let ticketIDs = visits.values.compactMap(\.ticketID)
            let tickets = ticketIDs.isEmpty ? [:] : Dictionary(try await Ticket.query(on: db).filter(\.$id ~~ ticketIDs).all().map { ($0.id!, $0.number) }) { a, _ in a }
            let seller = req.application.fleetConfiguration.seller
            return invoices.map { i in
                func attachment(_ v: Visit) -> InvoiceDTO.Attachment {
                    InvoiceDTO.Attachment(visitId: v.id!, kind: v.kind, finishedAt: v.finishedAt, ticketNumber: v.ticketID.flatMap { tickets[$0] },
                                          signerName: v.signerName, satisfaction: v.satisfaction, approval: v.approval)
                }
                return InvoiceDTO(i, customer: customers[i.$customer.id] ?? Customer(name: "", phone: nil, address: nil),
                                  lines: lines[i.id!] ?? [], attachments: i.workReportIDs.compactMap { visits[$0] }.map(attachment),
                                  pending: (i.pendingReportIDs ?? []).compactMap { visits[$0] }.map(attachment), seller: seller)
            }
        }
    }
}

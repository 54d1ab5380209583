import FleetCore
import Fluent
import Vapor

/// The invoice pages: the list with the admin's form for a draft, the printable invoice, and its issue,
/// deletion and credit note.
enum WebInvoices {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(SiteURL.pattern(.invoices), use: list)
        routes.post(SiteURL.pattern(.invoices), use: create)
        routes.get(SiteURL.pattern(.invoice(UUID())), use: show)
        routes.post(SiteURL.pattern(.invoiceAction(UUID(), "")), use: act)
    }

    @Sendable static func list(req: Request) async throws -> Response {
        try await renderList(req, contractID: try? req.queryID("contractId"), from: nil, to: nil, error: nil)
    }

    static func renderList(_ req: Request, contractID: UUID?, from: String?, to: String?, error: String?) async throws -> Response {
        let viewer = try req.viewer
        let query = try API.InvoicesController.visible(req, customerID: nil, contractID: contractID).limit(200)
        let invoices = try await API.InvoicesController.dtos(try await query.all(), req)
        var contracts: [(String, String)] = []
        var defaultFrom = "", defaultTo = ""
        if viewer.role == .admin {
            // Contracts that have begun: one that starts next year has nothing to bill yet.
            let today = CalendarDay(Date(), in: req.application.fleetConfiguration.timeZone)
            let found = try await Contract.query(on: req.db).filter(\.$status != ContractStatus.draft.rawValue)
                .filter(\.$startsOn <= today.description).with(\.$customer).sort(\.$startsOn, .descending).all()
            let lang = req.language, f = req.pageContext().format
            contracts = found.map { c in
                let (s, e) = c.period
                return (c.id!.uuidString, "\(c.customer.name) · \(lang == .fa ? c.planNameFa : c.planNameEn) · \(f.day(s)) – \(f.day(e))")
            }
            // The last whole Solar Hijri month: what is invoiced most often.
            let solar = SolarHijriDay(today)
            let lastSolar = SolarHijriDay(solar.firstOfMonth.gregorian.adding(days: -1))
            defaultFrom = lastSolar.firstOfMonth.description
            defaultTo = lastSolar.description
        }
        let model = InvoiceListPage.Model(invoices: invoices, contracts: contracts, contractID: contractID?.uuidString,
                                          from: from ?? defaultFrom, to: to ?? defaultTo, error: error)
        return Layout.response(InvoiceListPage.render(model, req.pageContext()), status: error == nil ? .ok : .unprocessableEntity)
    }

    /// `POST /invoices`: a draft for the chosen contract and days, then its page.
    @Sendable static func create(req: Request) async throws -> Response {
        let viewer = try req.viewer
        try viewer.require(.admin)
        struct Form: Content { let contractId: String?; let from: String?; let to: String? }
        let form = try req.content.decode(Form.self)
        let contractID = form.contractId.flatMap(UUID.init(uuidString:))
        do {
            guard contractID != nil else {
                throw FieldError(field: "contractId", message: "\(L10n.choose.text(req.language)): \(L10n.contract.text(req.language))")
            }
            let invoice = try await API.InvoicesController.draft(req, viewer, contractID: contractID, from: form.from, to: form.to)
            return req.redirect(to: SiteURL.invoice(invoice.id!).path)
        } catch {
            return try await renderList(req, contractID: contractID, from: form.from, to: form.to, error: try FormError.message(error, req))
        }
    }

    @Sendable static func show(req: Request) async throws -> Response {
        try await render(req, try await API.InvoicesController.find(req), error: nil)
    }

    static func render(_ req: Request, _ invoice: Invoice, error: String?) async throws -> Response {
        let viewer = try req.viewer
        let dto = try await API.InvoicesController.dto(invoice, req)
        let actions = viewer.role == .admin ? InvoicePage.Actions(canIssue: true, canCredit: true) : nil
        return Layout.response(InvoicePage.render(dto, req.pageContext(), actions: actions, error: error),
                               status: error == nil ? .ok : .unprocessableEntity)
    }

    /// `POST /invoices/{id}/{issue|delete|credit-note}`
    @Sendable static func act(req: Request) async throws -> Response {
        let viewer = try req.viewer
        try viewer.require(.admin)
        let invoice = try await API.InvoicesController.find(req)
        let book = API.InvoicesController.book(req, viewer)
        do {
            switch req.parameters.get("action") {
            case "issue":
                _ = try await book.issue(invoice)
            case "delete":
                try await book.delete(invoice)
                return req.redirect(to: SiteURL.invoices.path)
            case "credit-note":
                struct Form: Content { let reason: String? }
                let note = try await book.creditNote(for: invoice, reason: try req.content.decode(Form.self).reason ?? "")
                return req.redirect(to: SiteURL.invoice(note.id!).path)
            default:
                throw APIError.notFound("page")
            }
        } catch {
            return try await render(req, invoice, error: try FormError.message(error, req))
        }
        return req.redirect(to: SiteURL.invoice(invoice.id!).path)
    }
}

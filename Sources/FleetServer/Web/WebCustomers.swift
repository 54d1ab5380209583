import FleetCore
import Fluent
import Vapor

/// Customer and site pages and their forms.
enum WebCustomers {
    struct CustomerForm: Content {
        let name: String?
        let phone: String?
        let address: String?
        var nationalId: String?
        var economicCode: String?
        var postalCode: String?

        /// The form always sends the invoice identifiers, so an emptied one is cleared.
        var input: CustomerInput {
            CustomerInput(name: name ?? "", phone: phone, address: address, nationalId: nationalId ?? "", economicCode: economicCode ?? "",
                          postalCode: postalCode ?? "")
        }

        func model(id: UUID?, error: String?) -> CustomerFormPage.Model {
            CustomerFormPage.Model(id: id, name: name ?? "", phone: phone ?? "", address: address ?? "", nationalId: nationalId ?? "",
                                   economicCode: economicCode ?? "", postalCode: postalCode ?? "", error: error)
        }
    }

    @Sendable static func list(req: Request) async throws -> Response {
        let viewer = try req.viewer
        let query = Customer.query(on: req.db).sort(\.$name)
        if case let .only(id) = viewer.customerScope(nil) { query.filter(\.$id == id) }
        let customers = try await query.all()
        let counts = try await CustomerBook(db: req.db).deviceCounts(customers.compactMap(\.id))
        let rows = customers.map { CustomersPage.Row(id: $0.id!, name: $0.name, phone: $0.phone, devices: counts[$0.id!] ?? 0) }
        return Layout.response(CustomersPage.render(rows, canEdit: viewer.canManageFleet, req.pageContext()))
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let viewer = try req.viewer
        let customer = try await API.CustomersController.find(req)
        let sites = try await customer.$sites.query(on: req.db).sort(\.$name).all()
        let devices = try await Device.query(on: req.db).filter(\.$customer.$id == customer.id!).field(\.$site.$id).all()
        var perSite: [UUID: Int] = [:]
        for d in devices { if let s = d.$site.id { perSite[s, default: 0] += 1 } }
        let model = CustomerPage.Model(
            id: customer.id!, name: customer.name, phone: customer.phone, address: customer.address,
            sites: sites.map { .init(id: $0.id!, name: $0.name, address: $0.address, devices: perSite[$0.id!] ?? 0) },
            devices: devices.count, canEdit: viewer.canManageFleet)
        return Layout.response(CustomerPage.render(model, req.pageContext()))
    }

    @Sendable static func newForm(req: Request) async throws -> Response {
        try req.viewer.require(.admin, .dispatcher)
        return Layout.response(CustomerFormPage.render(.init(), req.pageContext()))
    }

    @Sendable static func create(req: Request) async throws -> Response {
        try req.viewer.require(.admin, .dispatcher)
        let form = try req.content.decode(CustomerForm.self)
        do {
            let c = try await CustomerBook(db: req.db).create(form.input)
            return req.redirect(to: SiteURL.customer(c.id!).path)
        } catch {
            let m = form.model(id: nil, error: try FormError.message(error, req))
            return Layout.response(CustomerFormPage.render(m, req.pageContext()), status: .unprocessableEntity)
        }
    }

    @Sendable static func editForm(req: Request) async throws -> Response {
        let c = try await API.CustomersController.find(req)
        try req.viewer.require(.admin, .dispatcher)
        let m = CustomerFormPage.Model(id: c.id, name: c.name, phone: c.phone ?? "", address: c.address ?? "", nationalId: c.nationalId ?? "",
                                       economicCode: c.economicCode ?? "", postalCode: c.postalCode ?? "")
        return Layout.response(CustomerFormPage.render(m, req.pageContext()))
    }

    @Sendable static func update(req: Request) async throws -> Response {
        let c = try await API.CustomersController.find(req)
        try req.viewer.require(.admin, .dispatcher)
        let form = try req.content.decode(CustomerForm.self)
        do {
            try await CustomerBook(db: req.db).update(c, form.input)
            return req.redirect(to: SiteURL.customer(c.id!).path)
        } catch {
            let m = form.model(id: c.id, error: try FormError.message(error, req))
            return Layout.response(CustomerFormPage.render(m, req.pageContext()), status: .unprocessableEntity)
        }
    }

    @Sendable static func newSiteForm(req: Request) async throws -> Response {
        let c = try await API.CustomersController.find(req)
        try req.viewer.require(.admin, .dispatcher)
        return Layout.response(SiteFormPage.render(.init(customerID: c.id!, customerName: c.name), req.pageContext()))
    }

    @Sendable static func createSite(req: Request) async throws -> Response {
        let c = try await API.CustomersController.find(req)
        try req.viewer.require(.admin, .dispatcher)
        let form = try req.content.decode(CustomerForm.self)
        do {
            _ = try await CustomerBook(db: req.db).addSite(to: c, SiteInput(name: form.name ?? "", address: form.address))
            return req.redirect(to: SiteURL.customer(c.id!).path)
        } catch {
            let m = SiteFormPage.Model(customerID: c.id!, customerName: c.name, name: form.name ?? "",
                                       address: form.address ?? "", error: try FormError.message(error, req))
            return Layout.response(SiteFormPage.render(m, req.pageContext()), status: .unprocessableEntity)
        }
    }

    @Sendable static func editSiteForm(req: Request) async throws -> Response {
        let site = try await findSite(req)
        try req.viewer.require(.admin, .dispatcher)
        let c = try await site.$customer.get(on: req.db)
        let m = SiteFormPage.Model(customerID: c.id!, customerName: c.name, siteID: site.id, name: site.name,
                                   address: site.address ?? "")
        return Layout.response(SiteFormPage.render(m, req.pageContext()))
    }

    @Sendable static func updateSite(req: Request) async throws -> Response {
        let site = try await findSite(req)
        try req.viewer.require(.admin, .dispatcher)
        let c = try await site.$customer.get(on: req.db)
        let form = try req.content.decode(CustomerForm.self)
        do {
            try await CustomerBook(db: req.db).update(site, SiteInput(name: form.name ?? "", address: form.address))
            return req.redirect(to: SiteURL.customer(c.id!).path)
        } catch {
            let m = SiteFormPage.Model(customerID: c.id!, customerName: c.name, siteID: site.id, name: form.name ?? "",
                                       address: form.address ?? "", error: try FormError.message(error, req))
            return Layout.response(SiteFormPage.render(m, req.pageContext()), status: .unprocessableEntity)
        }
    }

    static func findSite(_ req: Request) async throws -> Site {
        guard let site = try await Site.find(try req.id("siteID", "site"), on: req.db),
              try req.viewer.canSee(customerID: site.$customer.id) else { throw APIError.notFound("site") }
        return site
    }
}

extension Viewer {
    /// Admins and dispatchers add and edit customers, sites and devices.
    var canManageFleet: Bool { role == .admin || role == .dispatcher }
}

/// Turns a rejected form into the message shown above it; anything unexpected propagates.
enum FormError {
    /// The reason a form was refused, in English as the API gives it; rethrows what is not the form's fault.
    static func message(_ error: any Error) throws -> String {
        switch error {
        case let e as FieldError: return e.message
        case let e as APIError where e.status.code < 500 && e.status != .notFound && e.status != .forbidden: return e.message
        default: throw error
        }
    }

    /// The same in the reader's language: on a Persian page the field is named by its label and the refusal
    /// said in Persian (the API's English sentence is not shown there).
    static func message(_ error: any Error, _ req: Request) throws -> String {
        let english = try message(error)
        guard req.pageContext().language == .fa else { return english }
        switch error {
        case let e as FieldError: return FieldText.refused(field: e.field)
        case let e as APIError where FieldText.explainedByCode.contains(e.code): return FieldText.refusedAction(code: e.code)
        case let e as APIError: return e.field.map { FieldText.refused(field: $0) } ?? FieldText.refusedAction(code: e.code)
        default: return english
        }
    }
}

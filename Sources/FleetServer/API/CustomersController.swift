import FleetCore
import Fluent
import SQLKit
import Vapor

extension API {
    /// Client organisations and their sites.
    enum CustomersController {
        /// `POST /api/v1/customers`
        @Sendable static func create(req: Request) async throws -> Response {
            try req.viewer.require(.admin, .dispatcher)
            let input = try req.content.decode(CustomerInput.self)
            let customer = try await CustomerBook(db: req.db).create(input)
            return try await dto(customer, sites: [], deviceCount: 0).encodeResponse(status: .created, for: req)
        }

        /// `GET /api/v1/customers?q=`
        @Sendable static func list(req: Request) async throws -> Page<CustomerDTO> {
            let viewer = try req.viewer
            let query = Customer.query(on: req.db).sort(\.$name)
            if case let .only(id) = viewer.customerScope(nil) { query.filter(\.$id == id) }
            if let q = req.query[String.self, at: "q"], !q.isEmpty {
                query.filter(TextSearch.matching(q, columns: [("customers", "name"), ("customers", "phone")]))
            }
            let (items, total) = try await query.page(try Paging(req))
            let counts = try await CustomerBook(db: req.db).deviceCounts(items.compactMap(\.id))
            return Page(items: items.map { dto($0, sites: nil, deviceCount: counts[$0.id!] ?? 0) }, total: total)
        }

        /// `GET /api/v1/customers/{id}`: with its sites.
        @Sendable static func show(req: Request) async throws -> CustomerDTO {
            let customer = try await find(req)
            let sites = try await customer.$sites.query(on: req.db).sort(\.$name).all()
            let count = try await Device.query(on: req.db).filter(\.$customer.$id == customer.id!).count()
            return dto(customer, sites: sites, deviceCount: count)
        }

        /// `PATCH /api/v1/customers/{id}`
        @Sendable static func update(req: Request) async throws -> CustomerDTO {
            let customer = try await find(req)
            try req.viewer.require(.admin, .dispatcher)
            let input = try req.content.decode(CustomerInput.self)
            try await CustomerBook(db: req.db).update(customer, input)
            return try await show(req: req)
        }

        /// `POST /api/v1/customers/{id}/sites`
        @Sendable static func createSite(req: Request) async throws -> Response {
            let customer = try await find(req)
            try req.viewer.require(.admin, .dispatcher)
            let site = try await CustomerBook(db: req.db).addSite(to: customer, try req.content.decode(SiteInput.self))
            return try await SiteDTO(site).encodeResponse(status: .created, for: req)
        }

        /// `GET /api/v1/customers/{id}/sites`
        @Sendable static func sites(req: Request) async throws -> Page<SiteDTO> {
            let customer = try await find(req)
            let (items, total) = try await customer.$sites.query(on: req.db).sort(\.$name).page(try Paging(req))
            return Page(items: items.map(SiteDTO.init), total: total)
        }

        /// `PATCH /api/v1/sites/{siteID}`
        @Sendable static func updateSite(req: Request) async throws -> SiteDTO {
            guard let site = try await Site.find(try req.id("siteID", "site"), on: req.db),
                  try req.viewer.canSee(customerID: site.$customer.id) else { throw APIError.notFound("site") }
            try req.viewer.require(.admin, .dispatcher)
            try await CustomerBook(db: req.db).update(site, try req.content.decode(SiteInput.self))
            return SiteDTO(site)
        }

        /// The customer in the path, if the viewer may see it.
        static func find(_ req: Request) async throws -> Customer {
            let id = try req.id("customerID", "customer")
            guard try req.viewer.canSee(customerID: id), let customer = try await Customer.find(id, on: req.db) else {
                throw APIError.notFound("customer")
            }
            return customer
        }

        static func dto(_ c: Customer, sites: [Site]?, deviceCount: Int?) -> CustomerDTO {
            CustomerDTO(id: c.id!, name: c.name, phone: c.phone, address: c.address, nationalId: c.nationalId,
                        economicCode: c.economicCode, postalCode: c.postalCode,
                        sites: sites?.map(SiteDTO.init), deviceCount: deviceCount)
        }
    }
}

/// Creating and editing customers and sites, shared by the API and the forms.
struct CustomerBook {
    let db: any Database

    func create(_ input: CustomerInput) async throws -> Customer {
        let customer = Customer()
        try apply(input, to: customer)
        try await ensureUniqueName(customer.name, except: nil)
        try await customer.create(on: db)
        return customer
    }

    func update(_ customer: Customer, _ input: CustomerInput) async throws {
        try apply(input, to: customer)
        try await ensureUniqueName(customer.name, except: customer.id)
        try await customer.save(on: db)
    }

    /// Every field checked before any is set: a bad one leaves the customer as it was.
    private func apply(_ input: CustomerInput, to customer: Customer) throws {
        let name = try DeviceFieldRules.required(input.name, field: "name")
        let phone = try DeviceFieldRules.optional(input.phone, field: "phone", limit: 40)
        let address = try DeviceFieldRules.optional(input.address, field: "address", limit: 500)
        // The invoice identifiers are kept when left out (older callers send only name, phone and address);
        // an empty value clears one.
        let nationalId = try input.nationalId.map { try TaxIdentity.nationalId($0) } ?? customer.nationalId
        let economicCode = try input.economicCode.map { try TaxIdentity.economicCode($0) } ?? customer.economicCode
        let postalCode = try input.postalCode.map { try TaxIdentity.postalCode($0) } ?? customer.postalCode
        (customer.name, customer.phone, customer.address) = (name, phone, address)
        (customer.nationalId, customer.economicCode, customer.postalCode) = (nationalId, economicCode, postalCode)
    }

    func addSite(to customer: Customer, _ input: SiteInput) async throws -> Site {
        let site = Site(customerID: customer.id!, name: try DeviceFieldRules.required(input.name, field: "name"),
                        address: try DeviceFieldRules.optional(input.address, field: "address", limit: 500))
        try await ensureUniqueSite(site.name, customerID: customer.id!, except: nil)
        try await site.create(on: db)
        return site
    }

    func update(_ site: Site, _ input: SiteInput) async throws {
        site.name = try DeviceFieldRules.required(input.name, field: "name")
        site.address = try DeviceFieldRules.optional(input.address, field: "address", limit: 500)
        try await ensureUniqueSite(site.name, customerID: site.$customer.id, except: site.id)
        try await site.save(on: db)
    }

    func deviceCounts(_ ids: [UUID]) async throws -> [UUID: Int] {
        guard !ids.isEmpty else { return [:] }
        // Counted by the database: fetching a row per device to count them in Swift took a second at 50,000 devices.
        guard let sql = db as? any SQLDatabase else { return [:] }
        var counts: [UUID: Int] = [:]
        for row in try await sql.select().column("customer_id").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from(Device.schema).where("customer_id", .in, ids).groupBy("customer_id").all() {
            counts[try row.decode(column: "customer_id", as: UUID.self)] = try row.decode(column: "n", as: Int.self)
        }
        return counts
    }

    private func ensureUniqueName(_ name: String, except id: UUID?) async throws {
        let query = Customer.query(on: db).filter(\.$name == name)
        if let id { query.filter(\.$id != id) }
        if try await query.count() > 0 {
            throw APIError.conflict(code: "duplicate_name", "a customer named \(name) exists", field: "name")
        }
    }

    private func ensureUniqueSite(_ name: String, customerID: UUID, except id: UUID?) async throws {
        let query = Site.query(on: db).filter(\.$customer.$id == customerID).filter(\.$name == name)
        if let id { query.filter(\.$id != id) }
        if try await query.count() > 0 {
            throw APIError.conflict(code: "duplicate_name", "this customer already has a site named \(name)", field: "name")
        }
    }
}


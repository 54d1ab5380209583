import FleetCore
import Fluent
import Vapor

/// The parts and stock page, and the loans page.
enum WebPartsLoans {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(SiteURL.pattern(.parts), use: parts)
        routes.post(SiteURL.pattern(.parts), use: partsAction)
        routes.get(SiteURL.pattern(.loans), use: loans)
        routes.post(SiteURL.pattern(.loans), use: lend)
        routes.post(SiteURL.pattern(.returnLoan(UUID())), use: giveBack)
    }

    static func partsModel(_ req: Request, error: String? = nil) async throws -> PartsPage.Model {
        let viewer = try req.viewer
        guard viewer.role.isStaff else { throw APIError.forbidden }
        let parts = try await Part.query(on: req.db).sort(\.$partNumber).all().map(PartDTO.init)
        let stock = try await API.ServiceController.stock(req: req).items
        let technicians = try await User.query(on: req.db).filter(\.$role == Role.technician.rawValue).sort(\.$name).all()
            .map { ($0.id!.uuidString, $0.name) }
        // Where stock can move: every location there is, and the van of each technician who has none yet.
        let locations = try await StockLocation.query(on: req.db).sort(\.$kind).sort(\.$name).all()
        let withVan = Set(locations.compactMap(\.technicianID))
        let places = locations.map { ("loc:\($0.id!.uuidString)", $0.name) }
            + technicians.filter { !withVan.contains(UUID(uuidString: $0.0)!) }.map { ("tech:\($0.0)", "\(req.pageContext().t(.van)) · \($0.1)") }
        let names = Dictionary(uniqueKeysWithValues: locations.map { ($0.id!, $0.name) })
        let numbers = Dictionary(uniqueKeysWithValues: parts.map { ($0.id, $0.partNumber) })
        let movements = try await StockMovement.query(on: req.db).sort(\.$at, .descending).limit(30).all().map {
            PartsPage.Movement(at: $0.at, location: names[$0.locationID] ?? "—", partNumber: numbers[$0.partID] ?? "—",
                               delta: $0.delta, reason: $0.reason, override: $0.override, actor: $0.actorName)
        }
        return PartsPage.Model(parts: parts, stock: stock, technicians: technicians, places: places, movements: movements,
                               canEdit: viewer.canManageFleet, error: error)
    }

    @Sendable static func parts(req: Request) async throws -> Response {
        Layout.response(PartsPage.render(try await partsModel(req), req.pageContext()))
    }

    @Sendable static func partsAction(req: Request) async throws -> Response {
        try req.viewer.require(.admin, .dispatcher)
        let form = try req.content.decode([String: String].self)
        func int(_ k: String) -> Int? {
            form[k].flatMap { Int(PersianDigits.toASCII($0).replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "٬", with: "")) }
        }
        do {
            if form["action"] == "transfer" {
                func place(_ key: String) -> (UUID?, UUID?) {
                    let value = form[key] ?? ""
                    if value.hasPrefix("loc:") { return (UUID(uuidString: String(value.dropFirst(4))), nil) }
                    if value.hasPrefix("tech:") { return (nil, UUID(uuidString: String(value.dropFirst(5)))) }
                    return (nil, nil)
                }
                let (fromLocation, fromTechnician) = place("from"), (toLocation, toTechnician) = place("to")
                guard let quantity = int("quantity") else { throw FieldError(field: "quantity", message: "quantity is a whole number") }
                _ = try await API.StockTransferController.transfer(StockTransfer(
                    partNumber: form["partNumber"] ?? "", quantity: quantity, fromLocationId: fromLocation, fromTechnicianId: fromTechnician,
                    toLocationId: toLocation, toTechnicianId: toTechnician, allowNegativeStock: form["allowNegativeStock"] == "on"), req: req)
            } else if form["action"] == "receive" {
                _ = try await API.ServiceController.receive(StockReceipt(
                    partNumber: form["partNumber"] ?? "", quantity: int("quantity") ?? 0,
                    technicianId: form["technicianId"].flatMap(UUID.init(uuidString:))), req: req)
            } else {
                guard let kind = PartKind(rawValue: form["kind"] ?? "") else { throw FieldError(field: "kind", message: "choose a kind") }
                guard let price = int("priceRials") else { throw FieldError(field: "priceRials", message: "the price is a whole number of Rials") }
                let models = (form["compatibleModels"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                _ = try await API.ServiceController.createPart(PartInput(
                    partNumber: form["partNumber"] ?? "", name: form["name"] ?? "", kind: kind, ratedLifePages: int("ratedLifePages"),
                    priceRials: price, compatibleModels: models), db: req.db)
            }
            return req.redirect(to: SiteURL.parts.path)
        } catch {
            return Layout.response(PartsPage.render(try await partsModel(req, error: try FormError.message(error, req)), req.pageContext()),
                                   status: .unprocessableEntity)
        }
    }

    static func loansModel(_ req: Request, error: String? = nil) async throws -> LoansPage.Model {
        let viewer = try req.viewer
        let loans = try await API.LoansController.list(req: req).items
        let ids = Set(loans.flatMap { [$0.loanerDeviceId, $0.forDeviceId] })
        let devices = Dictionary(uniqueKeysWithValues: try await Device.query(on: req.db).filter(\.$id ~~ ids).all()
            .map { ($0.id!, "\($0.make) \($0.model) · \($0.serialNumber)") })
        let pool = viewer.canManageFleet ? try await freeLoaners(out: try await Loan.query(on: req.db).filter(\.$returnedAt == nil).all(),
                                                                 on: req.db) : []
        return LoansPage.Model(rows: loans.map { .init(loan: $0, loaner: devices[$0.loanerDeviceId] ?? "", device: devices[$0.forDeviceId] ?? "") },
                               pool: pool, canLend: viewer.canManageFleet, error: error)
    }

    /// The pool's loaners not out on a loan (`out`: the open loans), as choices: id and "make model · serial".
    static func freeLoaners(out: [Loan], on db: any Database) async throws -> [(String, String)] {
        let lent = Set(out.map(\.loanerDeviceID))
        return try await Device.query(on: db).filter(\.$isLoaner == true).sort(\.$serialNumber).all()
            .filter { !lent.contains($0.id!) }.map { ($0.id!.uuidString, "\($0.make) \($0.model) · \($0.serialNumber)") }
    }

    @Sendable static func loans(req: Request) async throws -> Response {
        Layout.response(LoansPage.render(try await loansModel(req), req.pageContext()))
    }

    @Sendable static func lend(req: Request) async throws -> Response {
        let form = try req.content.decode([String: String].self)
        do {
            guard let loaner = form["loanerDeviceId"].flatMap(UUID.init(uuidString:)) else {
                throw FieldError(field: "loanerDeviceId", message: "choose a loaner")
            }
            let serial = try DeviceFieldRules.serial(form["forSerial"], field: "forSerial")
            let matches = try await Device.query(on: req.db).filter(\.$serialNumber == serial).filter(\.$isLoaner == false).all()
            guard matches.count == 1, let device = matches.first else {
                throw FieldError(field: "forSerial", message: matches.isEmpty ? "no client device has serial number \(serial)"
                                                                            : "several devices have serial number \(serial)")
            }
            _ = try await API.LoansController.lend(LoanInput(loanerDeviceId: loaner, forDeviceId: device.id!, dueOn: form["dueOn"] ?? ""),
                                                   req: req)
            return req.redirect(to: SiteURL.loans.path)
        } catch {
            return Layout.response(LoansPage.render(try await loansModel(req, error: try FormError.message(error, req)), req.pageContext()),
                                   status: .unprocessableEntity)
        }
    }

    @Sendable static func giveBack(req: Request) async throws -> Response {
        let loan = try await API.LoansController.find(req)
        let form = try req.content.decode([String: String].self)
        let typed = (form["totalPages"] ?? "").trimmingCharacters(in: .whitespaces)
        // Persian or Latin digits, grouped or not.
        let digits = PersianDigits.toASCII(typed).filter { $0 != "," && $0 != "٬" && !$0.isWhitespace }
        do {
            guard digits.isEmpty || Int(digits) != nil else {
                throw FieldError(field: "totalPages", message: "the closing counter is a whole number of pages")
            }
            _ = try await API.LoansController.giveBack(loan, LoanReturn(totalPages: Int(digits)), req: req)
            return req.redirect(to: SiteURL.loans.path)
        } catch {
            // A refused counter (lower than the loaner's last one, say) is shown with what was typed, and the loan stays out.
            let message = (error as? APIError)?.code == "counter_went_backwards"
                ? req.pageContext().t(.loanCounterBelowLast) : try FormError.message(error, req)
            var model = try await loansModel(req, error: message)
            model.returning = (loan.id!, typed)
            return Layout.response(LoansPage.render(model, req.pageContext()), status: .unprocessableEntity)
        }
    }
}

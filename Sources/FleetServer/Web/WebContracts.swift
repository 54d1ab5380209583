import FleetCore
import Fluent
import Vapor

/// Plan and contract pages and their forms.
enum WebContracts {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(SiteURL.pattern(.plans), use: plans)
        routes.get(SiteURL.pattern(.newPlan), use: newPlanForm)
        routes.post(SiteURL.pattern(.newPlan), use: savePlan)
        routes.get(SiteURL.pattern(.editPlan("")), use: editPlanForm)
        routes.post(SiteURL.pattern(.editPlan("")), use: savePlan)
        routes.get(SiteURL.pattern(.contracts), use: list)
        routes.get(SiteURL.pattern(.newContract), use: newForm)
        routes.post(SiteURL.pattern(.newContract), use: create)
        routes.get(SiteURL.pattern(.contract(UUID())), use: show)
        routes.post(SiteURL.pattern(.contractAction(UUID(), "")), use: act)
        routes.get(SiteURL.pattern(.holidays), use: holidays)
        routes.post(SiteURL.pattern(.holidays), use: addHoliday)
        routes.post(SiteURL.pattern(.deleteHoliday(UUID())), use: deleteHoliday)
    }

    // MARK: holidays

    @Sendable static func holidays(req: Request) async throws -> Response {
        let viewer = try req.viewer
        guard viewer.role.isStaff else { throw APIError.forbidden }
        let list = try await API.HolidaysController.list(req: req).items
        return Layout.response(HolidaysPage.render(.init(holidays: list, canEdit: viewer.role == .admin), req.pageContext()))
    }

    @Sendable static func addHoliday(req: Request) async throws -> Response {
        try req.viewer.require(.admin)
        let form = try req.content.decode([String: String].self)
        func int(_ k: String) -> Int? { form[k].flatMap { Int(PersianDigits.toASCII($0).trimmingCharacters(in: .whitespaces)) } }
        let date = form["date"].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        do {
            _ = try await API.HolidaysController.add(name: form["name"] ?? "", month: date == nil ? int("month") : nil,
                                                     day: date == nil ? int("day") : nil, date: date, on: req.db)
            return req.redirect(to: SiteURL.holidays.path)
        } catch {
            let list = try await API.HolidaysController.list(req: req).items
            return Layout.response(HolidaysPage.render(.init(holidays: list, canEdit: true, error: try FormError.message(error, req)),
                                                       req.pageContext()), status: .unprocessableEntity)
        }
    }

    @Sendable static func deleteHoliday(req: Request) async throws -> Response {
        _ = try await API.HolidaysController.delete(req: req)
        return req.redirect(to: SiteURL.holidays.path)
    }

    /// The devices ticked on a form (`device_<id>=on`).
    static func checkedDevices(_ req: Request) throws -> [UUID] {
        let form = try req.content.decode([String: String].self)
        return form.keys.filter { $0.hasPrefix("device_") }.compactMap { UUID(uuidString: String($0.dropFirst(7))) }.sorted { $0.uuidString < $1.uuidString }
    }

    // MARK: plans

    @Sendable static func plans(req: Request) async throws -> Response {
        let viewer = try req.viewer
        guard viewer.role.isStaff else { throw APIError.forbidden }
        let plans = try await API.PlansController.list(req: req).items
        return Layout.response(PlansPage.render(plans, canEdit: viewer.role == .admin, req.pageContext()))
    }

    @Sendable static func newPlanForm(req: Request) async throws -> Response {
        try req.viewer.require(.admin)
        let m = PlanFormPage.Model(code: "", isNew: true, nameFa: "", nameEn: "", values: TermsView.raw(BuiltInPlans.standard.terms))
        return Layout.response(PlanFormPage.render(m, req.pageContext()))
    }

    @Sendable static func editPlanForm(req: Request) async throws -> Response {
        try req.viewer.require(.admin)
        let plan = try await findPlan(req)
        let m = PlanFormPage.Model(code: plan.code, isNew: false, nameFa: plan.nameFa, nameEn: plan.nameEn, values: TermsView.raw(plan.terms))
        return Layout.response(PlanFormPage.render(m, req.pageContext()))
    }

    /// Creates a plan (no code in the path) or edits the one named.
    @Sendable static func savePlan(req: Request) async throws -> Response {
        try req.viewer.require(.admin)
        let form = try req.content.decode([String: String].self)
        let existing = req.parameters.get("code") == nil ? nil : try await findPlan(req)
        do {
            // Every field of the plan form is filled, so the standard plan only stands in for the shape.
            let terms = try TermsView.terms(from: form, prefix: "t_", base: existing?.terms ?? BuiltInPlans.standard.terms)
            let nameFa = try DeviceFieldRules.required(form["nameFa"], field: "nameFa")
            let nameEn = try DeviceFieldRules.required(form["nameEn"], field: "nameEn")
            if let plan = existing {
                plan.nameFa = nameFa
                plan.nameEn = nameEn
                plan.terms = terms
                try await plan.save(on: req.db)
            } else {
                let code = try DeviceFieldRules.required(form["code"], field: "code", limit: 40).lowercased()
                guard code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
                    throw FieldError(field: "code", message: "a plan code has letters, digits and dashes only")
                }
                if try await Plan.query(on: req.db).filter(\.$code == code).count() > 0 {
                    throw APIError.conflict(code: "duplicate_code", "a plan with code \(code) exists", field: "code")
                }
                try await Plan(code: code, nameFa: nameFa, nameEn: nameEn, builtIn: false, terms: terms).create(on: req.db)
            }
            return req.redirect(to: SiteURL.plans.path)
        } catch {
            var values: [String: String] = [:]
            for key in TermsView.keys { values[key] = form["t_" + key] }
            let m = PlanFormPage.Model(code: existing?.code ?? form["code"], isNew: existing == nil, nameFa: form["nameFa"] ?? "",
                                       nameEn: form["nameEn"] ?? "", values: values, error: try FormError.message(error, req))
            return Layout.response(PlanFormPage.render(m, req.pageContext()), status: .unprocessableEntity)
        }
    }

    static func findPlan(_ req: Request) async throws -> Plan {
        guard let plan = try await Plan.query(on: req.db).filter(\.$code == req.parameters.get("code") ?? "").first() else {
            throw APIError.notFound("plan")
        }
        return plan
    }

    // MARK: contracts

    @Sendable static func list(req: Request) async throws -> Response {
        let viewer = try req.viewer
        let contracts = try await API.ContractsController.list(req: req).items
        return Layout.response(ContractsPage.render(contracts, canAdd: viewer.canManageFleet, req.pageContext()))
    }

    @Sendable static func newForm(req: Request) async throws -> Response {
        try req.viewer.require(.admin, .dispatcher)
        var form: [String: String] = [:]
        if let id = try req.queryID("customerId") { form["customerId"] = id.uuidString }
        return try await renderForm(req, form: form, preview: nil, error: nil, status: .ok)
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let viewer = try req.viewer
        try viewer.require(.admin, .dispatcher)
        let form = try req.content.decode([String: String].self)
        do {
            let input = try await contractInput(form, req: req)
            let plan = try await Plan.query(on: req.db).filter(\.$code == input.planCode).first()
            let terms = try (plan?.terms ?? BuiltInPlans.standard.terms).applying(input.overrides ?? TermOverrides())
            if form["action"] == "preview" {
                let (start, end) = try ContractBook.period(input.startsOn, input.endsOn)
                var count = input.deviceIds?.count ?? 0
                if input.deviceIds == nil {
                    count = try await API.ContractsController.book(req, viewer).uncovered(customerID: input.customerId, start: start, end: end).count
                }
                return try await renderForm(req, form: form, preview: terms,
                                            warnings: ContractBook.warnings(deviceCount: count, terms: terms), error: nil, status: .ok)
            }
            let contract = try await API.ContractsController.book(req, viewer).create(input)
            return req.redirect(to: SiteURL.contract(contract.id!).path)
        } catch {
            return try await renderForm(req, form: form, preview: nil, error: try FormError.message(error, req), status: .unprocessableEntity)
        }
    }

    static func contractInput(_ form: [String: String], req: Request) async throws -> ContractInput {
        guard let customerID = form["customerId"].flatMap(UUID.init(uuidString:)) else {
            throw FieldError(field: "customerId", message: "choose a customer")
        }
        // "All the customer's devices" leaves the choice to the contract book: those no other contract covers.
        let deviceIDs: [UUID]? = form["allDevices"] == "on" ? nil : try checkedDevices(req)
        return ContractInput(customerId: customerID, planCode: form["planCode"] ?? "", startsOn: form["startsOn"] ?? "",
                             endsOn: form["endsOn"] ?? "", deviceIds: deviceIDs,
                             overrides: try TermsView.overrides(from: form, prefix: "o_"), status: nil)
    }

    static func renderForm(_ req: Request, form: [String: String], preview: ContractTerms?, warnings: [ContractWarning] = [],
                           error: String?, status: HTTPResponseStatus) async throws -> Response {
        let customers = try await Customer.query(on: req.db).sort(\.$name).all()
        let plans = try await API.PlansController.list(req: req).items
        let customerID = form["customerId"].flatMap(UUID.init(uuidString:)).flatMap { id in customers.contains { $0.id == id } ? id : nil }
        var devices: [ContractFormPage.DeviceOption] = []
        if let customerID {
            devices = try await Device.query(on: req.db).filter(\.$customer.$id == customerID).sort(\.$serialNumber).all().map {
                .init(id: $0.id!, label: "\($0.make) \($0.model) · \($0.serialNumber)", selected: form["device_\($0.id!.uuidString)"] == "on")
            }
        }
        var overrides: [String: String] = [:]
        for key in TermsView.keys { overrides[key] = form["o_" + key] ?? "" }
        let today = API.ContractsController.today(req)
        let defaultEnd = ContractPeriod.years(1, from: today).endsOn
        let lang = req.language
        func shown(_ day: CalendarDay) -> String { lang == .fa ? SolarHijriDay(day).description : day.description }
        let model = ContractFormPage.Model(
            customers: customers.map { ($0.id!.uuidString, $0.name) }, customerID: customerID, plans: plans,
            planCode: form["planCode"] ?? "standard", startsOn: form["startsOn"] ?? shown(today),
            endsOn: form["endsOn"] ?? shown(defaultEnd), overrides: overrides, devices: devices,
            allDevices: form["planCode"] == nil || form["allDevices"] == "on", preview: preview, warnings: warnings, error: error)
        return Layout.response(ContractFormPage.render(model, req.pageContext()), status: status)
    }

    @Sendable static func show(req: Request) async throws -> Response {
        Layout.response(ContractPage.render(try await showModel(req), req.pageContext()))
    }

    static func showModel(_ req: Request, edit: [String: String] = [:], editError: String? = nil) async throws -> ContractPage.Model {
        let viewer = try req.viewer
        let dto = try await API.ContractsController.show(req: req)
        let schedule = try await API.ContractsController.schedule(req: req).items
        var devices: [ContractPage.DeviceRow] = []
        for chunk in dto.deviceIds.chunked(into: 500) {
            let found = try await Device.query(on: req.db).filter(\.$id ~~ Array(chunk)).all()
            let views = try await DeviceViews(db: req.db).list(found)
            devices += views.map { .init(id: $0.id, label: "\($0.make) \($0.model) · \($0.serialNumber)",
                                         location: DeviceRecordPage.locationLine($0)) }
        }
        devices.sort { $0.label < $1.label }
        var model = ContractPage.Model(contract: dto, devices: devices, schedule: schedule,
                                       holidays: try await Holiday.calendar(on: req.db), canEdit: viewer.canManageFleet)
        if viewer.canManageFleet, dto.status == .active || dto.status == .draft {
            let inContract = Set(dto.deviceIds)
            model.addable = try await Device.query(on: req.db).filter(\.$customer.$id == dto.customerId).sort(\.$serialNumber).all()
                .filter { !inContract.contains($0.id!) }
                .map { .init(id: $0.id!, label: "\($0.make) \($0.model) · \($0.serialNumber)", location: "") }
            model.technicians = try await User.query(on: req.db).filter(\.$role == Role.technician.rawValue).sort(\.$name).all()
                .map { ($0.id!.uuidString, $0.name) }
        }
        if let id = dto.residentTechnicianId { model.residentName = try await User.find(id, on: req.db)?.name }
        model.edit = edit
        model.editError = editError
        return model
    }

    /// The editor's period, terms and resident technician applied to the contract; refused, the page comes back
    /// with the editor open, filled as typed, and the reason.
    static func edit(_ contract: Contract, _ book: ContractBook, req: Request) async throws -> Response {
        let form = try req.content.decode([String: String].self)
        do {
            let resident = form["residentTechnicianId"].flatMap { $0.isEmpty ? nil : UUID(uuidString: $0) }
            try await book.update(contract, startsOn: form["startsOn"] ?? contract.startsOn, endsOn: form["endsOn"] ?? contract.endsOn,
                                  overrides: try TermsView.overrides(from: form, prefix: "o_"), residentTechnicianID: .set(resident))
        } catch {
            let model = try await showModel(req, edit: form, editError: try FormError.message(error, req))
            return Layout.response(ContractPage.render(model, req.pageContext()), status: .unprocessableEntity)
        }
        return req.redirect(to: SiteURL.contract(contract.id!).path)
    }

    /// `POST /contracts/{id}/{renew|activate|terminate|remove-devices}`
    @Sendable static func act(req: Request) async throws -> Response {
        let (contract, viewer) = try await API.ContractsController.findForChange(req)
        let book = API.ContractsController.book(req, viewer)
        switch req.parameters.get("action") {
        case "renew":
            let renewal = try await book.renew(contract)
            return req.redirect(to: SiteURL.contract(renewal.id!).path)
        case "activate":
            try await book.activate(contract)
        case "terminate":
            try await book.terminate(contract)
        case "remove-devices":
            let ids = try checkedDevices(req)
            if !ids.isEmpty { try await book.removeDevices(ids, from: contract) }
        case "edit":
            return try await edit(contract, book, req: req)
        case "add-devices":
            let ids = try checkedDevices(req)
            if !ids.isEmpty { try await book.addDevices(ids, to: contract) }
        default:
            throw APIError.notFound("page")
        }
        return req.redirect(to: SiteURL.contract(contract.id!).path)
    }
}

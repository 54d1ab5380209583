import FleetCore
import Fluent
import SQLKit
import Vapor

/// The dispatcher's board, tickets, the technician's day and the visit completion form.
enum WebService {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(SiteURL.pattern(.board), use: board)
        routes.get(SiteURL.pattern(.newTicket), use: newTicketForm)
        routes.post(SiteURL.pattern(.newTicket), use: openTicket)
        routes.get(SiteURL.pattern(.ticket(UUID())), use: ticket)
        routes.post(SiteURL.pattern(.ticketAction(UUID(), "")), use: ticketAction)
        routes.get(SiteURL.pattern(.myDay), use: myDay)
        routes.get(SiteURL.pattern(.completeVisit(UUID())), use: completeForm)
        routes.post(SiteURL.pattern(.completeVisit(UUID())), use: complete)
        routes.post(SiteURL.pattern(.arrive(UUID()))) { req async throws -> Response in
            _ = try await API.ServiceController.arrive(req: req)
            return req.redirect(to: SiteURL.myDay.path)
        }
    }

    static func working(_ req: Request) async throws -> WorkingHours {
        WorkingHours(holidays: try await Holiday.calendar(on: req.db), timeZone: req.application.fleetConfiguration.timeZone)
    }

    /// Signed working seconds from now to the due time (negative once it has passed).
    static func secondsLeft(_ due: Date, _ hours: WorkingHours, now: Date = Date()) -> Double {
        hours.signedSeconds(from: now, to: due)
    }

    @Sendable static func board(req: Request) async throws -> Response {
        let viewer = try req.viewer
        guard viewer.role.isStaff else { throw APIError.forbidden }
        let stages: [TicketStage] = [.remoteTriage, .awaitingDispatch, .dispatched, .onSite]
        // One query with the device and customer joined, read cell by cell: at 50,000 devices and 150 customers,
        // loading them as models cost more than everything else the board does.
        let sql = try req.db.sql
        let select = sql.select()
            .columns(["id", "number", "stage", "symptom", "sla_due_at", "responded_at", "covered", "likely_parts", "via_resident", "priority"].map { SQLColumn($0, table: "t") })
            .columns(["make", "model", "serial_number"].map { SQLColumn($0, table: "d") })
            .column(SQLColumn("name", table: "c"), as: "customer_name")
            .from(SQLAlias(SQLIdentifier(Ticket.schema), as: SQLIdentifier("t")))
            .join(SQLAlias(SQLIdentifier(Device.schema), as: SQLIdentifier("d")), on: SQLColumn("id", table: "d"), .equal, SQLColumn("device_id", table: "t"))
            .join(SQLAlias(SQLIdentifier(Customer.schema), as: SQLIdentifier("c")), method: SQLJoinMethod.left,
                  on: SQLColumn("id", table: "c"), .equal, SQLColumn("customer_id", table: "t"))
            .where(TicketStage.rare(stages, column: SQLColumn("stage", table: "t"), on: sql))
        let rows = try await sql.cells(select.query)
        let dues = try rows.map { try $0.value("sla_due_at", as: Date.self) }
        let now = Date()
        // The working time to every due time from one pass over the days they span.
        let clock = WorkingTimeline(try await working(req), from: min(dues.min() ?? now, now), to: max(dues.max() ?? now, now))
        var cards: [String: [BoardPage.Card]] = [:]
        for (row, due) in zip(rows, dues) {
            let parts = try row.json("likely_parts", as: [LikelyPart].self)
            let device = "\(try row.value("make", as: String.self)) \(try row.value("model", as: String.self)) · "
                + (try row.value("serial_number", as: String.self))
            let responded: Date? = try row.optional("responded_at")
            cards[try row.value("stage"), default: []].append(BoardPage.Card(
                ticketID: try row.id("id"), number: try row.value("number"), device: device,
                customer: try row.optional("customer_name") ?? "", symptom: try row.optional("symptom"),
                slaSecondsLeft: clock.seconds(from: now, to: due), responded: responded != nil,
                late: Ticket.responseBreached(respondedAt: responded, dueAt: due, now: now),
                covered: try row.value("covered"), topPart: parts.first?.name, viaResident: try row.value("via_resident"),
                urgent: try row.value("priority", as: String.self) == TicketPriority.urgent.rawValue))
        }
        // `?late=1`: only the tickets whose response time was missed, the dashboard's count of them.
        let lateOnly = req.query[String.self, at: "late"] == "1"
        let columns = stages.map { stage in
            BoardPage.Column(stage: stage.rawValue, cards: (cards[stage.rawValue] ?? []).filter { !lateOnly || $0.late }
                .sorted { ($0.urgent ? 0 : 1, $0.slaSecondsLeft) < ($1.urgent ? 0 : 1, $1.slaSecondsLeft) })
        }
        return Layout.response(BoardPage.render(columns, lateOnly: lateOnly, req.pageContext()))
    }

    @Sendable static func newTicketForm(req: Request) async throws -> Response {
        guard try req.queryID("deviceId") != nil else {
            // No machine named yet: find it first, among the ones the viewer may see.
            let viewer = try req.viewer
            let text = req.query[String.self, at: "q"].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
            var filter = DeviceFilter(status: nil, text: text)
            filter.loaners = false
            filter.hideRetired = true
            filter.textMatchesCustomerAndSite = viewer.role.isStaff
            let (rows, total) = try await filter.page(on: req.db, viewer: viewer, paging: Paging(limit: 50))
            let found = try await DeviceViews(db: req.db).list(rows)
            return Layout.response(PickDevicePage.render(.init(query: text ?? "", devices: found, total: total), req.pageContext()))
        }
        let device = try await deviceForTicket(req)
        return Layout.response(NewTicketPage.render(device: device, error: nil, req.pageContext()))
    }

    static func deviceForTicket(_ req: Request) async throws -> DeviceDTO {
        let viewer = try req.viewer
        guard let id = try req.queryID("deviceId"), let d = try await Device.find(id, on: req.db),
              viewer.canSee(customerID: d.$customer.id) else { throw APIError.notFound("device") }
        return try await DeviceViews(db: req.db).list([d])[0]
    }

    @Sendable static func openTicket(req: Request) async throws -> Response {
        let viewer = try req.viewer
        let dto = try await deviceForTicket(req)
        let form = try req.content.decode([String: String].self)
        let channel = viewer.role == .client ? "portal" : (form["channel"] ?? "phone")
        do {
            let device = try await Device.find(dto.id, on: req.db)!
            let staff = viewer.role.isStaff
            let input = TicketInput(deviceId: dto.id, channel: channel, description: form["description"] ?? "",
                                    symptom: form["symptom"].flatMap { $0.isEmpty ? nil : $0 },
                                    callerName: staff ? form["callerName"] : nil, callerPhone: staff ? form["callerPhone"] : nil,
                                    priority: staff ? form["priority"] : nil)
            let ticket = try await API.ServiceController.desk(req, viewer).open(input, device: device)
            return req.redirect(to: SiteURL.ticket(ticket.id!).path)
        } catch {
            return Layout.response(NewTicketPage.render(device: dto, form: form, error: try FormError.message(error, req), req.pageContext()),
                                   status: .unprocessableEntity)
        }
    }

    @Sendable static func ticket(req: Request) async throws -> Response {
        let t = try await API.ServiceController.findTicket(req)
        return Layout.response(TicketPage.render(try await ticketModel(req, t), req.pageContext()))
    }

    static func ticketModel(_ req: Request, _ t: Ticket, form: [String: String] = [:], error: String? = nil) async throws -> TicketPage.Model {
        let viewer = try req.viewer
        guard let record = try await Device.find(t.$device.id, on: req.db) else { throw APIError.notFound("device") }
        let device = try await DeviceViews(db: req.db).list([record])[0]
        let technicians = try await User.query(on: req.db).filter(\.$role == Role.technician.rawValue).sort(\.$name).all()
            .map { ($0.id!.uuidString, $0.name) }
        let visit = try await Visit.query(on: req.db).filter(\.$ticketID == t.id!).sort(\.$scheduledAt, .descending).first()
        var model = TicketPage.Model(ticket: TicketDTO(t), device: device, technicians: technicians,
                                     slaSecondsLeft: secondsLeft(t.slaDueAt, try await working(req)), visitID: visit?.id,
                                     reportReady: visit?.status == "completed", canAct: viewer.canManageFleet,
                                     defaultSchedule: LocalTime.format(t.scheduledAt ?? Date().addingTimeInterval(3600), req))
        model.faultReports = try await API.LabelsController.faultReports(of: t, on: req.db)
        model.attempts = try await API.ServiceController.attempts(of: t, on: req.db)
        model.technicianName = technicians.first { $0.0 == t.technicianID?.uuidString }?.1
        model.arrived = visit?.startedAt != nil
        model.form = form
        model.error = error
        if viewer.canManageFleet {
            let out = try await Loan.query(on: req.db).filter(\.$returnedAt == nil).all()
            model.loanOut = out.first { $0.forDeviceID == record.id }.flatMap { l in CalendarDay(iso: l.dueOn) }
            model.loaners = try await WebPartsLoans.freeLoaners(out: out, on: req.db)
            model.defaultDue = CalendarDay(Date(), in: req.application.fleetConfiguration.timeZone).adding(days: 7).description
        }
        return model
    }

    /// `POST /tickets/{id}/resolve` and `/tickets/{id}/dispatch`
    @Sendable static func ticketAction(req: Request) async throws -> Response {
        let t = try await API.ServiceController.findTicket(req)
        let viewer = try req.viewer
        try viewer.require(.admin, .dispatcher)
        let form = try req.content.decode([String: String].self)
        let desk = API.ServiceController.desk(req, viewer)
        func technicianAndTime() throws -> (UUID, Date) {
            guard let tech = form["technicianId"].flatMap(UUID.init(uuidString:)) else {
                throw FieldError(field: "technicianId", message: "choose a technician")
            }
            guard let when = form["scheduledAt"].flatMap({ LocalTime.parse($0, req) }) else {
                throw FieldError(field: "scheduledAt", message: "scheduledAt must be a date and time")
            }
            return (tech, when)
        }
        let action = req.parameters.get("action") ?? ""
        guard ["resolve", "dispatch", "attempt", "reschedule", "lend"].contains(action) else { throw APIError.notFound("page") }
        do {
            switch action {
            case "resolve":
                try await desk.resolveRemotely(t, notes: form["notes"] ?? "")
            case "dispatch":
                let (tech, when) = try technicianAndTime()
                _ = try await desk.dispatch(t, technicianID: tech, at: when)
            case "reschedule":
                let (tech, when) = try technicianAndTime()
                try await desk.reschedule(t, technicianID: tech, at: when)
            case "attempt":
                guard let minutes = Int(PersianDigits.toASCII(form["minutes"] ?? "").trimmingCharacters(in: .whitespaces)) else {
                    throw FieldError(field: "minutes", message: "minutes must be a whole number")
                }
                _ = try await desk.logAttempt(t, TriageAttemptInput(method: form["method"] ?? "", tried: form["tried"] ?? "", minutes: minutes))
            default:
                guard let loaner = form["loanerDeviceId"].flatMap(UUID.init(uuidString:)) else {
                    throw FieldError(field: "loanerDeviceId", message: "choose a loaner")
                }
                _ = try await API.LoansController.lend(LoanInput(loanerDeviceId: loaner, forDeviceId: t.$device.id, dueOn: form["dueOn"] ?? ""),
                                                       req: req)
            }
        } catch {
            // The ticket page again, with what was typed in the form that was sent and the reason.
            let model = try await ticketModel(req, t, form: form.merging([("_form", action)]) { a, _ in a },
                                              error: try FormError.message(error, req))
            return Layout.response(TicketPage.render(model, req.pageContext()), status: .unprocessableEntity)
        }
        return req.redirect(to: SiteURL.ticket(t.id!).path)
    }

    @Sendable static func myDay(req: Request) async throws -> Response {
        let viewer = try req.viewer
        try viewer.require(.technician, .admin, .dispatcher)
        let zone = req.application.fleetConfiguration.timeZone
        let endOfDay = CalendarDay(Date(), in: zone).adding(days: 1).start(in: zone)
        let visits = try await Visit.query(on: req.db).filter(\.$technicianID == viewer.user.id!).filter(\.$status == "scheduled")
            .filter(\.$scheduledAt < endOfDay).sort(\.$scheduledAt).all()
        var items: [MyDayPage.Item] = []
        for v in visits {
            let devices = try await Device.query(on: req.db).filter(\.$id ~~ v.deviceIDs).all()
            let views = try await DeviceViews(db: req.db).list(devices)
            let ticket = try await Ticket.find(v.ticketID, on: req.db)
            items.append(.init(visit: VisitDTO(v), customer: views.first?.customerName ?? "",
                               devices: views.map { ("\($0.make) \($0.model) · \($0.serialNumber)", DeviceRecordPage.locationLine($0)) },
                               symptom: ticket?.symptom, likelyParts: ticket?.likelyParts ?? [], arrivedAt: v.startedAt,
                               model: views.first.map { "\($0.make) \($0.model)" } ?? "",
                               left: v.kind == "pm" ? (try await WebPM.left(req, v), v.deviceIDs.count) : nil))
        }
        return Layout.response(MyDayPage.render(items, req.pageContext()))
    }

    static func completeModel(_ req: Request, _ v: Visit, form: [String: String] = [:], error: String? = nil) async throws -> CompleteVisitPage.Model {
        let devices = try await Device.query(on: req.db).filter(\.$id ~~ v.deviceIDs).all()
        let parts = try await Part.query(on: req.db).sort(\.$partNumber).all()
            .filter { p in devices.contains { p.fits(model: $0.model) } }
            .map { ($0.partNumber, "\($0.name) · \($0.partNumber)") }
        var checklist: [PMChecklist.Item] = []
        if v.kind == "pm", let first = devices.first {
            let kind = try await DeviceModel.find(first.$catalogModel.id, on: req.db)?.kind ?? "mfp"
            checklist = PMChecklist.items(kind: kind, color: first.color)
        }
        return CompleteVisitPage.Model(visit: VisitDTO(v), devices: devices.map { ($0.id!.uuidString, "\($0.model) · \($0.serialNumber)") },
                                       parts: parts, startedAt: LocalTime.format(v.startedAt ?? v.scheduledAt, req),
                                       finishedAt: LocalTime.format(Date(), req), checklist: checklist, form: form, error: error)
    }

    @Sendable static func completeForm(req: Request) async throws -> Response {
        let v = try await API.ServiceController.findVisit(req)
        try req.viewer.require(.technician, .admin, .dispatcher)
        guard v.status == "scheduled" else { return req.redirect(to: SiteURL.workReport(v.id!).path) }
        if v.kind == "pm" { return Layout.response(PMVisitPage.render(try await WebPM.model(req, v), req.pageContext())) }
        return Layout.response(CompleteVisitPage.render(try await completeModel(req, v), req.pageContext()))
    }

    @Sendable static func complete(req: Request) async throws -> Response {
        let v = try await API.ServiceController.findVisit(req)
        let viewer = try req.viewer
        try viewer.require(.technician, .admin, .dispatcher)
        let form = try req.content.decode([String: String].self)
        do {
            guard let started = form["startedAt"].flatMap({ LocalTime.parse($0, req) }) else {
                throw FieldError(field: "startedAt", message: "startedAt must be a date and time")
            }
            guard let finished = form["finishedAt"].flatMap({ LocalTime.parse($0, req) }) else {
                throw FieldError(field: "finishedAt", message: "finishedAt must be a date and time")
            }
            var parts: [VisitCompletion.PartUse] = []
            for i in 1...CompleteVisitPage.partRows {
                guard let number = form["part\(i)"], !number.isEmpty else { continue }
                let device = form["device\(i)"].flatMap(UUID.init(uuidString:)) ?? v.deviceIDs[0]
                guard let qty = Int(PersianDigits.toASCII(form["qty\(i)"] ?? "1")) else {
                    throw FieldError(field: "qty\(i)", message: "the quantity is a whole number")
                }
                let serial = form["serial\(i)"].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
                parts.append(.init(deviceId: device, partNumber: number, quantity: qty, serialNumber: serial))
            }
            var readings: [VisitCompletion.VisitReading] = []
            for id in v.deviceIDs {
                let raw = PersianDigits.toASCII(form["meter_\(id.uuidString)"] ?? "").filter { !$0.isWhitespace && $0 != "," && $0 != "٬" }
                guard !raw.isEmpty else { continue }
                guard let total = Int64(raw), total >= 0 else {
                    throw FieldError(field: "meter_\(id.uuidString)", message: "the counter is a whole number of pages")
                }
                readings.append(.init(deviceId: id, totalPages: total, monoPages: nil, colorPages: nil,
                                      counterReset: form["counterReset_\(id.uuidString)"] == "on" ? true : nil))
            }
            let done = form.keys.filter { $0.hasPrefix("check_") && form[$0] == "on" }.map { String($0.dropFirst(6)) }.sorted()
            var completion = VisitCompletion(
                startedAt: started, finishedAt: finished, findings: form["findings"] ?? "", partsUsed: parts,
                signOff: .init(signerName: form["signerName"] ?? "", satisfaction: Int(form["satisfaction"] ?? "") ?? 0,
                               comment: form["comment"], signature: form["signature"]),
                allowNegativeStock: form["allowNegativeStock"] == "on" ? true : nil)
            if !readings.isEmpty { completion.readings = readings }
            if v.kind == "pm" {
                // Every machine is recorded on its own page first; the checklist is theirs.
                let left = try await WebPM.left(req, v)
                guard left == 0 else {
                    let ctx = req.pageContext()
                    var model = try await WebPM.model(req, v, form: form)
                    model.signOff.error = ctx.t(PMText.leftBeforeSignOff(ctx.format.number(left)))
                    return Layout.response(PMVisitPage.render(model, ctx), status: .unprocessableEntity)
                }
            }
            try await API.ServiceController.desk(req, viewer).complete(v, completion)
            return req.redirect(to: SiteURL.workReport(v.id!).path)
        } catch {
            // The two refusals a technician can get past are said in their words, with the box that gets past them.
            let ctx = req.pageContext()
            if v.kind == "pm" {
                var model = try await WebPM.model(req, v, form: form)
                model.signOff.error = try FormError.message(error, req)
                return Layout.response(PMVisitPage.render(model, ctx), status: .unprocessableEntity)
            }
            var model = try await completeModel(req, v, form: form, error: nil)
            if let e = error as? APIError, e.code == "insufficient_stock" {
                model.stockShort = true
                model.error = ctx.t(.vanLacksPart)
            } else if let e = error as? APIError, e.code == "counter_went_backwards", let device = readingDevice(e.field, form, v) {
                model.counterBelowLast = [device.uuidString]
                model.error = ctx.t(.counterBelowLast)
            } else {
                model.error = try FormError.message(error, req)
            }
            return Layout.response(CompleteVisitPage.render(model, ctx), status: .unprocessableEntity)
        }
    }

    /// The device whose counter `readings.N...` names: the N-th of the visit's devices that had one typed.
    static func readingDevice(_ field: String?, _ form: [String: String], _ v: Visit) -> UUID? {
        guard let field, field.hasPrefix("readings."), let n = Int(field.dropFirst(9).prefix { $0.isNumber }) else { return nil }
        let typed = v.deviceIDs.filter { !(form["meter_\($0.uuidString)"] ?? "").trimmingCharacters(in: .whitespaces).isEmpty }
        return typed.indices.contains(n) ? typed[n] : nil
    }
}

/// `datetime-local` values (`2026-11-25T10:30`) in the company's time zone.
enum LocalTime {
    static func formatter(_ req: Request) -> DateFormatter {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.calendar = Calendar(identifier: .gregorian)
        f.timeZone = req.application.fleetConfiguration.timeZone
        f.dateFormat = "yyyy-MM-dd'T'HH:mm"
        return f
    }

    static func format(_ date: Date, _ req: Request) -> String { formatter(req).string(from: date) }

    /// nil unless `text` names a real minute of an accepted day (`Moment.parseLocal`).
    static func parse(_ text: String, _ req: Request) -> Date? {
        Moment.parseLocal(text, in: req.application.fleetConfiguration.timeZone)
    }
}

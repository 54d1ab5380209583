import FleetCore
import Fluent
import Vapor

/// A PM visit worked machine by machine on the technician's phone: the list of its machines, one page per
/// machine saved as it is done (over as many days as it takes), and the client's sign-off once none is left.
enum WebPM {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(SiteURL.pattern(.pmDevice(UUID(), UUID())), use: deviceForm)
        routes.post(SiteURL.pattern(.pmDevice(UUID(), UUID())), use: record)
    }

    static func model(_ req: Request, _ v: Visit, form: [String: String] = [:]) async throws -> PMVisitPage.Model {
        let machines = try await API.PMVisitController.devices(of: v, req: req)
        let customer = try await Customer.find(v.customerID, on: req.db)?.name ?? ""
        let signOff = CompleteVisitPage.Model(visit: VisitDTO(v), devices: [], parts: [],
                                              startedAt: LocalTime.format(v.startedAt ?? v.scheduledAt, req),
                                              finishedAt: LocalTime.format(Date(), req), form: form)
        return PMVisitPage.Model(visit: VisitDTO(v), customer: customer, machines: machines,
                                 query: req.query[String.self, at: "q"] ?? "", signOff: signOff)
    }

    /// How many of the visit's machines are not recorded yet.
    static func left(_ req: Request, _ v: Visit) async throws -> Int {
        let recorded = try await ServiceDesk(db: req.db, actor: nil).recorded(v)
        return v.deviceIDs.filter { recorded[$0] == nil }.count
    }

    /// The visit, for the technician it is booked for (or the office); nil once it is no open PM (the visit's
    /// own page says what became of it).
    static func openPM(_ req: Request) async throws -> (Visit, Viewer)? {
        let v = try await API.ServiceController.findVisit(req)
        let viewer = try req.viewer
        try viewer.require(.technician, .admin, .dispatcher)
        if viewer.role == .technician, v.technicianID != viewer.user.id { throw APIError.notFound("visit") }
        guard v.kind == "pm", v.status == "scheduled" else { return nil }
        return (v, viewer)
    }

    static func visitPage(_ req: Request) throws -> Response {
        req.redirect(to: SiteURL.completeVisit(try req.id("visitID", "visit")).path)
    }

    static func deviceModel(_ req: Request, _ v: Visit, _ deviceID: UUID, form: [String: String] = [:]) async throws -> PMDevicePage.Model {
        guard v.deviceIDs.contains(deviceID), let device = try await Device.find(deviceID, on: req.db),
              let machine = try await API.PMVisitController.devices(of: v, only: [deviceID], req: req).first else {
            throw APIError.notFound("device")
        }
        let kind = try await DeviceModel.find(device.$catalogModel.id, on: req.db)?.kind ?? "mfp"
        let worn = Set(machine.wornParts.map(\.partNumber))
        // The parts that fit this model, the ones past their rated life first.
        let parts = try await Part.query(on: req.db).sort(\.$partNumber).all().filter { $0.fits(model: device.model) }
            .sorted { worn.contains($0.partNumber) && !worn.contains($1.partNumber) }
            .map { ($0.partNumber, "\($0.name) · \($0.partNumber)") }
        let last = try await MeterReadingRecord.query(on: req.db).filter(\.$device.$id == deviceID).sort(\.$takenAt, .descending).first()
        return PMDevicePage.Model(visit: VisitDTO(v), machine: machine, assignedUser: device.userName, lastCounter: last?.totalPages,
                                  parts: parts, checklist: PMChecklist.items(kind: kind, color: device.color), form: form)
    }

    @Sendable static func deviceForm(req: Request) async throws -> Response {
        guard let (v, _) = try await openPM(req) else { return try visitPage(req) }
        let deviceID = try req.id("deviceID", "device")
        let model = try await deviceModel(req, v, deviceID)
        guard model.machine.outcome != PMDeviceOutcome.done.rawValue else { return req.redirect(to: SiteURL.completeVisit(v.id!).path) }
        return Layout.response(PMDevicePage.render(model, req.pageContext()))
    }

    /// Saves one machine and goes on to the next one not yet recorded, in walking order (or back to the list).
    @Sendable static func record(req: Request) async throws -> Response {
        guard let (v, viewer) = try await openPM(req) else { return try visitPage(req) }
        let deviceID = try req.id("deviceID", "device")
        let form = try req.content.decode([String: String].self)
        do {
            let work = try work(form)
            try await API.ServiceController.desk(req, viewer).record(v, deviceID: deviceID, work)
        } catch {
            let ctx = req.pageContext()
            var model = try await deviceModel(req, v, deviceID, form: form)
            if let e = error as? APIError, e.code == "insufficient_stock" {
                model.stockShort = true
                model.error = ctx.t(.vanLacksPart)
            } else if let e = error as? APIError, e.code == "counter_went_backwards" {
                model.counterBelowLast = true
                model.error = ctx.t(.counterBelowLast)
            } else {
                model.error = try FormError.message(error, req)
            }
            return Layout.response(PMDevicePage.render(model, ctx), status: .unprocessableEntity)
        }
        // Only the walking order and the outcomes: the worn parts of all the visit's machines are not needed to go on.
        let order = try await API.PMVisitController.devices(of: v, wear: false, req: req)
        let after = order.drop { $0.deviceId != deviceID }.dropFirst() + order.prefix { $0.deviceId != deviceID }
        if let next = after.first(where: { $0.outcome == "pending" }) {
            return req.redirect(to: SiteURL.pmDevice(v.id!, next.deviceId).path)
        }
        return req.redirect(to: SiteURL.completeVisit(v.id!).path + "#sign-off")
    }

    /// The form's fields as the desk takes them; a counter in Persian or Latin digits, grouped or not.
    static func work(_ form: [String: String]) throws -> PMDeviceWork {
        guard let outcome = form["outcome"].flatMap(PMDeviceOutcome.init(rawValue:)) else {
            throw FieldError(field: "outcome", message: "choose serviced or not serviced")
        }
        var work = PMDeviceWork(outcome: outcome)
        work.note = form["note"]
        switch outcome {
        case .skipped:
            work.skipReason = form["skipReason"].flatMap(PMSkipReason.init(rawValue:))
        case .done:
            let raw = PersianDigits.toASCII(form["totalPages"] ?? "").filter { !$0.isWhitespace && $0 != "," && $0 != "٬" }
            if !raw.isEmpty {
                guard let total = Int64(raw), total >= 0 else {
                    throw FieldError(field: "totalPages", message: "the counter is a whole number of pages")
                }
                work.reading = .init(totalPages: total, counterReset: form["counterReset"] == "on" ? true : nil)
            }
            var parts: [PMDeviceWork.PartUse] = []
            for i in 1...PMDevicePage.partRows {
                guard let number = form["part\(i)"], !number.isEmpty else { continue }
                guard let qty = Int(PersianDigits.toASCII(form["qty\(i)"] ?? "1")) else {
                    throw FieldError(field: "qty\(i)", message: "the quantity is a whole number")
                }
                let serial = form["serial\(i)"].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
                parts.append(.init(partNumber: number, quantity: qty, serialNumber: serial))
            }
            work.partsUsed = parts
            work.checklist = form.keys.filter { $0.hasPrefix("check_") && form[$0] == "on" }.map { String($0.dropFirst(6)) }.sorted()
            work.allowNegativeStock = form["allowNegativeStock"] == "on" ? true : nil
        }
        return work
    }
}

import FleetCore
import Fluent
import Vapor

/// The client's side: its home page and the calls list (which staff use too).
enum WebPortal {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(SiteURL.pattern(.tickets), use: tickets)
    }

    /// `GET /` for a client user.
    static func home(_ req: Request, customerID: UUID) async throws -> Response {
        guard let customer = try await Customer.find(customerID, on: req.db) else { throw APIError.notFound("customer") }
        let f = req.pageContext().format
        let now = Date()
        let devices = try await Device.query(on: req.db).filter(\.$customer.$id == customerID).count()
        let inRepair = try await Device.query(on: req.db).filter(\.$customer.$id == customerID)
            .filter(\.$status == DeviceStatus.inRepair.rawValue).count()
        let open = try await Ticket.query(on: req.db).filter(\.$customerID == customerID)
            .filter(\.$stage ~~ TicketStage.allCases.filter(\.isOpen).map(\.rawValue)).sort(\.$openedAt, .descending).limit(50).all()
        let awaiting = try await Visit.query(on: req.db).filter(\.$customerID == customerID)
            .filter(\.$approval == WorkReportApproval.pending.rawValue).sort(\.$finishedAt, .descending).limit(30).all()
        let ticketNumbers = try await numbers(of: awaiting.compactMap(\.ticketID), on: req.db)
        let awaitingDevices = try await names(of: awaiting.filter { $0.deviceIDs.count == 1 }.compactMap(\.deviceIDs.first), on: req.db)
        let today = CalendarDay(now, in: req.application.fleetConfiguration.timeZone)
        let planned = try await ScheduledPM.query(on: req.db).join(Contract.self, on: \ScheduledPM.$contract.$id == \Contract.$id)
            .filter(Contract.self, \.$customer.$id == customerID).filter(\.$done == false).filter(\.$date >= today.description)
            .sort(\.$date).limit(4).all()
        let plannedDevices = try await contractDeviceCounts(planned.map { $0.$contract.id }, on: req.db)
        let done = try await Visit.query(on: req.db).filter(\.$customerID == customerID).filter(\.$kind == "pm")
            .filter(\.$status == "completed").sort(\.$finishedAt, .descending).limit(4).all()
        let reports = try await IssuedReport.query(on: req.db).filter(\.$customerID == customerID).sort(\.$issuedAt, .descending).limit(3).all()
        let invoices = try await Invoice.query(on: req.db).filter(\.$customer.$id == customerID)
            .filter(\.$status != InvoiceStatus.draft.rawValue).sort(\.$issuedAt, .descending).limit(3).all()
        let loans = try await Loan.query(on: req.db).filter(\.$customerID == customerID).filter(\.$returnedAt == nil).all()
        let loanDevices = try await names(of: loans.flatMap { [$0.loanerDeviceID, $0.forDeviceID] }, on: req.db)

        let model = PortalHomePage.Model(
            customerID: customerID, customerName: customer.name, devices: devices, inRepair: inRepair,
            openTickets: try await rows(open, now: now, req),
            awaiting: awaiting.map { .init(id: $0.id, at: f.instant($0.finishedAt ?? $0.scheduledAt), devices: $0.deviceIDs.count,
                                           ticketNumber: $0.ticketID.flatMap { ticketNumbers[$0] },
                                           device: $0.deviceIDs.count == 1 ? awaitingDevices[$0.deviceIDs[0]] : nil) },
            pmPlanned: planned.map { .init(id: nil, at: CalendarDay(iso: $0.date).map(f.day) ?? $0.date,
                                           devices: plannedDevices[$0.$contract.id] ?? 0, ticketNumber: nil) },
            pmDone: done.map { .init(id: $0.id, at: f.instant($0.finishedAt ?? $0.scheduledAt), devices: $0.deviceIDs.count, ticketNumber: nil) },
            reports: reports.compactMap { r -> (id: UUID, from: CalendarDay, to: CalendarDay, pages: Int)? in
                guard let from = CalendarDay(iso: r.periodFrom), let to = CalendarDay(iso: r.periodTo) else { return nil }
                return (r.id!, from, to, Int(r.totals.pages))
            },
            invoices: invoices.map { ($0.id!, $0.number, $0.totalRials, $0.issuedAt) },
            loans: loans.compactMap { l -> (loaner: String, forDevice: String, dueOn: CalendarDay)? in
                CalendarDay(iso: l.dueOn).map { (loanDevices[l.loanerDeviceID] ?? "—", loanDevices[l.forDeviceID] ?? "—", $0) }
            })
        return Layout.response(PortalHomePage.render(model, req.pageContext()))
    }

    /// `GET /tickets?state=open|closed&offset=`: a client's own calls, or every call for staff.
    @Sendable static func tickets(req: Request) async throws -> Response {
        let viewer = try req.viewer
        let open = req.query[String.self, at: "state"] != "closed"
        let stages = TicketStage.allCases.filter { $0.isOpen == open }.map(\.rawValue)
        let query = Ticket.query(on: req.db).filter(\.$stage ~~ stages).sort(\.$openedAt, .descending)
        if case let .only(id) = viewer.customerScope(try req.queryID("customerId")) { query.filter(\.$customerID == id) }
        let (items, total) = try await query.page(try Paging(req))
        return Layout.response(TicketsPage.render(.init(rows: try await rows(items, now: Date(), req), open: open, total: total),
                                                  req.pageContext()))
    }

    static func rows(_ tickets: [Ticket], now: Date, _ req: Request) async throws -> [TicketRow] {
        let devices = try await names(of: tickets.map { $0.$device.id }, on: req.db)
        let language = req.language
        return tickets.map { t in
            TicketRow(id: t.id!, number: t.number, device: devices[t.$device.id] ?? "—",
                      what: t.symptom.map { CommonSymptoms.label($0, language) } ?? t.description, typed: t.symptom == nil, stage: t.stage,
                      openedAt: t.openedAt, slaDueAt: t.slaDueAt,
                      late: t.respondedAt == nil && (TicketStage(rawValue: t.stage)?.isOpen ?? false) && t.slaDueAt < now)
        }
    }

    /// `make model · asset tag (or serial)` of each device.
    static func names(of ids: [UUID], on db: any Database) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        return Dictionary(uniqueKeysWithValues: try await Device.query(on: db).filter(\.$id ~~ Set(ids)).all().map {
            ($0.id!, "\($0.make) \($0.model) · \($0.assetTag ?? $0.serialNumber)")
        })
    }

    static func numbers(of tickets: [UUID], on db: any Database) async throws -> [UUID: Int] {
        guard !tickets.isEmpty else { return [:] }
        return Dictionary(uniqueKeysWithValues: try await Ticket.query(on: db).filter(\.$id ~~ Set(tickets)).all().map { ($0.id!, $0.number) })
    }

    static func contractDeviceCounts(_ contracts: [UUID], on db: any Database) async throws -> [UUID: Int] {
        guard !contracts.isEmpty else { return [:] }
        var counts: [UUID: Int] = [:]
        for link in try await ContractDevice.query(on: db).filter(\.$contract.$id ~~ Set(contracts)).filter(\.$removedOn == nil).all() {
            counts[link.$contract.id, default: 0] += 1
        }
        return counts
    }
}

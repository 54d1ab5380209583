import FleetCore
import Fluent
import Vapor

extension API {
    /// Parts, stock, tickets, visits and work reports.
    enum ServiceController {
        // MARK: parts and stock

        /// `POST /api/v1/parts`
        @Sendable static func createPart(req: Request) async throws -> Response {
            try req.viewer.require(.admin, .dispatcher)
            let part = try await createPart(try req.content.decode(PartInput.self), db: req.db)
            return try await PartDTO(part).encodeResponse(status: .created, for: req)
        }

        static func createPart(_ input: PartInput, db: any Database) async throws -> Part {
            let part = Part()
            part.partNumber = try DeviceFieldRules.required(input.partNumber, field: "partNumber", limit: 64).uppercased()
            part.name = try DeviceFieldRules.required(input.name, field: "name")
            part.kind = input.kind.rawValue
            if let life = input.ratedLifePages, !(1...10_000_000).contains(life) {
                throw FieldError(field: "ratedLifePages", message: "the rated life is a positive number of pages")
            }
            part.ratedLifePages = input.ratedLifePages
            part.priceRials = try DeviceFieldRules.price(input.priceRials, field: "priceRials") ?? 0
            part.compatibleModels = try input.compatibleModels.enumerated().map { i, m throws(FieldError) in
                try DeviceFieldRules.required(m, field: "compatibleModels.\(i)")
            }
            if try await Part.query(on: db).filter(\.$partNumber == part.partNumber).count() > 0 {
                throw APIError.conflict(code: "duplicate_part", "part \(part.partNumber) is already in the catalog", field: "partNumber")
            }
            try await part.create(on: db)
            return part
        }

        /// `GET /api/v1/parts?q=`
        @Sendable static func parts(req: Request) async throws -> Page<PartDTO> {
            _ = try req.viewer
            let query = Part.query(on: req.db).sort(\.$partNumber)
            if let q = req.query[String.self, at: "q"], !q.isEmpty {
                query.filter(TextSearch.matching(q, columns: [("parts", "part_number"), ("parts", "name")]))
            }
            let (items, total) = try await query.page(try Paging(req))
            return Page(items: items.map(PartDTO.init), total: total)
        }

        /// `POST /api/v1/stock/receive`: parts into the warehouse or a technician's van.
        @Sendable static func receive(req: Request) async throws -> StockDTO {
            try await receive(try req.content.decode(StockReceipt.self), req: req)
        }

        static func receive(_ input: StockReceipt, req: Request) async throws -> StockDTO {
            let viewer = try req.viewer
            try viewer.require(.admin, .dispatcher)
            guard (1...100_000).contains(input.quantity) else { throw FieldError(field: "quantity", message: "quantity is from 1 to 100000") }
            let part = try await Part.numbered(input.partNumber, on: req.db, field: "partNumber")
            let desk = ServiceDesk(db: req.db, actor: viewer.user)
            let location: StockLocation
            if let tech = input.technicianId {
                try await desk.requireTechnician(tech)
                location = try await desk.vanLocation(for: tech)
            } else {
                location = try await desk.warehouse()
            }
            let level = try await desk.receive(part, quantity: input.quantity, at: location)
            return StockDTO(locationId: location.id!, location: location.name, partNumber: part.partNumber, quantity: level.quantity)
        }

        /// `GET /api/v1/stock`
        @Sendable static func stock(req: Request) async throws -> Page<StockDTO> {
            let viewer = try req.viewer
            guard viewer.role.isStaff else { throw APIError.forbidden }
            let locations = Dictionary(uniqueKeysWithValues: try await StockLocation.query(on: req.db).all().map { ($0.id!, $0.name) })
            let parts = Dictionary(uniqueKeysWithValues: try await Part.query(on: req.db).all().map { ($0.id!, $0.partNumber) })
            let items = try await StockLevel.query(on: req.db).all().map {
                StockDTO(locationId: $0.locationID, location: locations[$0.locationID] ?? "", partNumber: parts[$0.partID] ?? "", quantity: $0.quantity)
            }.sorted { ($0.location, $0.partNumber) < ($1.location, $1.partNumber) }
            return Page(items: items, total: items.count)
        }

        // MARK: tickets

        /// `POST /api/v1/tickets`: a call about a device; a client user may open one for its own devices.
        @Sendable static func openTicket(req: Request) async throws -> Response {
            let viewer = try req.viewer
            let input = try req.content.decode(TicketInput.self)
            guard let device = try await Device.find(input.deviceId, on: req.db), viewer.canSee(customerID: device.$customer.id) else {
                throw APIError(.unprocessableEntity, code: "unknown_device", message: "no device has id \(input.deviceId)", field: "deviceId")
            }
            let ticket = try await desk(req, viewer).open(input, device: device)
            return try await TicketDTO(ticket).encodeResponse(status: .created, for: req)
        }

        /// `GET /api/v1/tickets?customerId=&stage=&deviceId=`
        @Sendable static func tickets(req: Request) async throws -> Page<TicketDTO> {
            let viewer = try req.viewer
            let query = Ticket.query(on: req.db).sort(\.$number, .descending)
            switch viewer.customerScope(try req.queryID("customerId")) {
            case .all: break
            case let .only(id): query.filter(\.$customerID == id)
            }
            if let d = try req.queryID("deviceId") { query.filter(\.$device.$id == d) }
            if let stage = req.query[String.self, at: "stage"], !stage.isEmpty {
                guard TicketStage(rawValue: stage) != nil else {
                    throw APIError(.unprocessableEntity, code: "invalid_query", message: "unknown stage \(stage)", field: "stage")
                }
                query.filter(\.$stage == stage)
            }
            let (items, total) = try await query.page(try Paging(req))
            return Page(items: items.map { TicketDTO($0) }, total: total)
        }

        /// `GET /api/v1/tickets/{id}`
        @Sendable static func ticket(req: Request) async throws -> TicketDTO {
            TicketDTO(try await findTicket(req))
        }

        struct RemoteResolution: Content { let notes: String }
        struct Dispatch: Content {
            let technicianId: UUID
            let scheduledAt: Date
        }

        /// `POST /api/v1/tickets/{id}/resolve-remotely`
        @Sendable static func resolveRemotely(req: Request) async throws -> TicketDTO {
            let ticket = try await findTicket(req)
            let viewer = try req.viewer
            try viewer.require(.admin, .dispatcher, .technician)
            try await desk(req, viewer).resolveRemotely(ticket, notes: try req.content.decode(RemoteResolution.self).notes)
            return TicketDTO(ticket)
        }

        /// `POST /api/v1/tickets/{id}/dispatch`: books a repair visit.
        @Sendable static func dispatch(req: Request) async throws -> TicketDTO {
            let ticket = try await findTicket(req)
            let viewer = try req.viewer
            try viewer.require(.admin, .dispatcher)
            let input = try req.content.decode(Dispatch.self)
            _ = try await desk(req, viewer).dispatch(ticket, technicianID: input.technicianId, at: input.scheduledAt)
            return TicketDTO(ticket)
        }

        /// `POST /api/v1/tickets/{id}/attempts`: an attempt at fixing the call from the office.
        @Sendable static func logAttempt(req: Request) async throws -> Response {
            let ticket = try await findTicket(req)
            let viewer = try req.viewer
            try viewer.require(.admin, .dispatcher)
            let attempt = try await desk(req, viewer).logAttempt(ticket, try req.content.decode(TriageAttemptInput.self))
            return try await TriageAttemptDTO(attempt).encodeResponse(status: .created, for: req)
        }

        /// `GET /api/v1/tickets/{id}/attempts`: the attempts, oldest first.
        @Sendable static func attempts(req: Request) async throws -> Page<TriageAttemptDTO> {
            let ticket = try await findTicket(req)
            let items = try await attempts(of: ticket, on: req.db)
            return Page(items: items, total: items.count)
        }

        static func attempts(of ticket: Ticket, on db: any Database) async throws -> [TriageAttemptDTO] {
            try await TriageAttempt.query(on: db).filter(\.$ticketID == ticket.id!).sort(\.$at).all().map(TriageAttemptDTO.init)
        }

        /// `POST /api/v1/tickets/{id}/reschedule`: another technician or time, before anyone arrived.
        @Sendable static func reschedule(req: Request) async throws -> TicketDTO {
            let ticket = try await findTicket(req)
            let viewer = try req.viewer
            try viewer.require(.admin, .dispatcher)
            let input = try req.content.decode(Dispatch.self)
            try await desk(req, viewer).reschedule(ticket, technicianID: input.technicianId, at: input.scheduledAt)
            return TicketDTO(ticket)
        }

        /// `POST /api/v1/tickets/{id}/confirm`: the client accepts the work (a client user, or staff for them).
        @Sendable static func confirm(req: Request) async throws -> TicketDTO {
            let ticket = try await findTicket(req)
            let viewer = try req.viewer
            try viewer.require(.client, .admin, .dispatcher)
            try await desk(req, viewer).advance(ticket, to: .confirmed)
            return TicketDTO(ticket)
        }

        /// `POST /api/v1/tickets/{id}/close`
        @Sendable static func close(req: Request) async throws -> TicketDTO {
            let ticket = try await findTicket(req)
            let viewer = try req.viewer
            try viewer.require(.admin, .dispatcher)
            try await desk(req, viewer).advance(ticket, to: .closed)
            return TicketDTO(ticket)
        }

        /// `POST /api/v1/visits/{id}/arrive`: the technician is on site.
        @Sendable static func arrive(req: Request) async throws -> VisitDTO {
            let visit = try await findVisit(req)
            let viewer = try req.viewer
            try viewer.require(.admin, .dispatcher, .technician)
            try await desk(req, viewer).arrive(visit)
            return VisitDTO(visit)
        }

        static func findTicket(_ req: Request) async throws -> Ticket {
            guard let t = try await Ticket.find(try req.id("ticketID", "ticket"), on: req.db),
                  try req.viewer.canSee(customerID: t.customerID) else { throw APIError.notFound("ticket") }
            return t
        }

        // MARK: visits

        /// `POST /api/v1/visits`
        @Sendable static func bookVisit(req: Request) async throws -> Response {
            let viewer = try req.viewer
            try viewer.require(.admin, .dispatcher)
            let visit = try await desk(req, viewer).book(try req.content.decode(VisitInput.self), customerScope: nil)
            return try await VisitDTO(visit).encodeResponse(status: .created, for: req)
        }

        /// `GET /api/v1/visits?technicianId=&status=`: a technician sees their own.
        @Sendable static func visits(req: Request) async throws -> Page<VisitDTO> {
            let viewer = try req.viewer
            let query = Visit.query(on: req.db).sort(\.$scheduledAt)
            switch viewer.customerScope(try req.queryID("customerId")) {
            case .all: break
            case let .only(id): query.filter(\.$customerID == id)
            }
            if viewer.role == .technician { query.filter(\.$technicianID == viewer.user.id!) }
            if let t = try req.queryID("technicianId") { query.filter(\.$technicianID == t) }
            if let s = req.query[String.self, at: "status"], !s.isEmpty { query.filter(\.$status == s) }
            let (items, total) = try await query.page(try Paging(req))
            return Page(items: items.map(VisitDTO.init), total: total)
        }

        /// `GET /api/v1/visits/{id}`
        @Sendable static func visit(req: Request) async throws -> VisitDTO {
            VisitDTO(try await findVisit(req))
        }

        /// `POST /api/v1/visits/{id}/complete`: the work report.
        @Sendable static func complete(req: Request) async throws -> WorkReportDTO {
            let visit = try await findVisit(req)
            let viewer = try req.viewer
            try viewer.require(.admin, .dispatcher, .technician)
            if viewer.role == .technician, visit.technicianID != viewer.user.id {
                throw APIError(.forbidden, code: "not_your_visit", message: "this visit is another technician's")
            }
            try await desk(req, viewer).complete(visit, try req.content.decode(VisitCompletion.self))
            return try await report(visit, db: req.db)
        }

        /// `GET /api/v1/visits/{id}/report`: JSON, or the printable page for `Accept: text/html`.
        @Sendable static func workReport(req: Request) async throws -> Response {
            let r = try await completedReport(req)
            if req.acceptsHTML {
                return Layout.response(WorkReportPage.render(r, servicePhone: req.application.fleetConfiguration.servicePhone,
                                                             req.pageContext(withSession: false)))
            }
            return try await r.encodeResponse(for: req)
        }

        static func completedReport(_ req: Request) async throws -> WorkReportDTO {
            let visit = try await findVisit(req)
            guard visit.status == "completed" else {
                throw APIError.conflict(code: "not_completed", "the visit has no work report until it is completed")
            }
            return try await report(visit, db: req.db)
        }

        struct Review: Content { let comment: String? }

        /// `POST /api/v1/visits/{id}/approve {"comment"?}`: the client accepts the work report.
        @Sendable static func approve(req: Request) async throws -> WorkReportDTO {
            let visit = try await findVisit(req)
            let viewer = try req.viewer
            try viewer.require(.client, .admin, .dispatcher)
            try await desk(req, viewer).approve(visit, comment: try req.content.decode(Review.self).comment)
            return try await report(visit, db: req.db)
        }

        /// `POST /api/v1/visits/{id}/dispute {"comment"}`: the client disputes it; a repair's ticket is reopened.
        @Sendable static func dispute(req: Request) async throws -> WorkReportDTO {
            let visit = try await findVisit(req)
            let viewer = try req.viewer
            try viewer.require(.client, .admin, .dispatcher)
            try await desk(req, viewer).dispute(visit, comment: try req.content.decode(Review.self).comment)
            return try await report(visit, db: req.db)
        }

        static func findVisit(_ req: Request) async throws -> Visit {
            guard let v = try await Visit.find(try req.id("visitID", "visit"), on: req.db),
                  try req.viewer.canSee(customerID: v.customerID) else { throw APIError.notFound("visit") }
            return v
        }

        static func report(_ v: Visit, db: any Database) async throws -> WorkReportDTO {
            let devices = try await DeviceViews(db: db).list(try await Device.query(on: db).filter(\.$id ~~ v.deviceIDs).all())
            let lines = try await PartLine.query(on: db).filter(\.$visitID == v.id!).sort(\.$partNumber).all()
            let ticket = try await Ticket.find(v.ticketID, on: db)
            let customer = try await Customer.find(v.customerID, on: db)
            let technician = try await User.find(v.technicianID, on: db)
            let recorded = v.kind == "pm" ? try await ServiceDesk(db: db, actor: nil).recorded(v) : [:]
            let partDTOs = lines.map { l in
                WorkReportDTO.PartLineDTO(id: l.id!, deviceId: l.deviceID, partNumber: l.partNumber, name: l.partName, quantity: l.quantity,
                                          charge: l.charge, chargeReason: l.chargeReason, unitPriceRials: l.unitPriceRials,
                                          billedRials: l.charge == "billable" ? l.unitPriceRials * l.quantity : 0,
                                          warrantyUntil: l.warrantyUntil, counterAtFitting: l.counterAtFitting, serialNumber: l.serialNumber,
                                          replacesLineId: l.replacesLineID, replacedByLineId: l.replacedByLineID)
            }
            var checklist: [WorkReportDTO.ChecklistItem]?
            if v.kind == "pm", let first = try await Device.find(v.deviceIDs.first, on: db) {
                let kind = try await DeviceModel.find(first.$catalogModel.id, on: db)?.kind ?? "mfp"
                let done = Set(v.checklist ?? [])
                checklist = PMChecklist.items(kind: kind, color: first.color).map {
                    .init(code: $0.code, fa: $0.fa, en: $0.en, done: done.contains($0.code))
                }
            }
            var dto = WorkReportDTO(
                visitId: v.id!, kind: v.kind, ticketNumber: ticket?.number, customerId: v.customerID, customerName: customer?.name,
                technician: technician?.name ?? "",
                devices: devices.map { d in
                    let r = recorded[d.id]
                    return .init(id: d.id, make: d.make, model: d.model, serialNumber: d.serialNumber,
                                 location: DeviceRecordPage.locationLine(d), outcome: r?.outcome, skipReason: r?.skipReason, totalPages: r?.totalPages)
                },
                startedAt: v.startedAt, finishedAt: v.finishedAt, findings: v.findings, parts: partDTOs,
                signOff: v.signerName.map { .init(signerName: $0, satisfaction: v.satisfaction ?? 0, comment: v.signComment,
                                                  signature: v.signature) },
                billableTotalRials: partDTOs.reduce(0) { $0 + $1.billedRials })
            dto.checklist = checklist
            dto.approval = v.approval
            dto.approvalAt = v.approvalAt
            dto.approvalComment = v.approvalComment
            if let finished = v.finishedAt {
                dto.readings = try await MeterReadingRecord.query(on: db).filter(\.$device.$id ~~ v.deviceIDs)
                    .filter(\.$takenAt == MeterReading.moment(finished))
                    .filter(\.$source == ReadingSource.visit.rawValue).all()
                    .map { .init(deviceId: $0.$device.id, totalPages: $0.totalPages, monoPages: $0.monoPages,
                                 colorPages: $0.colorPages, counterReset: $0.counterReset) }
                    .sorted { a, b in v.deviceIDs.firstIndex(of: a.deviceId) ?? 0 < v.deviceIDs.firstIndex(of: b.deviceId) ?? 0 }
            }
            return dto
        }

        static func desk(_ req: Request, _ viewer: Viewer) -> ServiceDesk {
            var desk = ServiceDesk(db: req.db, actor: viewer.user, timeZone: req.application.fleetConfiguration.timeZone)
            desk.paperSheetRials = req.application.fleetConfiguration.paperSheetRials
            return desk
        }
    }
}

import FleetCore
import Fluent
import SQLKit
import Vapor

extension API {
    /// The fleet registry: device records, their history, CSV in and out.
    enum DevicesController {
        /// `POST /api/v1/devices`
        @Sendable static func create(req: Request) async throws -> Response {
            let viewer = try req.viewer
            try viewer.require(.admin, .dispatcher)
            let input = try req.content.decode(DeviceInput.self)
            let device = try await DeviceRegistry(db: req.db, actor: viewer.user).create(try NewDevice(input))
            return try await DeviceViews(db: req.db).record(device).encodeResponse(status: .created, for: req)
        }

        /// `GET /api/v1/devices?customerId=&siteId=&department=&status=&q=`
        @Sendable static func list(req: Request) async throws -> Page<DeviceDTO> {
            let filter = try DeviceFilter(req)
            let (rows, total) = try await filter.page(on: req.db, viewer: try req.viewer, paging: try Paging(req))
            return Page(items: try await DeviceViews(db: req.db).list(rows), total: total)
        }

        /// `GET /api/v1/devices/{id}`: the device record.
        @Sendable static func show(req: Request) async throws -> DeviceRecordDTO {
            try await DeviceViews(db: req.db).record(try await find(req))
        }

        /// `PATCH /api/v1/devices/{id}`
        @Sendable static func update(req: Request) async throws -> DeviceRecordDTO {
            let viewer = try req.viewer
            let device = try await find(req)
            try viewer.require(.admin, .dispatcher, .technician)
            let patch = try req.content.decode(DevicePatch.self)
            try await DeviceRegistry(db: req.db, actor: viewer.user).update(device, with: patch)
            return try await DeviceViews(db: req.db).record(device)
        }

        /// `GET /api/v1/devices/{id}/history`: newest first.
        @Sendable static func history(req: Request) async throws -> Page<HistoryItemDTO> {
            let device = try await find(req)
            let (items, total) = try await DeviceEvent.query(on: req.db)
                .filter(\.$device.$id == device.id!)
                .sort(\.$at, .descending)
                .page(try Paging(req))
            return Page(items: items.map(HistoryItemDTO.init), total: total)
        }

        /// The device in the path, if the viewer may see it; 404 otherwise, never 403.
        static func find(_ req: Request) async throws -> Device {
            let id = try req.id("deviceID", "device")
            guard let device = try await Device.find(id, on: req.db),
                  try req.viewer.canSee(customerID: device.$customer.id) else {
                throw APIError.notFound("device")
            }
            return device
        }
    }
}

extension HistoryItemDTO {
    init(_ e: DeviceEvent) {
        at = e.at
        kind = e.kind
        summary = e.summary
        actor = e.actorName
        let details = EventDetails.decode(e.details)
        changes = details?.changes
        from = details?.from
        to = details?.to
    }
}

/// What a device list is narrowed to, from the query string or the list page's filters.
struct DeviceFilter: Sendable {
    var customerID: UUID?
    var siteID: UUID?
    var department: String?
    var status: DeviceStatus?
    var text: String?
    var loaners: Bool?

    init(customerID: UUID? = nil, siteID: UUID? = nil, department: String? = nil, status: DeviceStatus? = nil,
         text: String? = nil) {
        self.customerID = customerID
        self.siteID = siteID
        self.department = department
        self.status = status
        self.text = text
    }

    init(_ req: Request) throws {
        customerID = try req.queryID("customerId")
        siteID = try req.queryID("siteId")
        department = req.query[String.self, at: "department"].flatMap { $0.isEmpty ? nil : $0 }
        if let s = req.query[String.self, at: "status"], !s.isEmpty {
            guard let status = DeviceStatus(rawValue: s) else {
                throw APIError(.unprocessableEntity, code: "invalid_query", message: "status must be active, inRepair or retired", field: "status")
            }
            self.status = status
        }
        text = req.query[String.self, at: "q"].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        if let l = req.query[String.self, at: "loaner"], !l.isEmpty { loaners = DeviceFieldRules.flag(l) }
    }

    /// One page of the devices the viewer may see that pass the filter, and how many there are. A text search on
    /// SQLite counts its matches in the search index first: that number is the total when nothing else narrows
    /// the list, and it picks how the page is read (`TextSearch.indexed`).
    func page(on db: any Database, viewer: Viewer, paging: Paging) async throws -> (items: [DeviceRow], total: Int) {
        guard let text = indexedText(on: db), let sql = db as? any SQLDatabase else {
            return try await query(on: db, viewer: viewer).pageOfRows(paging)
        }
        let matches = try await TextSearch.indexedCount(text, table: CreateDeviceSearch.table, on: sql)
        let query = query(on: db, viewer: viewer, matches: matches)
        let narrowed = siteID != nil || department != nil || status != nil || loaners != nil
        guard !narrowed, case .all = viewer.customerScope(customerID) else { return try await query.pageOfRows(paging) }
        let items = try await query.offset(paging.offset).limit(paging.limit).rows()
        return (items, matches)
    }

    /// The search text, when it is looked up in SQLite's trigram index: three characters or more.
    private func indexedText(on db: any Database) -> String? {
        guard let text, (db as? any SQLDatabase)?.dialect.name == "sqlite" else { return nil }
        let ascii = PersianDigits.toASCII(text)
        return ascii.count >= 3 ? ascii : nil
    }

    /// The devices the viewer may see that pass the filter, in a stable order. `matches`: how many devices the
    /// search text matches in the index, where known.
    func query(on db: any Database, viewer: Viewer, matches: Int? = nil) -> QueryBuilder<Device> {
        let q = Device.query(on: db)
        switch viewer.customerScope(customerID) {
        case .all: break
        case let .only(id): q.filter(\.$customer.$id == id)
        }
        if let siteID { q.filter(\.$site.$id == siteID) }
        if let department { q.filter(\.$department == department) }
        if let status { q.filter(\.$status == status.rawValue) }
        if let loaners { q.filter(\.$isLoaner == loaners) }
        if let indexed = indexedText(on: db) {
            // The trigram index finds the same "contains, any case" matches without reading every device.
            q.filter(.sql(TextSearch.indexed(indexed, table: CreateDeviceSearch.table, rowsOf: Device.schema,
                                             inListOrder: (matches ?? 0) > TextSearch.broad)))
        } else if let text {
            q.filter(TextSearch.matching(PersianDigits.toASCII(text), columns: CreateDeviceSearch.columns.map { (Device.schema, $0) }))
        }
        return q.sort(\.$make).sort(\.$model).sort(\.$serialNumber)
    }
}

/// Builds the API's device shapes, loading names and specs in a few queries rather than one per device.
struct DeviceViews {
    let db: any Database

    func list(_ devices: [Device]) async throws -> [DeviceDTO] {
        try await list(devices.map(DeviceRow.init))
    }

    func list(_ devices: [DeviceRow]) async throws -> [DeviceDTO] {
        let customerIDs = Set(devices.compactMap(\.customerID))
        let siteIDs = Set(devices.compactMap(\.siteID))
        let modelIDs = Set(devices.compactMap(\.modelID))
        let customers = customerIDs.isEmpty ? [:] : Dictionary(uniqueKeysWithValues:
            try await Customer.query(on: db).filter(\.$id ~~ customerIDs).all().map { ($0.id!, $0.name) })
        let sites = siteIDs.isEmpty ? [:] : Dictionary(uniqueKeysWithValues:
            try await Site.query(on: db).filter(\.$id ~~ siteIDs).all().map { ($0.id!, $0.name) })
        let models = modelIDs.isEmpty ? [:] : Dictionary(uniqueKeysWithValues:
            try await DeviceModel.query(on: db).filter(\.$id ~~ modelIDs).all().map { ($0.id!, $0) })
        return devices.map { d in
            dto(d, customerName: d.customerID.flatMap { customers[$0] }, siteName: d.siteID.flatMap { sites[$0] },
                model: d.modelID.flatMap { models[$0] })
        }
    }

    func record(_ device: Device) async throws -> DeviceRecordDTO {
        let open = TicketStage.allCases.filter(\.isOpen).map(\.rawValue)
        let tickets = try await Ticket.query(on: db).filter(\.$device.$id == device.id!).filter(\.$stage ~~ open)
            .sort(\.$openedAt, .descending).all()
        let last = try await MeterReadingRecord.query(on: db).filter(\.$device.$id == device.id!)
            .sort(\.$takenAt, .descending).first()
        return DeviceRecordDTO(device: try await list([device])[0], lastReading: last.map(ReadingSummaryDTO.init),
                               openTickets: tickets.map { TicketSummaryDTO(id: $0.id!, stage: $0.stage, openedAt: $0.openedAt) })
    }

    func dto(_ d: DeviceRow, customerName: String?, siteName: String?, model: DeviceModel?) -> DeviceDTO {
        DeviceDTO(
            id: d.id, customerId: d.customerID, customerName: customerName, loaner: d.isLoaner,
            serialNumber: d.serialNumber, make: d.make, model: d.model, color: d.color, status: d.status,
            assetTag: d.assetTag,
            location: LocationDTO(siteId: d.siteID, siteName: siteName, floor: d.floor, room: d.room, department: d.department),
            assignedUser: d.userName.map { AssignedUserDTO(name: $0, email: d.userEmail, department: d.userDepartment) },
            ipAddress: d.ipAddress, snmpPort: d.snmpPort, snmpCommunity: d.snmpCommunity, conditions: d.conditions,
            installedOn: d.installedOn.flatMap(CalendarDay.init(iso:)), purchasePriceRials: d.purchasePriceRials,
            specs: model.map { SpecsDTO(kind: $0.kind, monthlyDutyPages: $0.monthlyDutyPages, pagesPerMinute: $0.pagesPerMinute) },
            createdAt: d.createdAt, updatedAt: d.updatedAt)
    }
}

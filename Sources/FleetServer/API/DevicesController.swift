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
            try await DeviceViews(db: req.db).record(try await DeviceViews.findRow(req))
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
    /// The columns `init(_: Cells)` reads.
    static let columns = ["at", "kind", "summary", "actor_name", "details", "what"]

    /// From a row of `columns` of the device events table.
    init(_ c: Cells) throws {
        self.init(at: try c.value("at"), kind: try c.value("kind"), summary: try c.value("summary"), actor: try c.optional("actor_name"),
                  details: try c.optional("details"))
        event = try c.optionalJSON("what")
    }

    init(_ e: DeviceEvent) {
        self.init(at: e.at, kind: e.kind, summary: e.summary, actor: e.actorName, details: e.details)
        event = e.what
    }

    private init(at: Date, kind: String, summary: String, actor: String?, details: String?) {
        self.at = at
        self.kind = kind
        self.summary = summary
        self.actor = actor
        let decoded = EventDetails.decode(details)
        changes = decoded?.changes
        from = decoded?.from
        to = decoded?.to
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
    /// Leaves retired devices out (when no status is asked for): the machines a ticket can be opened for.
    var hideRetired = false
    /// The search text also finds every device of a customer or at a site whose name holds it: the ticket's machine
    /// picker, where a caller says "the bank's Tajrish branch" as often as a serial number.
    var textMatchesCustomerAndSite = false

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

    /// One page of the devices the viewer may see that pass the filter, and how many there are, read as rows
    /// (`Cells`) rather than through Fluent's models. A text search on SQLite counts its matches in the search
    /// index first: that number is the total when nothing else narrows the list, and it picks how the page is read
    /// (`TextSearch.indexed`).
    func page(on db: any Database, viewer: Viewer, paging: Paging) async throws -> (items: [DeviceRow], total: Int) {
        let sql = try db.sql
        var matches: Int?
        if let text = indexedText(on: db) {
            matches = try await TextSearch.indexedCount(text, table: CreateDeviceSearch.table, on: sql)
        }
        let conditions = conditions(on: db, viewer: viewer, matches: matches)
        func select() -> SQLSelectBuilder {
            let select = sql.select().from(Device.schema)
            for c in conditions { select.where(c) }
            return select
        }
        let narrowed = siteID != nil || department != nil || status != nil || loaners != nil || hideRetired || textMatchesCustomerAndSite
        let total: Int
        if let matches, !narrowed, case .all = viewer.customerScope(customerID) {
            total = matches
        } else {
            total = try await sql.count(select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").query)
        }
        let rows = select().columns(DeviceRow.columns.map { SQLColumn($0, table: Device.schema) })
        for key in DeviceFilter.order { rows.orderBy(SQLColumn(key, table: Device.schema)) }
        let items = try await sql.cells(rows.offset(paging.offset).limit(paging.limit).query).map(DeviceRow.init)
        return (items, total)
    }

    /// The search text, when it is looked up in SQLite's trigram index: three characters or more.
    private func indexedText(on db: any Database) -> String? {
        guard let text, (db as? any SQLDatabase)?.dialect.name == "sqlite" else { return nil }
        let ascii = PersianDigits.toASCII(text)
        return ascii.count >= 3 ? ascii : nil
    }

    /// The list's order, which its index (`CreateDeviceListIndex`) follows.
    static let order = ["make", "model", "serial_number"]

    /// The filter's conditions as SQL: one set for Fluent's query and the list's row reads alike.
    private func conditions(on db: any Database, viewer: Viewer, matches: Int?) -> [any SQLExpression] {
        func equal(_ column: String, _ value: some Encodable & Sendable) -> any SQLExpression {
            SQLBinaryExpression(SQLColumn(column, table: Device.schema), .equal, SQLBind(value))
        }
        var all: [any SQLExpression] = []
        switch viewer.customerScope(customerID) {
        case .all: break
        case let .only(id): all.append(equal("customer_id", id))
        }
        if let siteID { all.append(equal("site_id", siteID)) }
        if let department { all.append(equal("department", department)) }
        if let status {
            all.append(equal("status", status.rawValue))
        } else if hideRetired {
            all.append(SQLBinaryExpression(SQLColumn("status", table: Device.schema), .notEqual, SQLBind(DeviceStatus.retired.rawValue)))
        }
        if let loaners { all.append(equal("is_loaner", loaners)) }
        var textCondition: (any SQLExpression)?
        if let indexed = indexedText(on: db) {
            // The trigram index finds the same "contains, any case" matches without reading every device.
            textCondition = TextSearch.indexed(indexed, table: CreateDeviceSearch.table, rowsOf: Device.schema,
                                               inListOrder: (matches ?? 0) > TextSearch.broad)
        } else if let text {
            textCondition = TextSearch.condition(PersianDigits.toASCII(text), columns: CreateDeviceSearch.columns.map { (Device.schema, $0) })
        }
        if let textCondition, let text, textMatchesCustomerAndSite {
            func named(_ column: String, in table: String) -> any SQLExpression {
                SQLBinaryExpression(SQLColumn(column, table: Device.schema), .in, SQLSubquery.select {
                    $0.column("id").from(table).where(TextSearch.condition(text, columns: [(table, "name")]))
                })
            }
            all.append(SQLGroupExpression(SQLList([textCondition, named("customer_id", in: Customer.schema), named("site_id", in: Site.schema)],
                                                  separator: SQLRaw(" OR "))))
        } else if let textCondition {
            all.append(textCondition)
        }
        return all
    }

    /// The devices the viewer may see that pass the filter, in the list's order, as a Fluent query. `matches`: how
    /// many devices the search text matches in the index, where known.
    func query(on db: any Database, viewer: Viewer, matches: Int? = nil) -> QueryBuilder<Device> {
        let q = Device.query(on: db)
        for c in conditions(on: db, viewer: viewer, matches: matches) { q.filter(.sql(c)) }
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
        let customers = try await lookup(Customer.schema, customerIDs, columns: ["name"]) { try $0.value("name", as: String.self) }
        let sites = try await lookup(Site.schema, siteIDs, columns: ["name"]) { try $0.value("name", as: String.self) }
        let models = try await lookup(DeviceModel.schema, modelIDs, columns: ["kind", "monthly_duty_pages", "pages_per_minute"]) {
            SpecsDTO(kind: try $0.value("kind"), monthlyDutyPages: try $0.optional("monthly_duty_pages"),
                     pagesPerMinute: try $0.optional("pages_per_minute"))
        }
        return devices.map { d in
            dto(d, customerName: d.customerID.flatMap { customers[$0] }, siteName: d.siteID.flatMap { sites[$0] },
                specs: d.modelID.flatMap { models[$0] })
        }
    }

    /// Rows of `table` by id, read as cells: a list's names and specs in one query each.
    private func lookup<Value>(_ table: String, _ ids: Set<UUID>, columns: [String],
                               _ read: (Cells) throws -> Value) async throws -> [UUID: Value] {
        guard !ids.isEmpty else { return [:] }
        let sql = try db.sql
        var found: [UUID: Value] = [:]
        for chunk in Array(ids).chunked(into: 500) {
            let select = sql.select().column("id").columns(columns.map { SQLColumn($0) }).from(table)
                .where(SQLColumn("id"), .in, SQLBind.group(Array(chunk)))
            for row in try await sql.cells(select.query) { found[try row.id("id")] = try read(row) }
        }
        return found
    }

    func record(_ device: Device) async throws -> DeviceRecordDTO {
        try await record(DeviceRow(device))
    }

    /// The record: the device, its last reading and its open tickets, each read as cells.
    func record(_ device: DeviceRow) async throws -> DeviceRecordDTO {
        let sql = try db.sql
        let open = TicketStage.allCases.filter(\.isOpen).map(\.rawValue)
        let tickets = sql.select().columns("id", "stage", "opened_at").from(Ticket.schema)
            .where("device_id", .equal, device.id).where(SQLColumn("stage"), .in, SQLBind.group(open))
            .orderBy("opened_at", .descending)
        let last = sql.select().columns(ReadingSummaryDTO.columns.map { SQLColumn($0) }).from(MeterReadingRecord.schema)
            .where("device_id", .equal, device.id).orderBy("taken_at", .descending).limit(1)
        return DeviceRecordDTO(
            device: try await list([device])[0], lastReading: try await sql.cells(last.query).first.map(ReadingSummaryDTO.init),
            openTickets: try await sql.cells(tickets.query).map {
                TicketSummaryDTO(id: try $0.id("id"), stage: try $0.value("stage"), openedAt: try $0.value("opened_at"))
            })
    }

    /// The device in the path as a row, if the viewer may see it; 404 otherwise, never 403.
    static func findRow(_ req: Request) async throws -> DeviceRow {
        let id = try req.id("deviceID", "device")
        let sql = try req.db.sql
        let select = sql.select().columns(DeviceRow.columns.map { SQLColumn($0) }).from(Device.schema).where("id", .equal, id)
        guard let row = try await sql.cells(select.query).first.map(DeviceRow.init), try req.viewer.canSee(customerID: row.customerID) else {
            throw APIError.notFound("device")
        }
        return row
    }

    func dto(_ d: DeviceRow, customerName: String?, siteName: String?, specs: SpecsDTO?) -> DeviceDTO {
        DeviceDTO(
            id: d.id, customerId: d.customerID, customerName: customerName, loaner: d.isLoaner,
            serialNumber: d.serialNumber, make: d.make, model: d.model, color: d.color, status: d.status,
            assetTag: d.assetTag,
            location: LocationDTO(siteId: d.siteID, siteName: siteName, floor: d.floor, room: d.room, department: d.department),
            assignedUser: d.userName.map { AssignedUserDTO(name: $0, email: d.userEmail, department: d.userDepartment) },
            ipAddress: d.ipAddress, snmpPort: d.snmpPort, snmpCommunity: d.snmpCommunity, conditions: d.conditions,
            installedOn: d.installedOn.flatMap(CalendarDay.init(iso:)), purchasePriceRials: d.purchasePriceRials,
            specs: specs,
            createdAt: d.createdAt, updatedAt: d.updatedAt)
    }
}

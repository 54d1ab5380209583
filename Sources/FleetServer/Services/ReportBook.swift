import FleetCore
import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import SQLKit

/// Gathers what the reports need for one customer and period, in a few set-based queries, and hands it
/// to FleetCore's report maths.
struct ReportBook: Sendable {
    let db: any Database
    var paperSheetRials: Int = AppConfiguration.defaultPaperSheetRials

    /// A device as the reports see it: read in one narrow query, not as a full record.
    struct ReportDevice: Decodable {
        let id: UUID
        let make: String
        let model: String
        let serial_number: String
        let color: Bool
        let user_name: String?
        let department: String?
        let user_department: String?
        let site_id: UUID?
        let floor: String?
        let purchase_price_rials: Int?
        let monthly_duty_pages: Int?

        var label: String { "\(make) \(model) · \(serial_number)" }
    }

    /// The devices a customer's report covers, with the facts the maths needs.
    struct Fleet {
        var devices: [ReportDevice]
        var sites: [UUID: String]
        /// Each device's meter figures per month of the period, cut to the period.
        var months: [UUID: [String: MeterMonth]]
        var repairs: [UUID: [RepairSpan]]
        var tonerPrices: [String: (black: Int?, color: Int?)]
        /// What the client pays for each machine's service over the period.
        var service: [UUID: Int] = [:]
    }

    func fleet(customerID: UUID, period: ReportPeriod) async throws -> Fleet {
        guard let sql = db as? any SQLDatabase else { throw CommandFailure("reports need an SQL database") }
        let devices = try await sql.raw("""
            SELECT d.id, d.make, d.model, d.serial_number, d.color, d.user_name, d.department, d.user_department, d.site_id, d.floor,
                   d.purchase_price_rials, m.monthly_duty_pages
            FROM devices d LEFT JOIN device_models m ON m.id = d.model_id
            WHERE d.customer_id = \(bind: customerID) AND d.is_loaner = \(bind: false)
            ORDER BY d.serial_number
            """).all(decoding: ReportDevice.self)
        let sites = Dictionary(uniqueKeysWithValues: try await Site.query(on: db).filter(\.$customer.$id == customerID).all().map { ($0.id!, $0.name) })
        return Fleet(devices: devices, sites: sites, months: try await months(customerID: customerID, period: period),
                     repairs: try await repairs(customerID: customerID), tonerPrices: try await tonerPrices(),
                     service: try await serviceCosts(customerID: customerID, period: period))
    }

    /// What the client pays for each machine's service over the period: its share of its contract's monthly fee,
    /// prorated by day over the Solar Hijri months as the invoice prorates it, and the parts billed for it.
    func serviceCosts(customerID: UUID, period: ReportPeriod) async throws -> [UUID: Int] {
        var out: [UUID: Double] = [:]
        let contracts = try await Contract.query(on: db).filter(\.$customer.$id == customerID)
            .filter(\.$status ~~ [ContractStatus.active.rawValue, ContractStatus.expired.rawValue])
            .filter(\.$startsOn <= period.to.description).filter(\.$endsOn >= period.from.description).all()
        for c in contracts where c.terms.billing.model != .perPage && c.terms.billing.monthlyFeePerDeviceRials > 0 {
            let (start, end) = c.period
            for m in try await ContractDevice.query(on: db).filter(\.$contract.$id == c.id!).all() {
                guard let added = CalendarDay(iso: m.addedOn) else { continue }
                let removed = min(m.removedOn.flatMap(CalendarDay.init(iso:)) ?? end.adding(days: 1), end.adding(days: 1))
                let share = InvoiceCalculator.deviceMonths(.init(id: m.$device.id, label: "", addedOn: max(added, start), removedOn: removed,
                                                                 pages: PageCount()), period: period)
                out[m.$device.id, default: 0] += share * Double(c.terms.billing.monthlyFeePerDeviceRials)
            }
        }
        let billed = try await PartLine.query(on: db).filter(\.$charge == CoverageDecision.Charge.billable.rawValue)
            .filter(\.$fittedOn >= period.from.description).filter(\.$fittedOn <= period.to.description)
            .join(Visit.self, on: \PartLine.$visitID == \Visit.$id).filter(Visit.self, \.$customerID == customerID).all()
        for l in billed { out[l.deviceID, default: 0] += Double(l.unitPriceRials * l.quantity) }
        return out.mapValues { Int($0.rounded()) }
    }

    /// The period's months: whole months from the monthly figures kept as readings arrive, a month the
    /// period cuts short from its readings.
    func months(customerID: UUID, period: ReportPeriod) async throws -> [UUID: [String: MeterMonth]] {
        let isWhole = { (m: ReportPeriod.Month) in
            let solar = SolarMonth(containing: m.start, timeZone: period.timeZone)
            return solar.start == m.start && solar.end == m.end
        }
        let whole = period.months.filter(isWhole).map(\.label), cut = period.months.filter { !isWhole($0) }
        // The months cut short (at most the first and the last) and the kept ones are read side by side:
        // the cut months' readings are most of the work, and each is its own query and its own arithmetic.
        return try await withThrowingTaskGroup(of: [(UUID, MeterMonth)].self) { group in
            for m in cut {
                group.addTask {
                    try await readings(customerID: customerID, from: m.start, to: m.end).map { device, readings in
                        (device, MeterMonth.window(readings, label: m.label, from: m.start, to: m.end))
                    }
                }
            }
            if !whole.isEmpty { group.addTask { try await storedMonths(customerID: customerID, labels: whole) } }
            var out: [UUID: [String: MeterMonth]] = [:]
            for try await figures in group {
                for (device, m) in figures { out[device, default: [:]][m.month] = m }
            }
            return out
        }
    }

    /// The kept monthly figures of a customer's devices for the given months. On PostgreSQL the rows are read
    /// by position: decoding twelve thousand rows by column name cost more than the query itself.
    func storedMonths(customerID: UUID, labels: [String]) async throws -> [(UUID, MeterMonth)] {
        @Sendable func figures(_ month: String, _ values: (Double, Double, Double, Double, Double, Double, Int), _ first: Date?, _ last: Date?) -> MeterMonth {
            var m = MeterMonth(month: month)
            (m.pages, m.colorPages, m.duplexPages, m.estimatedPages, m.blackToner, m.colorToner, m.tonerChanges) = values
            m.firstAt = first
            m.lastAt = last
            return m
        }
        if let pg = db as? any PostgresDatabase {
            let query: PostgresQuery = """
                SELECT device_id, month, pages, color_pages, duplex_pages, estimated_pages, black_toner, color_toner,
                       toner_changes, first_at, last_at
                FROM meter_months WHERE customer_id = \(customerID) AND month = ANY(\(labels))
                """
            let logger = db.logger
            return try await pg.withConnection { conn in
                conn.eventLoop.makeFutureWithTask {
                    var out: [(UUID, MeterMonth)] = []
                    let rows = try await conn.query(query, logger: logger)
                    for try await (device, month, pages, color, duplex, estimated, black, colorToner, changes, first, last)
                        in rows.decode((UUID, String, Double, Double, Double, Double, Double, Double, Int, Date?, Date?).self) {
                        out.append((device, figures(month, (pages, color, duplex, estimated, black, colorToner, changes), first, last)))
                    }
                    return out
                }
            }.get()
        }
        guard let sql = db as? any SQLDatabase else { return [] }
        struct Row: Decodable {
            let device_id: UUID, month: String, pages: Double, color_pages: Double, duplex_pages: Double, estimated_pages: Double
            let black_toner: Double, color_toner: Double, toner_changes: Int, first_at: Date?, last_at: Date?
        }
        return try await sql.select()
            .columns("device_id", "month", "pages", "color_pages", "duplex_pages", "estimated_pages", "black_toner", "color_toner",
                     "toner_changes", "first_at", "last_at")
            .from(MeterMonthRecord.schema)
            .where("customer_id", .equal, customerID).where("month", .in, labels).all(decoding: Row.self)
            .map { r in
                (r.device_id, figures(r.month, (r.pages, r.color_pages, r.duplex_pages, r.estimated_pages, r.black_toner, r.color_toner,
                                                r.toner_changes), r.first_at, r.last_at))
            }
    }

    /// Every reading in `[from, to)`, plus the last one before it and the first one after it for each device,
    /// so the edges can be shared out by time.
    func readings(customerID: UUID, from: Date, to: Date) async throws -> [UUID: [MeterReading]] {
        guard let sql = db as? any SQLDatabase else { return [:] }
        let columns = ["device_id", "taken_at", "source", "total_pages", "mono_pages", "color_pages", "counter_reset", "duplex_pages", "supplies"]
        var rows = try await sql.select().columns(columns.map { SQLColumn($0) }).from(MeterReadingRecord.schema)
            .where("customer_id", .equal, customerID)
            .where("taken_at", .greaterThanOrEqual, from).where("taken_at", .lessThan, to)
            .all()
        // The neighbours outside the period, one per device and side, found through the (device, time) index.
        for (op, order, bound) in [("<", "DESC", from), (">=", "ASC", to)] {
            rows += try await sql.raw("""
                SELECT \(unsafeRaw: columns.joined(separator: ", ")) FROM meter_readings WHERE id IN (
                    SELECT (SELECT x.id FROM meter_readings x WHERE x.device_id = d.id AND x.taken_at \(unsafeRaw: op) \(bind: bound)
                            ORDER BY x.taken_at \(unsafeRaw: order) LIMIT 1)
                    FROM devices d WHERE d.customer_id = \(bind: customerID))
                """).all()
        }
        var out: [UUID: [MeterReading]] = [:]
        let json = JSONDecoder()
        for row in rows {
            let (device, reading) = try Self.reading(row, json: json)
            out[device, default: []].append(reading)
        }
        for key in out.keys { out[key]!.sort { $0.takenAt < $1.takenAt } }
        return out
    }

    /// A reading row as the window maths needs it. SQLite rows are read cell by cell: a month's readings for a
    /// thousand devices are some 30,000 rows, and decoding each through `Decodable` cost more than the query.
    static func reading(_ row: any SQLRow, json: JSONDecoder) throws -> (UUID, MeterReading) {
        guard let lite = row as? SQLiteRow else {
            struct Row: Decodable {
                let device_id: UUID, taken_at: Date, source: String, total_pages: Int64, mono_pages: Int64?, color_pages: Int64?
                let counter_reset: Bool, duplex_pages: Int64?, supplies: [SupplyReading]
            }
            let r = try row.decode(model: Row.self)
            return (r.device_id, MeterReading(takenAt: r.taken_at, source: ReadingSource(rawValue: r.source) ?? .manual, totalPages: r.total_pages,
                                              monoPages: r.mono_pages, colorPages: r.color_pages, counterReset: r.counter_reset,
                                              duplexPages: r.duplex_pages, supplies: r.supplies))
        }
        func cell(_ name: String) throws -> SQLiteData {
            guard let data = lite.column(name) else { throw CommandFailure("meter_readings has no column \(name)") }
            return data
        }
        func int(_ name: String) throws -> Int64? {
            let data = try cell(name)
            return data.isNull ? nil : Int64(sqliteData: data)
        }
        let device: UUID?
        switch try cell("device_id") {
        case let .text(text): device = UUID(uuidString: text)
        case let .blob(buffer) where buffer.readableBytes == 16:
            let b = Array(buffer.readableBytesView)
            device = UUID(uuid: (b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]))
        default: device = nil
        }
        guard let device, let takenAt = Date(sqliteData: try cell("taken_at")), let total = try int("total_pages") else {
            throw CommandFailure("a meter reading row could not be read")
        }
        let supplies: [SupplyReading]
        switch try cell("supplies") {
        case let .text(text): supplies = try json.decode([SupplyReading].self, from: Data(text.utf8))
        case let .blob(buffer): supplies = try json.decode([SupplyReading].self, from: Data(buffer.readableBytesView))
        default: supplies = []
        }
        return (device, MeterReading(takenAt: takenAt, source: ReadingSource(rawValue: String(sqliteData: try cell("source")) ?? "") ?? .manual,
                                     totalPages: total, monoPages: try int("mono_pages"), colorPages: try int("color_pages"),
                                     counterReset: (try int("counter_reset") ?? 0) != 0, duplexPages: try int("duplex_pages"),
                                     supplies: supplies))
    }

    /// Each device's tickets as repairs: when it stopped, when it worked again, the parts fitted for it.
    func repairs(customerID: UUID) async throws -> [UUID: [RepairSpan]] {
        guard let sql = db as? any SQLDatabase else { return [:] }
        struct Row: Decodable {
            let device_id: UUID
            let opened_at: Date
            let resolved_at: Date?
            let via_resident: Bool
            let parts_cost: Int?
        }
        let rows = try await sql.raw("""
            SELECT t.device_id, t.opened_at, t.resolved_at, t.via_resident, c.parts_cost
            FROM tickets t LEFT JOIN (
                SELECT v.ticket_id, CAST(SUM(l.unit_price_rials * l.quantity) AS BIGINT) AS parts_cost
                FROM part_lines l JOIN visits v ON v.id = l.visit_id
                WHERE v.customer_id = \(bind: customerID) AND v.ticket_id IS NOT NULL GROUP BY v.ticket_id
            ) c ON c.ticket_id = t.id
            WHERE t.customer_id = \(bind: customerID)
            """).all(decoding: Row.self)
        var out: [UUID: [RepairSpan]] = [:]
        for r in rows {
            out[r.device_id, default: []].append(RepairSpan(openedAt: r.opened_at, resolvedAt: r.resolved_at, viaResident: r.via_resident,
                                                            partsCostRials: r.parts_cost ?? 0))
        }
        return out
    }

    /// The catalog price of a toner cartridge for each model, black and colour.
    func tonerPrices() async throws -> [String: (black: Int?, color: Int?)] {
        var out: [String: (black: Int?, color: Int?)] = [:]
        for p in try await Part.query(on: db).filter(\.$kind == PartKind.consumable.rawValue).all() {
            let name = p.name.lowercased()
            guard name.contains("toner") || name.contains("تونر") || name.contains("cartridge") || name.contains("کارتریج") else { continue }
            for m in p.compatibleModels {
                var prices = out[m] ?? (nil, nil)
                if TonerUse.isBlack(p.name) { prices.black = prices.black ?? p.priceRials } else { prices.color = prices.color ?? p.priceRials }
                out[m] = prices
            }
        }
        return out
    }

    func consumption(_ fleet: Fleet, period: ReportPeriod) -> ConsumptionReport.Report {
        let inputs = fleet.devices.map { d in
            let prices = fleet.tonerPrices[d.model]
            return ConsumptionReport.DeviceInput(
                id: d.id, label: d.label, user: d.user_name, department: d.department ?? d.user_department,
                monthlyDutyPages: d.monthly_duty_pages, blackTonerRials: prices?.black, colorTonerRials: d.color ? prices?.color : 0,
                months: fleet.months[d.id] ?? [:], repairs: fleet.repairs[d.id] ?? [], serviceRials: fleet.service[d.id] ?? 0)
        }
        return ConsumptionReport.build(inputs, period: period, paperSheetRials: paperSheetRials)
    }

    func reliability(_ fleet: Fleet, consumption: ConsumptionReport.Report, period: ReportPeriod) -> [ReliabilityReport.DeviceRow] {
        let rows = Dictionary(uniqueKeysWithValues: consumption.devices.map { ($0.deviceId, $0) })
        let inputs = fleet.devices.map { d in
            let c = rows[d.id]
            let place = d.site_id.map { site in [fleet.sites[site] ?? site.uuidString, d.floor].compactMap { $0 }.joined(separator: " / ") }
            return ReliabilityReport.DeviceInput(
                id: d.id, label: d.label, model: d.model, place: place, monthlyDutyPages: d.monthly_duty_pages,
                newPriceRials: d.purchase_price_rials, pages: c?.pages ?? 0, measuredDays: c?.measuredDays ?? 0,
                suppliesCostRials: (c?.tonerCostRials ?? 0) + (c?.paperCostRials ?? 0), repairs: fleet.repairs[d.id] ?? [])
        }
        return ReliabilityReport.build(inputs, period: period)
    }
}

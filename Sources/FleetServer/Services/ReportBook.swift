import FleetCore
import Fluent
import Foundation
import SQLKit

/// Gathers what the reports need for one customer and period, in a few set-based queries, and hands it
/// to FleetCore's report maths.
struct ReportBook {
    let db: any Database
    var paperSheetRials: Int = AppConfiguration.defaultPaperSheetRials

    /// The devices a customer's report covers, with the facts the maths needs.
    struct Fleet {
        var devices: [Device]
        var models: [UUID: DeviceModel]
        var sites: [UUID: String]
        var readings: [UUID: [MeterReading]]
        var repairs: [UUID: [RepairSpan]]
        var tonerPrices: [String: (black: Int?, color: Int?)]

        func label(_ d: Device) -> String { "\(d.make) \(d.model) · \(d.serialNumber)" }
        func duty(_ d: Device) -> Int? { d.$catalogModel.id.flatMap { models[$0] }?.monthlyDutyPages }
    }

    func fleet(customerID: UUID, period: ReportPeriod) async throws -> Fleet {
        let devices = try await Device.query(on: db).filter(\.$customer.$id == customerID).filter(\.$isLoaner == false)
            .sort(\.$serialNumber).all()
        let models = Dictionary(uniqueKeysWithValues: try await DeviceModel.query(on: db).all().map { ($0.id!, $0) })
        let sites = Dictionary(uniqueKeysWithValues: try await Site.query(on: db).filter(\.$customer.$id == customerID).all().map { ($0.id!, $0.name) })
        return Fleet(devices: devices, models: models, sites: sites,
                     readings: try await readings(customerID: customerID, period: period),
                     repairs: try await repairs(customerID: customerID),
                     tonerPrices: try await tonerPrices())
    }

    /// Every reading in the period, plus the last one before it and the first one after it for each device,
    /// so the edges can be shared out by time.
    func readings(customerID: UUID, period: ReportPeriod) async throws -> [UUID: [MeterReading]] {
        guard let sql = db as? any SQLDatabase else { return [:] }
        struct Row: Decodable {
            let device_id: UUID
            let taken_at: Date
            let source: String
            let total_pages: Int64
            let mono_pages: Int64?
            let color_pages: Int64?
            let counter_reset: Bool
            let duplex_pages: Int64?
            let supplies: [SupplyReading]
        }
        let columns = ["device_id", "taken_at", "source", "total_pages", "mono_pages", "color_pages", "counter_reset", "duplex_pages", "supplies"]
        var rows = try await sql.select().columns(columns.map { SQLColumn($0) }).from(MeterReadingRecord.schema)
            .where("customer_id", .equal, customerID)
            .where("taken_at", .greaterThanOrEqual, period.start).where("taken_at", .lessThan, period.end)
            .all(decoding: Row.self)
        // The neighbours outside the period, one per device and side, found through the (device, time) index.
        for (op, order, bound) in [("<", "DESC", period.start), (">=", "ASC", period.end)] {
            rows += try await sql.raw("""
                SELECT \(unsafeRaw: columns.joined(separator: ", ")) FROM meter_readings WHERE id IN (
                    SELECT (SELECT x.id FROM meter_readings x WHERE x.device_id = d.id AND x.taken_at \(unsafeRaw: op) \(bind: bound)
                            ORDER BY x.taken_at \(unsafeRaw: order) LIMIT 1)
                    FROM devices d WHERE d.customer_id = \(bind: customerID))
                """).all(decoding: Row.self)
        }
        var out: [UUID: [MeterReading]] = [:]
        for r in rows {
            out[r.device_id, default: []].append(MeterReading(
                takenAt: r.taken_at, source: ReadingSource(rawValue: r.source) ?? .manual, totalPages: r.total_pages,
                monoPages: r.mono_pages, colorPages: r.color_pages, counterReset: r.counter_reset, duplexPages: r.duplex_pages,
                supplies: r.supplies))
        }
        for key in out.keys { out[key]!.sort { $0.takenAt < $1.takenAt } }
        return out
    }

    /// Each device's tickets as repairs: when it stopped, when it worked again, the parts fitted for it.
    func repairs(customerID: UUID) async throws -> [UUID: [RepairSpan]] {
        let tickets = try await Ticket.query(on: db).filter(\.$customerID == customerID).all()
        let visits = try await Visit.query(on: db).filter(\.$customerID == customerID).filter(\.$ticketID != nil).all()
        let ticketOfVisit = Dictionary(uniqueKeysWithValues: visits.compactMap { v in v.ticketID.map { (v.id!, $0) } })
        var cost: [UUID: Int] = [:]
        for chunk in Array(ticketOfVisit.keys).chunked(into: 500) {
            for l in try await PartLine.query(on: db).filter(\.$visitID ~~ chunk).all() {
                if let t = ticketOfVisit[l.visitID] { cost[t, default: 0] += l.unitPriceRials * l.quantity }
            }
        }
        var out: [UUID: [RepairSpan]] = [:]
        for t in tickets {
            out[t.$device.id, default: []].append(RepairSpan(openedAt: t.openedAt, resolvedAt: t.resolvedAt, viaResident: t.viaResident,
                                                             partsCostRials: cost[t.id!] ?? 0))
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
                id: d.id!, label: fleet.label(d), user: d.userName, department: d.department ?? d.userDepartment,
                monthlyDutyPages: fleet.duty(d), blackTonerRials: prices?.black, colorTonerRials: d.color ? prices?.color : 0,
                readings: fleet.readings[d.id!] ?? [], repairs: fleet.repairs[d.id!] ?? [])
        }
        return ConsumptionReport.build(inputs, period: period, paperSheetRials: paperSheetRials)
    }

    func reliability(_ fleet: Fleet, consumption: ConsumptionReport.Report, period: ReportPeriod) -> [ReliabilityReport.DeviceRow] {
        let rows = Dictionary(uniqueKeysWithValues: consumption.devices.map { ($0.deviceId, $0) })
        let inputs = fleet.devices.map { d in
            let c = rows[d.id!]
            let place = d.$site.id.map { site in [fleet.sites[site] ?? site.uuidString, d.floor].compactMap { $0 }.joined(separator: " / ") }
            return ReliabilityReport.DeviceInput(
                id: d.id!, label: fleet.label(d), model: d.model, place: place, monthlyDutyPages: fleet.duty(d),
                newPriceRials: d.purchasePriceRials, pages: c?.pages ?? 0, measuredDays: c?.measuredDays ?? 0,
                suppliesCostRials: (c?.tonerCostRials ?? 0) + (c?.paperCostRials ?? 0), repairs: fleet.repairs[d.id!] ?? [])
        }
        return ReliabilityReport.build(inputs, period: period)
    }
}

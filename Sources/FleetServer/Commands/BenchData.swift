import FleetCore
import Fluent
import Foundation
import SQLKit
import Vapor

/// `fleetcare bench generate`: a service company at full size, written straight into the database in bulk:
/// 150 customers, 50,000 devices, a year of daily meter readings (about 18 million) with their monthly figures,
/// 40,000 tickets and 60,000 visits with parts. Bypasses the per-record paths on purpose (they check, notify and
/// audit each write); what it writes is what those paths would have written, so every page and report reads it.
struct BenchData {
    struct Scale: Sendable {
        var customers = 150
        var devices = 50_000
        var days = 365
        var tickets = 40_000
        var visits = 60_000
        var technicians = 24

        static let large = Scale()
    }

    var scale = Scale.large
    var seed: UInt64 = 2026
    var now = Date()
    let db: any SQLDatabase
    let timeZone = TimeZone.tehran
    static let password = "bench-password-1"
    static let adminEmail = "bench-admin@fleetcare.example"

    struct Summary {
        var rows: [(String, Int)] = []
        var seconds = 0.0
        var total: Int { rows.reduce(0) { $0 + $1.1 } }
    }

    /// Ids that grow with every record: the primary-key index and (device, time) index are appended to, not
    /// scattered into, which keeps bulk loading fast on both databases.
    struct IDs {
        var next: UInt64 = 0
        let prefix: UInt32
        init(_ prefix: UInt32) { self.prefix = prefix }
        mutating func make() -> UUID {
            next += 1
            let p = prefix.bigEndian, n = next.bigEndian
            var bytes = [UInt8](repeating: 0, count: 16)
            withUnsafeBytes(of: p) { for (i, b) in $0.enumerated() { bytes[i] = b } }
            bytes[6] = 0x40
            bytes[8] = 0x80
            withUnsafeBytes(of: n) { for (i, b) in $0.enumerated() where i >= 2 { bytes[8 + i] = b } }
            return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                               bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
        }
    }

    /// Writes rows in multi-row INSERTs inside transactions of `perTransaction` rows.
    final class Writer {
        let db: any SQLDatabase
        let table: String
        let columns: [String]
        private var pending: [[any Encodable & Sendable]] = []
        private(set) var written = 0
        let rowsPerStatement: Int
        /// Writers whose rows these refer to: written first, so foreign keys always find their row.
        let after: [Writer]

        init(_ db: any SQLDatabase, _ table: String, after: [Writer] = [], _ columns: [String]) {
            self.db = db
            self.table = table
            self.columns = columns
            self.after = after
            rowsPerStatement = BulkInsert.rowsPerStatement(columns: columns.count)
        }

        func add(_ row: [any Encodable & Sendable]) async throws {
            pending.append(row)
            if pending.count >= rowsPerStatement * 10 { try await flush() }
        }

        func flush() async throws {
            guard !pending.isEmpty else { return }
            for w in after { try await w.flush() }
            let rows = pending
            pending.removeAll(keepingCapacity: true)
            let (table, columns) = (self.table, self.columns)
            // A write transaction, as the server's are: on SQLite it also leaves checkpoints to their own length
            // (`WALCheckpointer`), where a plain one copied the log back into the file in nearly every commit.
            try await (db as! any Database).writeTransaction { tx in
                try await (tx as! any SQLDatabase).insertRows(into: table, columns: columns, rows)
                // New readings count in the ledger, as a batch's do: a running server's `ReadingMemory` starts over.
                if table == MeterReadingRecord.schema { try await ReadingLedger.advance(on: tx) }
            }
            written += rows.count
        }
    }

    func generate(_ print: @escaping (String) -> Void) async throws -> Summary {
        let started = Date()
        guard let database = db as? any Database else { throw CommandFailure("not a Fluent database") }
        let sqlite = db.dialect.name == "sqlite"
        guard try await Customer.query(on: database).count() == 0, try await Device.query(on: database).count() == 0 else {
            throw CommandFailure("bench generate fills an empty database only: this one has customers or devices")
        }
        if db.dialect.name == "sqlite" {
            // A bulk load: a large page cache, and no waiting for the disk at each of the thousands of commits.
            try await db.raw("PRAGMA cache_size = -1000000").run()
            try await db.raw("PRAGMA synchronous = OFF").run()
        }
        var rng = SeededGenerator(seed: seed)
        var summary = Summary()
        func random(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
        func unit() -> Double { Double.random(in: 0..<1, using: &rng) }
        let today = CalendarDay(now, in: timeZone)
        let firstDay = today.adding(days: -scale.days)

        // People: an admin, a dispatcher, the technicians, and one client user per customer.
        let hash = try Bcrypt.hash(Self.password, cost: 8)
        var userIDs = IDs(0x5553_4552)
        let customers = Writer(db, "customers", ["id", "name", "phone", "created_at"])
        let users = Writer(db, "users", after: [customers], ["id", "email", "name", "role", "customer_id", "password_hash", "notify_sms", "notify_email", "created_at"])
        try await users.add([userIDs.make(), Self.adminEmail, "Bench admin", "admin", UUID?.none, hash, false, false, now])
        try await users.add([userIDs.make(), "bench-dispatch@fleetcare.example", "Bench dispatcher", "dispatcher", UUID?.none, hash, false, false, now])
        var technicians: [UUID] = []
        for t in 0..<scale.technicians {
            let id = userIDs.make()
            technicians.append(id)
            try await users.add([id, "bench-tech-\(t + 1)@fleetcare.example", DemoData.firstNames[t % 14] + " " + DemoData.lastNames[t % 12],
                                 "technician", UUID?.none, hash, false, false, now])
        }

        // Customers from 35 to 1,000 devices, summing to the fleet's size.
        let weights = (0..<scale.customers).map { _ in pow(unit(), 2.2) * 965 + 35 }
        let sum = weights.reduce(0, +)
        var sizes = weights.map { max(1, Int(($0 / sum * Double(scale.devices)).rounded())) }
        sizes[sizes.indices.max { sizes[$0] < sizes[$1] }!] += scale.devices - sizes.reduce(0, +)
        var customerIDs = IDs(0x4355_5354), siteIDs = IDs(0x5349_5445)
        let sites = Writer(db, "sites", after: [customers], ["id", "customer_id", "name"])
        var fleet: [(customer: UUID, sites: [UUID], size: Int)] = []
        for c in 0..<scale.customers {
            let id = customerIDs.make()
            try await customers.add([id, String(format: "Bench customer %03d", c + 1), "021-\(random(2000_0000...8999_9999))", now])
            var own: [UUID] = []
            for s in 0..<max(1, sizes[c] / 150) {
                let site = siteIDs.make()
                own.append(site)
                try await sites.add([site, id, s == 0 ? "Head office" : "Branch \(s)"])
            }
            fleet.append((id, own, sizes[c]))
            try await users.add([userIDs.make(), String(format: "bench-client-%03d@fleetcare.example", c + 1), "Client \(c + 1)", "client",
                                 id, hash, false, false, now])
        }
        try await customers.flush(); try await sites.flush(); try await users.flush()
        summary.rows += [("users", users.written), ("customers", customers.written), ("sites", sites.written)]
        print("people and customers: \(users.written) users, \(customers.written) customers, \(sites.written) sites")

        // Parts the repairs fit.
        let catalog = try await DeviceModel.query(on: database).all()
        guard !catalog.isEmpty else { throw CommandFailure("the device catalog is empty: migrate first") }
        var partIDs = IDs(0x5041_5254)
        let partWriter = Writer(db, "parts", ["id", "part_number", "name", "kind", "rated_life_pages", "price_rials", "compatible_models"])
        let partKinds: [(String, String, Int?, Int)] = [("Pickup roller", "wear", 150_000, 2_500_000), ("Fuser unit", "wear", 200_000, 9_000_000),
                                                        ("Transfer roller", "wear", 120_000, 3_200_000), ("Formatter board", "spare", nil, 18_000_000),
                                                        ("Separation pad", "wear", 100_000, 900_000), ("Laser scanner", "spare", nil, 14_000_000)]
        var parts: [(id: UUID, number: String, name: String, price: Int, life: Int?)] = []
        for (i, p) in partKinds.enumerated() {
            let id = partIDs.make(), number = "BP-\(1000 + i)"
            parts.append((id, number, p.0, p.3, p.2))
            try await partWriter.add([id, number, p.0, p.1, p.2, p.3, catalog.map(\.model)])
        }
        try await partWriter.flush()

        // Devices, and each one's year of daily readings with its monthly figures.
        var deviceIDs = IDs(0x4445_5643), readingIDs = IDs(0x5245_4144), monthIDs = IDs(0x4D4F_4E54)
        let devices = Writer(db, "devices", [
            "id", "customer_id", "site_id", "model_id", "is_loaner", "serial_number", "make", "make_key", "model", "color", "status",
            "asset_tag", "floor", "room", "department", "user_name", "ip_address", "snmp_port", "snmp_community", "temperature_c",
            "humidity_percent", "dust", "power_protection", "installed_on", "purchase_price_rials", "created_at", "updated_at",
        ])
        let readings = Writer(db, "meter_readings", after: [devices], [
            "id", "device_id", "customer_id", "taken_at", "source", "total_pages", "mono_pages", "color_pages", "counter_reset", "supplies",
            "received_at",
        ])
        let months = Writer(db, "meter_months", after: [devices], [
            "id", "device_id", "customer_id", "month", "pages", "color_pages", "duplex_pages", "estimated_pages", "black_toner",
            "color_toner", "toner_changes", "first_at", "last_at",
        ])
        var allDevices: [(id: UUID, customer: UUID, counter: Int64)] = []
        var monthly: [String: [(device: UUID, customer: UUID, figures: MeterMonth)]] = [:]
        allDevices.reserveCapacity(scale.devices)
        var serial = 0
        let readingsStarted = Date()
        for (c, customer) in fleet.enumerated() {
            for i in 0..<customer.size {
                serial += 1
                let model = catalog[random(0...(catalog.count - 1))]
                let id = deviceIDs.make()
                let department = DemoData.departments[random(0...(DemoData.departments.count - 1))]
                try await devices.add([
                    id, customer.customer, customer.sites[i % customer.sites.count], model.id!, false, String(format: "BG%07d", serial),
                    model.make, model.make.lowercased(), model.model, model.color, random(0...99) < 2 ? "inRepair" : "active",
                    "C\(c + 1)-\(i + 1)", String(1 + i % 9), String(100 + i % 60), department,
                    DemoData.firstNames[random(0...13)] + " " + DemoData.lastNames[random(0...11)],
                    "10.\(c % 250).\(i / 250).\(i % 250 + 1)", 161, "public", Double(random(18...34)), Double(random(20...70)),
                    ["low", "medium", "high"][random(0...2)], ["none", "stabilizer", "ups"][random(0...2)],
                    CalendarDay(year: 2020 + random(0...5), month: random(1...12), day: random(1...28))!.description,
                    (model.color ? 900 : 450) * 1_000_000, now, now,
                ])
                // A counter that grows by the machine's daily volume: less on Fridays, some days busier.
                var counter = Int64(random(5_000...400_000))
                let daily = Double(model.monthlyDutyPages ?? 20_000) / 30 * (0.05 + pow(unit(), 1.5) * 0.45)
                let colorShare = model.color ? 0.15 + unit() * 0.35 : 0
                var toner = random(20...100)
                var series: [MeterReading] = []
                series.reserveCapacity(scale.days)
                // Up to yesterday: today's reading, in the morning, may not have been taken yet.
                for d in 0..<scale.days {
                    let day = firstDay.adding(days: d)
                    let takenAt = day.start(in: timeZone).addingTimeInterval(Double(8 * 3600 + random(0...7200)))
                    let friday = day.isoWeekday == 5
                    let printed = Int64(max(0, daily * (friday ? 0.1 : 0.6 + unit() * 0.8)))
                    counter += printed
                    toner -= Int(Double(printed) / 150)
                    if toner < 3 { toner = 100 }
                    let color = model.color ? Int64(Double(counter) * colorShare) : nil
                    let reading = MeterReading(takenAt: takenAt, source: .snmp, totalPages: counter, monoPages: color.map { counter - $0 },
                                               colorPages: color,
                                               supplies: [SupplyReading(name: "Black Toner", kind: "toner", levelPercent: max(0, toner))])
                    series.append(reading)
                    // As the readings' own writer stores them: JSON text on SQLite, an array of JSON on PostgreSQL.
                    let supplies: any Encodable & Sendable = sqlite ? ReadingBatchJSON.text(reading.supplies) : reading.supplies
                    try await readings.add([readingIDs.make(), id, customer.customer, takenAt, "snmp", counter, reading.monoPages, color, false,
                                            supplies, takenAt])
                }
                for m in MeterMonth.of(series, timeZone: timeZone).values {
                    monthly[m.month, default: []].append((id, customer.customer, m))
                }
                allDevices.append((id, customer.customer, counter))
                if serial % 5_000 == 0 {
                    let rate = Double(readings.written) / Date().timeIntervalSince(readingsStarted)
                    print(String(format: "devices: %d of %d, readings: %d (%.0f a second)", serial, scale.devices, readings.written, rate))
                }
            }
        }
        try await devices.flush(); try await readings.flush()
        // The monthly figures month by month, each month's devices in the order they were made (the order of their
        // ids, which is also the order the benchmark's collectors send them in). That is how the server lays them
        // down: a month's row is made by the device's first reading in it, and its collector's batch makes a
        // thousand at once, side by side; every later reading that month updates those same pages. Written device
        // by device instead, a batch's thousand rows of one month lay on 650 pages, not 44.
        for label in monthly.keys.sorted() {
            for (device, customer, m) in monthly.removeValue(forKey: label) ?? [] {
                try await months.add([monthIDs.make(), device, customer, m.month, m.pages, m.colorPages, m.duplexPages,
                                      m.estimatedPages, m.blackToner, m.colorToner, m.tonerChanges, m.firstAt, m.lastAt])
            }
        }
        try await months.flush()
        summary.rows += [("devices", devices.written), ("meter_readings", readings.written), ("meter_months", months.written)]

        // Calls over the year, each with its repair visit; PM visits fill the rest; most repairs fit a part.
        var ticketIDs = IDs(0x5449_434B), visitIDs = IDs(0x5649_5349), lineIDs = IDs(0x4C49_4E45)
        let tickets = Writer(db, "tickets", after: [devices], [
            "id", "number", "device_id", "customer_id", "channel", "description", "symptom", "stage", "covered", "coverage_reason",
            "opened_at", "sla_due_at", "likely_parts", "technician_id", "scheduled_at", "responded_at", "resolved_at", "via_resident",
        ])
        let visits = Writer(db, "visits", after: [tickets], [
            "id", "kind", "ticket_id", "customer_id", "technician_id", "device_ids", "scheduled_at", "status", "started_at", "finished_at",
            "findings", "signer_name", "satisfaction", "checklist",
        ])
        let lines = Writer(db, "part_lines", after: [visits], [
            "id", "visit_id", "device_id", "part_id", "part_number", "part_name", "quantity", "charge", "charge_reason", "unit_price_rials",
            "fitted_on", "warranty_until", "counter_at_fitting",
        ])
        let symptoms = ["paper jam", "streaks on prints", "fuser error", "does not power on", "network unreachable", "noise when printing"]
        let span = Double(scale.days) * 86_400
        let repairVisits = min(scale.tickets, scale.visits)
        for n in 0..<scale.tickets {
            let device = allDevices[random(0...(allDevices.count - 1))]
            let opened = now.addingTimeInterval(-span * unit())
            let open = opened > now.addingTimeInterval(-3 * 86_400) && random(0...2) == 0
            let tech = technicians[random(0...(technicians.count - 1))]
            let ticket = ticketIDs.make()
            let symptom = symptoms[random(0...(symptoms.count - 1))]
            try await tickets.add([ticket, n + 1, device.id, device.customer, ["phone", "remote", "portal"][random(0...2)],
                                   "Reported: \(symptom)", symptom, open ? "dispatched" : "closed", true, "contract",
                                   opened, opened.addingTimeInterval(8 * 3600), [LikelyPart](), tech, opened.addingTimeInterval(3 * 3600),
                                   opened.addingTimeInterval(Double(random(1...6)) * 3600),
                                   open ? Date?.none : opened.addingTimeInterval(Double(random(4...30)) * 3600), false])
            guard n < repairVisits else { continue }
            let visit = visitIDs.make()
            let start = opened.addingTimeInterval(Double(random(2...20)) * 3600)
            try await visits.add([visit, "repair", ticket, device.customer, tech, [device.id], start,
                                  open ? "scheduled" : "completed", open ? Date?.none : start,
                                  open ? Date?.none : start.addingTimeInterval(Double(random(30...150)) * 60),
                                  open ? String?.none : "Cleaned and repaired: \(symptom)", open ? String?.none : "Office manager",
                                  open ? Int?.none : random(3...5), [String]?.none])
            if !open, random(0...9) < 6 {
                let part = parts[random(0...(parts.count - 1))]
                let fitted = CalendarDay(start, in: timeZone)
                try await lines.add([lineIDs.make(), visit, device.id, part.id, part.number, part.name, 1, "contract", "covered by the contract",
                                     part.price, fitted.description, fitted.adding(days: 180).description,
                                     max(0, device.counter - Int64(random(0...200_000)))])
            }
        }
        for _ in repairVisits..<scale.visits {
            let device = allDevices[random(0...(allDevices.count - 1))]
            let start = now.addingTimeInterval(-span * unit())
            try await visits.add([visitIDs.make(), "pm", UUID?.none, device.customer, technicians[random(0...(technicians.count - 1))],
                                  [device.id], start, "completed", start, start.addingTimeInterval(3600),
                                  "Preventive maintenance", "Office manager", random(3...5), [String]()])
        }
        try await tickets.flush(); try await visits.flush(); try await lines.flush()
        summary.rows += [("tickets", tickets.written), ("visits", visits.written), ("part_lines", lines.written)]
        summary.seconds = Date().timeIntervalSince(started)
        if db.dialect.name == "sqlite" {
            try await db.raw("PRAGMA synchronous = NORMAL").run()
            try await db.raw("ANALYZE").run()
        } else {
            try await db.raw("ANALYZE").run()
        }
        return summary
    }
}

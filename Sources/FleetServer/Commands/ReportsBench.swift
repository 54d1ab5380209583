import FleetCore
import Fluent
import Foundation
import SQLKit
import Vapor

/// `fleetcare bench reports`: one customer with 1,000 devices and a year of daily readings, its consumption
/// and reliability reports timed beside the plain SQL aggregate of the same readings.
struct ReportsBench {
    static let customerName = "Bench customer"
    static let devices = 1_000

    var sqlitePath = "fleetcare-bench-reports.sqlite"
    var postgresURL: String?
    var runs = 5

    func run(_ print: (String) -> Void) async throws {
        var targets: [(String, AppConfiguration.Storage)] = [("SQLite (\(sqlitePath))", .sqliteFile(path: sqlitePath))]
        if let postgresURL { targets.append(("PostgreSQL", .postgres(url: postgresURL))) } else {
            print("PostgreSQL: skipped (pass --postgres URL or set FLEETCARE_BENCH_POSTGRES_URL)")
        }
        for (name, storage) in targets {
            let app = try await Application.make(.custom(name: "bench"))
            do {
                var config = AppConfiguration(storage: storage, bcryptCost: 4)
                config.autoMigrate = true
                try await configure(app, config)
                try await measure(name, db: app.db, hasher: app.password.async, print)
            } catch {
                try? await app.asyncShutdown()
                throw error
            }
            try await app.asyncShutdown()
        }
    }

    func measure(_ name: String, db: any Database, hasher: AsyncPasswordHasher, _ print: (String) -> Void) async throws {
        let started = Date()
        let customer = try await prepare(db: db, hasher: hasher, print)
        let built = Date().timeIntervalSince(started)
        let count = try await MeterReadingRecord.query(on: db).filter(\.$customerID == customer.id!).count()
        // The usual report: the last twelve whole Solar Hijri months. A period that cuts months short reads
        // those months' readings instead of their monthly figures, and is timed on its own below.
        let thisMonth = SolarMonth(containing: Date(), timeZone: .tehran)
        let lastDay = CalendarDay(thisMonth.start, in: .tehran).adding(days: -1)
        let first = SolarHijriDay(lastDay)
        let from = first.firstOfMonth(adding: -11)
        let period = ReportPeriod(from: from.gregorian, to: lastDay)
        let today = CalendarDay(Date(), in: .tehran)
        let adHoc = ReportPeriod(from: today.adding(days: -364), to: today)
        let book = ReportBook(db: db)
        var consumption: [Double] = [], reliability: [Double] = [], plain: [Double] = []
        var pages: Int64 = 0
        for _ in 0..<runs {
            var t = Date()
            let fleet = try await book.fleet(customerID: customer.id!, period: period)
            let report = book.consumption(fleet, period: period)
            consumption.append(Date().timeIntervalSince(t))
            pages = report.totals.pages
            t = Date()
            let again = try await book.fleet(customerID: customer.id!, period: period)
            _ = book.reliability(again, consumption: book.consumption(again, period: period), period: period)
            reliability.append(Date().timeIntervalSince(t))
            t = Date()
            try await plainAggregate(db: db, customerID: customer.id!, period: period)
            plain.append(Date().timeIntervalSince(t))
        }
        var cut: [Double] = []
        for _ in 0..<runs {
            let t = Date()
            _ = book.consumption(try await book.fleet(customerID: customer.id!, period: adHoc), period: adHoc)
            cut.append(Date().timeIntervalSince(t))
        }
        func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }
        let c = median(consumption), r = median(reliability), p = median(plain)
        print("\(name): \(Self.devices) devices, \(count) readings (database ready in \(String(format: "%.1f", built)) s)")
        print(String(format: "  consumption report:   %.3f s  (%.1fx the plain aggregate; target < 0.5 s and < 2x)", c, c / p))
        print(String(format: "  reliability report:   %.3f s  (%.1fx)", r, r / p))
        print(String(format: "  plain SQL aggregate:  %.3f s  (pages per device, max - min over the period)", p))
        print("  pages in the period:  \(pages)   median of \(runs) runs, \(period.from) to \(period.to) (12 whole months)")
        print(String(format: "  consumption, %@ to %@ (months cut short at both ends): %.3f s", adHoc.from.description, adHoc.to.description, median(cut)))
    }

    /// The equivalent a person would write by hand: each device's counter growth over the period.
    func plainAggregate(db: any Database, customerID: UUID, period: ReportPeriod) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        _ = try await sql.raw("""
            SELECT device_id, MAX(total_pages) - MIN(total_pages) AS pages, COUNT(*) AS readings FROM meter_readings
            WHERE customer_id = \(bind: customerID) AND taken_at >= \(bind: period.start) AND taken_at < \(bind: period.end)
            GROUP BY device_id
            """).all()
    }

    /// The bench customer, made once: later runs reuse the database.
    func prepare(db: any Database, hasher: AsyncPasswordHasher, _ print: (String) -> Void) async throws -> Customer {
        if let existing = try await Customer.query(on: db).filter(\.$name == Self.customerName).first(),
           try await MeterReadingRecord.query(on: db).filter(\.$customerID == existing.id!).count() >= Self.devices * 360 {
            return existing
        }
        guard try await Customer.query(on: db).count() == 0 else {
            throw CommandFailure("the bench database has other data, or a half-built bench customer: remove it and run again")
        }
        print("building the bench database: \(Self.devices) devices, a year of daily readings (a few minutes, once)")
        var rng = SeededGenerator(seed: 2026)
        let customer = try await CustomerBook(db: db).create(CustomerInput(name: Self.customerName, phone: nil, address: nil))
        let site = try await CustomerBook(db: db).addSite(to: customer, SiteInput(name: "HQ", address: nil))
        let technician = try await UserAccounts.create(email: "bench-tech@fleetcare.example", password: "bench-password-1", name: "Bench technician",
                                                       role: .technician, customerID: nil, on: db, hasher: hasher)
        let catalog = try await DeviceModel.query(on: db).all()
        var news: [NewDevice] = []
        for i in 0..<Self.devices {
            let model = catalog[Int(rng.next() % UInt64(catalog.count))]
            let row = DeviceImportRow(
                line: i + 2, customer: customer.name, site: site.name, serialNumber: "BN\(100_000 + i)", make: model.make, model: model.model,
                color: model.color, assetTag: nil, floor: String(1 + i % 8), room: String(100 + i % 50),
                department: DemoData.departments[i % DemoData.departments.count],
                assignedUser: DemoData.firstNames[i % 14] + " " + DemoData.lastNames[i % 12],
                ipAddress: "10.9.\(i / 250).\(i % 250 + 1)", snmpPort: 161, snmpCommunity: "public",
                installedOn: CalendarDay(year: 2022 + i % 3, month: 1 + i % 12, day: 1 + i % 28))
            var new = NewDevice(row, customerID: customer.id!, siteID: site.id!)
            new.conditions = DemoData.conditions(department: row.department ?? "", rng: &rng)
            new.purchasePriceRials = (model.color ? 900 : 450) * 1_000_000
            news.append(new)
        }
        for chunk in news.chunked(into: 250) {
            try await DeviceRegistry(db: db, actor: nil).createAll(Array(chunk), siteNames: [site.id!: site.name])
        }
        _ = try await DemoServiceHistory(db: db).seed(rng: &rng, technicianIDs: [technician.id!], readingEveryDays: 1)
        return customer
    }
}

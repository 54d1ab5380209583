import FleetCore
import Fluent
import Foundation
import Vapor

/// `fleetcare seed-demo`: fills an empty database with a believable service company.
struct SeedDemoCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "password", help: "The password of every demo login (default fleetcare-demo)")
        var password: String?
    }

    var help: String { "Fills an empty database with demo customers, users and devices" }

    func run(using context: CommandContext, signature: Signature) async throws {
        AuditActor.label(&context.application.logger, as: "cli:seed-demo")
        let app = context.application
        guard try await Customer.query(on: app.db).count() == 0, try await Device.query(on: app.db).count() == 0 else {
            throw CommandFailure("the database already has customers or devices; seed-demo only fills an empty one")
        }
        let password = signature.password ?? "fleetcare-demo"
        let started = Date()
        let report = try await DemoData(db: app.db, hasher: app.password.async, password: password).seed()
        context.console.print("seeded \(report.customers) customers, \(report.sites) sites, \(report.devices) devices, \(report.contracts) contracts, \(report.repairs) past repairs and \(report.pmVisitsDone) PM visits in "
                              + String(format: "%.1f s", Date().timeIntervalSince(started)))
        if report.openCalls > 0 {
            context.console.print("\(report.openCalls) calls still open on the board, two of them dispatched for today")
            context.console.print("\(report.stockRows) parts stocked in the warehouse and the vans; \(report.loans) loaner(s) out"
                                  + (report.loans > 0 ? ", the first past its return day" : ""))
        }
        if report.pmVisitsBooked > 0 {
            context.console.print("\(report.pmVisitsBooked) second PM visit(s) of a period booked for today: completing one issues the consumption report")
        }
        context.console.print("sign in with any of these (password: \(password)):")
        for (role, email) in report.logins { context.console.print("  \(role.padding(toLength: 11, withPad: " ", startingAt: 0)) \(email)") }
    }
}

/// The demo company's data, the same on every run (a fixed random seed).
struct DemoData {
    let db: any Database
    let hasher: AsyncPasswordHasher
    let password: String

    struct Report {
        var customers = 0
        var sites = 0
        var devices = 0
        var contracts = 0
        var repairs = 0
        var pmVisitsDone = 0
        var pmVisitsBooked = 0
        var openCalls = 0
        var stockRows = 0
        var loans = 0
        var logins: [(String, String)] = []
    }

    struct Client {
        let name: String
        let phone: String
        let address: String
        let sites: [String]
        let devices: Int
        let login: String
        /// The company's national ID (its economic code too, as for companies since 1398) and postal code.
        var nationalId: String? = nil
        var postalCode: String? = nil
    }

    static let clients = [
        Client(name: "بانک پارس‌نوین", phone: "021-8890-1200", address: "تهران، خیابان ولیعصر، پلاک ۲۴۰۰",
               sites: ["ساختمان مرکزی", "شعبه ونک", "شعبه تجریش", "مرکز داده"], devices: 340, login: "it@parsnovin.example",
               nationalId: "10100456787", postalCode: "1516743311"),
        Client(name: "بیمارستان مهرگان", phone: "021-2260-4400", address: "تهران، بزرگراه چمران",
               sites: ["ساختمان اصلی", "درمانگاه"], devices: 120, login: "admin@mehregan-hospital.example",
               nationalId: "10861234565", postalCode: "1411713135"),
        Client(name: "دانشگاه آزادگان", phone: "031-3379-1000", address: "اصفهان، خیابان هزارجریب",
               sites: ["دانشکده فنی", "دانشکده علوم", "ساختمان اداری"], devices: 85, login: "it@azadegan.example",
               nationalId: "14100987650", postalCode: "8174673441"),
        Client(name: "شرکت مهندسی آرمان‌سازه", phone: "021-4432-7788", address: "تهران، شهرک غرب، خیابان فرحزادی",
               sites: ["دفتر مرکزی"], devices: 42, login: "office@armansazeh.example"),
    ]

    static let departments = ["مالی", "اداری", "منابع انسانی", "فناوری اطلاعات", "حقوقی", "بایگانی", "پذیرش", "تدارکات", "روابط عمومی", "آموزش"]
    static let firstNames = ["علی", "مریم", "رضا", "زهرا", "حسین", "فاطمه", "مهدی", "سارا", "امیر", "نرگس", "محمد", "لیلا", "حمید", "الهام"]
    static let lastNames = ["احمدی", "محمدی", "حسینی", "رضایی", "کریمی", "موسوی", "جعفری", "صادقی", "رحیمی", "نوری", "کاظمی", "قاسمی"]

    func seed() async throws -> Report {
        var rng = SeededGenerator(seed: 1405)
        var report = Report()
        let staff: [(Role, String, String)] = [
            (.admin, "admin@fleetcare.example", "مدیر سامانه"),
            (.dispatcher, "dispatch@fleetcare.example", "سارا کریمی"),
            (.technician, "tech1@fleetcare.example", "رضا موسوی"),
            (.technician, "tech2@fleetcare.example", "حمید نوری"),
        ]
        for (role, email, name) in staff {
            _ = try await UserAccounts.create(email: email, password: password, name: name, role: role, customerID: nil,
                                              on: db, hasher: hasher)
            report.logins.append((role.rawValue, email))
        }
        let catalog = try await DeviceModel.query(on: db).all()
        let book = CustomerBook(db: db)
        var serial = 100_000
        for client in Self.clients {
            let customer = try await book.create(CustomerInput(name: client.name, phone: client.phone, address: client.address,
                                                                    nationalId: client.nationalId, economicCode: client.nationalId,
                                                                    postalCode: client.postalCode))
            report.customers += 1
            _ = try await UserAccounts.create(email: client.login, password: password, name: "مسئول \(client.name)",
                                              role: .client, customerID: customer.id, on: db, hasher: hasher)
            report.logins.append(("client", client.login))
            var sites: [Site] = []
            for name in client.sites {
                sites.append(try await book.addSite(to: customer, SiteInput(name: name, address: nil)))
                report.sites += 1
            }
            var news: [NewDevice] = []
            for i in 0..<client.devices {
                let model = catalog[Int(rng.next() % UInt64(catalog.count))]
                let site = sites[i % sites.count]
                serial += 1
                let department = Self.departments[Int(rng.next() % UInt64(Self.departments.count))]
                let row = DeviceImportRow(
                    line: i + 2, customer: client.name, site: site.name,
                    serialNumber: "\(model.make.prefix(2).uppercased())\(serial)", make: model.make, model: model.model,
                    color: model.color, assetTag: "AT-\(serial)", floor: String(1 + rng.next() % 6),
                    room: String(100 + rng.next() % 40), department: department,
                    assignedUser: Self.firstNames[Int(rng.next() % 14)] + " " + Self.lastNames[Int(rng.next() % 12)],
                    ipAddress: "10.\(20 + report.customers).\(i / 250).\(10 + i % 240)", snmpPort: 161,
                    snmpCommunity: "public",
                    installedOn: CalendarDay(year: 2021 + Int(rng.next() % 5), month: 1 + Int(rng.next() % 12), day: 1 + Int(rng.next() % 28)))
                var new = NewDevice(row, customerID: customer.id!, siteID: site.id!)
                new.conditions = Self.conditions(department: department, rng: &rng)
                new.purchasePriceRials = (model.color ? 900 : 450) * 1_000_000 + Int(rng.next() % 200) * 1_000_000
                news.append(new)
            }
            try await DeviceRegistry(db: db, actor: nil).createAll(news, siteNames: Dictionary(uniqueKeysWithValues: sites.map { ($0.id!, $0.name) }))
            report.devices += news.count
        }
        report.devices += try await seedLoaners(catalog: catalog, rng: &rng)
        try await seedMoves()
        report.contracts = try await seedContracts()
        let technicians = try await User.query(on: db).filter(\.$role == Role.technician.rawValue).all().compactMap(\.id)
        report.repairs = try await DemoServiceHistory(db: db).seed(rng: &rng, technicianIDs: technicians)
        (report.pmVisitsDone, report.pmVisitsBooked) = try await DemoPMVisits(db: db).seed(technicianIDs: technicians)
        report.openCalls = try await DemoOpenCalls(db: db).seed(technicianIDs: technicians)
        (report.stockRows, report.loans) = try await DemoStockAndLoans(db: db).seed(technicianIDs: technicians)
        // The reports still waiting for review were announced to their clients when the visits were completed.
        for visit in try await Visit.query(on: db).filter(\.$approval == WorkReportApproval.pending.rawValue).all() {
            let number = try await Ticket.find(visit.ticketID, on: db)?.number
            try await Notifier(db: db, now: visit.finishedAt ?? Date()).reportAwaiting(visit, ticketNumber: number)
        }
        return report
    }

    /// Archives are dusty, server rooms warm, and few offices have a UPS.
    static func conditions(department: String, rng: inout SeededGenerator) -> DeviceConditions {
        let dusty = department == "بایگانی" || department == "تدارکات"
        let power: PowerProtection = [.none, .none, .stabilizer, .ups][Int(rng.next() % 4)]
        return DeviceConditions(temperatureC: Double(21 + Int(rng.next() % 10)), humidityPercent: Double(25 + Int(rng.next() % 40)),
                                dust: dusty ? .high : (rng.next() % 3 == 0 ? .medium : .low), powerProtection: power,
                                notes: dusty ? "کنار قفسه‌های بایگانی" : nil)
    }

    func seedLoaners(catalog: [DeviceModel], rng: inout SeededGenerator) async throws -> Int {
        let mono = catalog.filter { !$0.color && $0.kind != "copier" }
        let registry = DeviceRegistry(db: db, actor: nil)
        for i in 0..<8 {
            let m = mono[i % mono.count]
            let input = DeviceInput(customerId: nil, loaner: true, serialNumber: "LN-\(7000 + i)", make: m.make, model: m.model,
                                    color: false, status: nil, assetTag: "LOANER-\(i + 1)", location: nil, assignedUser: nil,
                                    ipAddress: nil, snmpPort: nil, snmpCommunity: nil, conditions: nil, installedOn: "2024-03-0\(1 + i % 9)",
                                    purchasePriceRials: 400_000_000 + Int(rng.next() % 100) * 1_000_000)
            let loaner = try await registry.create(try NewDevice(input))
            // Its counter as it came into the pool: a loan's return is checked against it.
            let counter = Int64(12_000 + 1_500 * i)
            _ = try await ReadingBook(db: db, sender: .collector, timeZone: .tehran).record([
                ReadingInput(deviceId: loaner.id!, takenAt: MeterReading.moment(Date().addingTimeInterval(-60 * 86_400)),
                             source: ReadingSource.manual.rawValue, totalPages: counter),
            ])
        }
        return 8
    }

    /// One contract per client, a plan to its size, running from the start of this Solar Hijri year (the smallest
    /// client's from 320 days ago, so that one contract is ending soon).
    func seedContracts() async throws -> Int {
        let plans = ["بانک پارس‌نوین": ("enterprise", TermOverrides()),
                     "بیمارستان مهرگان": ("premium", TermOverrides(responseHours: 4)),
                     "دانشگاه آزادگان": ("standard", TermOverrides(pmVisitsPerYear: 2)),
                     "شرکت مهندسی آرمان‌سازه": ("click", TermOverrides())]
        let today = CalendarDay(Date(), in: .tehran)
        let start = SolarHijriDay(year: SolarHijriDay(today).year, month: 1, day: 1)!.gregorian
        let end = ContractPeriod.years(1, from: start).endsOn
        var count = 0
        for customer in try await Customer.query(on: db).sort(\.$name).all() {
            guard let (plan, overrides) = plans[customer.name] else { continue }
            let devices = try await Device.query(on: db).filter(\.$customer.$id == customer.id!).all().compactMap(\.id)
            // The plan with a technician on site gets the first technician as its resident.
            let resident = BuiltInPlans.all.first { $0.code == plan }?.terms.residentTechnician == true
                ? try await User.query(on: db).filter(\.$role == Role.technician.rawValue).sort(\.$email).first()?.id : nil
            // The engineering firm signed later in the year before: its year ends within the dashboard's 60 days.
            let (from, to) = customer.name == "شرکت مهندسی آرمان‌سازه"
                ? (today.adding(days: -320), ContractPeriod.years(1, from: today.adding(days: -320)).endsOn) : (start, end)
            _ = try await ContractBook(db: db, actor: nil).create(ContractInput(
                customerId: customer.id!, planCode: plan, startsOn: from.description, endsOn: to.description,
                deviceIds: devices, overrides: overrides, status: nil, residentTechnicianId: resident))
            count += 1
        }
        return count
    }

    /// A few devices carried to another room, so the home page and histories show moves.
    func seedMoves() async throws {
        let devices = try await Device.query(on: db).filter(\.$isLoaner == false).sort(\.$serialNumber).limit(5).all()
        for (i, d) in devices.enumerated() {
            var patch = DevicePatch()
            var loc = DevicePatch.Location()
            loc.room = .set(String(300 + i))
            loc.department = .set(Self.departments[(i + 3) % Self.departments.count])
            patch.location = loc
            try await DeviceRegistry(db: db, actor: nil).update(d, with: patch)
        }
    }
}

/// A small deterministic generator (SplitMix64), so the demo is the same on every machine.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

import Fluent
import FleetCore
import Foundation
import Plot
import SnapshotTesting
import Testing
import Vapor

@testable import FleetServer

/// Every page, rendered from fixed models without a database, in Persian and English.
@Suite("Page snapshots")
struct PageSnapshotTests {
    static let customerID = UUID(uuidString: "11111111-1111-1111-1111-111111111111")!
    static let siteID = UUID(uuidString: "22222222-2222-2222-2222-222222222222")!
    static let deviceID = UUID(uuidString: "33333333-3333-3333-3333-333333333333")!
    static let noon = CalendarDay(year: 2026, month: 11, day: 24)!.start(in: .utc).addingTimeInterval(8.5 * 3600)

    static let device = DeviceDTO(
        id: deviceID, customerId: customerID, customerName: "بانک پارس‌نوین", loaner: false, serialNumber: "PHBQJ12345",
        make: "HP", model: "LaserJet Pro MFP M428fdw", color: false, status: "active", assetTag: "BANK-0042",
        location: LocationDTO(siteId: siteID, siteName: "ساختمان مرکزی", floor: "3", room: "301", department: "مالی"),
        assignedUser: AssignedUserDTO(name: "علی کریمی", email: "ali@bank.example", department: "مالی"),
        ipAddress: "10.20.1.15", snmpPort: 161, snmpCommunity: "public",
        conditions: DeviceConditions(temperatureC: 28.5, humidityPercent: 35, dust: .high, powerProtection: .ups, notes: "کنار پنجره"),
        installedOn: CalendarDay(year: 2026, month: 11, day: 24), purchasePriceRials: 450_000_000,
        specs: SpecsDTO(kind: "mfp", monthlyDutyPages: 80_000, pagesPerMinute: 38), createdAt: noon, updatedAt: noon)

    static let history = [
        HistoryItemDTO(at: noon.addingTimeInterval(7200), kind: "edited", summary: "Changed ipAddress",
                       actor: "سارا کریمی", changes: [FieldChange(field: "ipAddress", from: "10.20.1.14", to: "10.20.1.15")]),
        HistoryItemDTO(at: noon.addingTimeInterval(3600), kind: "moved", summary: "Moved from ساختمان مرکزی / 3 / 204 to ساختمان مرکزی / 3 / 301",
                       actor: "رضا موسوی", changes: [FieldChange(field: "room", from: "204", to: "301")],
                       from: "ساختمان مرکزی / 3 / 204", to: "ساختمان مرکزی / 3 / 301"),
        HistoryItemDTO(at: noon, kind: "created", summary: "Registered HP LaserJet Pro MFP M428fdw (PHBQJ12345)",
                       actor: nil, changes: nil, to: "ساختمان مرکزی / 3 / 204"),
    ]

    func snapshot(_ html: HTML, _ name: String, testName: String = #function, line: UInt = #line) {
        assertSnapshot(of: html.render(indentedBy: .spaces(1)), as: .lines, named: name, testName: testName, line: line)
    }

    @Test("Sign-in", arguments: FleetCore.Language.allCases)
    func signIn(language: FleetCore.Language) {
        snapshot(SignInPage.render(.init(email: "ali@bank.example", failed: true), .preview(language, user: nil, role: nil)), language.rawValue)
    }

    @Test("Home", arguments: FleetCore.Language.allCases)
    func home(language: FleetCore.Language) {
        let model = HomePage.Model(customers: 4, devices: 1_595, active: 1_570, inRepair: 17, retired: 8, loaners: 8,
                                   moves: [.init(deviceID: Self.deviceID, device: "HP M428fdw · PHBQJ12345", at: Self.noon,
                                                 summary: "Moved from 204 to 301")])
        snapshot(HomePage.render(model, .preview(language)), language.rawValue)
    }

    @Test("Customer list and page", arguments: FleetCore.Language.allCases)
    func customers(language: FleetCore.Language) {
        snapshot(CustomersPage.render([.init(id: Self.customerID, name: "بانک پارس‌نوین", phone: "021-8890-1200", devices: 340)],
                                      canEdit: true, .preview(language)), language.rawValue + "-list")
        let page = CustomerPage.Model(id: Self.customerID, name: "بانک پارس‌نوین", phone: "021-8890-1200", address: "تهران، ولیعصر",
                                      sites: [.init(id: Self.siteID, name: "ساختمان مرکزی", address: nil, devices: 120)],
                                      devices: 340, canEdit: true)
        snapshot(CustomerPage.render(page, .preview(language)), language.rawValue + "-page")
    }

    @Test("Customer and site forms", arguments: FleetCore.Language.allCases)
    func forms(language: FleetCore.Language) {
        snapshot(CustomerFormPage.render(.init(id: Self.customerID, name: "بانک پارس‌نوین", phone: "", address: "",
                                               error: "a customer named بانک پارس‌نوین exists"), .preview(language)),
                 language.rawValue + "-customer")
        snapshot(SiteFormPage.render(.init(customerID: Self.customerID, customerName: "بانک پارس‌نوین"), .preview(language)),
                 language.rawValue + "-site")
    }

    @Test("Device list", arguments: FleetCore.Language.allCases)
    func devices(language: FleetCore.Language) {
        var filter = DeviceFilter()
        filter.customerID = Self.customerID
        filter.text = "HP"
        let model = DevicesPage.Model(
            filter: filter,
            options: .init(customers: [(Self.customerID.uuidString, "بانک پارس‌نوین")], sites: [(Self.siteID.uuidString, "ساختمان مرکزی")],
                           departments: ["مالی", "اداری"]),
            rows: [Self.device], total: 120, offset: 50, limit: 50, canAdd: true, showCustomer: true)
        snapshot(DevicesPage.render(model, .preview(language)), language.rawValue)
    }

    @Test("Device record", arguments: FleetCore.Language.allCases)
    func deviceRecord(language: FleetCore.Language) {
        let reading = ReadingSummaryDTO(
            id: UUID(uuidString: "00000000-0000-0000-0000-0000000000aa")!, takenAt: Date(timeIntervalSince1970: 1_795_000_000),
            source: "snmp", totalPages: 48_210, monoPages: 31_176, colorPages: 17_034, counterReset: false,
            supplies: [SupplyReading(name: "Black Cartridge W2030X", kind: "toner", levelPercent: 64),
                       SupplyReading(name: "Cyan Cartridge W2031X", kind: "toner", levelPercent: 8),
                       SupplyReading(name: "Imaging drum", kind: "drum", levelPercent: nil)],
            address: "10.0.0.5", sysLocation: "Floor 2")
        let months: [DeviceRecordPage.MonthPages] = (1...12).map { (m: Int) -> DeviceRecordPage.MonthPages in
            let mono = Double(3_000 + 150 * m), color = Double(400 + 20 * m)
            return DeviceRecordPage.MonthPages(month: String(format: "1405-%02d", m), monoPages: mono, colorPages: color)
        }
        snapshot(DeviceRecordPage.render(.init(device: Self.device, history: Self.history, canEdit: true, lastReading: reading, months: months),
                                         .preview(language)), language.rawValue)
    }

    @Test("Device form", arguments: FleetCore.Language.allCases)
    func deviceForm(language: FleetCore.Language) {
        var values = DeviceFormPage.Values()
        values.customerId = Self.customerID.uuidString
        values.siteId = Self.siteID.uuidString
        values.serialNumber = "PHBQJ12345"
        values.make = "HP"
        values.installedOn = "1405-09-03"
        let model = DeviceFormPage.Model(deviceID: nil, values: values, customers: [], sites: [(Self.siteID.uuidString, "ساختمان مرکزی")],
                                         makes: ["Canon", "HP"], error: "model is required")
        snapshot(DeviceFormPage.render(model, .preview(language)), language.rawValue)
    }

    @Test("Error page", arguments: FleetCore.Language.allCases)
    func error(language: FleetCore.Language) {
        snapshot(ErrorPage.render(status: .notFound, message: "device not found", .preview(language)), language.rawValue)
    }

    static let contract = ContractDTO(
        id: UUID(uuidString: "44444444-4444-4444-4444-444444444444")!, customerId: customerID, customerName: "بانک پارس‌نوین",
        planCode: "premium", planName: "Premium", status: .active, startsOn: "2026-03-21", endsOn: "2026-06-21",
        terms: try! BuiltInPlans.premium.terms.applying(TermOverrides(responseHours: 4)), overrides: TermOverrides(responseHours: 4),
        deviceIds: [deviceID], deviceCount: 1, warnings: ["the contract covers 1 devices; contracts are meant for 35 to 1000"],
        warningCodes: [.fleetSize(devices: 1, minimum: 35, maximum: 1000)], renewedFromId: nil,
        history: [ContractEventDTO(at: noon, kind: "created", summary: "Created on the Premium plan", actor: "سارا کریمی",
                                   change: .created(plan: PlanName(fa: "ویژه", en: "Premium"), from: CalendarDay(iso: "2026-03-21")!,
                                                    to: CalendarDay(iso: "2026-06-21")!, devices: 1))])

    @Test("Plans, contract list, contract form and contract page", arguments: FleetCore.Language.allCases)
    func contracts(language: FleetCore.Language) {
        let ctx = PageContext.preview(language, role: .admin)
        let plans = BuiltInPlans.all.prefix(2).map { p in
            PlanDTO(id: Self.customerID, code: p.code, nameFa: p.nameFa, nameEn: p.nameEn, builtIn: true, terms: p.terms)
        }
        snapshot(PlansPage.render(Array(plans), canEdit: true, ctx), language.rawValue + "-plans")
        snapshot(ContractsPage.render([Self.contract], canAdd: true, ctx), language.rawValue + "-list")
        let form = ContractFormPage.Model(
            customers: [], customerID: Self.customerID, plans: Array(plans), planCode: "standard", startsOn: "1405-01-01",
            endsOn: "1405-12-29", overrides: ["responseHours": "6"], devices: [.init(id: Self.deviceID, label: "HP M428fdw · PHBQJ12345", selected: true)],
            allDevices: false, preview: nil, warnings: [], error: nil)
        snapshot(ContractFormPage.render(form, ctx), language.rawValue + "-form")
        let schedule = [ScheduleItemDTO(date: "2026-04-25", number: 1, contractYear: 0, numberInYear: 1, secondOfPeriod: false, done: true,
                                        deviceIds: [Self.deviceID], visitId: nil),
                        ScheduleItemDTO(date: "2026-05-26", number: 2, contractYear: 0, numberInYear: 2, secondOfPeriod: true, done: false,
                                        deviceIds: [Self.deviceID], visitId: nil)]
        let page = ContractPage.Model(contract: Self.contract, devices: [.init(id: Self.deviceID, label: "HP M428fdw · PHBQJ12345",
                                                                               location: "ساختمان مرکزی / 3 / 301")],
                                      schedule: schedule, holidays: HolidayCalendar(), canEdit: true)
        snapshot(ContractPage.render(page, ctx), language.rawValue + "-page")
    }

    @Test("Work report", arguments: FleetCore.Language.allCases)
    func workReport(language: FleetCore.Language) {
        let lineID = UUID(uuidString: "55555555-5555-5555-5555-555555555555")!
        let report = WorkReportDTO(
            visitId: UUID(uuidString: "66666666-6666-6666-6666-666666666666")!, kind: "repair", ticketNumber: 1_042,
            customerId: Self.customerID, customerName: "بانک پارس‌نوین", technician: "رضا موسوی",
            devices: [.init(id: Self.deviceID, make: "HP", model: "LaserJet Pro M404dn", serialNumber: "PHBQJ12345", location: "ساختمان مرکزی / 3 / 301")],
            startedAt: Self.noon, finishedAt: Self.noon.addingTimeInterval(5_400), findings: "غلتک کاغذکش فرسوده بود و تعویض شد.",
            parts: [
                .init(id: lineID, deviceId: Self.deviceID, partNumber: "RM2-5452", name: "Pickup roller", quantity: 1, charge: "contract",
                      chargeReason: "the Standard contract covers wear parts", unitPriceRials: 2_500_000, billedRials: 0,
                      warrantyUntil: "2027-02-24", counterAtFitting: 48_210, replacesLineId: nil, replacedByLineId: nil),
                .init(id: lineID, deviceId: Self.deviceID, partNumber: "RM2-8100", name: "Formatter board", quantity: 1, charge: "billable",
                      chargeReason: "the Standard contract covers wear parts, not spare parts", unitPriceRials: 18_000_000, billedRials: 18_000_000,
                      warrantyUntil: "2027-02-24", counterAtFitting: 48_210, replacesLineId: nil, replacedByLineId: nil),
            ],
            signOff: .init(signerName: "مریم رحیمی", satisfaction: 4, comment: "سریع و تمیز", signature: nil), billableTotalRials: 18_000_000)
        snapshot(WorkReportPage.render(report, servicePhone: "021-8890-1200", .preview(language)), language.rawValue)
    }

    @Test("Consumption and reliability reports", arguments: FleetCore.Language.allCases)
    func reports(language: FleetCore.Language) {
        let period = ReportPeriod(from: SolarHijriDay(year: 1405, month: 1, day: 1)!.gregorian, to: SolarHijriDay(year: 1405, month: 3, day: 31)!.gregorian)
        func day(_ d: Double) -> Date { period.start.addingTimeInterval(d * 86_400) }
        func toner(_ level: Int) -> [SupplyReading] { [SupplyReading(name: "Black Toner", kind: "toner", levelPercent: level)] }
        let readings = [(-10.0, 10_000, 80), (20, 14_000, 60), (40, 19_500, 25), (70, 26_000, 90), (100, 31_000, 70)].map {
            MeterReading(takenAt: day($0.0), source: .snmp, totalPages: Int64($0.1), supplies: toner($0.2))
        }
        let input = ConsumptionReport.DeviceInput(
            id: Self.deviceID, label: "HP LaserJet Pro MFP M428fdw · PHBQJ12345", user: "علی کریمی", department: "مالی",
            monthlyDutyPages: 80_000, blackTonerRials: 20_000_000, colorTonerRials: nil,
            months: MeterMonth.of(readings, timeZone: .tehran), repairs: [RepairSpan(openedAt: day(33), resolvedAt: day(33.5), viaResident: true)])
        let customer = Customer()
        customer.id = Self.customerID
        customer.name = "بانک پارس‌نوین"
        let consumption = ConsumptionReportDTO(customer: customer, report: ConsumptionReport.build([input], period: period, paperSheetRials: 4_000),
                                               paperSheetRials: 4_000)
        let query = ReportQuery(customerID: Self.customerID, from: period.from.description, to: period.to.description,
                                customers: [(Self.customerID.uuidString, "بانک پارس‌نوین")])
        snapshot(ConsumptionReportPage.render(.init(query: query, report: consumption), .preview(language)), language.rawValue + "-consumption")
        let rows = ReliabilityReport.build([ReliabilityReport.DeviceInput(
            id: Self.deviceID, label: input.label, model: "LaserJet Pro MFP M428fdw", place: "ساختمان مرکزی / 3", monthlyDutyPages: 80_000,
            newPriceRials: 450_000_000, pages: consumption.devices[0].pages, measuredDays: consumption.devices[0].measuredDays,
            suppliesCostRials: 0, repairs: input.repairs)], period: period)
        let reliability = ReliabilityReportDTO(customerId: Self.customerID, customerName: "بانک پارس‌نوین", from: period.from, to: period.to,
                                               devices: rows, failureMonths: [.init(month: "1405-01", failures: 0), .init(month: "1405-02", failures: 1),
                                                                              .init(month: "1405-03", failures: 0)])
        snapshot(ReliabilityReportPage.render(.init(query: query, report: reliability), .preview(language)), language.rawValue + "-reliability")
    }

    @Test("Parts replaced, SLA and PM compliance", arguments: FleetCore.Language.allCases)
    func serviceReports(language: FleetCore.Language) {
        let from = SolarHijriDay(year: 1405, month: 7, day: 1)!.gregorian, to = SolarHijriDay(year: 1405, month: 8, day: 30)!.gregorian
        let query = ReportQuery(customerID: Self.customerID, from: from.description, to: to.description,
                                customers: [(Self.customerID.uuidString, "بانک پارس‌نوین")], allowsAll: true)
        let label = "HP LaserJet Pro M404dn · PHBQJ12345"
        let parts = PartsReport.build([
            .init(deviceId: Self.deviceID, deviceLabel: label, partNumber: "RM2-5452", partName: "غلتک کاغذکش", quantity: 1,
                  unitPriceRials: 2_500_000, charge: .contract, fittedOn: from.adding(days: 3)),
            .init(deviceId: Self.deviceID, deviceLabel: label, partNumber: "RM2-5452", partName: "غلتک کاغذکش", quantity: 1,
                  unitPriceRials: 2_500_000, charge: .warranty, fittedOn: from.adding(days: 40)),
            .init(deviceId: Self.deviceID, deviceLabel: label, partNumber: "RM2-8100", partName: "برد فرمتر", quantity: 1,
                  unitPriceRials: 18_000_000, charge: .billable, fittedOn: from.adding(days: 40)),
        ])
        snapshot(ServiceReportPages.parts(.init(query: query, report: PartsReportDTO(
            customerId: Self.customerID, customerName: "بانک پارس‌نوین", from: from, to: to, devices: parts.devices, parts: parts.parts,
            totals: parts.totals)), .preview(language)), language.rawValue + "-parts")

        let opened = Self.noon
        let calls = [(1_041, "رضا موسوی", false, 2.0, 6.0), (1_042, "رضا موسوی", false, 30.0, 50.0), (1_043, "سارا احمدی", true, 1.0, 3.0)]
            .map { number, technician, resident, respond, resolve in
                SLAReport.Call(ticketId: Self.deviceID, number: number, deviceLabel: label, openedAt: opened,
                               responseDueAt: WorkingHours().due(from: opened, hours: 8), respondedAt: opened.addingTimeInterval(respond * 3600),
                               resolvedAt: opened.addingTimeInterval(resolve * 3600), responseHours: 8, plan: "طلایی", technician: technician,
                               viaResident: resident)
            }
        let sla = SLAReport.build(calls, now: opened.addingTimeInterval(7 * 86_400), working: WorkingHours())
        snapshot(ServiceReportPages.sla(.init(query: query, report: SLAReportDTO(
            customerId: nil, customerName: nil, from: from, to: to, resolutionAllowanceHours: sla.resolutionAllowanceHours, totals: sla.totals,
            byPlan: sla.byPlan, byTechnician: sla.byTechnician, residents: sla.residents, misses: sla.misses)), .preview(language)),
                 language.rawValue + "-sla")

        let pm = PMCompliance.build([
            .init(contractId: Self.customerID, contractLabel: "طلایی · ۱۴۰۵/۰۱/۰۱", number: 3, date: from.adding(days: 5),
                  doneOn: from.adding(days: 9), technician: "رضا موسوی", visitId: Self.deviceID),
            .init(contractId: Self.customerID, contractLabel: "طلایی · ۱۴۰۵/۰۱/۰۱", number: 4, date: from.adding(days: 40),
                  doneOn: nil, technician: nil, visitId: nil),
        ], today: to)
        snapshot(ServiceReportPages.pm(.init(query: query, report: PMComplianceDTO(
            customerId: Self.customerID, customerName: "بانک پارس‌نوین", from: from, to: to, today: to, toleranceDays: pm.toleranceDays,
            totals: pm.totals, byContract: pm.byContract, byTechnician: pm.byTechnician, visits: pm.visits)), .preview(language)),
                 language.rawValue + "-pm")
    }

    @Test("Invoice: the official form, and the list", arguments: FleetCore.Language.allCases)
    func invoice(language: FleetCore.Language) {
        let i = Invoice()
        i.id = UUID(uuidString: "55555555-5555-5555-5555-555555555555")!
        i.number = 12
        i.kind = "invoice"
        i.status = "issued"
        i.$contract.id = Self.contract.id
        i.$customer.id = Self.customerID
        (i.periodFrom, i.periodTo) = ("2026-03-21", "2026-04-20")
        (i.planNameFa, i.planNameEn) = ("پلاس", "Plus")
        i.deviceMonths = 2.5161
        i.includedPages = 5_032
        let lines = [
            InvoiceLine(kind: .fee, description: "Plus: monthly fee, 2 devices", descriptionFa: "پلاس: هزینه ماهانه، ۲ دستگاه",
                        quantity: 2, unitRials: 22_000_000, amountRials: 44_000_000),
            InvoiceLine(kind: .fee, description: "Plus: monthly fee, HP M404dn · PHB1, part of the period",
                        descriptionFa: "پلاس: هزینه ماهانه، HP M404dn · PHB1، بخشی از دوره", quantity: 0.5161, unitRials: 22_000_000,
                        amountRials: 11_354_839, deviceId: Self.deviceID),
            InvoiceLine(kind: .monoPages, description: "Mono pages above the 5032 included", descriptionFa: "صفحات سیاه‌وسفید مازاد بر ۵۰۳۲ صفحه رایگان",
                        quantity: 1_468, unitRials: 1_500, amountRials: 2_202_000),
        ]
        i.totals = InvoiceCalculator.totals(lines, vatPercent: 10)
        i.workReportIDs = []
        i.seller = Party(name: "فلیت‌کر", nationalId: "10380284790", economicCode: "10380284790", address: "تهران", phone: "021-1234", postalCode: "1111111111")
        i.buyer = Party(name: "بانک پارس‌نوین", nationalId: "10100456787", economicCode: nil, address: "تهران، ولیعصر", phone: nil, postalCode: nil)
        i.createdAt = Self.noon
        i.issuedAt = Self.noon
        let records = lines.enumerated().map { InvoiceLineRecord(invoiceID: i.id!, position: $0.offset, $0.element) }
        let customer = Customer(id: Self.customerID, name: "بانک پارس‌نوین", phone: nil, address: nil)
        let attachment = InvoiceDTO.Attachment(visitId: Self.deviceID, kind: "repair", finishedAt: Self.noon, ticketNumber: 41,
                                               signerName: "مریم رحیمی", satisfaction: 5, approval: "approved")
        let pending = InvoiceDTO.Attachment(visitId: Self.customerID, kind: "pm", finishedAt: Self.noon, ticketNumber: nil,
                                            signerName: "مریم رحیمی", satisfaction: 4, approval: "pending")
        let dto = InvoiceDTO(i, customer: customer, lines: records, attachments: [attachment], pending: [pending], seller: i.seller!)
        snapshot(InvoicePage.render(dto, .preview(language, role: .admin), actions: .init(canIssue: true, canCredit: true)),
                 language.rawValue + "-form")
        snapshot(InvoiceListPage.render(.init(invoices: [dto], contracts: [(Self.contract.id.uuidString, "بانک پارس‌نوین · Plus")],
                                              contractID: nil, from: "1405-08-01", to: "1405-08-30"), .preview(language, role: .admin)),
                 language.rawValue + "-list")
    }
}

extension PageSnapshotTests {
    @Test("Label sheet", arguments: FleetCore.Language.allCases)
    func labelSheet(language: FleetCore.Language) {
        let labels = [("BANK-0042", "HP LaserJet Pro MFP M428fdw · PHBQJ12345", "ساختمان مرکزی / 3 / 301"),
                      ("BANK-0043", "Canon imageRUNNER 2425 · 2VX01234", "شعبه ونک / 1 / 12")].enumerated().map { i, l in
            LabelSheetPage.Label(deviceID: Self.deviceID, title: l.0, device: l.1, place: l.2,
                                 link: "https://service.example.ir/f/Vq3xT0r9mB2pZc8LkW1nY4sAe7HdJ6u\(i)")
        }
        snapshot(LabelSheetPage.render(.init(heading: "بانک پارس‌نوین", labels: labels, servicePhone: "021-8890-1200"),
                                       .preview(language)), language.rawValue)
    }

    @Test("Fault page: the form with a reason, the thanks, and the limit", arguments: FleetCore.Language.allCases)
    func faultPage(language: FleetCore.Language) {
        let ctx = PageContext.preview(language, user: nil, role: nil)
        var m = FaultPage.Model(token: "Vq3xT0r9mB2pZc8LkW1nY4sAe7HdJ6uG", device: "HP LaserJet Pro MFP M428fdw", assetTag: "BANK-0042",
                                place: "ساختمان مرکزی / 3 / 301", servicePhone: "021-8890-1200", symptom: "paper jam",
                                description: "کاغذ در سینی ۲ گیر کرده", name: "مریم رحیمی", phone: "0912", error: "phone must have 7 to 15 digits")
        snapshot(FaultPage.render(m, ctx), language.rawValue + "-form")
        m.state = .received(.opened(1_284))
        snapshot(FaultPage.render(m, ctx), language.rawValue + "-received")
        m.state = .tooMany
        snapshot(FaultPage.render(m, ctx), language.rawValue + "-limited")
    }
}

extension PageSnapshotTests {
    static let tickets = [
        TicketRow(id: deviceID, number: 1_284, device: "HP LaserJet Pro MFP M428fdw · BANK-0042", what: "گیر کردن کاغذ", stage: "dispatched",
                  openedAt: noon, slaDueAt: noon.addingTimeInterval(4 * 3600), late: false),
        TicketRow(id: customerID, number: 1_279, device: "Canon imageRUNNER 2425 · BANK-0043", what: "چاپ کم‌رنگ", stage: "awaitingDispatch",
                  openedAt: noon.addingTimeInterval(-86_400), slaDueAt: noon.addingTimeInterval(-3600), late: true),
    ]

    @Test("Client portal home and the calls list", arguments: FleetCore.Language.allCases)
    func portal(language: FleetCore.Language) {
        let day = CalendarDay(year: 2026, month: 11, day: 24)!
        let model = PortalHomePage.Model(
            customerID: Self.customerID, customerName: "بانک پارس‌نوین", devices: 340, inRepair: 3, openTickets: Self.tickets,
            awaiting: [.init(id: Self.deviceID, at: "۱۴۰۵/۰۹/۰۳ ۱۰:۳۰", devices: 1, ticketNumber: 1_270, device: "HP LaserJet Pro MFP M428fdw · BANK-0042")],
            pmPlanned: [.init(id: nil, at: "۱۴۰۵/۱۰/۱۵", devices: 340, ticketNumber: nil)],
            pmDone: [.init(id: Self.siteID, at: "۱۴۰۵/۰۷/۱۰ ۰۹:۰۰", devices: 340, ticketNumber: nil)],
            reports: [(Self.siteID, day.adding(days: -180), day, 1_250_000)],
            invoices: [(Self.customerID, 42, 1_320_000_000, Self.noon)],
            loans: [("HP M404dn · LOAN-3", "HP M428fdw · BANK-0042", day.adding(days: 7))])
        snapshot(PortalHomePage.render(model, .preview(language, user: "مدیر بانک", role: .client)), language.rawValue + "-home")
        snapshot(TicketsPage.render(.init(rows: Self.tickets, open: true, total: 2), .preview(language, role: .client)), language.rawValue + "-tickets")
    }
}

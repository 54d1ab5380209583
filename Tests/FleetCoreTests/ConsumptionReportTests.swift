import FleetCore
import Foundation
import Testing

@Suite("Consumption report")
struct ConsumptionReportTests {
    /// Farvardin and Ordibehesht 1405: two Solar Hijri months of 31 days.
    static let period = ReportPeriod(from: SolarHijriDay(year: 1405, month: 1, day: 1)!.gregorian,
                                     to: SolarHijriDay(year: 1405, month: 2, day: 31)!.gregorian)
    static func day(_ d: Double) -> Date { period.start.addingTimeInterval(d * 86_400) }
    static func toner(_ levels: [(String, Int)]) -> [SupplyReading] {
        levels.map { SupplyReading(name: $0.0, kind: "toner", levelPercent: $0.1) }
    }

    /// A mono printer read from 10 days before the period to 10 days after it, its counter reset on the
    /// boundary between the months (the formatter board was replaced) and its toner changed there.
    static let mono = ConsumptionReport.DeviceInput(
        id: UUID(uuidString: "00000000-0000-0000-0000-00000000000A")!, label: "HP M404 · A", user: "Ali Ahmadi", department: "Finance",
        monthlyDutyPages: 80_000, blackTonerRials: 20_000_000, colorTonerRials: nil,
        months: MeterMonth.of([
            MeterReading(takenAt: day(-10), source: .snmp, totalPages: 10_000, supplies: toner([("Black Toner", 80)])),
            MeterReading(takenAt: day(10), source: .snmp, totalPages: 12_000, supplies: toner([("Black Toner", 70)])),
            MeterReading(takenAt: day(20), source: .snmp, totalPages: 15_000, supplies: toner([("Black Toner", 40)])),
            MeterReading(takenAt: day(31), source: .visit, totalPages: 500, counterReset: true, supplies: toner([("Black Toner", 95)])),
            MeterReading(takenAt: day(52), source: .snmp, totalPages: 2_500, supplies: toner([("Black Toner", 85)])),
            MeterReading(takenAt: day(72), source: .snmp, totalPages: 3_500, supplies: toner([("Black Toner", 80)])),
        ], timeZone: .tehran),
        repairs: [
            RepairSpan(openedAt: day(5), resolvedAt: day(6.25), viaResident: true),
            RepairSpan(openedAt: day(-5), resolvedAt: day(2)),
        ])

    /// A colour MFP that counts duplex pages, read at the start and after the first month only.
    static let color = ConsumptionReport.DeviceInput(
        id: UUID(uuidString: "00000000-0000-0000-0000-00000000000B")!, label: "Xerox C405 · B", user: nil, department: "Finance",
        monthlyDutyPages: 80_000, blackTonerRials: 20_000_000, colorTonerRials: 30_000_000,
        months: MeterMonth.of([
            MeterReading(takenAt: day(0), source: .snmp, totalPages: 1_000, monoPages: 600, colorPages: 400, duplexPages: 200,
                         supplies: toner([("Black Toner", 50), ("Cyan Toner", 60), ("Magenta Toner", 60), ("Yellow Toner", 60)])),
            MeterReading(takenAt: day(31), source: .snmp, totalPages: 3_000, monoPages: 2_000, colorPages: 1_000, duplexPages: 1_000,
                         supplies: toner([("Black Toner", 40), ("Cyan Toner", 54), ("Magenta Toner", 57), ("Yellow Toner", 60)])),
        ], timeZone: .tehran),
        repairs: [])

    @Test("Pages across a counter reset, with the gaps at either end shared out by time and marked estimated")
    func pagesAcrossReset() {
        let report = ConsumptionReport.build([Self.mono], period: Self.period, paperSheetRials: 4_000)
        let a = report.devices[0]
        // Half of 10,000 -> 12,000 (1,000), 3,000, the reset's 500, 2,000, half of 2,500 -> 3,500 (500).
        #expect(a.pages == 7_000)
        #expect(a.monoPages == 7_000 && a.colorPages == 0)
        #expect(a.estimatedPages == 1_500)
        #expect(a.months.map(\.month) == ["1405-01", "1405-02"])
        #expect(a.months.map(\.pages) == [4_500, 2_500])
        #expect(a.months.map(\.estimatedPages) == [1_000, 500])
        // 7,000 pages over 62 days = 3,437 a month, 4.3% of the 80,000 duty.
        #expect(a.measuredDays == 62)
        #expect(a.monthlyAveragePages == 3_437)
        #expect(a.dutyPercent == 4.3)
    }

    @Test("Toner from level drops and a change of cartridge; paper; failures and downtime, the resident's apart")
    func tonerPaperDowntime() {
        let a = ConsumptionReport.build([Self.mono], period: Self.period, paperSheetRials: 4_000).devices[0]
        // 10 + 30 + (40 down to empty + 100 down to 95) + 10 = 95 points: 0.95 of a 20,000,000 cartridge.
        #expect(a.tonerReplacements == 1)
        #expect(a.tonerCartridges == 0.95)
        #expect(a.tonerCostRials == 19_000_000)
        #expect(a.paperSheets == 7_000)
        #expect(a.paperCostRials == 28_000_000)
        #expect(a.costPerPageRials == 6_714.3)
        // One failure opened in the period (30 h); one opened before it counts its 48 h inside only.
        #expect(a.failures == 1)
        #expect(a.downtimeHours == 78)
        #expect(a.residentDowntimeHours == 30)
    }

    @Test("Colour and duplex: sheets are pages less the second sides; colour toner at the colour price")
    func colorDuplex() {
        let b = ConsumptionReport.build([Self.color], period: Self.period, paperSheetRials: 4_000).devices[0]
        #expect(b.pages == 2_000)
        #expect(b.colorPages == 600 && b.monoPages == 1_400)
        #expect(b.estimatedPages == 0)
        #expect(b.paperSheets == 1_600)               // 800 duplex pages are 400 second sides
        #expect(b.measuredDays == 31)
        #expect(b.months.map(\.pages) == [2_000, 0])
        // Black 0.10 x 20,000,000 + colour (0.06 + 0.03) x 30,000,000
        #expect(b.tonerCostRials == 4_700_000)
        #expect(b.costPerPageRials == 5_550)
        // The same toner, month by month, for the chart: all of it in Farvardin.
        #expect(b.months.map(\.blackTonerRials) == [2_000_000, 0])
        #expect(b.months.map(\.colorTonerRials) == [2_700_000, 0])
    }

    @Test("Users and departments sum their devices; a device with no user is under a dash")
    func groups() {
        let report = ConsumptionReport.build([Self.mono, Self.color], period: Self.period, paperSheetRials: 4_000)
        #expect(report.users.map(\.name) == ["Ali Ahmadi", "—"])
        #expect(report.users.map(\.pages) == [7_000, 2_000])
        #expect(report.departments.map(\.name) == ["Finance"])
        #expect(report.departments[0].devices == 2)
        #expect(report.totals.pages == 9_000)
        #expect(report.totals.colorPages == 600)
        #expect(report.totals.tonerCostRials == 23_700_000)
        #expect(report.totals.paperCostRials == 34_400_000)
        #expect(report.totals.costPerPageRials == 6_455.6)
        #expect(report.totals.months.map(\.pages) == [6_500, 2_500])
        // The months' toner adds up to the period's: 19,000,000 + 2,000,000 black, 2,700,000 colour.
        #expect(report.totals.months.reduce(0) { $0 + $1.blackTonerRials } == 21_000_000)
        #expect(report.totals.months.reduce(0) { $0 + $1.colorTonerRials } == 2_700_000)
    }

    @Test("A toner price missing from the catalog leaves the cost unknown, not zero")
    func missingPrice() {
        var d = Self.mono
        d.blackTonerRials = nil
        let a = ConsumptionReport.build([d], period: Self.period, paperSheetRials: 4_000).devices[0]
        #expect(a.tonerCostRials == nil)
        #expect(a.tonerCartridges == 0.95)
    }
}

@Suite("Monthly meter figures")
struct MeterMonthTests {
    static let start = SolarHijriDay(year: 1405, month: 1, day: 1)!.gregorian.start(in: .tehran)
    static func r(_ day: Double, _ total: Int64, reset: Bool = false, toner: Int = 50) -> MeterReading {
        MeterReading(takenAt: start.addingTimeInterval(day * 86_400), source: .snmp, totalPages: total, counterReset: reset,
                     supplies: [SupplyReading(name: "Black Toner", kind: "toner", levelPercent: toner)])
    }

    @Test("A gap across a month end is shared out by time and counted as estimated in both months")
    func spreadAcrossMonths() {
        // 21 Esfand 1404 to 11 Farvardin 1405 (20 days, 10 each side): 2,000 pages.
        let months = MeterMonth.of([Self.r(-10, 1_000), Self.r(10, 3_000)], timeZone: .tehran)
        #expect(months["1404-12"]?.pages == 1_000)
        #expect(months["1405-01"]?.pages == 1_000)
        #expect(months["1405-01"]?.estimatedPages == 1_000)
        #expect(months["1405-01"]?.firstAt == Self.start)
    }

    @Test("Readings stored in any order, late ones between earlier ones, add up to the same months as from scratch")
    func changesInAnyOrder() {
        let readings = [Self.r(0, 1_000, toner: 90), Self.r(12, 2_500, toner: 70), Self.r(25, 4_000, toner: 30),
                        Self.r(33, 200, reset: true, toner: 95), Self.r(50, 2_200, toner: 60), Self.r(70, 5_000, toner: 20)]
        let order = [2, 0, 5, 1, 4, 3]
        var stored: [MeterReading] = []
        var kept: [String: MeterMonth] = [:]
        for i in order {
            let r = readings[i]
            let previous = stored.filter { $0.takenAt < r.takenAt }.max { $0.takenAt < $1.takenAt }
            let next = stored.filter { $0.takenAt > r.takenAt }.min { $0.takenAt < $1.takenAt }
            for (label, change) in MeterMonth.change(inserting: r, previous: previous, next: next, timeZone: .tehran) {
                kept[label, default: MeterMonth(month: label)].add(change)
            }
            stored.append(r)
        }
        let scratch = MeterMonth.of(readings, timeZone: .tehran)
        #expect(Set(kept.keys) == Set(scratch.keys))
        for (label, m) in scratch {
            let k = kept[label]!
            #expect(abs(k.pages - m.pages) < 1e-6, "\(label)")
            #expect(abs(k.estimatedPages - m.estimatedPages) < 1e-6, "\(label)")
            #expect(abs(k.blackToner - m.blackToner) < 1e-9, "\(label)")
            #expect(k.tonerChanges == m.tonerChanges, "\(label)")
        }
        // 1,500 + 1,500 + the reset's 200 + 2,000 + 2,800 = 8,000 pages in all.
        #expect(abs(kept.values.reduce(0) { $0 + $1.pages } - 8_000) < 1e-6)
    }
}

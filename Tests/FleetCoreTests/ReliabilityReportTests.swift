import FleetCore
import Foundation
import Testing

@Suite("Reliability report and replacement advice")
struct ReliabilityReportTests {
    static let period = ReportPeriod(from: CalendarDay(year: 2026, month: 1, day: 1)!, to: CalendarDay(year: 2026, month: 12, day: 31)!)
    static func day(_ d: Double) -> Date { period.start.addingTimeInterval(d * 86_400) }
    static func repair(_ day: Double, hours: Double, cost: Int) -> RepairSpan {
        RepairSpan(openedAt: Self.day(day), resolvedAt: Self.day(day).addingTimeInterval(hours * 3600), partsCostRials: cost)
    }
    static func device(_ name: String, place: String, pages: Int64, repairs: [RepairSpan], supplies: Int = 0) -> ReliabilityReport.DeviceInput {
        ReliabilityReport.DeviceInput(id: UUID(), label: name, model: "M", place: place, monthlyDutyPages: 10_000,
                                      newPriceRials: 100_000_000, pages: pages, measuredDays: 365, suppliesCostRials: supplies,
                                      repairs: repairs)
    }

    /// Five machines of one model (10,000 pages a month rated), 411,000 pages and 6 failures between them.
    static let rows = ReliabilityReport.build([
        device("A", place: "HQ/1", pages: 120_000, repairs: [repair(10, hours: 10, cost: 5_000_000), repair(100, hours: 20, cost: 5_000_000)],
               supplies: 10_000_000),
        device("B", place: "HQ/1", pages: 40_000, repairs: [repair(-700, hours: 5, cost: 1_000_000)]
               + [20, 80, 150, 300].map { repair($0, hours: 8, cost: 15_000_000) }),
        device("C", place: "HQ/2", pages: 1_000, repairs: []),
        device("D", place: "HQ/2", pages: 200_000, repairs: []),
        device("E", place: "HQ/3", pages: 50_000, repairs: []),
    ], period: period)

    @Test("MTBF in pages and days, repair time, downtime and cost per page with service")
    func figures() {
        let a = Self.rows[0]
        #expect(a.failures == 2)
        #expect(a.mtbfPages == 60_000)
        #expect(a.mtbfDays == 182.5)
        #expect(a.mttrHours == 15)
        #expect(a.downtimeHours == 30)
        #expect(a.repairCostRials == 10_000_000)
        // (10,000,000 supplies + 10,000,000 repairs) / 120,000 pages
        #expect(a.costPerPageRials == 166.7)
        #expect(a.failuresPer10kPages == 0.17)
        #expect(a.modelFailuresPer10kPages == 0.15)   // 6 / 411,000 x 10,000
        #expect(a.recommendation == .watch)
        #expect(a.reason == "2 failures in the period")
    }

    @Test("Replace: a year's repairs above 40% of a new machine, and failures far above the model's rate")
    func replace() {
        let b = Self.rows[1]
        #expect(b.repairCostRials == 61_000_000)
        #expect(b.repairCostLast12MonthsRials == 60_000_000)
        #expect(b.recommendation == .replace)
        #expect(b.reason == "repairs in the last 12 months cost 60000000 Rials, 60% of a new machine; 4 failures, 1.0 per 10,000 pages against 0.15 for the model")
    }

    @Test("Relocate: an idle machine beside a busy one, both ways; keep a quiet healthy one")
    func relocateAndKeep() {
        #expect(Self.rows[2].recommendation == .relocate)
        #expect(Self.rows[2].reason == "at 1% of its duty while D nearby runs at 167%; swap them")
        #expect(Self.rows[3].recommendation == .relocate)
        #expect(Self.rows[3].utilisationPercent == 166.79)   // 200,000 / 365 x 30.44 / 10,000
        #expect(Self.rows[4].recommendation == .keep)
        #expect(Self.rows[4].reason == "no failures in the period")
        #expect(Self.rows[4].mtbfPages == nil)
    }
}

import Foundation
import Testing
@testable import FleetCore

@Suite("Largest-remainder apportionment")
struct ApportionTests {
    @Test("Shares add up to the total: 2,500 over three equal months is 834 + 833 + 833")
    func addsUp() {
        #expect(Apportion.largestRemainder([2500.0 / 3, 2500.0 / 3, 2500.0 / 3], total: 2500) == [834, 833, 833])
        #expect(Apportion.largestRemainder([0.4, 0.4, 0.2], total: 1) == [1, 0, 0])
        #expect(Apportion.largestRemainder([10.5, 20.25, 30.25], total: 61) == [11, 20, 30])
        #expect(Apportion.largestRemainder([], total: 0) == [])
        #expect(Apportion.largestRemainder([5, 5], total: 9).reduce(0, +) == 9, "a total below the shares takes units back")
        #expect(Apportion.largestRemainder([-3, .nan, 4], total: 4) == [0, 0, 4])
    }

    @Test("A consumption report's months add up to the pages between two readings three months apart")
    func reportMonthsAddUp() throws {
        let zone = TimeZone.tehran
        // 1 Mehr to 1 Dey 1405, each an exact Solar Hijri month start: three whole months between the readings.
        let start = try #require(SolarHijriDay(year: 1405, month: 7, day: 1)).gregorian
        let end = try #require(SolarHijriDay(year: 1405, month: 10, day: 1)).gregorian
        let readings = [MeterReading(takenAt: start.start(in: zone).addingTimeInterval(43_200), source: .manual, totalPages: 10_000),
                        MeterReading(takenAt: end.start(in: zone).addingTimeInterval(43_200), source: .manual, totalPages: 12_500)]
        let input = ConsumptionReport.DeviceInput(id: UUID(), label: "A", user: nil, department: nil, monthlyDutyPages: nil,
                                                  blackTonerRials: nil, colorTonerRials: nil,
                                                  months: MeterMonth.of(readings, timeZone: zone), repairs: [])
        let period = ReportPeriod(from: start, to: end.adding(days: 1), timeZone: zone)
        let report = ConsumptionReport.build([input], period: period, paperSheetRials: 0)
        let row = try #require(report.devices.first)
        #expect(row.pages == 2_500)
        #expect(row.months.reduce(0) { $0 + $1.pages } == 2_500)
        #expect(report.totals.months.reduce(0) { $0 + $1.pages } == 2_500)
    }
}

import FleetCore
import Foundation
import Testing

@Suite("Meter reading checks")
struct MeterCheckTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)
    func reading(_ total: Int64, daysAgo: Double, mono: Int64? = nil, color: Int64? = nil, reset: Bool = false) -> MeterReading {
        MeterReading(takenAt: now.addingTimeInterval(-daysAgo * 86_400), source: .snmp, totalPages: total,
                     monoPages: mono, colorPages: color, counterReset: reset)
    }

    @Test("A total that grew, with mono + colour adding up, passes")
    func passes() {
        #expect(MeterCheck.check(reading(10_500, daysAgo: 0, mono: 8_000, color: 2_500), previous: reading(10_000, daysAgo: 30),
                                 next: nil, now: now) == nil)
    }

    @Test("A lower total is counter_went_backwards, unless it says the counter was reset")
    func backwards() {
        let previous = reading(10_000, daysAgo: 30)
        let refused = MeterCheck.check(reading(9_999, daysAgo: 0), previous: previous, next: nil, now: now)
        #expect(refused == .counterWentBackwards(previous: 10_000, previousAt: previous.takenAt))
        #expect(refused?.code == "counter_went_backwards")
        #expect(MeterCheck.check(reading(120, daysAgo: 0, reset: true), previous: previous, next: nil, now: now) == nil)
    }

    @Test("mono + colour must make the total; one of them alone cannot exceed it")
    func split() {
        let r = MeterCheck.check(reading(1_000, daysAgo: 0, mono: 700, color: 200), previous: nil, next: nil, now: now)
        #expect(r?.code == "counter_mismatch")
        #expect(r?.message == "mono 700 + colour 200 = 900, not the total 1000")
        #expect(MeterCheck.check(reading(1_000, daysAgo: 0, mono: 1_001), previous: nil, next: nil, now: now)?.code == "counter_mismatch")
        #expect(MeterCheck.check(reading(1_000, daysAgo: 0, mono: 1_000), previous: nil, next: nil, now: now) == nil)
    }

    @Test("Readings dated in the future are refused; five minutes of clock drift is not the future")
    func future() {
        let drift = MeterReading(takenAt: now.addingTimeInterval(240), source: .manual, totalPages: 5)
        let tomorrow = MeterReading(takenAt: now.addingTimeInterval(86_400), source: .manual, totalPages: 5)
        #expect(MeterCheck.check(drift, previous: nil, next: nil, now: now) == nil)
        #expect(MeterCheck.check(tomorrow, previous: nil, next: nil, now: now)?.code == "reading_in_future")
    }

    @Test("A late reading must fit under the later one already stored")
    func late() {
        let later = reading(10_000, daysAgo: 1)
        #expect(MeterCheck.check(reading(10_200, daysAgo: 2), previous: nil, next: later, now: now)?.code == "counter_ahead_of_later_reading")
        #expect(MeterCheck.check(reading(9_800, daysAgo: 2), previous: nil, next: later, now: now) == nil)
    }

    @Test("Low toner: toner and ink at or under the threshold; drums and unknown levels are not")
    func lowToner() {
        let supplies = [
            SupplyReading(name: "Black", kind: "toner", levelPercent: 10),
            SupplyReading(name: "Cyan", kind: "toner", levelPercent: 11),
            SupplyReading(name: "Drum", kind: "drum", levelPercent: 3),
            SupplyReading(name: "Yellow", kind: "toner", levelPercent: nil),
        ]
        #expect(LowToner.low(supplies).map(\.name) == ["Black"])
        #expect(LowToner.low(supplies, thresholdPercent: 15).map(\.name) == ["Black", "Cyan"])
        let kinds = ["toner", "ink", "Toner", "INK", "tonerCartridge", "InkCartridge", "drum", "wasteToner", "fuser", "", "toners"]
        #expect(kinds.filter { SupplyReading(name: $0, kind: $0, levelPercent: 5).isToner }
                == ["toner", "ink", "Toner", "INK", "tonerCartridge", "InkCartridge"], "toner and ink in any letter case")
    }

    @Test("Relocation: another address than the record's, or a changed sysLocation; letter case is not a move")
    func relocation() {
        #expect(RelocationSign.detect(recordAddress: "10.0.0.5", previousSysLocation: "Floor 2", address: "10.0.0.5", sysLocation: "floor 2") == nil)
        let moved = RelocationSign.detect(recordAddress: "10.0.0.5", previousSysLocation: "Floor 2", address: "10.0.3.9", sysLocation: "Floor 3")
        #expect(moved?.summary == "answered from 10.0.3.9, the record says 10.0.0.5; its location setting changed from \"Floor 2\" to \"Floor 3\"")
        #expect(RelocationSign.detect(recordAddress: nil, previousSysLocation: nil, address: "10.0.0.9", sysLocation: "X") == nil)
    }
}

@Suite("Pages printed and part wear")
struct PartWearTests {
    let t0 = Date(timeIntervalSince1970: 1_780_000_000)
    func r(_ total: Int64, day: Double, reset: Bool = false) -> MeterReading {
        MeterReading(takenAt: t0.addingTimeInterval(day * 86_400), source: .snmp, totalPages: total, counterReset: reset)
    }

    @Test("Pages printed from a counter: growth adds, a reset adds its whole total, an unmarked drop adds nothing")
    func printedAcrossReset() {
        #expect(PagesPrinted.since(1_000, through: [r(1_500, day: 1), r(2_000, day: 2)]) == 1_000)
        // 1,000 -> 1,800 (+800), reset to 300 (+300), 900 (+600)
        #expect(PagesPrinted.since(1_000, through: [r(1_800, day: 1), r(300, day: 2, reset: true), r(900, day: 3)]) == 1_700)
        #expect(PagesPrinted.since(1_000, through: [r(700, day: 1), r(1_200, day: 2)]) == 500)
        #expect(PagesPrinted.since(1_000, through: []) == 0)
    }

    @Test("Wear: from the last fitting's counter, from the reading before an uncounted fitting, from zero for the original part")
    func wear() {
        let readings = [r(40_000, day: 0), r(52_000, day: 10), r(60_000, day: 20), r(5_000, day: 30, reset: true)]
        let fittings = [
            PartWear.Fitting(partNumber: "FU", at: t0.addingTimeInterval(2 * 86_400), counter: 41_000),
            PartWear.Fitting(partNumber: "FU", at: t0.addingTimeInterval(15 * 86_400), counter: 55_000),
            PartWear.Fitting(partNumber: "PR", at: t0.addingTimeInterval(12 * 86_400), counter: nil),
        ]
        let wear = PartWear.pagesSinceFitted(["FU", "PR", "TR"], fittings: fittings, readings: readings)
        #expect(wear["FU"] == 5_000 + 5_000)        // 55,000 -> 60,000, then 5,000 after the reset
        #expect(wear["PR"] == 8_000 + 5_000)        // from 52,000 (day 10) -> 60,000, then the reset's 5,000
        #expect(wear["TR"] == 60_000 + 5_000)       // never replaced: every page the counter saw
        #expect(PartWear.pagesSinceFitted(["FU"], fittings: fittings, readings: []).isEmpty)
    }
}

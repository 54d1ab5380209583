import FleetCore
import Foundation
import Testing

@Suite("SLA clock in working hours")
struct WorkingHoursTests {
    let hours = WorkingHours()

    func tehran(_ day: String, _ hour: Double) -> Date {
        CalendarDay(iso: day)!.start(in: .tehran).addingTimeInterval(hour * 3600)
    }

    @Test("Wednesday 16:00 plus 4 hours: one hour on Wednesday, three on Thursday morning")
    func wednesday() {
        #expect(hours.due(from: tehran("2026-11-25", 16), hours: 4) == tehran("2026-11-26", 11))
    }

    @Test("Thursday noon plus 4 hours: Thursday closes at 13:00, Friday is off, due Saturday 11:00")
    func weekend() {
        #expect(hours.due(from: tehran("2026-11-26", 12), hours: 4) == tehran("2026-11-28", 11))
    }

    @Test("Across Nowruz: Wednesday 15:00 plus 8 hours is due the next Wednesday 9:00")
    func nowruz() {
        // 2h Wed 18 Mar, 5h Thu 19 Mar; Fri 20 (29 Esfand), Sat 21 - Tue 24 (1-4 Farvardin) are off.
        #expect(hours.due(from: tehran("2026-03-18", 15), hours: 8) == tehran("2026-03-25", 9))
    }

    @Test("A call at night starts counting at 8:00")
    func night() {
        #expect(hours.due(from: tehran("2026-11-24", 22), hours: 2) == tehran("2026-11-25", 10))
    }

    @Test("Working time between two moments skips nights, Friday and holidays")
    func elapsed() {
        #expect(hours.workingSeconds(from: tehran("2026-11-25", 16), to: tehran("2026-11-28", 9)) == 7 * 3600)
        #expect(hours.workingSeconds(from: tehran("2026-11-28", 9), to: tehran("2026-11-25", 16)) == 0)
    }

    @Test("A timeline over a span gives the same working time as counting day by day, with the sign, across Nowruz")
    func timeline() {
        let start = tehran("2026-03-10", 7.5), end = tehran("2026-04-10", 18)
        let line = WorkingTimeline(hours, from: end, to: start)
        // Every 7 hours and 13 minutes through the span, against a few fixed moments: nights, a Friday, holidays.
        let anchors = [tehran("2026-03-18", 15), tehran("2026-03-22", 10), tehran("2026-03-27", 12.25), start, end]
        var moment = start
        var checked = 0
        while moment <= end {
            for anchor in anchors {
                let expected = moment >= anchor ? hours.workingSeconds(from: anchor, to: moment) : -hours.workingSeconds(from: moment, to: anchor)
                #expect(abs(line.seconds(from: anchor, to: moment) - expected) < 0.001, "\(anchor) to \(moment)")
                checked += 1
            }
            moment = moment.addingTimeInterval(7 * 3600 + 13 * 60)
        }
        #expect(checked > 400)
        #expect(line.seconds(from: tehran("2026-03-18", 15), to: tehran("2026-03-25", 9)) == 8 * 3600, "the Nowruz case above")
        // Outside the span it still answers, day by day.
        #expect(line.seconds(from: tehran("2026-11-25", 16), to: tehran("2026-11-28", 9)) == 7 * 3600)
        #expect(line.seconds(from: tehran("2026-11-28", 9), to: tehran("2026-11-25", 16)) == -7 * 3600)
    }
}

@Suite("Part warranty")
struct PartWarrantyTests {
    @Test("The warranty ends on the same day months later, or the month's last day", arguments: [
        ("2026-11-24", 3, "2027-02-24"), ("2026-08-31", 6, "2027-02-28"), ("2026-01-31", 1, "2026-02-28"),
        ("2026-12-15", 12, "2027-12-15"), ("2027-11-30", 3, "2028-02-29"),
    ])
    func until(fitted: String, months: Int, expected: String) {
        #expect(PartWarranty.until(fittedOn: CalendarDay(iso: fitted)!, months: months).description == expected)
    }

    @Test("A repeat replacement on the warranty's last day is warranty; a day later it follows the contract")
    func repeatReplacement() {
        let contract = ActiveContract(planName: "Standard", terms: BuiltInPlans.standard.terms,
                                      startsOn: CalendarDay(iso: "2026-03-01")!, endsOn: CalendarDay(iso: "2027-02-28")!)
        let fitted = CalendarDay(iso: "2026-08-24")!
        let previous = PartWarranty.Fitting(partNumber: "RM2-5452", fittedOn: fitted,
                                            warrantyUntil: PartWarranty.until(fittedOn: fitted, months: 3))
        let inside = PartWarranty.charge(kind: .spare, contract: contract, on: CalendarDay(iso: "2026-11-24")!, previous: previous)
        #expect(inside.charge == .warranty)
        let outside = PartWarranty.charge(kind: .spare, contract: contract, on: CalendarDay(iso: "2026-11-25")!, previous: previous)
        #expect(outside.charge == .billable)
        let wear = PartWarranty.charge(kind: .wear, contract: contract, on: CalendarDay(iso: "2026-11-25")!, previous: previous)
        #expect(wear.charge == .contract)
    }

    @Test("Parts worn out at a PM visit: who pays under each plan", arguments: [
        ("basic", "billable", "billable"), ("standard", "contract", "billable"), ("plus", "contract", "billable"),
        ("premium", "contract", "contract"), ("enterprise", "contract", "contract"), ("click", "contract", "contract"),
    ])
    func pmParts(code: String, wear: String, consumable: String) {
        let plan = BuiltInPlans.all.first { $0.code == code }!
        let contract = ActiveContract(planName: plan.nameEn, terms: plan.terms,
                                      startsOn: CalendarDay(iso: "2026-03-01")!, endsOn: CalendarDay(iso: "2027-02-28")!)
        let day = CalendarDay(iso: "2026-07-15")!
        #expect(PartWarranty.charge(kind: .wear, contract: contract, on: day, previous: nil).charge.rawValue == wear)
        #expect(PartWarranty.charge(kind: .consumable, contract: contract, on: day, previous: nil).charge.rawValue == consumable)
    }
}

@Suite("Likely faulty parts")
struct LikelyPartsTests {
    static let candidates = [
        PartCandidate(partNumber: "RM2-5452", name: "Pickup roller", kind: .wear, ratedLifePages: 100_000, pagesSinceFitted: 60_000),
        PartCandidate(partNumber: "RM2-5399", name: "Fuser", kind: .wear, ratedLifePages: 150_000, pagesSinceFitted: 168_000),
        PartCandidate(partNumber: "RM2-5397", name: "Separation pad", kind: .wear, ratedLifePages: 100_000, pagesSinceFitted: 50_000),
        PartCandidate(partNumber: "RM2-5455", name: "Transfer roller", kind: .wear, ratedLifePages: 200_000, pagesSinceFitted: 20_000),
        PartCandidate(partNumber: "RM2-8100", name: "Formatter board", kind: .spare, ratedLifePages: nil, pagesSinceFitted: nil),
    ]

    /// Nine paper-jam repairs on the model: seven replaced the pickup roller, two the separation pad;
    /// three streak repairs replaced the fuser; one paper jam on another model replaced its fuser.
    static let history: [RepairRecord] =
        Array(repeating: RepairRecord(model: "LaserJet Pro M404dn", symptom: "paper jam", partNumbers: ["RM2-5452"]), count: 7)
        + Array(repeating: RepairRecord(model: "LaserJet Pro M404dn", symptom: "paper jam", partNumbers: ["RM2-5397"]), count: 2)
        + Array(repeating: RepairRecord(model: "LaserJet Pro M404dn", symptom: "streaks", partNumbers: ["RM2-5399"]), count: 3)
        + [RepairRecord(model: "ECOSYS M2540dn", symptom: "paper jam", partNumbers: ["RM2-5399"])]

    @Test("A paper jam in a dusty room: pickup roller first, then the pad, then the worn fuser")
    func paperJam() {
        let ranked = LikelyPartRanking.rank(.init(
            model: "LaserJet Pro M404dn", symptom: "Paper jam", conditions: DeviceConditions(dust: .high),
            candidates: Self.candidates, fleetRepairs: Self.history, ownReplacements: []))
        #expect(ranked.map(\.partNumber) == ["RM2-5452", "RM2-5397", "RM2-5399"])
        // Evidence x (0.3 + 0.7 x wear) + 0.1 x wear, then the room:
        // (7/9 x 0.72 + 0.06) x 1.25 = 0.775; (2/9 x 0.65 + 0.05) x 1.25 = 0.243; the fuser on wear alone 0.1 x 1.12 = 0.112
        #expect(ranked.map(\.score) == [0.775, 0.243, 0.112])
        #expect(ranked[0].reason == "7 of 9 'Paper jam' repairs on this model replaced the Pickup roller; high dust shortens its life")
        #expect(ranked[2].reason == "Fuser at 112% of rated life")
    }

    @Test("Streaks in a hot room that had its fuser replaced before: the fuser leads")
    func streaks() {
        let ranked = LikelyPartRanking.rank(.init(
            model: "LaserJet Pro M404dn", symptom: "streaks", conditions: DeviceConditions(temperatureC: 33, dust: .low),
            candidates: Self.candidates, fleetRepairs: Self.history, ownReplacements: ["RM2-5399"]))
        #expect(ranked.first?.partNumber == "RM2-5399")
        // ((3/3 + 0.25) x (0.3 + 0.7 x 1.12) + 0.1 x 1.12) x 1.2 = 1.760
        #expect(ranked.first?.score == 1.76)
        #expect(ranked.first?.reason == "Fuser at 112% of rated life; 3 of 3 'streaks' repairs on this model replaced the Fuser; replaced on this device 1 time before; the room is at 33 °C")
    }

    @Test("Two parts the symptom needed equally often: the worn one leads, the one just fitted falls back")
    func wearBreaksTies() {
        let candidates = [
            PartCandidate(partNumber: "PR", name: "Pickup roller", kind: .wear, ratedLifePages: 100_000, pagesSinceFitted: 2_000),
            PartCandidate(partNumber: "SP", name: "Separation pad", kind: .wear, ratedLifePages: 100_000, pagesSinceFitted: 150_000),
        ]
        let history = [RepairRecord(model: "M", symptom: "paper jam", partNumbers: ["PR"]),
                       RepairRecord(model: "M", symptom: "paper jam", partNumbers: ["SP"])]
        let ranked = LikelyPartRanking.rank(.init(model: "M", symptom: "paper jam", conditions: DeviceConditions(),
                                                  candidates: candidates, fleetRepairs: history, ownReplacements: []))
        #expect(ranked.map(\.partNumber) == ["SP", "PR"])
        // 1/2 x (0.3 + 0.7 x 1.5) + 0.15 = 0.825; 1/2 x (0.3 + 0.7 x 0.02) + 0.002 = 0.159
        #expect(ranked.map(\.score) == [0.825, 0.159])
        #expect(ranked[0].reason.hasPrefix("Separation pad at 150% of rated life"))
    }

    @Test("With no symptom and no history, wear alone ranks; parts with nothing against them are left out")
    func wearOnly() {
        let ranked = LikelyPartRanking.rank(.init(
            model: "Unknown", symptom: nil, conditions: DeviceConditions(), candidates: Self.candidates,
            fleetRepairs: [], ownReplacements: []), top: 10)
        #expect(ranked.map(\.partNumber) == ["RM2-5399", "RM2-5452", "RM2-5397", "RM2-5455"])
    }
}

@Suite("Likely parts from the rest of the fleet")
struct FleetWideLikelyPartsTests {
    @Test("A model with no history of the symptom learns from other models' parts of the same name")
    func coldStart() {
        let candidates = [
            PartCandidate(partNumber: "KY-PR-2540", name: "Pickup roller", kind: .wear, ratedLifePages: nil, pagesSinceFitted: nil),
            PartCandidate(partNumber: "KY-FU-2540", name: "Fuser", kind: .wear, ratedLifePages: nil, pagesSinceFitted: nil),
        ]
        let history = Array(repeating: RepairRecord(model: "LaserJet Pro M404dn", symptom: "paper jam", partNumbers: ["HP-PR-M404"],
                                                    partNames: ["Pickup roller"]), count: 3)
            + [RepairRecord(model: "LaserJet Pro M404dn", symptom: "paper jam", partNumbers: ["HP-FU-M404"], partNames: ["Fuser"])]
        let ranked = LikelyPartRanking.rank(.init(model: "ECOSYS M2540dn", symptom: "paper jam", conditions: DeviceConditions(),
                                                  candidates: candidates, fleetRepairs: history, ownReplacements: []))
        #expect(ranked.map(\.partNumber) == ["KY-PR-2540", "KY-FU-2540"])
        // 0.5 x 3/4 and 0.5 x 1/4
        #expect(ranked.map(\.score) == [0.375, 0.125])
        #expect(ranked[0].reason == "3 of 4 'paper jam' repairs across the fleet replaced a Pickup roller")
    }
}

@Suite("PM checklist")
struct PMChecklistTests {
    @Test("A mono printer has the nine common items; a colour MFP adds the scanner, the belt and calibration")
    func items() {
        #expect(PMChecklist.items(kind: "printer", color: false).count == 9)
        let mfp = PMChecklist.items(kind: "mfp", color: true).map(\.code)
        #expect(mfp.count == 12)
        #expect(mfp.suffix(3) == ["scanner-glass", "belt", "calibration"])
    }
}

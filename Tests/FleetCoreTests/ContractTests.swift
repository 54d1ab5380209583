import Foundation
import FleetCore
import Testing

@Suite("Contract terms")
struct ContractTermsTests {
    @Test("The six plans form a ladder and are all valid")
    func ladder() throws {
        let plans = BuiltInPlans.all
        #expect(plans.map(\.code) == ["basic", "standard", "plus", "premium", "enterprise", "click"])
        for plan in plans { try plan.terms.validate() }
        let ladder = [BuiltInPlans.basic, BuiltInPlans.standard, BuiltInPlans.plus, BuiltInPlans.premium, BuiltInPlans.enterprise].map(\.terms)
        #expect(ladder.map(\.pmVisitsPerYear) == [2, 3, 3, 4, 4])
        #expect(ladder.map(\.responseHours) == [48, 24, 12, 8, 4])
        #expect(ladder.map(\.partWarrantyMonths) == [1, 3, 6, 6, 12])
        #expect(BuiltInPlans.enterprise.terms.residentTechnician)
        #expect(BuiltInPlans.click.terms.billing.model == .perPage)
    }

    @Test("Overrides replace only the terms they name")
    func overrides() throws {
        let terms = try BuiltInPlans.standard.terms.applying(TermOverrides(
            pmVisitsPerYear: 4, tonerIncluded: true, partWarrantyMonths: 9,
            billing: .init(model: .hybrid, includedPagesPerDevice: 1_500, monoPageRials: 1_400)))
        #expect(terms.pmVisitsPerYear == 4)
        #expect(terms.responseHours == 24)
        #expect(terms.partsCoverage == .wear)
        #expect(terms.tonerIncluded)
        #expect(terms.partWarrantyMonths == 9)
        #expect(terms.billing == Billing(model: .hybrid, monthlyFeePerDeviceRials: 18_000_000, includedPagesPerDevice: 1_500,
                                         monoPageRials: 1_400, colorPageRials: 0))
    }

    @Test("An override outside its range is refused naming the field", arguments: [
        (TermOverrides(pmVisitsPerYear: 5), "overrides.pmVisitsPerYear"),
        (TermOverrides(pmVisitsPerYear: 1), "overrides.pmVisitsPerYear"),
        (TermOverrides(partWarrantyMonths: 13), "overrides.partWarrantyMonths"),
        (TermOverrides(partWarrantyMonths: 0), "overrides.partWarrantyMonths"),
        (TermOverrides(responseHours: 0), "overrides.responseHours"),
        (TermOverrides(billing: .init(monoPageRials: -1)), "overrides.billing.monoPageRials"),
        (TermOverrides(billing: .init(model: .fixed, monthlyFeePerDeviceRials: 0)), "overrides.billing.monthlyFeePerDeviceRials"),
    ])
    func outOfRange(overrides: TermOverrides, field: String) {
        do {
            _ = try BuiltInPlans.plus.terms.applying(overrides)
            Issue.record("accepted \(overrides)")
        } catch {
            #expect(error.field == field)
        }
    }
}

@Suite("Coverage decisions")
struct CoverageTests {
    static let start = CalendarDay(year: 2026, month: 3, day: 1)!
    static let end = CalendarDay(year: 2027, month: 2, day: 28)!
    static let inside = CalendarDay(year: 2026, month: 11, day: 24)!
    static let after = CalendarDay(year: 2027, month: 3, day: 1)!

    func contract(_ plan: ContractPlan) -> ActiveContract {
        ActiveContract(planName: plan.nameEn, terms: plan.terms, startsOn: Self.start, endsOn: Self.end)
    }

    @Test("Each request under each plan, inside the contract period", arguments: [
        // plan, repair, pm, consumable, wear, spare, toner, loaner, remote
        ("basic", ["contract", "contract", "billable", "billable", "billable", "billable", "billable", "billable"]),
        ("standard", ["contract", "contract", "billable", "contract", "billable", "billable", "contract", "contract"]),
        ("plus", ["contract", "contract", "billable", "contract", "billable", "contract", "contract", "contract"]),
        ("premium", ["contract", "contract", "contract", "contract", "contract", "contract", "contract", "contract"]),
        ("enterprise", ["contract", "contract", "contract", "contract", "contract", "contract", "contract", "contract"]),
        ("click", ["contract", "contract", "contract", "contract", "contract", "contract", "contract", "contract"]),
    ])
    func insidePeriod(code: String, expected: [String]) {
        let plan = BuiltInPlans.all.first { $0.code == code }!
        let requests: [ServiceRequest] = [.repairVisit, .pmVisit, .part(.consumable), .part(.wear), .part(.spare), .toner, .loaner, .remoteSession]
        let charges = requests.map { CoverageRule.decide($0, contract: contract(plan), on: Self.inside).charge.rawValue }
        #expect(charges == expected)
    }

    @Test("Outside the contract period everything is billable, and so is a device with no contract")
    func outsidePeriod() {
        for plan in BuiltInPlans.all {
            let d = CoverageRule.decide(.repairVisit, contract: contract(plan), on: Self.after)
            #expect(d.charge == .billable)
            #expect(d.reason == "no active contract covers 2027-03-01")
        }
        #expect(CoverageRule.decide(.toner, contract: nil, on: Self.inside).charge == .billable)
        #expect(CoverageRule.decide(.repairVisit, contract: contract(BuiltInPlans.premium), on: Self.end).charge == .contract)
    }

    @Test("A part fitted again within its warranty is warranty, even with no contract; a day later it is not")
    func warranty() {
        let until = CalendarDay(year: 2026, month: 12, day: 24)!
        let d = CoverageRule.decide(.part(.spare), contract: contract(BuiltInPlans.basic), on: until, warrantyUntil: until)
        #expect(d.charge == .warranty)
        #expect(CoverageRule.decide(.part(.spare), contract: nil, on: Self.inside, warrantyUntil: until).charge == .warranty)
        #expect(CoverageRule.decide(.part(.spare), contract: contract(BuiltInPlans.basic), on: until.adding(days: 1), warrantyUntil: until).charge == .billable)
    }

    @Test("PM visits beyond the plan's number and loaners beyond the allowance are billable")
    func allowances() {
        let standard = contract(BuiltInPlans.standard)
        #expect(CoverageRule.decide(.pmVisit, contract: standard, on: Self.inside, pmVisitsThisYear: 2).charge == .contract)
        let extra = CoverageRule.decide(.pmVisit, contract: standard, on: Self.inside, pmVisitsThisYear: 3)
        #expect(extra.charge == .billable)
        #expect(extra.reason == "the Standard contract includes 3 PM visits a year and 3 were done")
        #expect(CoverageRule.decide(.loaner, contract: standard, on: Self.inside, loansOut: 1).charge == .billable)
        #expect(CoverageRule.decide(.loaner, contract: contract(BuiltInPlans.enterprise), on: Self.inside, loansOut: 9).charge == .contract)
    }
}

@Suite("PM schedules")
struct PMScheduleTests {
    let holidays = HolidayCalendar()

    func dates(_ start: String, _ end: String, _ n: Int) -> [String] {
        PMSchedule.plan(startsOn: CalendarDay(iso: start)!, endsOn: CalendarDay(iso: end)!, visitsPerYear: n, holidays: holidays)
            .map(\.date.description)
    }

    @Test("Two visits a year: six months apart, in the middle of each half")
    func two() {
        // 2026-03-01 + 91 days and + 273 days, both Sundays.
        #expect(dates("2026-03-01", "2027-02-28", 2) == ["2026-05-31", "2026-11-29"])
    }

    @Test("Three visits a year across Nowruz: the first, due on 2 Farvardin, waits until 5 Farvardin")
    func threeAcrossNowruz() {
        // Due 2026-03-22 (1405-01-02); 1-4 Farvardin are holidays, so Wednesday 2026-03-25.
        let visits = PMSchedule.plan(startsOn: CalendarDay(iso: "2026-01-21")!, endsOn: CalendarDay(iso: "2027-01-20")!,
                                     visitsPerYear: 3, holidays: holidays)
        #expect(visits.map(\.date.description) == ["2026-03-25", "2026-07-22", "2026-11-21"])
        #expect(SolarHijriDay(visits[0].date) == SolarHijriDay(year: 1405, month: 1, day: 5))
        #expect(visits.map(\.secondOfPeriod) == [false, true, false])
    }

    @Test("Four visits a year: every three months, the 2nd and 4th close a period")
    func four() {
        let visits = PMSchedule.plan(startsOn: CalendarDay(iso: "2026-03-01")!, endsOn: CalendarDay(iso: "2027-02-28")!,
                                     visitsPerYear: 4, holidays: holidays)
        #expect(visits.map(\.date.description) == ["2026-04-15", "2026-07-15", "2026-10-15", "2027-01-14"])
        #expect(visits.map(\.secondOfPeriod) == [false, true, false, true])
        #expect(visits.map(\.number) == [1, 2, 3, 4])
    }

    @Test("No visit falls on a Friday or a holiday the admin added")
    func fridaysAndAddedHolidays() {
        var calendar = HolidayCalendar()
        calendar.dated = [CalendarDay(iso: "2026-07-15")!]
        let visits = PMSchedule.plan(startsOn: CalendarDay(iso: "2026-03-01")!, endsOn: CalendarDay(iso: "2027-02-28")!,
                                     visitsPerYear: 4, holidays: calendar)
        #expect(visits[1].date.description == "2026-07-16")
        for start in stride(from: 0, to: 60, by: 7) {
            let s = CalendarDay(iso: "2026-01-01")!.adding(days: start)
            for v in PMSchedule.plan(startsOn: s, endsOn: s.adding(days: 729), visitsPerYear: 4, holidays: holidays) {
                #expect(v.date.isoWeekday != 5)
                #expect(!holidays.isHoliday(v.date))
            }
        }
    }

    @Test("A two-year contract has each year's visits numbered on")
    func twoYears() {
        let visits = PMSchedule.plan(startsOn: CalendarDay(iso: "2026-03-01")!, endsOn: CalendarDay(iso: "2028-02-29")!,
                                     visitsPerYear: 2, holidays: holidays)
        #expect(visits.count == 4)
        #expect(visits.map(\.contractYear) == [0, 0, 1, 1])
        #expect(visits.map(\.numberInYear) == [1, 2, 1, 2])
    }

    @Test("Replanning keeps the visits already done")
    func replan() {
        let start = CalendarDay(iso: "2026-03-01")!, end = CalendarDay(iso: "2027-02-28")!
        let planned = PMSchedule.plan(startsOn: start, endsOn: end, visitsPerYear: 2, holidays: holidays)
        let done = [PlannedPMVisit(date: CalendarDay(iso: "2026-06-02")!, number: 1, contractYear: 0, numberInYear: 1, secondOfPeriod: false)]
        let replanned = PMSchedule.replan(startsOn: start, endsOn: end, visitsPerYear: 4, holidays: holidays, done: done)
        #expect(planned.count == 2)
        #expect(replanned.first == done[0])
        #expect(replanned.dropFirst().map(\.date.description) == ["2026-07-15", "2026-10-15", "2027-01-14"])
    }

    @Test("Renewal: the next year on the anniversary, or the same number of days")
    func renewal() {
        let next = ContractPeriod.renewal(startsOn: CalendarDay(iso: "2026-03-01")!, endsOn: CalendarDay(iso: "2027-02-28")!)
        #expect(next.startsOn.description == "2027-03-01")
        #expect(next.endsOn.description == "2028-02-29")
        let short = ContractPeriod.renewal(startsOn: CalendarDay(iso: "2026-01-01")!, endsOn: CalendarDay(iso: "2026-06-30")!)
        #expect(short.startsOn.description == "2026-07-01")
        #expect(short.endsOn.description == "2026-12-28")
    }
}

@Suite("Contract periods")
struct ContractPeriodTests {
    @Test("One year from Nowruz 1405 ends the day before Nowruz 1406")
    func oneYear() {
        let p = ContractPeriod.years(1, from: CalendarDay(iso: "2026-03-21")!)
        #expect(p.endsOn.description == "2027-03-20")
        #expect(ContractPeriod.years(2, from: CalendarDay(iso: "2024-02-29")!).endsOn.description == "2026-02-27")
    }
}

@Suite("Contract history as values")
struct ContractChangeTests {
    let plans = ["Enterprise": PlanName(fa: "سازمانی", en: "Enterprise")]

    @Test("Every sentence FleetCare wrote before reads back as the value it describes; any other text does not")
    func oldSentences() {
        let a = CalendarDay(iso: "2026-03-21")!, b = CalendarDay(iso: "2027-03-20")!
        let cases: [(String, ContractChange)] = [
            ("Created on the Enterprise plan for 2026-03-21 to 2027-03-20 with 340 devices",
             .created(plan: plans["Enterprise"]!, from: a, to: b, devices: 340)),
            ("Renewed from the contract of 2026-03-21 to 2027-03-20", .renewedFrom(from: a, to: b)),
            ("Renewed for 2026-03-21 to 2027-03-20", .renewed(from: a, to: b)),
            ("Added 3 device(s) from 2026-03-21", .devicesAdded(count: 3, on: a)),
            ("Removed 1 device(s) from 2027-03-20", .devicesRemoved(count: 1, on: b)),
            ("Terminated on 2026-03-21", .terminated(on: a)),
            ("Activated", .activated),
            ("Added to the Enterprise contract 2026-03-21 to 2027-03-20", .deviceAdded(plan: plans["Enterprise"]!, from: a, to: b)),
            ("Removed from the Click plan contract 2026-03-21 to 2027-03-20",
             .deviceRemoved(plan: PlanName(fa: "Click plan", en: "Click plan"), from: a, to: b)),
        ]
        for (sentence, value) in cases {
            #expect(ContractChange.parse(sentence, plans: plans) == value, "\(sentence)")
            #expect(value.english == sentence || sentence.contains("Click"), "the value writes the same sentence back")
        }
        #expect(ContractChange.parse("Changed to 2026-03-21 to 2027-03-20, 4 PM visits a year", plans: plans) == nil)
        #expect(ContractChange.parse("someone typed this", plans: plans) == nil)
    }

    @Test("A change is sent as its code and only its parameters, and read back")
    func wire() throws {
        let change = ContractChange.changed([TermChange(term: "pmVisitsPerYear", old: "3", new: "4")])
        let json = String(decoding: try JSONEncoder().encode(change), as: UTF8.self)
        #expect(json.contains(#""code":"changed""#) && !json.contains("plan"))
        #expect(try JSONDecoder().decode(ContractChange.self, from: Data(json.utf8)) == change)
        #expect(throws: (any Error).self) { try JSONDecoder().decode(ContractChange.self, from: Data(#"{"code":"created"}"#.utf8)) }
    }
}

@Suite("Device history as values")
struct DeviceHistoryEventTests {
    @Test("The sentences written before read back as the entries they describe")
    func oldSentences() {
        let cases: [(String, DeviceHistoryEvent)] = [
            ("Ticket 12 resolved remotely", .ticketResolvedRemotely(number: 12)),
            ("Ticket 12 confirmed by the client", .ticketConfirmed(number: 12)),
            ("Ticket 12 closed", .ticketClosed(number: 12)),
            ("REPAIR visit completed: غلتک تعویض شد", .visitCompleted(kind: "repair", findings: "غلتک تعویض شد")),
            ("PM visit completed: cleaned", .visitCompleted(kind: "pm", findings: "cleaned")),
            ("Pickup roller (RM2-5452) x2 fitted, charged to warranty, warranty until 2026-12-19",
             .partFitted(name: "Pickup roller", partNumber: "RM2-5452", quantity: 2, charge: "warranty",
                         warrantyUntil: CalendarDay(iso: "2026-12-19")!)),
            ("Counter reset: 120 pages (was 98000)", .counterReset(total: 120, was: 98_000)),
            ("Meter 4500 pages (manual)", .counterRead(total: 4500, source: "manual")),
            ("Terminated on 2026-12-19", .contract(.terminated(on: CalendarDay(iso: "2026-12-19")!))),
        ]
        for (sentence, value) in cases {
            #expect(DeviceHistoryEvent.parse(sentence, plans: [:]) == value, "\(sentence)")
            #expect(value.english == sentence, "the value writes the same sentence")
        }
        #expect(DeviceHistoryEvent.parse("Ticket opened by phone: jam", plans: [:]) == nil, "no number to read back")
    }

    @Test("Entries travel as a code and their parameters; a contract entry as the contract change's own code")
    func wire() throws {
        for value in [DeviceHistoryEvent.pmSkipped(reason: .noAccess, note: nil), .loanerReturned(counter: 12),
                      .contract(.activated), .ticketOpened(number: 3, channel: "label", symptom: nil, description: "صدای بلند")] {
            let json = try JSONEncoder().encode(value)
            #expect(try JSONDecoder().decode(DeviceHistoryEvent.self, from: json) == value)
            #expect(String(decoding: json, as: UTF8.self).contains(#""code":"\#(value.code)""#))
        }
    }
}

import FleetCore
import Foundation
import Testing

@Suite("The days and moments FleetCare takes in")
struct AcceptedDaysTests {
    @Test("The range is 1900-01-01 to 2200-12-31, 1278-10-11 to 1579-10-10 in Solar Hijri")
    func range() {
        #expect(AcceptedDays.first.description == "1900-01-01")
        #expect(AcceptedDays.last.description == "2200-12-31")
        #expect(SolarHijriDay(AcceptedDays.first).description == "1278-10-11")
        #expect(SolarHijriDay(AcceptedDays.last).description == "1579-10-10")
    }

    @Test("Far-off typed days are refused with the field named, in either calendar", arguments: [
        "9999-01-01", "3622-03-19", "0001-01-01", "1899-12-31", "2201-01-01", "1579-10-11", "1278-10-10",
    ])
    func farDays(text: String) throws {
        #expect(DayInput.parse(text) == nil)
        let error = #expect(throws: FieldError.self) { try DayInput.read(text, field: "from") }
        #expect(error?.field == "from")
        #expect(error?.message.contains("1900-01-01 to 2200-12-31") == true)
    }

    @Test("The first and last accepted days are read", arguments: ["1900-01-01", "2200-12-31", "1278-10-11", "1579-10-10"])
    func edgeDays(text: String) throws {
        #expect(try AcceptedDays.contains(DayInput.read(text, field: "from")))
    }

    @Test("Days that do not exist are not days")
    func impossibleDays() {
        for text in ["2026-02-30", "1404-12-30", "2026-13-01", "2026-00-10", "2026-01-32", "20266-01-01"] {
            #expect(throws: FieldError.self, "\(text)") { try DayInput.read(text, field: "startsOn") }
        }
    }

    @Test("Moments are read strictly: no 30 February, no hour 25, no year 0 or 99999")
    func strictMoments() {
        for text in ["0000-01-01T00:00:00Z", "99999-01-01T00:00:00Z", "2026-02-30T10:00:00Z", "2026-12-01T25:61:61Z",
                     "2026-12-01T23:59:60Z", "2026-12-01T10:00:00", "2026-12-01 10:00:00Z", "2026-12-01T10:00:00+3:30",
                     "9999-12-31T23:59:59Z", "1899-12-31T23:59:59Z", "2201-01-01T00:00:00Z", "2026-12-01T10:00:00.Z",
                     "2026-12-01T10:00:00Zjunk", ""] {
            #expect(Moment.parse(text) == nil, "\(text)")
        }
    }

    @Test("Moments in RFC 3339's forms are read to the second")
    func moments() {
        #expect(Moment.parse("2026-11-24T08:30:00Z") == Date(timeIntervalSince1970: 1_795_509_000))
        #expect(Moment.parse("2026-11-24T12:00:00+03:30") == Date(timeIntervalSince1970: 1_795_509_000))
        #expect(Moment.parse("2026-11-24t08:30:00.250z") == Date(timeIntervalSince1970: 1_795_509_000.25))
        #expect(Moment.parse("1900-01-01T00:00:00Z") != nil)
        #expect(Moment.parse("2200-12-31T23:59:59Z") != nil)
    }

    @Test("A form's local time is a real minute in the company's zone")
    func localTimes() {
        #expect(Moment.parseLocal("2026-11-24T12:00", in: .tehran) == Date(timeIntervalSince1970: 1_795_509_000))
        #expect(Moment.parseLocal("۲۰۲۶-۱۱-۲۴T۱۲:۰۰", in: .tehran) == Date(timeIntervalSince1970: 1_795_509_000))
        for text in ["2026-02-30T10:00", "2026-12-01T25:00", "2026-12-01T10:61", "9999-01-01T10:00", "2026-12-01", "10:00"] {
            #expect(Moment.parseLocal(text, in: .tehran) == nil, "\(text)")
        }
    }

    @Test("Solar Hijri arithmetic agrees with Foundation's Persian calendar on every day from 1900 to 2200")
    func solarHijriAgreesWithFoundation() {
        var persian = Calendar(identifier: .persian)
        persian.timeZone = .utc
        var mismatches: [String] = []
        var day = AcceptedDays.first
        while day <= AcceptedDays.last {
            let c = persian.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: Double(day.daysSinceEpoch) * 86_400))
            let solar = SolarHijriDay(day)
            if (solar.year, solar.month, solar.day) != (c.year, c.month, c.day) || solar.gregorian != day {
                mismatches.append("\(day): \(solar) against \(c.year ?? 0)-\(c.month ?? 0)-\(c.day ?? 0)")
            }
            day = day.adding(days: 1)
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test("Gregorian arithmetic agrees with Foundation's calendar, in Tehran too")
    func gregorianAgreesWithFoundation() {
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = .tehran
        for days in stride(from: AcceptedDays.first.daysSinceEpoch, through: AcceptedDays.last.daysSinceEpoch, by: 97) {
            let moment = Date(timeIntervalSince1970: Double(days) * 86_400 + 43_210)
            let c = gregorian.dateComponents([.year, .month, .day], from: moment)
            let day = CalendarDay(moment, in: .tehran)
            #expect((day.year, day.month, day.day) == (c.year, c.month, c.day))
            #expect(CalendarDay(year: day.year, month: day.month, day: day.day)?.daysSinceEpoch == day.daysSinceEpoch)
        }
    }

    @Test("Calendar sums from the last accepted day stay real days: reports, schedules, warranties, renewals")
    func sumsAtTheEdge() throws {
        let last = AcceptedDays.last
        let months = ReportPeriod(from: last.adding(days: -400), to: last).months
        #expect(months.count == 14)
        #expect(months.last?.label == "1579-10")
        let plan = PMSchedule.plan(startsOn: last.adding(days: -364), endsOn: last, visitsPerYear: 4, holidays: HolidayCalendar())
        #expect(plan.count == 4)
        #expect(PartWarranty.until(fittedOn: last, months: 12).description == "2201-12-31")
        #expect(ContractPeriod.renewal(startsOn: last.adding(days: -364), endsOn: last).endsOn.description == "2201-12-31")
        #expect(CalendarDay(year: 2026, month: 8, day: 31)!.adding(months: 6).description == "2027-02-28")
        #expect(CalendarDay(year: 2024, month: 2, day: 29)!.adding(months: -12).description == "2023-02-28")
    }
}

@Suite("Passwords")
struct PasswordRuleTests {
    @Test("Short, blank and common passwords are refused, each with its reason")
    func refused() {
        #expect(PasswordRule.refusal("password") == .tooShort(minimum: 10))
        #expect(PasswordRule.refusal("12345678") == .tooShort(minimum: 10))
        #expect(PasswordRule.refusal(String(repeating: " ", count: 12)) == .onlySpaces)
        #expect(PasswordRule.refusal("") == .tooShort(minimum: 10))
        #expect(PasswordRule.refusal("1234567890") == .common)
        #expect(PasswordRule.refusal("QwertyUiop") == .common, "the list is checked without regard to case")
        #expect(PasswordRule.refusal(String(repeating: "x", count: 129)) == .tooLong(maximum: 128))
    }

    @Test("The shipped list is Django's, of nearly 20,000 passwords")
    func listSize() {
        #expect(PasswordRule.refusal("fallen_angel") == .common, "the list's last entry")
        #expect(PasswordRule.refusal("correct horse battery") == nil)
        #expect(PasswordRule.refusal("گذرواژهٔ بلند من") == nil)
    }
}

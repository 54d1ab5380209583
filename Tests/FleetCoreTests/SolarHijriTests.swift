import FleetCore
import Foundation
import Testing

@Suite("Solar Hijri calendar")
struct SolarHijriTests {
    @Test("3 Azar 1405 is 24 November 2026, both ways")
    func azar1405() {
        let day = CalendarDay(year: 2026, month: 11, day: 24)!
        #expect(SolarHijriDay(day) == SolarHijriDay(year: 1405, month: 9, day: 3))
        #expect(SolarHijriDay(year: 1405, month: 9, day: 3)!.gregorian == day)
    }

    @Test("Nowruz 1405 falls on 21 March 2026")
    func nowruz() {
        #expect(SolarHijriDay(year: 1405, month: 1, day: 1)!.gregorian == CalendarDay(year: 2026, month: 3, day: 21))
    }

    @Test("Esfand has 30 days in the leap year 1403 and 29 in the common year 1404")
    func lastDayOfEsfand() {
        #expect(SolarHijriDay.isLeap(1403))
        #expect(!SolarHijriDay.isLeap(1404))
        #expect(SolarHijriDay(year: 1403, month: 12, day: 30)!.gregorian == CalendarDay(year: 2025, month: 3, day: 20))
        #expect(SolarHijriDay(year: 1404, month: 12, day: 29)!.gregorian == CalendarDay(year: 2026, month: 3, day: 20))
        #expect(SolarHijriDay(year: 1404, month: 12, day: 30) == nil)
        // The day after the last of Esfand is Nowruz.
        #expect(SolarHijriDay(CalendarDay(year: 2025, month: 3, day: 21)!) == SolarHijriDay(year: 1404, month: 1, day: 1))
    }

    @Test("Days that do not exist are refused")
    func invalidDays() {
        #expect(SolarHijriDay(year: 1405, month: 7, day: 31) == nil)
        #expect(SolarHijriDay(year: 1405, month: 13, day: 1) == nil)
        #expect(CalendarDay(year: 2026, month: 2, day: 29) == nil)
        #expect(CalendarDay(year: 2024, month: 2, day: 29) != nil)
    }

    @Test("Typed days: Solar Hijri or Gregorian, any digits, dash or slash", arguments: [
        ("1405-09-03", "2026-11-24"), ("۱۴۰۵/۰۹/۰۳", "2026-11-24"), ("١٤٠٥-٠٩-٠٣", "2026-11-24"),
        ("2026-11-24", "2026-11-24"), (" 1403-12-30 ", "2025-03-20"),
    ])
    func parsesTypedDays(input: String, expected: String) {
        #expect(DayInput.parse(input)?.description == expected)
    }

    @Test("Typed days that are not days", arguments: ["1404-12-30", "2026-02-30", "24/11/2026", "tomorrow", "", "1405-9"])
    func refusesNonDays(input: String) {
        #expect(DayInput.parse(input) == nil)
    }

    @Test("Weekdays: 24 Nov 2026 is a Tuesday, 27 Nov a Friday")
    func weekdays() {
        #expect(CalendarDay(year: 2026, month: 11, day: 24)!.isoWeekday == 2)
        #expect(CalendarDay(year: 2026, month: 11, day: 27)!.isoWeekday == 5)
    }
}

@Suite("Showing numbers, days and money")
struct DisplayFormatTests {
    let fa = DisplayFormat(language: .fa)
    let en = DisplayFormat(language: .en)

    @Test("Days: Solar Hijri with Persian digits, Gregorian in English")
    func days() {
        let day = CalendarDay(year: 2026, month: 11, day: 24)!
        #expect(fa.day(day) == "۳ آذر ۱۴۰۵")
        #expect(en.day(day) == "24 Nov 2026")
        #expect(fa.day(CalendarDay(year: 2025, month: 3, day: 20)!) == "۳۰ اسفند ۱۴۰۳")
    }

    @Test("Instants are shown in Tehran time")
    func instants() {
        // 08:30 UTC is 12:00 in Tehran (UTC+3:30).
        let instant = CalendarDay(year: 2026, month: 11, day: 24)!.start(in: .utc).addingTimeInterval(8.5 * 3600)
        #expect(fa.instant(instant) == "۳ آذر ۱۴۰۵، ۱۲:۰۰")
        #expect(en.instant(instant) == "24 Nov 2026, 12:00")
    }

    @Test("Amounts in Rials with grouping, and in Tomans")
    func money() {
        #expect(fa.rials(12_500_000) == "۱۲٬۵۰۰٬۰۰۰ ریال")
        #expect(en.rials(12_500_000) == "12,500,000 IRR")
        #expect(fa.tomans(12_500_000) == "۱٬۲۵۰٬۰۰۰ تومان")
        #expect(en.number(-1_234) == "-1,234")
        #expect(fa.number(999) == "۹۹۹")
        #expect(fa.number(0) == "۰" && en.number(0) == "0")
        #expect(fa.number(-1_000) == "-۱٬۰۰۰" && en.number(100_000) == "100,000" && en.number(1_000_000) == "1,000,000")
        #expect(en.number(Int.min) == "-9,223,372,036,854,775,808")
        #expect(fa.decimal(23.5) == "۲۳٫۵")
        #expect(fa.decimal(9_326.2) == "۹٬۳۲۶٫۲" && en.decimal(9_326.2) == "9,326.2" && en.decimal(-1_234) == "-1,234" && fa.decimal(-0.5) == "-۰٫۵")
    }

    @Test("Digits both ways")
    func digits() {
        #expect(PersianDigits.fromASCII("PHB-0123") == "PHB-۰۱۲۳")
        #expect(PersianDigits.toASCII("۰۱۲۳۴۵۶۷۸۹ ٠١٢") == "0123456789 012")
        #expect(PersianDigits.fromASCII("طبقه 3، اتاق 204 👩🏽‍💻 9") == "طبقه ۳، اتاق ۲۰۴ 👩🏽‍💻 ۹", "text around digits is kept whole")
        #expect(PersianDigits.toASCII("اتاق ۲۰۴ و ٣ 👩🏽‍💻") == "اتاق 204 و 3 👩🏽‍💻")
        #expect(PersianDigits.fromASCII("no digits") == "no digits" && PersianDigits.toASCII("") == "")
        #expect(PersianDigits.toASCII(PersianDigits.fromASCII("0123456789")) == "0123456789")
    }

    @Test("The month containing an instant, asked again and again in two time zones, is the month its day falls in")
    func monthContaining() throws {
        let zones = [TimeZone(identifier: "Asia/Tehran")!, TimeZone(identifier: "UTC")!]
        // Around Nowruz at midnight in Tehran, when the two zones put the instant in different months, and across years.
        let nowruz = try #require(SolarHijriDay(year: 1405, month: 1, day: 1)).gregorian.start(in: zones[0])
        var instants = (-3...3).map { nowruz.addingTimeInterval(Double($0) * 1_800) }
        instants += (0..<400).map { _ in Date(timeIntervalSince1970: Double.random(in: 1.6e9...1.9e9)) }
        for _ in 0..<2 {
            for instant in instants + instants.reversed() {
                for zone in zones {
                    let month = SolarMonth(containing: instant, timeZone: zone)
                    let day = SolarHijriDay(CalendarDay(instant, in: zone))
                    #expect(month.label == String(format: "%04d-%02d", day.year, day.month))
                    #expect(month.start <= instant && instant < month.end)
                    #expect(month.start == SolarHijriDay(year: day.year, month: day.month, day: 1)!.gregorian.start(in: zone))
                }
            }
        }
        #expect(SolarMonth(containing: nowruz, timeZone: zones[0]).label == "1405-01")
        #expect(SolarMonth(containing: nowruz.addingTimeInterval(-1), timeZone: zones[0]).label == "1404-12")
    }
}

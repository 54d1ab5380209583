import Foundation

/// A day in the Solar Hijri (Jalali) calendar, Iran's official calendar.
///
/// Conversion is ICU's arithmetic Persian calendar (Foundation's), which follows the official
/// calendar for the years an office fleet will ever see.
public struct SolarHijriDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Creates a Solar Hijri day, or nil when it does not exist (30 Esfand of a common year).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...SolarHijriDay.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// A day known to exist.
    private init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The Solar Hijri day `gregorian` falls on.
    public init(_ gregorian: CalendarDay) {
        let sinceEpoch = gregorian.daysSinceEpoch + SolarHijriDay.epochOffset
        let year = 1 + SolarHijriDay.floorDivide(33 * sinceEpoch + 3, 12_053)
        let dayOfYear = sinceEpoch - SolarHijriDay.daysBefore(year: year)
        let month = dayOfYear < 216 ? dayOfYear / 31 : (dayOfYear - 6) / 30
        self.init(unchecked: year, month + 1, dayOfYear - SolarHijriDay.daysBefore(month: month + 1) + 1)
    }

    /// The Gregorian day this Solar Hijri day falls on.
    public var gregorian: CalendarDay {
        CalendarDay(daysSinceEpoch: SolarHijriDay.daysBefore(year: year) + SolarHijriDay.daysBefore(month: month) + day - 1
                        - SolarHijriDay.epochOffset)
    }

    /// The first day of this day's month.
    public var firstOfMonth: SolarHijriDay { SolarHijriDay(unchecked: year, month, 1) }

    /// The first day of the month after this day's.
    public var firstOfNextMonth: SolarHijriDay {
        month == 12 ? SolarHijriDay(unchecked: year + 1, 1, 1) : SolarHijriDay(unchecked: year, month + 1, 1)
    }

    /// The first day of the month `months` after (or before) this day's.
    public func firstOfMonth(adding months: Int) -> SolarHijriDay {
        let total = year * 12 + month - 1 + months
        let y = SolarHijriDay.floorDivide(total, 12)
        return SolarHijriDay(unchecked: y, total - y * 12 + 1, 1)
    }

    // The arithmetic Persian calendar, as ICU (and so Foundation) computes it: a year is leap when
    // (25y + 11) mod 33 < 8, and 1 Farvardin 1 fell on Julian day 1,948,320 (19 March 622).
    // A test compares it with Foundation's calendar on every day from 1900 to 2200.

    /// Days from 1 Farvardin 1 to 1970-01-01.
    private static let epochOffset = 2_440_588 - 1_948_320

    /// Days from 1 Farvardin 1 to 1 Farvardin of `year`.
    private static func daysBefore(year: Int) -> Int {
        365 * (year - 1) + floorDivide(8 * year + 21, 33)
    }

    /// Days in the year before the first of `month` (1-12).
    private static func daysBefore(month: Int) -> Int {
        month <= 7 ? 31 * (month - 1) : 186 + 30 * (month - 7)
    }

    private static func floorDivide(_ a: Int, _ b: Int) -> Int {
        a >= 0 ? a / b : (a - b + 1) / b
    }

    /// Whether Esfand of `year` has 30 days.
    public static func isLeap(_ year: Int) -> Bool {
        let r = (25 * year + 11) % 33
        return (r < 0 ? r + 33 : r) < 8
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 1...6: return 31
        case 7...11: return 30
        default: return isLeap(year) ? 30 : 29
        }
    }

    /// `1405-09-03`: the numeric form, as typed into forms and CSV files.
    public var description: String {
        FixedFormat.padded(year, width: 4) + "-" + FixedFormat.padded(month, width: 2) + "-" + FixedFormat.padded(day, width: 2)
    }

    public static func < (a: SolarHijriDay, b: SolarHijriDay) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }
}

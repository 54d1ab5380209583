import Foundation

/// A day in the Solar Hijri (Jalali) calendar, Iran's official calendar.
///
/// Conversion goes through Foundation's Persian calendar (ICU), which follows the
/// official calendar for the years an office fleet will ever see.
public struct SolarHijriDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    private static let calendar: Calendar = {
        var c = Calendar(identifier: .persian)
        c.timeZone = .utc
        return c
    }()

    private static let gregorian: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = .utc
        return c
    }()

    /// Creates a Solar Hijri day, or nil when it does not exist (30 Esfand of a common year).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...3000).contains(year), (1...12).contains(month),
              (1...SolarHijriDay.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    public init(_ gregorian: CalendarDay) {
        let date = gregorian.start(in: .utc)
        let c = SolarHijriDay.calendar.dateComponents([.year, .month, .day], from: date)
        self.year = c.year!
        self.month = c.month!
        self.day = c.day!
    }

    /// The Gregorian day this Solar Hijri day falls on.
    public var gregorian: CalendarDay {
        let date = SolarHijriDay.calendar.date(from: DateComponents(year: year, month: month, day: day))!
        let c = SolarHijriDay.gregorian.dateComponents([.year, .month, .day], from: date)
        return CalendarDay(year: c.year!, month: c.month!, day: c.day!)!
    }

    /// Whether Esfand of `year` has 30 days.
    public static func isLeap(_ year: Int) -> Bool {
        let first = DateComponents(year: year, month: 12, day: 1)
        guard let date = calendar.date(from: first),
              let range = calendar.range(of: .day, in: .month, for: date) else { return false }
        return range.count == 30
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

import Foundation

/// When a service company works: Saturday to Wednesday 8:00-17:00, Thursday 8:00-13:00,
/// Friday and holidays off, in Tehran time. Response times are counted in these hours.
public struct WorkingHours: Sendable {
    /// Opening and closing, in minutes after midnight, per ISO weekday (Monday 1 ... Sunday 7).
    public var windows: [Int: ClosedRange<Int>]
    public var holidays: HolidayCalendar
    public var timeZone: TimeZone

    public init(holidays: HolidayCalendar = HolidayCalendar(), timeZone: TimeZone = .tehran,
                windows: [Int: ClosedRange<Int>] = WorkingHours.iranOffice) {
        self.holidays = holidays
        self.timeZone = timeZone
        self.windows = windows
    }

    /// Saturday (6) to Wednesday (3) 8:00-17:00, Thursday (4) 8:00-13:00; no Friday (5).
    public static let iranOffice: [Int: ClosedRange<Int>] = [
        6: 480...1020, 7: 480...1020, 1: 480...1020, 2: 480...1020, 3: 480...1020, 4: 480...780,
    ]

    /// The working window of a day, or nil when nobody works that day.
    func window(of day: CalendarDay) -> (open: Date, close: Date)? {
        guard !holidays.isHoliday(day), let w = windows[day.isoWeekday] else { return nil }
        let midnight = day.start(in: timeZone)
        return (midnight.addingTimeInterval(Double(w.lowerBound) * 60), midnight.addingTimeInterval(Double(w.upperBound) * 60))
    }

    /// The moment `hours` working hours after `start` have passed: a call at Wednesday 16:00 with
    /// four hours to respond is due Thursday 11:00.
    public func due(from start: Date, hours: Double) -> Date {
        var remaining = hours * 3600
        var cursor = start
        var day = CalendarDay(start, in: timeZone)
        for _ in 0..<(366 * 3) {
            if let w = window(of: day) {
                if cursor < w.open { cursor = w.open }
                if cursor < w.close {
                    let available = w.close.timeIntervalSince(cursor)
                    if remaining <= available { return cursor.addingTimeInterval(remaining) }
                    remaining -= available
                }
            }
            day = day.adding(days: 1)
            cursor = day.start(in: timeZone)
        }
        return cursor
    }

    /// Working seconds between two moments (0 when `end` is not after `start`).
    public func workingSeconds(from start: Date, to end: Date) -> TimeInterval {
        guard end > start else { return 0 }
        var total: TimeInterval = 0
        var day = CalendarDay(start, in: timeZone)
        let last = CalendarDay(end, in: timeZone)
        while day <= last {
            if let w = window(of: day) {
                let from = max(w.open, start), to = min(w.close, end)
                if to > from { total += to.timeIntervalSince(from) }
            }
            day = day.adding(days: 1)
        }
        return total
    }
}

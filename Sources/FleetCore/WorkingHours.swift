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

    /// Working seconds from `start` to `end`, negative when `end` comes first.
    public func signedSeconds(from start: Date, to end: Date) -> TimeInterval {
        end >= start ? workingSeconds(from: start, to: end) : -workingSeconds(from: end, to: start)
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

/// The working windows of the days from one moment to another, worked out once, so that the working time between
/// any two moments in that span is two binary searches: the dispatcher's board asks it for every open ticket, where
/// `workingSeconds` would convert each day between now and every due time to a date again.
public struct WorkingTimeline: Sendable {
    private var opens: [Date] = []
    private var closes: [Date] = []
    /// Working seconds in the windows before each one.
    private var before: [TimeInterval] = []
    private let span: ClosedRange<Date>
    private let hours: WorkingHours

    /// Covers every moment from `start` to `end`.
    public init(_ hours: WorkingHours, from start: Date, to end: Date) {
        self.hours = hours
        span = min(start, end)...max(start, end)
        var day = CalendarDay(span.lowerBound, in: hours.timeZone)
        let last = CalendarDay(span.upperBound, in: hours.timeZone)
        var total: TimeInterval = 0
        while day <= last {
            if let w = hours.window(of: day) {
                opens.append(w.open)
                closes.append(w.close)
                before.append(total)
                total += w.close.timeIntervalSince(w.open)
            }
            day = day.adding(days: 1)
        }
    }

    /// Working seconds from `start` to `end`, negative when `end` comes first: the same as `workingSeconds`, with
    /// the sign. Moments outside the span are worked out day by day.
    public func seconds(from start: Date, to end: Date) -> TimeInterval {
        guard span.contains(start), span.contains(end) else { return hours.signedSeconds(from: start, to: end) }
        return elapsed(to: end) - elapsed(to: start)
    }

    /// Working seconds in the span's windows up to `moment`.
    private func elapsed(to moment: Date) -> TimeInterval {
        // The last window that opens at or before the moment.
        var low = 0, high = opens.count
        while low < high {
            let mid = (low + high) / 2
            if opens[mid] <= moment { low = mid + 1 } else { high = mid }
        }
        guard low > 0 else { return 0 }
        let i = low - 1
        return before[i] + min(moment, closes[i]).timeIntervalSince(opens[i])
    }
}

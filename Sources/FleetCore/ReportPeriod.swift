import Foundation

/// The days a report covers, from the start of the first to the end of the last, in the company's zone.
public struct ReportPeriod: Equatable, Sendable {
    public let from: CalendarDay
    public let to: CalendarDay
    public let timeZone: TimeZone

    public init(from: CalendarDay, to: CalendarDay, timeZone: TimeZone = .tehran) {
        self.from = from
        self.to = max(from, to)
        self.timeZone = timeZone
    }

    public var start: Date { from.start(in: timeZone) }
    public var end: Date { to.adding(days: 1).start(in: timeZone) }
    public var days: Int { to.daysSinceEpoch - from.daysSinceEpoch + 1 }

    /// A Solar Hijri month of the period, cut to the period at either end.
    public struct Month: Equatable, Sendable {
        /// `1405-03`
        public let label: String
        public let start: Date
        public let end: Date
    }

    /// The Solar Hijri months the period touches, in order: the buckets of monthly figures and charts.
    public var months: [Month] {
        var out: [Month] = []
        var first = SolarHijriDay(from)
        while true {
            let monthStart = first.firstOfMonth
            let next = first.firstOfNextMonth
            let s = max(monthStart.gregorian, from), e = min(next.gregorian, to.adding(days: 1))
            out.append(Month(label: FixedFormat.padded(first.year, width: 4) + "-" + FixedFormat.padded(first.month, width: 2), start: s.start(in: timeZone), end: e.start(in: timeZone)))
            guard next.gregorian <= to else { break }
            first = next
        }
        return out
    }
}

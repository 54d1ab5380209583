import Foundation

/// A device's meter figures for one Solar Hijri month: what reports add up instead of reading every
/// reading again. A gap between readings that spans months is shared out between them by time, and
/// that share is counted as estimated. Toner goes to the month of the later reading of each pair.
public struct MeterMonth: Equatable, Sendable {
    /// `1405-03`
    public var month: String
    public var pages: Double = 0
    public var colorPages: Double = 0
    public var duplexPages: Double = 0
    public var estimatedPages: Double = 0
    public var blackToner: Double = 0
    public var colorToner: Double = 0
    public var tonerChanges: Int = 0
    /// The span of the month the readings cover.
    public var firstAt: Date?
    public var lastAt: Date?

    public init(month: String) {
        self.month = month
    }

    /// Adds (or, with `sign` -1, takes away) what a segment and its toner put into each month they touch.
    public static func spread(_ segment: MeterSegment, toner: TonerUse, sign: Double = 1, timeZone: TimeZone,
                              into months: inout [String: MeterMonth]) {
        let length = segment.end.timeIntervalSince(segment.start)
        var cursor = segment.start
        repeat {
            let m = SolarMonth(containing: cursor, timeZone: timeZone)
            let to = min(segment.end, m.end)
            let share = length <= 0 ? 1 : to.timeIntervalSince(cursor) / length
            var figures = months[m.label] ?? MeterMonth(month: m.label)
            figures.pages += sign * Double(segment.pages) * share
            figures.colorPages += sign * Double(segment.colorPages) * share
            figures.duplexPages += sign * Double(segment.duplexPages) * share
            if share < 1 { figures.estimatedPages += sign * Double(segment.pages) * share }
            if sign > 0 {
                figures.firstAt = min(figures.firstAt ?? cursor, cursor)
                figures.lastAt = max(figures.lastAt ?? to, to)
            }
            if to == segment.end {
                figures.blackToner += sign * toner.blackCartridges
                figures.colorToner += sign * toner.colorCartridges
                figures.tonerChanges += Int(sign) * toner.replacements
            }
            months[m.label] = figures
            cursor = to
        } while cursor < segment.end
    }

    /// What storing `reading` between `previous` and `next` changes, month by month: the gap before it and the
    /// gap after it come in, and the gap it split (a late reading arriving between two stored ones) goes out.
    public static func change(inserting reading: MeterReading, previous: MeterReading?, next: MeterReading?,
                              timeZone: TimeZone) -> [String: MeterMonth] {
        var months: [String: MeterMonth] = [:]
        if let previous { spread(from: previous, to: reading, timeZone: timeZone, into: &months) }
        if let next { spread(from: reading, to: next, timeZone: timeZone, into: &months) }
        if let previous, let next { spread(from: previous, to: next, sign: -1, timeZone: timeZone, into: &months) }
        return months
    }

    /// Spreads the gap between two readings, `a` before `b`: its pages and the toner spent in it.
    static func spread(from a: MeterReading, to b: MeterReading, sign: Double = 1, timeZone: TimeZone,
                       into months: inout [String: MeterMonth]) {
        guard let segment = MeterSegment.between([a, b]).first else { return }
        spread(segment, toner: TonerUse.between(a, b), sign: sign, timeZone: timeZone, into: &months)
    }

    /// Adds another month's figures (a change) to these.
    public mutating func add(_ other: MeterMonth) {
        pages += other.pages
        colorPages += other.colorPages
        duplexPages += other.duplexPages
        estimatedPages += other.estimatedPages
        blackToner += other.blackToner
        colorToner += other.colorToner
        tonerChanges += other.tonerChanges
        if let f = other.firstAt { firstAt = min(firstAt ?? f, f) }
        if let l = other.lastAt { lastAt = max(lastAt ?? l, l) }
    }

    /// The months of a device's readings (any order), from scratch.
    public static func of(_ readings: [MeterReading], timeZone: TimeZone) -> [String: MeterMonth] {
        let sorted = readings.sorted { $0.takenAt < $1.takenAt }
        var months: [String: MeterMonth] = [:]
        for (a, b) in zip(sorted, sorted.dropFirst()) { spread(from: a, to: b, timeZone: timeZone, into: &months) }
        return months
    }
}

extension MeterMonth {
    /// The figures of `[from, to)` alone, from the readings around it: a month cut short by a report's period.
    public static func window(_ readings: [MeterReading], label: String, from: Date, to: Date) -> MeterMonth {
        let segments = MeterSegment.between(readings)
        let count = PageCount.of(segments, from: from, to: to)
        let toner = TonerUse.of(readings, from: from, to: to)
        var m = MeterMonth(month: label)
        m.pages = Double(count.pages)
        m.colorPages = Double(count.colorPages)
        m.duplexPages = Double(count.pages - count.sheets) * 2
        m.estimatedPages = Double(count.estimatedPages)
        m.blackToner = toner.blackCartridges
        m.colorToner = toner.colorCartridges
        m.tonerChanges = toner.replacements
        let inside = segments.filter { $0.end > from && $0.start < to }
        m.firstAt = inside.first.map { max($0.start, from) }
        m.lastAt = inside.last.map { min($0.end, to) }
        return m
    }
}

/// A Solar Hijri month in a time zone: its label and the instants it starts and ends.
public struct SolarMonth: Equatable, Sendable {
    public let label: String
    public let start: Date
    public let end: Date

    public init(containing instant: Date, timeZone: TimeZone) {
        if let known = SolarMonth.recent.find(instant, timeZone: timeZone) {
            self = known
            return
        }
        self.init(computing: instant, timeZone: timeZone)
        SolarMonth.recent.add(self, timeZone: timeZone)
    }

    /// Months found lately, in each time zone: a batch of readings asks for the same few months a thousand
    /// times, and each answer costs several calendar conversions.
    private static let recent = Recent()

    private final class Recent: @unchecked Sendable {
        private let lock = NSLock()
        private var months: [(zone: TimeZone, month: SolarMonth)] = []

        func find(_ instant: Date, timeZone: TimeZone) -> SolarMonth? {
            lock.withLock { months.first { $0.month.start <= instant && instant < $0.month.end && $0.zone == timeZone }?.month }
        }

        func add(_ month: SolarMonth, timeZone: TimeZone) {
            lock.withLock {
                months.insert((timeZone, month), at: 0)
                if months.count > 48 { months.removeLast() }
            }
        }
    }

    private init(computing instant: Date, timeZone: TimeZone) {
        let solar = SolarHijriDay(CalendarDay(instant, in: timeZone))
        let first = solar.firstOfMonth
        let next = solar.firstOfNextMonth
        label = FixedFormat.padded(solar.year, width: 4) + "-" + FixedFormat.padded(solar.month, width: 2)
        start = first.gregorian.start(in: timeZone)
        end = next.gregorian.start(in: timeZone)
    }
}

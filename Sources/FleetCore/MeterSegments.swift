import Foundation

/// What a device printed between two of its readings: the unit every page figure is built from.
/// A reset reading starts its count from zero; a drop without the mark counts nothing.
public struct MeterSegment: Equatable, Sendable {
    public let start: Date
    public let end: Date
    public let pages: Int64
    public let colorPages: Int64
    /// Second sides of duplex sheets, when both readings count them.
    public let duplexPages: Int64

    public init(start: Date, end: Date, pages: Int64, colorPages: Int64, duplexPages: Int64) {
        self.start = start
        self.end = end
        self.pages = pages
        self.colorPages = colorPages
        self.duplexPages = duplexPages
    }

    /// The segments between consecutive readings (sorted by time here).
    public static func between(_ readings: [MeterReading]) -> [MeterSegment] {
        let sorted = readings.sorted { $0.takenAt < $1.takenAt }
        guard sorted.count > 1 else { return [] }
        return zip(sorted, sorted.dropFirst()).map { a, b in
            func grown(_ x: Int64?, _ y: Int64?) -> Int64 {
                guard let y else { return 0 }
                if b.counterReset { return y }
                return x.map { max(0, y - $0) } ?? 0
            }
            let pages = b.counterReset ? b.totalPages : max(0, b.totalPages - a.totalPages)
            return MeterSegment(start: a.takenAt, end: b.takenAt, pages: pages,
                                colorPages: min(pages, grown(a.colorPages, b.colorPages)),
                                duplexPages: min(pages, grown(a.duplexPages, b.duplexPages)))
        }
    }
}

/// Pages in a span of time, with the share that was estimated.
public struct PageCount: Equatable, Sendable, Codable {
    public var pages: Int64 = 0
    public var monoPages: Int64 = 0
    public var colorPages: Int64 = 0
    /// Pages from gaps between readings that only partly fall in the span, shared out by time.
    public var estimatedPages: Int64 = 0
    /// Sheets of paper: every page, less the second side of each duplex page counted.
    public var sheets: Int64 = 0

    public init() {}
}

extension PageCount {
    /// Sums the segments over `[from, to)`. A segment inside counts whole; one across an edge counts the
    /// share of its time inside (a straight line between the two readings), and that share is `estimated`.
    /// Before the first reading and after the last nothing is known, so nothing is counted.
    public static func of(_ segments: [MeterSegment], from: Date, to: Date) -> PageCount {
        var pages = 0.0, color = 0.0, duplex = 0.0, estimated = 0.0
        for s in segments where s.end > from && s.start < to {
            let length = s.end.timeIntervalSince(s.start)
            let inside = length <= 0 ? 1 : (min(s.end, to).timeIntervalSince(max(s.start, from))) / length
            pages += Double(s.pages) * inside
            color += Double(s.colorPages) * inside
            duplex += Double(s.duplexPages) * inside
            if inside < 1 { estimated += Double(s.pages) * inside }
        }
        var c = PageCount()
        c.pages = Int64(pages.rounded())
        c.colorPages = min(c.pages, Int64(color.rounded()))
        c.monoPages = c.pages - c.colorPages
        c.estimatedPages = min(c.pages, Int64(estimated.rounded()))
        c.sheets = c.pages - Int64((duplex / 2).rounded())
        return c
    }
}

/// Toner spent over a span: the drops in each cartridge's level, and the cartridges changed.
public struct TonerUse: Equatable, Sendable, Codable {
    /// In cartridges: 1.0 is one full cartridge's worth, whichever colour.
    public var blackCartridges: Double = 0
    public var colorCartridges: Double = 0
    public var replacements: Int = 0

    public init() {}

    /// A level that rose by this many points means a new cartridge, not a misread.
    public static let refillJump = 15

    /// Compares each reading with the one before it, counting the pairs whose later reading is in `[from, to)`.
    /// A rise means the old cartridge ran down to empty and the new one down to its level now.
    public static func of(_ readings: [MeterReading], from: Date, to: Date) -> TonerUse {
        let sorted = readings.sorted { $0.takenAt < $1.takenAt }
        var use = TonerUse()
        for (a, b) in zip(sorted, sorted.dropFirst()) where b.takenAt >= from && b.takenAt < to {
            let pair = between(a, b)
            use.blackCartridges += pair.blackCartridges
            use.colorCartridges += pair.colorCartridges
            use.replacements += pair.replacements
        }
        return use
    }

    /// What was spent between two readings, `a` before `b`.
    public static func between(_ a: MeterReading, _ b: MeterReading) -> TonerUse {
        var use = TonerUse()
        for supply in b.supplies where supply.isToner {
            guard let now = supply.levelPercent, now >= 0,
                  let before = a.supplies.first(where: { $0.name == supply.name })?.levelPercent, before >= 0 else { continue }
            let spent: Int
            if now >= before + refillJump {
                use.replacements += 1
                spent = before + (100 - now)
            } else {
                spent = max(0, before - now)
            }
            if isBlack(supply.name) { use.blackCartridges += Double(spent) / 100 } else { use.colorCartridges += Double(spent) / 100 }
        }
        return use
    }

    /// Black toner by its name in any of the printers' spellings; the rest is colour.
    public static func isBlack(_ name: String) -> Bool {
        let n = name.lowercased()
        return n.contains("black") || n.contains("mono") || n.contains("مشکی") || n.hasSuffix(" k") || n == "k" || n.contains("(k)")
            || !(n.contains("cyan") || n.contains("magenta") || n.contains("yellow") || n.contains("color") || n.contains("colour"))
    }
}

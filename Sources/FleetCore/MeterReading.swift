import Foundation

/// Where a meter reading came from.
public enum ReadingSource: String, Codable, CaseIterable, Sendable {
    case manual, snmp, visit
    case imported = "import"
}

/// One reading of a device's page counters.
public struct MeterReading: Equatable, Sendable {
    /// Readings are kept to the second: a reading sent again with its milliseconds is still the same reading,
    /// and a visit's counters are found again by its finishing time.
    public static func moment(_ date: Date) -> Date {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
    }

    public var takenAt: Date
    public var source: ReadingSource
    public var totalPages: Int64
    public var monoPages: Int64?
    public var colorPages: Int64?
    /// The counter started again (e.g. the formatter board was replaced): a lower total is expected.
    public var counterReset: Bool
    /// Pages printed on the second side of a sheet, where the printer counts them: what turns pages into paper.
    public var duplexPages: Int64?
    public var supplies: [SupplyReading]

    public init(takenAt: Date, source: ReadingSource, totalPages: Int64, monoPages: Int64? = nil, colorPages: Int64? = nil,
                counterReset: Bool = false, duplexPages: Int64? = nil, supplies: [SupplyReading] = []) {
        self.takenAt = takenAt
        self.source = source
        self.totalPages = totalPages
        self.monoPages = monoPages
        self.colorPages = colorPages
        self.counterReset = counterReset
        self.duplexPages = duplexPages
        self.supplies = supplies
    }
}

/// Why a reading is refused. `code` is the API's error code.
public enum ReadingRejection: Error, Equatable, Sendable {
    case negative(field: String)
    case inFuture(takenAt: Date)
    case splitMismatch(mono: Int64?, color: Int64?, total: Int64)
    case counterWentBackwards(previous: Int64, previousAt: Date)
    case aheadOfLaterReading(later: Int64, laterAt: Date)
    case duplexAboveTotal(duplex: Int64, total: Int64)
    case implausible(field: String)
    case tooOld(takenAt: Date)

    public var code: String {
        switch self {
        case .negative: return "invalid_reading"
        case .inFuture: return "reading_in_future"
        case .splitMismatch: return "counter_mismatch"
        case .counterWentBackwards: return "counter_went_backwards"
        case .aheadOfLaterReading: return "counter_ahead_of_later_reading"
        case .duplexAboveTotal: return "counter_mismatch"
        case .implausible: return "invalid_reading"
        case .tooOld: return "invalid_reading"
        }
    }

    public var field: String {
        switch self {
        case let .negative(f): return f
        case .inFuture: return "takenAt"
        case .splitMismatch: return "monoPages"
        case .counterWentBackwards, .aheadOfLaterReading: return "totalPages"
        case .duplexAboveTotal: return "duplexPages"
        case let .implausible(f): return f
        case .tooOld: return "takenAt"
        }
    }

    public var message: String {
        func iso(_ d: Date) -> String { d.formatted(.iso8601) }
        switch self {
        case let .negative(f): return "\(f) cannot be negative"
        case let .inFuture(at): return "the reading is dated \(iso(at)), in the future"
        case let .splitMismatch(m, c, t):
            if let m, let c { return "mono \(m) + colour \(c) = \(m.addingReportingOverflow(c).partialValue), not the total \(t)" }
            return "the \(m != nil ? "mono" : "colour") count \(m ?? c ?? 0) is more than the total \(t)"
        case let .counterWentBackwards(p, at):
            return "the total is lower than \(p) read at \(iso(at)); if the counter was reset (board replaced) send counterReset: true"
        case let .aheadOfLaterReading(l, at):
            return "the total is higher than \(l), read later at \(iso(at))"
        case let .duplexAboveTotal(d, t): return "the duplex count \(d) is more than the total \(t)"
        case let .implausible(f): return "\(f) is beyond any printer's counter (at most \(MeterCheck.maxPages))"
        case let .tooOld(at): return "the reading is dated \(iso(at)), before \(iso(MeterCheck.earliest)): check the date"
        }
    }
}

/// The rules a reading must pass before it is stored, given its neighbours in time on the same device.
public enum MeterCheck {
    /// Clocks drift: a reading a few minutes ahead of the server is not "in the future".
    public static let allowedClockSkew: TimeInterval = 300
    /// A trillion pages: no counter gets near it, and sums of such counts cannot overflow.
    public static let maxPages: Int64 = 1_000_000_000_000
    /// No networked printer reported a counter before this; an earlier date is a typo or a reset clock.
    public static let earliest = Date(timeIntervalSince1970: 946_684_800)   // 2000-01-01

    public static func check(_ r: MeterReading, previous: MeterReading?, next: MeterReading?, now: Date) -> ReadingRejection? {
        for (field, value) in [("totalPages", r.totalPages), ("monoPages", r.monoPages), ("colorPages", r.colorPages),
                               ("duplexPages", r.duplexPages)] as [(String, Int64?)] {
            if let value, value > maxPages { return .implausible(field: field) }
        }
        if r.takenAt < earliest { return .tooOld(takenAt: r.takenAt) }
        if r.totalPages < 0 { return .negative(field: "totalPages") }
        if let m = r.monoPages, m < 0 { return .negative(field: "monoPages") }
        if let c = r.colorPages, c < 0 { return .negative(field: "colorPages") }
        if let d = r.duplexPages, d < 0 { return .negative(field: "duplexPages") }
        if let d = r.duplexPages, d > r.totalPages { return .duplexAboveTotal(duplex: d, total: r.totalPages) }
        if r.takenAt.timeIntervalSince(now) > allowedClockSkew { return .inFuture(takenAt: r.takenAt) }
        switch (r.monoPages, r.colorPages) {
        case let (m?, c?) where m + c != r.totalPages: return .splitMismatch(mono: m, color: c, total: r.totalPages)
        case let (m?, nil) where m > r.totalPages: return .splitMismatch(mono: m, color: nil, total: r.totalPages)
        case let (nil, c?) where c > r.totalPages: return .splitMismatch(mono: nil, color: c, total: r.totalPages)
        default: break
        }
        if let p = previous, r.totalPages < p.totalPages, !r.counterReset {
            return .counterWentBackwards(previous: p.totalPages, previousAt: p.takenAt)
        }
        // A reading arriving late (an agent's outbox) must fit below the ones already after it.
        if let n = next, r.totalPages > n.totalPages, !n.counterReset {
            return .aheadOfLaterReading(later: n.totalPages, laterAt: n.takenAt)
        }
        return nil
    }
}

/// A supply's level as a reading reports it.
public struct SupplyReading: Codable, Equatable, Sendable {
    public var name: String
    /// `toner`, `ink`, `drum`, `fuser`, `wasteToner`… (PrinterSNMP's kinds); free text from other sources.
    public var kind: String
    /// Nil when the printer gives no figure (e.g. "some remaining").
    public var levelPercent: Int?

    public init(name: String, kind: String, levelPercent: Int?) {
        self.name = name
        self.kind = kind
        self.levelPercent = levelPercent
    }

    /// Marking material that runs out and is reordered.
    public var isToner: Bool {
        // PrinterSNMP's own kinds first, as they are: this runs for every supply of every reading stored, and
        // lowercasing allocates a new string each time.
        if kind == "toner" || kind == "ink" { return true }
        return Self.tonerKinds.contains(kind.lowercased())
    }

    private static let tonerKinds: Set<String> = ["toner", "ink", "tonercartridge", "inkcartridge"]
}

/// Which supplies call for a low-toner alert.
public enum LowToner {
    public static let defaultThresholdPercent = 10

    public static func low(_ supplies: [SupplyReading], thresholdPercent: Int = defaultThresholdPercent) -> [SupplyReading] {
        supplies.filter { s in s.isToner && (s.levelPercent.map { $0 <= thresholdPercent } ?? false) }
    }
}

/// Signs that a device is no longer where its record says: it answered from another address, or its own
/// sysLocation changed since the last reading.
public struct RelocationSign: Equatable, Sendable {
    public var newAddress: String?
    public var recordAddress: String?
    public var newSysLocation: String?
    public var previousSysLocation: String?

    public static func detect(recordAddress: String?, previousSysLocation: String?, address: String?, sysLocation: String?) -> RelocationSign? {
        var sign = RelocationSign()
        if let a = address, let r = recordAddress, a != r {
            sign.newAddress = a
            sign.recordAddress = r
        }
        if let s = sysLocation, let p = previousSysLocation, s.lowercased() != p.lowercased() {
            sign.newSysLocation = s
            sign.previousSysLocation = p
        }
        return sign == RelocationSign() ? nil : sign
    }

    public var summary: String {
        var parts: [String] = []
        if let a = newAddress { parts.append("answered from \(a), the record says \(recordAddress ?? "-")") }
        if let s = newSysLocation { parts.append("its location setting changed from \"\(previousSysLocation ?? "")\" to \"\(s)\"") }
        return parts.joined(separator: "; ")
    }
}

/// Pages printed between a known counter and the readings after it, across counter resets.
public enum PagesPrinted {
    /// Pages printed from `start` (the counter at some moment) through `readings`, which are the device's
    /// readings after that moment in time order. A reading marked as a reset counts its whole total (the
    /// counter started again from zero); the pages between the last reading before a reset and the reset
    /// itself were never counted and are not guessed. A lower reading without the mark counts nothing.
    public static func since(_ start: Int64, through readings: [MeterReading]) -> Int64 {
        // The same rule as every other page figure: the segments from a reading of the start counter.
        let origin = MeterReading(takenAt: .distantPast, source: .manual, totalPages: start)
        return MeterSegment.between([origin] + readings).reduce(0) { $0 + $1.pages }
    }
}

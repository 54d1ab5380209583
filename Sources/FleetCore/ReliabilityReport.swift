import Foundation

/// What to do with a machine, from its failures, its cost and its use.
public enum Recommendation: String, Sendable, Codable, CaseIterable {
    case keep, watch, replace, relocate
}

/// Failures, MTBF, repair time and cost per device, and whether each machine is worth keeping.
public enum ReliabilityReport {
    public struct DeviceInput: Sendable {
        public var id: UUID
        public var label: String
        public var model: String
        /// Machines at the same place can swap work: a site, or a site and floor.
        public var place: String?
        public var monthlyDutyPages: Int?
        /// What a new machine like it costs; the device's purchase price stands in for it.
        public var newPriceRials: Int?
        /// Pages in the period and the days they were measured over (from the consumption figures).
        public var pages: Int64
        public var measuredDays: Double
        /// Toner and paper in the period, for the cost per page with service.
        public var suppliesCostRials: Int
        /// Every repair of the device, before the period too: costs are "to date".
        public var repairs: [RepairSpan]

        public init(id: UUID, label: String, model: String, place: String?, monthlyDutyPages: Int?, newPriceRials: Int?,
                    pages: Int64, measuredDays: Double, suppliesCostRials: Int, repairs: [RepairSpan]) {
            self.id = id
            self.label = label
            self.model = model
            self.place = place
            self.monthlyDutyPages = monthlyDutyPages
            self.newPriceRials = newPriceRials
            self.pages = pages
            self.measuredDays = measuredDays
            self.suppliesCostRials = suppliesCostRials
            self.repairs = repairs
        }
    }

    public struct DeviceRow: Equatable, Sendable, Codable {
        public let deviceId: UUID
        public let label: String
        public let model: String
        public let pages: Int64
        public let failures: Int
        /// Pages and days between failures in the period; nil without a failure.
        public let mtbfPages: Int64?
        public let mtbfDays: Double?
        /// Mean hours from the call to the repair, over the period's resolved failures.
        public let mttrHours: Double?
        public let downtimeHours: Double
        public let repairCostRials: Int
        public let repairCostLast12MonthsRials: Int
        public let failuresPer10kPages: Double?
        public let modelFailuresPer10kPages: Double?
        /// Toner, paper and the period's repairs per page.
        public let costPerPageRials: Double?
        public let utilisationPercent: Double?
        public let recommendation: Recommendation
        /// The reasons as English sentences joined; `reasons` has them as values.
        public let reason: String
        public let reasons: [AdviceReason]
    }

    /// Repairs in a year above this share of a new machine's price: replace it.
    public static let replaceCostShare = 0.4
    /// Failures per 10,000 pages this many times the model's average (with at least `replaceMinFailures`): replace.
    public static let replaceRateFactor = 3.0
    public static let replaceMinFailures = 3
    public static let watchCostShare = 0.2
    public static let watchRateFactor = 1.5
    /// A machine under this share of its duty beside one over `busyShare` of its own: swap them.
    public static let idleShare = 0.05
    public static let busyShare = 0.4

    public static func build(_ inputs: [DeviceInput], period: ReportPeriod) -> [DeviceRow] {
        let inPeriod = inputs.map { d in d.repairs.filter { $0.openedAt >= period.start && $0.openedAt < period.end } }
        // The model's failure rate across the machines in the report.
        var modelPages: [String: Int64] = [:], modelFailures: [String: Int] = [:]
        for (d, failures) in zip(inputs, inPeriod) {
            modelPages[d.model, default: 0] += d.pages
            modelFailures[d.model, default: 0] += failures.count
        }
        func rate(_ failures: Int, _ pages: Int64) -> Double? { pages > 0 ? Double(failures) / Double(pages) * 10_000 : nil }
        let utilisation: [Double?] = inputs.map { d in
            guard let duty = d.monthlyDutyPages, duty > 0, d.measuredDays >= 1 else { return nil }
            return Double(d.pages) / d.measuredDays * ConsumptionReport.averageMonthDays / Double(duty)
        }
        let yearAgo = period.end.addingTimeInterval(-365 * 86_400)

        return inputs.indices.map { i in
            let d = inputs[i], failures = inPeriod[i]
            let resolved = failures.compactMap { r in r.resolvedAt.map { $0.timeIntervalSince(r.openedAt) / 3600 } }
            let downtime = d.repairs.reduce(0) { $0 + $1.downtimeHours(from: period.start, to: period.end) }
            let costToDate = d.repairs.filter { $0.openedAt < period.end }.reduce(0) { $0 + $1.partsCostRials }
            let costYear = d.repairs.filter { $0.openedAt >= yearAgo && $0.openedAt < period.end }.reduce(0) { $0 + $1.partsCostRials }
            let costPeriod = failures.reduce(0) { $0 + $1.partsCostRials }
            let own = rate(failures.count, d.pages)
            let model = rate(modelFailures[d.model] ?? 0, modelPages[d.model] ?? 0)

            var recommendation = Recommendation.keep
            var reasons: [AdviceReason] = []
            let share = d.newPriceRials.flatMap { $0 > 0 ? Double(costYear) / Double($0) : nil }
            if let share, share > replaceCostShare {
                recommendation = .replace
                reasons.append(.repairsCostShare(rials: costYear, percent: percentage(share)))
            }
            if let own, let model, model > 0, failures.count >= replaceMinFailures, own > replaceRateFactor * model {
                recommendation = .replace
                reasons.append(.failureRate(failures: failures.count, per10kPages: round2(own), model: round2(model)))
            }
            if recommendation == .keep, let u = utilisation[i] {
                let partner: Int? = inputs.indices.first { j in
                    guard j != i, d.place != nil, inputs[j].place == d.place, let v = utilisation[j] else { return false }
                    return (u < idleShare && v > busyShare) || (u > busyShare && v < idleShare)
                }
                if let j = partner {
                    recommendation = .relocate
                    reasons.append(.swap(percent: percentage(u), with: inputs[j].label, theirPercent: percentage(utilisation[j] ?? 0)))
                }
            }
            if recommendation == .keep {
                if failures.count >= 2 {
                    recommendation = .watch
                    reasons.append(.failures(failures.count))
                }
                if let own, let model, model > 0, failures.count >= 2, own > watchRateFactor * model {
                    recommendation = .watch
                    reasons.append(.failureRate(failures: nil, per10kPages: round2(own), model: round2(model)))
                }
                if let share, share > watchCostShare {
                    recommendation = .watch
                    reasons.append(.repairsCostShare(rials: nil, percent: percentage(share)))
                }
            }
            if reasons.isEmpty {
                reasons.append(failures.isEmpty ? .noFailures : .withinModelRate(failures: failures.count))
            }
            let cost = d.suppliesCostRials + costPeriod
            return DeviceRow(
                deviceId: d.id, label: d.label, model: d.model, pages: d.pages, failures: failures.count,
                mtbfPages: failures.isEmpty ? nil : d.pages / Int64(failures.count),
                mtbfDays: failures.isEmpty ? nil : round2(Double(period.days) / Double(failures.count)),
                mttrHours: resolved.isEmpty ? nil : round2(resolved.reduce(0, +) / Double(resolved.count)),
                downtimeHours: round2(downtime), repairCostRials: costToDate, repairCostLast12MonthsRials: costYear,
                failuresPer10kPages: own.map(round2), modelFailuresPer10kPages: model.map(round2),
                costPerPageRials: d.pages > 0 ? (Double(cost) / Double(d.pages) * 10).rounded() / 10 : nil,
                utilisationPercent: utilisation[i].map { round2($0 * 100) },
                recommendation: recommendation, reason: reasons.map(\.english).joined(separator: "; "), reasons: reasons)
        }
    }

    static func round2(_ x: Double) -> Double { (x * 100).rounded() / 100 }
    static func percentage(_ share: Double) -> Int { Int((share * 100).rounded()) }
}

/// Why a machine gets its advice, with its numbers: rendered in the reader's language by the pages, sent by the
/// API as a code and its parameters beside the English sentence.
public enum AdviceReason: Equatable, Sendable {
    /// Repairs in the last 12 months cost this share of a new machine (and, for a replacement, this much).
    case repairsCostShare(rials: Int?, percent: Int)
    /// Failures per 10,000 pages against the model's average (and how many failures, for a replacement).
    case failureRate(failures: Int?, per10kPages: Double, model: Double)
    /// At this share of its duty while a machine nearby (`with`) runs at theirs: swap them.
    case swap(percent: Int, with: String, theirPercent: Int)
    case failures(Int)
    case noFailures
    case withinModelRate(failures: Int)

    public var english: String {
        switch self {
        case let .repairsCostShare(rials?, percent): "repairs in the last 12 months cost \(rials) Rials, \(percent)% of a new machine"
        case let .repairsCostShare(nil, percent): "repairs in the last 12 months cost \(percent)% of a new machine"
        case let .failureRate(failures?, own, model): "\(failures) failures, \(own) per 10,000 pages against \(model) for the model"
        case let .failureRate(nil, own, model): "\(own) failures per 10,000 pages against \(model) for the model"
        case let .swap(percent, other, theirs): "at \(percent)% of its duty while \(other) nearby runs at \(theirs)%; swap them"
        case let .failures(n): "\(n) failures in the period"
        case .noFailures: "no failures in the period"
        case let .withinModelRate(n): "\(n) failure in the period, within the model's rate"
        }
    }
}

extension AdviceReason: Codable {
    private struct Wire: Codable {
        var code: String
        var rials: Int? = nil
        var percent: Int? = nil
        var failures: Int? = nil
        var per10kPages: Double? = nil
        var model: Double? = nil
        var with: String? = nil
        var theirPercent: Int? = nil
    }

    public func encode(to encoder: any Encoder) throws {
        let w: Wire = switch self {
        case let .repairsCostShare(rials, percent): Wire(code: "repairsCostShare", rials: rials, percent: percent)
        case let .failureRate(failures, own, model): Wire(code: "failureRate", failures: failures, per10kPages: own, model: model)
        case let .swap(percent, other, theirs): Wire(code: "swap", percent: percent, with: other, theirPercent: theirs)
        case let .failures(n): Wire(code: "failures", failures: n)
        case .noFailures: Wire(code: "noFailures")
        case let .withinModelRate(n): Wire(code: "withinModelRate", failures: n)
        }
        try w.encode(to: encoder)
    }

    public init(from decoder: any Decoder) throws {
        let w = try Wire(from: decoder)
        func need<T>(_ v: T?) throws -> T { try ReasonWire.required(v, code: w.code) }
        switch w.code {
        case "repairsCostShare": self = .repairsCostShare(rials: w.rials, percent: try need(w.percent))
        case "failureRate": self = .failureRate(failures: w.failures, per10kPages: try need(w.per10kPages), model: try need(w.model))
        case "swap": self = .swap(percent: try need(w.percent), with: try need(w.with), theirPercent: try need(w.theirPercent))
        case "failures": self = .failures(try need(w.failures))
        case "noFailures": self = .noFailures
        case "withinModelRate": self = .withinModelRate(failures: try need(w.failures))
        default: throw ReasonWire.Unreadable(code: w.code)
        }
    }
}

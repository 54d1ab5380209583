/// What kind of part a catalog entry is; coverage and warranty depend on it.
public enum PartKind: String, Sendable, CaseIterable, Codable {
    /// Used up by printing: drums, developer, waste toner boxes (toner itself is `ServiceRequest.toner`).
    case consumable
    /// Worn by use and replaced at PM: rollers, pads, fuser units.
    case wear
    /// Fails rather than wears: boards, motors, sensors.
    case spare
}

/// Something a client asks for, whose cost the coverage rule assigns.
public enum ServiceRequest: Equatable, Sendable {
    case repairVisit
    case pmVisit
    case part(PartKind)
    case toner
    case loaner
    case remoteSession
}

/// Who pays, and why: the reason is a value the pages render in the reader's language; `reason` is its English.
public struct CoverageDecision: Equatable, Sendable {
    public enum Charge: String, Sendable, Codable {
        case contract
        case warranty
        case billable
    }

    public let charge: Charge
    public let why: CoverageReason

    public init(_ charge: Charge, _ why: CoverageReason) {
        self.charge = charge
        self.why = why
    }

    public var covered: Bool { charge != .billable }
    public var reason: String { why.english }
}

/// A contract's name in both languages, as a reason carries it.
public struct PlanName: Equatable, Sendable, Codable {
    public let fa: String
    public let en: String
    public init(fa: String, en: String) { self.fa = fa; self.en = en }
}

/// Why a request is covered or billed, with the numbers and days behind it.
public enum CoverageReason: Equatable, Sendable {
    case partUnderWarranty(until: CalendarDay)
    case noActiveContract(on: CalendarDay)
    case repairBetweenPMs(plan: PlanName)
    case pmVisitsUsed(plan: PlanName, perYear: Int, done: Int)
    case pmVisit(number: Int, perYear: Int)
    case partsCovered(plan: PlanName, kind: PartKind)
    case partsNotCovered(plan: PlanName, coverage: PartsCoverage, kind: PartKind)
    case tonerIncluded(plan: PlanName)
    case tonerNotIncluded(plan: PlanName)
    case loanerAllowed(plan: PlanName, number: Int, allowed: Int)
    case loanersUsed(plan: PlanName, allowed: Int, out: Int)
    case remoteIncluded(plan: PlanName)
    case noRemoteSupport(plan: PlanName)

    /// The reason as an English sentence, for the API's `coverageReason` and English pages.
    public var english: String {
        func the(_ p: PlanName) -> String { "the \(p.en) contract" }
        switch self {
        case let .partUnderWarranty(until): return "the same part was fitted under a warranty that runs until \(until)"
        case let .noActiveContract(day): return "no active contract covers \(day)"
        case let .repairBetweenPMs(p): return "a breakdown between PM visits is free labour under \(the(p))"
        case let .pmVisitsUsed(p, perYear, done): return "\(the(p)) includes \(perYear) PM visits a year and \(done) were done"
        case let .pmVisit(n, perYear): return "PM visit \(n) of \(perYear) this contract year"
        case let .partsCovered(p, kind): return "\(the(p)) covers \(kind.rawValue) parts"
        case let .partsNotCovered(p, coverage, kind):
            return "\(the(p)) covers \(coverage == .none ? "no" : coverage.rawValue) parts, not \(kind.rawValue) parts"
        case let .tonerIncluded(p): return "toner is included in \(the(p))"
        case let .tonerNotIncluded(p): return "toner is not included in \(the(p))"
        case let .loanerAllowed(p, n, allowed): return "loaner \(n) of \(allowed) allowed by \(the(p))"
        case let .loanersUsed(p, allowed, out): return "\(the(p)) allows \(allowed) loaner(s) at once and \(out) are out"
        case let .remoteIncluded(p): return "remote support is part of \(the(p))"
        case let .noRemoteSupport(p): return "\(the(p)) has no remote support"
        }
    }
}

/// The contract that applies to a device on a day, as the coverage rule needs it.
public struct ActiveContract: Equatable, Sendable {
    public let plan: PlanName
    public var planName: String { plan.en }
    public let terms: ContractTerms
    public let startsOn: CalendarDay
    public let endsOn: CalendarDay

    public init(planName: String, planNameFa: String? = nil, terms: ContractTerms, startsOn: CalendarDay, endsOn: CalendarDay) {
        self.plan = PlanName(fa: planNameFa ?? planName, en: planName)
        self.terms = terms
        self.startsOn = startsOn
        self.endsOn = endsOn
    }
}

/// Decides whether a request is covered by the contract, by a part warranty, or billable.
public enum CoverageRule {
    /// - Parameters:
    ///   - contract: the device's contract, if it has one that is active (not draft or terminated).
    ///   - on: the day of the request.
    ///   - warrantyUntil: for a part, the last day of the warranty of the same part last fitted to this device.
    ///   - pmVisitsThisYear: PM visits already done in this contract year, for a PM request.
    ///   - loansOut: loaners the client holds now, for a loaner request.
    public static func decide(_ request: ServiceRequest, contract: ActiveContract?, on day: CalendarDay,
                              warrantyUntil: CalendarDay? = nil, pmVisitsThisYear: Int = 0, loansOut: Int = 0) -> CoverageDecision {
        if case .part = request, let until = warrantyUntil, day <= until {
            return CoverageDecision(.warranty, .partUnderWarranty(until: until))
        }
        guard let contract, contract.startsOn <= day, day <= contract.endsOn else {
            return CoverageDecision(.billable, .noActiveContract(on: day))
        }
        let t = contract.terms
        let plan = contract.plan
        switch request {
        case .repairVisit:
            return CoverageDecision(.contract, .repairBetweenPMs(plan: plan))
        case .pmVisit:
            guard pmVisitsThisYear < t.pmVisitsPerYear else {
                return CoverageDecision(.billable, .pmVisitsUsed(plan: plan, perYear: t.pmVisitsPerYear, done: pmVisitsThisYear))
            }
            return CoverageDecision(.contract, .pmVisit(number: pmVisitsThisYear + 1, perYear: t.pmVisitsPerYear))
        case let .part(kind):
            let covered: Bool
            switch (t.partsCoverage, kind) {
            case (.all, _): covered = true
            case (.wear, .wear): covered = true
            default: covered = false
            }
            return covered
                ? CoverageDecision(.contract, .partsCovered(plan: plan, kind: kind))
                : CoverageDecision(.billable, .partsNotCovered(plan: plan, coverage: t.partsCoverage, kind: kind))
        case .toner:
            return t.tonerIncluded ? CoverageDecision(.contract, .tonerIncluded(plan: plan))
                                   : CoverageDecision(.billable, .tonerNotIncluded(plan: plan))
        case .loaner:
            return loansOut < t.loanerDevices
                ? CoverageDecision(.contract, .loanerAllowed(plan: plan, number: loansOut + 1, allowed: t.loanerDevices))
                : CoverageDecision(.billable, .loanersUsed(plan: plan, allowed: t.loanerDevices, out: loansOut))
        case .remoteSession:
            return t.remoteSupport ? CoverageDecision(.contract, .remoteIncluded(plan: plan))
                                   : CoverageDecision(.billable, .noRemoteSupport(plan: plan))
        }
    }
}

/// Stored and sent as `{"code": "repairBetweenPMs", "plan": {"fa", "en"}, ...}`: a stable code and its parameters.
extension CoverageReason: Codable {
    private enum Keys: String, CodingKey { case code, until, on, plan, perYear, done, number, kind, coverage, allowed, out }

    public var code: String {
        switch self {
        case .partUnderWarranty: "partUnderWarranty"
        case .noActiveContract: "noActiveContract"
        case .repairBetweenPMs: "repairBetweenPMs"
        case .pmVisitsUsed: "pmVisitsUsed"
        case .pmVisit: "pmVisit"
        case .partsCovered: "partsCovered"
        case .partsNotCovered: "partsNotCovered"
        case .tonerIncluded: "tonerIncluded"
        case .tonerNotIncluded: "tonerNotIncluded"
        case .loanerAllowed: "loanerAllowed"
        case .loanersUsed: "loanersUsed"
        case .remoteIncluded: "remoteIncluded"
        case .noRemoteSupport: "noRemoteSupport"
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(code, forKey: .code)
        switch self {
        case let .partUnderWarranty(until): try c.encode(until, forKey: .until)
        case let .noActiveContract(day): try c.encode(day, forKey: .on)
        case let .repairBetweenPMs(p), let .tonerIncluded(p), let .tonerNotIncluded(p), let .remoteIncluded(p), let .noRemoteSupport(p):
            try c.encode(p, forKey: .plan)
        case let .pmVisitsUsed(p, perYear, done):
            try c.encode(p, forKey: .plan); try c.encode(perYear, forKey: .perYear); try c.encode(done, forKey: .done)
        case let .pmVisit(n, perYear): try c.encode(n, forKey: .number); try c.encode(perYear, forKey: .perYear)
        case let .partsCovered(p, kind): try c.encode(p, forKey: .plan); try c.encode(kind, forKey: .kind)
        case let .partsNotCovered(p, coverage, kind):
            try c.encode(p, forKey: .plan); try c.encode(coverage, forKey: .coverage); try c.encode(kind, forKey: .kind)
        case let .loanerAllowed(p, n, allowed):
            try c.encode(p, forKey: .plan); try c.encode(n, forKey: .number); try c.encode(allowed, forKey: .allowed)
        case let .loanersUsed(p, allowed, out):
            try c.encode(p, forKey: .plan); try c.encode(allowed, forKey: .allowed); try c.encode(out, forKey: .out)
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        func plan() throws -> PlanName { try c.decode(PlanName.self, forKey: .plan) }
        func int(_ k: Keys) throws -> Int { try c.decode(Int.self, forKey: k) }
        switch try c.decode(String.self, forKey: .code) {
        case "partUnderWarranty": self = .partUnderWarranty(until: try c.decode(CalendarDay.self, forKey: .until))
        case "noActiveContract": self = .noActiveContract(on: try c.decode(CalendarDay.self, forKey: .on))
        case "repairBetweenPMs": self = .repairBetweenPMs(plan: try plan())
        case "pmVisitsUsed": self = .pmVisitsUsed(plan: try plan(), perYear: try int(.perYear), done: try int(.done))
        case "pmVisit": self = .pmVisit(number: try int(.number), perYear: try int(.perYear))
        case "partsCovered": self = .partsCovered(plan: try plan(), kind: try c.decode(PartKind.self, forKey: .kind))
        case "partsNotCovered":
            self = .partsNotCovered(plan: try plan(), coverage: try c.decode(PartsCoverage.self, forKey: .coverage),
                                    kind: try c.decode(PartKind.self, forKey: .kind))
        case "tonerIncluded": self = .tonerIncluded(plan: try plan())
        case "tonerNotIncluded": self = .tonerNotIncluded(plan: try plan())
        case "loanerAllowed": self = .loanerAllowed(plan: try plan(), number: try int(.number), allowed: try int(.allowed))
        case "loanersUsed": self = .loanersUsed(plan: try plan(), allowed: try int(.allowed), out: try int(.out))
        case "remoteIncluded": self = .remoteIncluded(plan: try plan())
        case "noRemoteSupport": self = .noRemoteSupport(plan: try plan())
        case let other: throw DecodingError.dataCorruptedError(forKey: .code, in: c, debugDescription: "unknown coverage reason \(other)")
        }
    }
}

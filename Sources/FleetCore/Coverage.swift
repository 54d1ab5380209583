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

/// Who pays, and why in words a dispatcher can read out.
public struct CoverageDecision: Equatable, Sendable {
    public enum Charge: String, Sendable, Codable {
        case contract
        case warranty
        case billable
    }

    public let charge: Charge
    public let reason: String

    public init(_ charge: Charge, _ reason: String) {
        self.charge = charge
        self.reason = reason
    }

    public var covered: Bool { charge != .billable }
}

/// The contract that applies to a device on a day, as the coverage rule needs it.
public struct ActiveContract: Equatable, Sendable {
    public let planName: String
    public let terms: ContractTerms
    public let startsOn: CalendarDay
    public let endsOn: CalendarDay

    public init(planName: String, terms: ContractTerms, startsOn: CalendarDay, endsOn: CalendarDay) {
        self.planName = planName
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
            return CoverageDecision(.warranty, "the same part was fitted under a warranty that runs until \(until)")
        }
        guard let contract, contract.startsOn <= day, day <= contract.endsOn else {
            return CoverageDecision(.billable, "no active contract covers \(day)")
        }
        let t = contract.terms
        let plan = "the \(contract.planName) contract"
        switch request {
        case .repairVisit:
            return CoverageDecision(.contract, "a breakdown between PM visits is free labour under \(plan)")
        case .pmVisit:
            guard pmVisitsThisYear < t.pmVisitsPerYear else {
                return CoverageDecision(.billable, "\(plan) includes \(t.pmVisitsPerYear) PM visits a year and \(pmVisitsThisYear) were done")
            }
            return CoverageDecision(.contract, "PM visit \(pmVisitsThisYear + 1) of \(t.pmVisitsPerYear) this contract year")
        case let .part(kind):
            let covered: Bool
            switch (t.partsCoverage, kind) {
            case (.all, _): covered = true
            case (.wear, .wear): covered = true
            default: covered = false
            }
            return covered
                ? CoverageDecision(.contract, "\(plan) covers \(kind.rawValue) parts")
                : CoverageDecision(.billable, "\(plan) covers \(t.partsCoverage == .none ? "no" : t.partsCoverage.rawValue) parts, not \(kind.rawValue) parts")
        case .toner:
            return t.tonerIncluded
                ? CoverageDecision(.contract, "toner is included in \(plan)")
                : CoverageDecision(.billable, "toner is not included in \(plan)")
        case .loaner:
            return loansOut < t.loanerDevices
                ? CoverageDecision(.contract, "loaner \(loansOut + 1) of \(t.loanerDevices) allowed by \(plan)")
                : CoverageDecision(.billable, "\(plan) allows \(t.loanerDevices) loaner(s) at once and \(loansOut) are out")
        case .remoteSession:
            return t.remoteSupport
                ? CoverageDecision(.contract, "remote support is part of \(plan)")
                : CoverageDecision(.billable, "\(plan) has no remote support")
        }
    }
}

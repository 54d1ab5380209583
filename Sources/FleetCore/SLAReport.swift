import Foundation

/// How calls were answered and fixed against the contracts' promises: by plan, by technician, and
/// the resident technicians on their own (their calls skip dispatch, so they would flatter the rest).
///
/// Response is measured against each call's own due time (the contract's response hours, counted in
/// working hours from the call). Contracts promise no fix time, so a call counts as resolved on time
/// when it was fixed within its response hours plus `resolutionAllowanceHours` working hours: the
/// technician arrives in time and has the rest of a working day to fix it.
public enum SLAReport {
    /// One call (ticket) as the report needs it.
    public struct Call: Sendable {
        public var ticketId: UUID
        public var number: Int
        public var deviceLabel: String
        public var openedAt: Date
        /// When the response was due: fixed when the call was opened.
        public var responseDueAt: Date
        public var respondedAt: Date?
        public var resolvedAt: Date?
        /// The contract's response hours (the default for calls without a contract).
        public var responseHours: Int
        /// The plan's name, nil for a call without a contract.
        public var plan: String?
        /// Who took the call; nil when the remote desk settled it without a visit, or nobody has been sent yet.
        public var technician: String?
        public var viaResident: Bool

        public init(ticketId: UUID, number: Int, deviceLabel: String, openedAt: Date, responseDueAt: Date, respondedAt: Date?,
                    resolvedAt: Date?, responseHours: Int, plan: String?, technician: String?, viaResident: Bool) {
            self.ticketId = ticketId
            self.number = number
            self.deviceLabel = deviceLabel
            self.openedAt = openedAt
            self.responseDueAt = responseDueAt
            self.respondedAt = respondedAt
            self.resolvedAt = resolvedAt
            self.responseHours = responseHours
            self.plan = plan
            self.technician = technician
            self.viaResident = viaResident
        }
    }

    /// Met, missed, or not known yet (still open and not yet late).
    public enum Outcome: String, Sendable, Codable {
        case met, missed, pending
    }

    /// A group's calls and how they went. Hours are working hours; the rates count decided calls only.
    public struct Row: Equatable, Sendable, Codable {
        /// The plan or technician; nil for calls without a contract (by plan) or without a technician (by technician).
        public var name: String?
        public var calls = 0
        public var responseMet = 0
        public var responseMissed = 0
        public var responsePending = 0
        public var resolutionMet = 0
        public var resolutionMissed = 0
        public var resolutionPending = 0
        /// Percent of decided calls answered in time; nil when none is decided.
        public var responseRate: Double?
        public var resolutionRate: Double?
        public var meanResponseHours: Double?
        public var meanResolutionHours: Double?

        init(name: String?) { self.name = name }
    }

    /// A call that missed a promise, listed so someone can ask why.
    public struct Miss: Equatable, Sendable, Codable {
        public let ticketId: UUID
        public let number: Int
        public let deviceLabel: String
        public let technician: String?
        public let openedAt: Date
        public let responseDueAt: Date
        public let respondedAt: Date?
        public let resolutionDueAt: Date
        public let resolvedAt: Date?
        public let response: Outcome
        public let resolution: Outcome
    }

    public struct Report: Equatable, Sendable, Codable {
        public let resolutionAllowanceHours: Int
        public let totals: Row
        public let byPlan: [Row]
        /// Calls dispatched to technicians (and those without one), residents' calls left out.
        public let byTechnician: [Row]
        /// Calls that went straight to a resident technician.
        public let residents: [Row]
        public let misses: [Miss]
    }

    /// Working hours a technician has after the response time to fix the machine.
    public static let resolutionAllowanceHours = 8

    public static func build(_ calls: [Call], now: Date, working: WorkingHours,
                             resolutionAllowanceHours: Int = resolutionAllowanceHours) -> Report {
        struct Judged {
            let call: Call
            let response: Outcome
            let resolution: Outcome
            let resolutionDueAt: Date
            let responseHours: Double?
            let resolutionHours: Double?
        }
        func outcome(done: Date?, due: Date) -> Outcome {
            if let done { return done <= due ? .met : .missed }
            return now > due ? .missed : .pending
        }
        let judged = calls.map { c in
            let resolutionDue = working.due(from: c.openedAt, hours: Double(c.responseHours + resolutionAllowanceHours))
            return Judged(call: c, response: outcome(done: c.respondedAt, due: c.responseDueAt),
                          resolution: outcome(done: c.resolvedAt, due: resolutionDue), resolutionDueAt: resolutionDue,
                          responseHours: c.respondedAt.map { working.workingSeconds(from: c.openedAt, to: $0) / 3600 },
                          resolutionHours: c.resolvedAt.map { working.workingSeconds(from: c.openedAt, to: $0) / 3600 })
        }
        func row(_ name: String?, _ group: [Judged]) -> Row {
            var r = Row(name: name)
            r.calls = group.count
            for j in group {
                switch j.response { case .met: r.responseMet += 1; case .missed: r.responseMissed += 1; case .pending: r.responsePending += 1 }
                switch j.resolution {
                case .met: r.resolutionMet += 1
                case .missed: r.resolutionMissed += 1
                case .pending: r.resolutionPending += 1
                }
            }
            r.responseRate = rate(r.responseMet, r.responseMissed)
            r.resolutionRate = rate(r.resolutionMet, r.resolutionMissed)
            r.meanResponseHours = mean(group.compactMap(\.responseHours))
            r.meanResolutionHours = mean(group.compactMap(\.resolutionHours))
            return r
        }
        func rows(_ group: [Judged], by key: (Call) -> String?) -> [Row] {
            Dictionary(grouping: group) { key($0.call) }.map { row($0.key, $0.value) }
                .sorted { ($0.name == nil ? 1 : 0, $0.name ?? "") < ($1.name == nil ? 1 : 0, $1.name ?? "") }
        }
        let misses = judged.filter { $0.response == .missed || $0.resolution == .missed }
            .sorted { $0.call.openedAt < $1.call.openedAt }
            .map { j in
                Miss(ticketId: j.call.ticketId, number: j.call.number, deviceLabel: j.call.deviceLabel, technician: j.call.technician,
                     openedAt: j.call.openedAt, responseDueAt: j.call.responseDueAt, respondedAt: j.call.respondedAt,
                     resolutionDueAt: j.resolutionDueAt, resolvedAt: j.call.resolvedAt, response: j.response, resolution: j.resolution)
            }
        return Report(resolutionAllowanceHours: resolutionAllowanceHours, totals: row(nil, judged),
                      byPlan: rows(judged, by: \.plan),
                      byTechnician: rows(judged.filter { !$0.call.viaResident }, by: \.technician),
                      residents: rows(judged.filter(\.call.viaResident), by: \.technician),
                      misses: misses)
    }

    static func rate(_ met: Int, _ missed: Int) -> Double? {
        met + missed == 0 ? nil : (Double(met) / Double(met + missed) * 1000).rounded() / 10
    }

    static func mean(_ hours: [Double]) -> Double? {
        hours.isEmpty ? nil : (hours.reduce(0, +) / Double(hours.count) * 10).rounded() / 10
    }
}

/// Whether the planned PM visits were done: on time, late, or missed.
///
/// A visit is on time when it was done by its planned day plus `toleranceDays` (earlier is fine),
/// late when done after that, missed when not done and that day has passed; a visit still inside its
/// window is `due`, one whose day has not come is `upcoming`.
public enum PMCompliance {
    public struct Slot: Sendable {
        public var contractId: UUID
        /// The customer and plan, as the report names the contract.
        public var contractLabel: String
        public var number: Int
        public var date: CalendarDay
        public var doneOn: CalendarDay?
        /// The technician of the visit booked for it, if any.
        public var technician: String?
        public var visitId: UUID?

        public init(contractId: UUID, contractLabel: String, number: Int, date: CalendarDay, doneOn: CalendarDay?,
                    technician: String?, visitId: UUID?) {
            self.contractId = contractId
            self.contractLabel = contractLabel
            self.number = number
            self.date = date
            self.doneOn = doneOn
            self.technician = technician
            self.visitId = visitId
        }
    }

    public enum Status: String, Sendable, Codable, CaseIterable {
        case onTime, late, missed, due, upcoming
    }

    public struct SlotRow: Equatable, Sendable, Codable {
        public let contractId: UUID
        public let contractLabel: String
        public let number: Int
        public let date: CalendarDay
        public let doneOn: CalendarDay?
        public let technician: String?
        public let visitId: UUID?
        public let status: Status
        /// Days after the window closed (late: when done; missed: by today).
        public let daysLate: Int?
    }

    public struct Row: Equatable, Sendable, Codable {
        public var name: String?
        public var contractId: UUID?
        public var visits = 0
        public var onTime = 0
        public var late = 0
        public var missed = 0
        public var due = 0
        public var upcoming = 0
        /// Percent of the visits whose window has closed (or that were done) that were done on time.
        public var onTimeRate: Double?
        public var meanDaysLate: Double?

        init(name: String?, contractId: UUID? = nil) {
            self.name = name
            self.contractId = contractId
        }
    }

    public struct Report: Equatable, Sendable, Codable {
        public let toleranceDays: Int
        public let totals: Row
        public let byContract: [Row]
        public let byTechnician: [Row]
        public let visits: [SlotRow]
    }

    public static let toleranceDays = 14

    public static func build(_ slots: [Slot], today: CalendarDay, toleranceDays: Int = toleranceDays) -> Report {
        let judged = slots.sorted { ($0.date, $0.contractLabel, $0.number) < ($1.date, $1.contractLabel, $1.number) }.map { s in
            let closes = s.date.adding(days: toleranceDays)
            let status: Status, late: Int?
            if let done = s.doneOn {
                status = done <= closes ? .onTime : .late
                late = done <= closes ? nil : done.daysSinceEpoch - closes.daysSinceEpoch
            } else if today > closes {
                (status, late) = (.missed, today.daysSinceEpoch - closes.daysSinceEpoch)
            } else {
                (status, late) = (today >= s.date ? .due : .upcoming, nil)
            }
            return SlotRow(contractId: s.contractId, contractLabel: s.contractLabel, number: s.number, date: s.date, doneOn: s.doneOn,
                           technician: s.technician, visitId: s.visitId, status: status, daysLate: late)
        }
        func row(_ r: inout Row, _ group: [SlotRow]) {
            r.visits = group.count
            for s in group {
                switch s.status {
                case .onTime: r.onTime += 1
                case .late: r.late += 1
                case .missed: r.missed += 1
                case .due: r.due += 1
                case .upcoming: r.upcoming += 1
                }
            }
            let decided = r.onTime + r.late + r.missed
            r.onTimeRate = decided == 0 ? nil : (Double(r.onTime) / Double(decided) * 1000).rounded() / 10
            let late = group.filter { $0.status == .late }.compactMap(\.daysLate)
            r.meanDaysLate = late.isEmpty ? nil : (Double(late.reduce(0, +)) / Double(late.count) * 10).rounded() / 10
        }
        var totals = Row(name: nil)
        row(&totals, judged)
        let byContract = Dictionary(grouping: judged, by: \.contractId).map { id, group in
            var r = Row(name: group[0].contractLabel, contractId: id)
            row(&r, group)
            return r
        }.sorted { ($0.name ?? "", $0.contractId!.uuidString) < ($1.name ?? "", $1.contractId!.uuidString) }
        let byTechnician = Dictionary(grouping: judged.filter { $0.technician != nil }, by: { $0.technician! }).map { name, group in
            var r = Row(name: name)
            row(&r, group)
            return r
        }.sorted { ($0.name ?? "") < ($1.name ?? "") }
        return Report(toleranceDays: toleranceDays, totals: totals, byContract: byContract, byTechnician: byTechnician, visits: judged)
    }
}

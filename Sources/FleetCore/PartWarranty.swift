import Foundation

/// The warranty on a fitted part: the same part failing again on the same device before it
/// ends is replaced free.
public enum PartWarranty {
    /// The last day of the warranty: the same day of the month `months` later, or that month's
    /// last day when it is shorter (fitted 31 August with 6 months: 28 February).
    public static func until(fittedOn: CalendarDay, months: Int) -> CalendarDay {
        fittedOn.adding(months: months)
    }

    /// The same part fitted to the same device earlier.
    public struct Fitting: Equatable, Sendable {
        public let partNumber: String
        public let fittedOn: CalendarDay
        public let warrantyUntil: CalendarDay

        public init(partNumber: String, fittedOn: CalendarDay, warrantyUntil: CalendarDay) {
            self.partNumber = partNumber
            self.fittedOn = fittedOn
            self.warrantyUntil = warrantyUntil
        }
    }

    /// Who pays for a part fitted on `day`: warranty when the last fitting of the same part is
    /// still under warranty, otherwise whatever the contract says.
    public static func charge(kind: PartKind, contract: ActiveContract?, on day: CalendarDay,
                              previous: Fitting?) -> CoverageDecision {
        CoverageRule.decide(.part(kind), contract: contract, on: day, warrantyUntil: previous?.warrantyUntil)
    }
}

import Foundation

/// What happened to one machine of a PM visit: serviced, or passed over with the reason.
public enum PMDeviceOutcome: String, Codable, Sendable, CaseIterable {
    case done, skipped
}

/// Why a machine of a PM visit was not serviced. `other` needs a note saying what.
public enum PMSkipReason: String, Codable, Sendable, CaseIterable {
    /// Not where the record puts it, and nobody knew where it went.
    case notFound
    /// The room was locked or the technician was not let in.
    case noAccess
    /// The user could not spare it (a print run, a meeting).
    case inUse
    /// Out of order: it needs a repair, not a PM.
    case outOfOrder
    /// Switched off or unplugged for good; the client keeps it but does not use it.
    case notInUse
    case other
}

/// A part past its rated life by the pages printed since it was fitted: the PM is the time to change it.
public struct WornPart: Equatable, Sendable, Codable {
    public let partNumber: String
    public let name: String
    public let ratedLifePages: Int
    public let pagesSinceFitted: Int

    public init(partNumber: String, name: String, ratedLifePages: Int, pagesSinceFitted: Int) {
        self.partNumber = partNumber
        self.name = name
        self.ratedLifePages = ratedLifePages
        self.pagesSinceFitted = pagesSinceFitted
    }

    /// Pages since fitted as a share of the rated life, in whole percent (rounded down: 99.9% is not yet worn).
    public var percentOfLife: Int { Int(Int64(pagesSinceFitted) * 100 / Int64(ratedLifePages)) }

    /// The parts of one machine that have printed their rated life or more, most worn first.
    /// `parts` are the wear parts that fit it, with their rated life; `pagesSinceFitted` is `PartWear`'s answer.
    public static func flagged(_ parts: [(partNumber: String, name: String, ratedLifePages: Int?)],
                               pagesSinceFitted: [String: Int]) -> [WornPart] {
        parts.compactMap { p -> WornPart? in
            guard let life = p.ratedLifePages, life > 0, let used = pagesSinceFitted[p.partNumber], used >= life else { return nil }
            return WornPart(partNumber: p.partNumber, name: p.name, ratedLifePages: life, pagesSinceFitted: used)
        }
        .sorted { ($0.percentOfLife, $1.partNumber) > ($1.percentOfLife, $0.partNumber) }
    }
}

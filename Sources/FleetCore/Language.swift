/// The languages FleetCare speaks. Persian is the default everywhere.
public enum Language: String, Sendable, CaseIterable, Codable {
    case fa
    case en

    public var isRightToLeft: Bool { self == .fa }
}

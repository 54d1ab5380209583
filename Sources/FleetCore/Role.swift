/// What a signed-in person may do. A `client` user belongs to one customer and sees only its data.
public enum Role: String, Sendable, CaseIterable, Codable {
    case admin
    case dispatcher
    case technician
    case client

    /// Staff of the service company see every customer.
    public var isStaff: Bool { self != .client }
}

/// Where a device stands and who uses it: the part of the record whose change is a move.
public struct DevicePlacement: Equatable, Sendable {
    public var siteName: String
    public var floor: String?
    public var room: String?
    public var department: String?
    public var userName: String?
    public var userEmail: String?
    public var userDepartment: String?

    public init(siteName: String, floor: String? = nil, room: String? = nil, department: String? = nil,
                userName: String? = nil, userEmail: String? = nil, userDepartment: String? = nil) {
        self.siteName = siteName
        self.floor = floor
        self.room = room
        self.department = department
        self.userName = userName
        self.userEmail = userEmail
        self.userDepartment = userDepartment
    }

    /// `Head office / floor 2 / room 204 / Finance`: the location in one line.
    public var locationLine: String {
        [siteName, floor, room, department].compactMap { $0?.isEmpty == false ? $0 : nil }.joined(separator: " / ")
    }

    /// `Head office / floor 2 / room 204`: where to find the machine, as a label or a passer-by needs it.
    public var placeLine: String {
        [siteName, floor, room].compactMap { $0?.isEmpty == false ? $0 : nil }.joined(separator: " / ")
    }

    /// Whether going from `self` to `other` is a move: the location or the assigned user changed.
    public func isMove(to other: DevicePlacement) -> Bool {
        locationLine != other.locationLine || userName != other.userName || userEmail != other.userEmail
    }
}

/// One field of a device record that an edit changed, for the history log.
public struct FieldChange: Equatable, Sendable, Codable {
    public let field: String
    public let from: String?
    public let to: String?

    public init(field: String, from: String?, to: String?) {
        self.field = field
        self.from = from
        self.to = to
    }

    /// The changes between two flat views of a record, in field order, ignoring unchanged ones.
    public static func between(_ old: [(String, String?)], _ new: [(String, String?)]) -> [FieldChange] {
        let newValues = Dictionary(new.map { ($0.0, $0.1) }, uniquingKeysWith: { a, _ in a })
        return old.compactMap { field, before in
            let after = newValues[field] ?? nil
            return normalised(before) == normalised(after) ? nil : FieldChange(field: field, from: before, to: after)
        }
    }

    private static func normalised(_ value: String?) -> String? {
        guard let v = value, !v.isEmpty else { return nil }
        return v
    }
}

/// How dusty the room a device stands in is; dust shortens roller and fuser life.
public enum DustLevel: String, Sendable, CaseIterable, Codable {
    case low, medium, high
}

/// What stands between the mains and the device.
public enum PowerProtection: String, Sendable, CaseIterable, Codable {
    case none, stabilizer, ups
}

/// The physical conditions a device works in, as a technician records them.
public struct DeviceConditions: Equatable, Sendable, Codable {
    public var temperatureC: Double?
    public var humidityPercent: Double?
    public var dust: DustLevel?
    public var powerProtection: PowerProtection?
    public var notes: String?

    public init(temperatureC: Double? = nil, humidityPercent: Double? = nil, dust: DustLevel? = nil,
                powerProtection: PowerProtection? = nil, notes: String? = nil) {
        self.temperatureC = temperatureC
        self.humidityPercent = humidityPercent
        self.dust = dust
        self.powerProtection = powerProtection
        self.notes = notes
    }

    /// Checks the readings are physically plausible for an office; returns the offending field.
    public func validate() throws(FieldError) {
        if let t = temperatureC, !(-20...70).contains(t) {
            throw FieldError(field: "conditions.temperatureC", message: "temperature must be between -20 and 70 °C")
        }
        if let h = humidityPercent, !(0...100).contains(h) {
            throw FieldError(field: "conditions.humidityPercent", message: "humidity must be between 0 and 100 %")
        }
    }
}

/// A value that breaks a rule, with the path of the field that carries it.
public struct FieldError: Error, Equatable, Sendable {
    public let field: String
    public let message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}

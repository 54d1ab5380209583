import FleetCore
import Fluent
import Vapor

/// A machine under care: the device record's current state. Its past lives in `DeviceEvent`.
final class Device: Model, @unchecked Sendable {
    static let schema = "devices"

    @ID(key: .id) var id: UUID?
    /// Nil for a device of the service company's own loaner pool.
    @OptionalParent(key: "customer_id") var customer: Customer?
    @OptionalParent(key: "site_id") var site: Site?
    @OptionalParent(key: "model_id") var catalogModel: DeviceModel?
    @Field(key: "is_loaner") var isLoaner: Bool
    @Field(key: "serial_number") var serialNumber: String
    @Field(key: "make") var make: String
    /// The make lower-cased: serial numbers are unique per make, whatever the spelling.
    @Field(key: "make_key") var makeKey: String
    @Field(key: "model") var model: String
    @Field(key: "color") var color: Bool
    @Field(key: "status") var status: String
    @OptionalField(key: "asset_tag") var assetTag: String?
    @OptionalField(key: "floor") var floor: String?
    @OptionalField(key: "room") var room: String?
    @OptionalField(key: "department") var department: String?
    @OptionalField(key: "user_name") var userName: String?
    @OptionalField(key: "user_email") var userEmail: String?
    @OptionalField(key: "user_department") var userDepartment: String?
    @OptionalField(key: "ip_address") var ipAddress: String?
    @Field(key: "snmp_port") var snmpPort: Int
    @Field(key: "snmp_community") var snmpCommunity: String
    @OptionalField(key: "temperature_c") var temperatureC: Double?
    @OptionalField(key: "humidity_percent") var humidityPercent: Double?
    @OptionalField(key: "dust") var dust: String?
    @OptionalField(key: "power_protection") var powerProtection: String?
    @OptionalField(key: "condition_notes") var conditionNotes: String?
    @OptionalField(key: "installed_on") var installedOn: String?
    @OptionalField(key: "purchase_price_rials") var purchasePriceRials: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var conditions: DeviceConditions {
        DeviceConditions(temperatureC: temperatureC, humidityPercent: humidityPercent,
                         dust: dust.flatMap(DustLevel.init(rawValue:)),
                         powerProtection: powerProtection.flatMap(PowerProtection.init(rawValue:)),
                         notes: conditionNotes)
    }

    func apply(_ c: DeviceConditions) {
        temperatureC = c.temperatureC
        humidityPercent = c.humidityPercent
        dust = c.dust?.rawValue
        powerProtection = c.powerProtection?.rawValue
        conditionNotes = c.notes
    }

    func placement(siteName: String) -> DevicePlacement {
        DevicePlacement(siteName: siteName, floor: floor, room: room, department: department,
                        userName: userName, userEmail: userEmail, userDepartment: userDepartment)
    }

    /// The record flattened to named text values, for the history's "what changed".
    func snapshot(siteName: String) -> [(String, String?)] {
        [
            ("serialNumber", serialNumber), ("make", make), ("model", model), ("color", String(color)),
            ("status", status), ("assetTag", assetTag), ("site", siteName), ("floor", floor), ("room", room),
            ("department", department), ("assignedUser.name", userName), ("assignedUser.email", userEmail),
            ("assignedUser.department", userDepartment), ("ipAddress", ipAddress), ("snmpPort", String(snmpPort)),
            ("snmpCommunity", snmpCommunity), ("conditions.temperatureC", temperatureC.map { String($0) }),
            ("conditions.humidityPercent", humidityPercent.map { String($0) }), ("conditions.dust", dust),
            ("conditions.powerProtection", powerProtection), ("conditions.notes", conditionNotes),
            ("installedOn", installedOn), ("purchasePriceRials", purchasePriceRials.map { String($0) }),
        ]
    }
}

/// Where a device is in its working life.
enum DeviceStatus: String, Codable, CaseIterable, Sendable {
    case active
    case inRepair
    case retired
}

import FleetCore
import Fluent
import Vapor

/// A device's columns as plain values. Lists read them cell by cell from the query's rows: Fluent builds each
/// model by reflecting over its thirty fields (about 0.1 ms a device, a fifth of a device list page's time).
struct DeviceRow: Sendable {
    var id: UUID
    var customerID: UUID?
    var siteID: UUID?
    var modelID: UUID?
    var isLoaner: Bool
    var serialNumber: String
    var make: String
    var model: String
    var color: Bool
    var status: String
    var assetTag: String?
    var floor: String?
    var room: String?
    var department: String?
    var userName: String?
    var userEmail: String?
    var userDepartment: String?
    var ipAddress: String?
    var snmpPort: Int
    var snmpCommunity: String
    var conditions: DeviceConditions
    var installedOn: String?
    var purchasePriceRials: Int?
    var createdAt: Date?
    var updatedAt: Date?

    init(_ d: Device) {
        id = d.id!
        customerID = d.$customer.id
        siteID = d.$site.id
        modelID = d.$catalogModel.id
        isLoaner = d.isLoaner
        serialNumber = d.serialNumber
        make = d.make
        model = d.model
        color = d.color
        status = d.status
        assetTag = d.assetTag
        floor = d.floor
        room = d.room
        department = d.department
        userName = d.userName
        userEmail = d.userEmail
        userDepartment = d.userDepartment
        ipAddress = d.ipAddress
        snmpPort = d.snmpPort
        snmpCommunity = d.snmpCommunity
        conditions = d.conditions
        installedOn = d.installedOn
        purchasePriceRials = d.purchasePriceRials
        createdAt = d.createdAt
        updatedAt = d.updatedAt
    }

    /// The columns `init(_: Cells)` reads.
    static let columns = [
        "id", "customer_id", "site_id", "model_id", "is_loaner", "serial_number", "make", "model", "color", "status",
        "asset_tag", "floor", "room", "department", "user_name", "user_email", "user_department", "ip_address",
        "snmp_port", "snmp_community", "temperature_c", "humidity_percent", "dust", "power_protection",
        "condition_notes", "installed_on", "purchase_price_rials", "created_at", "updated_at",
    ]

    /// From a row of `columns` of the devices table.
    init(_ c: Cells) throws {
        id = try c.id("id")
        customerID = try c.optionalID("customer_id")
        siteID = try c.optionalID("site_id")
        modelID = try c.optionalID("model_id")
        isLoaner = try c.value("is_loaner")
        serialNumber = try c.value("serial_number")
        make = try c.value("make")
        model = try c.value("model")
        color = try c.value("color")
        status = try c.value("status")
        assetTag = try c.optional("asset_tag")
        floor = try c.optional("floor")
        room = try c.optional("room")
        department = try c.optional("department")
        userName = try c.optional("user_name")
        userEmail = try c.optional("user_email")
        userDepartment = try c.optional("user_department")
        ipAddress = try c.optional("ip_address")
        snmpPort = try c.value("snmp_port")
        snmpCommunity = try c.value("snmp_community")
        conditions = DeviceConditions(temperatureC: try c.optional("temperature_c"),
                                      humidityPercent: try c.optional("humidity_percent"),
                                      dust: try c.optional("dust", as: String.self).flatMap(DustLevel.init(rawValue:)),
                                      powerProtection: try c.optional("power_protection", as: String.self).flatMap(PowerProtection.init(rawValue:)),
                                      notes: try c.optional("condition_notes"))
        installedOn = try c.optional("installed_on")
        purchasePriceRials = try c.optional("purchase_price_rials")
        createdAt = try c.optional("created_at")
        updatedAt = try c.optional("updated_at")
    }
}

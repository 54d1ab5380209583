import FleetCore
import Fluent
import NIOConcurrencyHelpers
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

    /// From a row of a `Device` query (its output already narrowed to the devices table).
    init(_ o: any DatabaseOutput) throws {
        func text(_ key: FieldKey) throws -> String? { try o.decode(key, as: String?.self) }
        id = try o.decode(.id, as: UUID.self)
        customerID = try o.decode("customer_id", as: UUID?.self)
        siteID = try o.decode("site_id", as: UUID?.self)
        modelID = try o.decode("model_id", as: UUID?.self)
        isLoaner = try o.decode("is_loaner", as: Bool.self)
        serialNumber = try o.decode("serial_number", as: String.self)
        make = try o.decode("make", as: String.self)
        model = try o.decode("model", as: String.self)
        color = try o.decode("color", as: Bool.self)
        status = try o.decode("status", as: String.self)
        assetTag = try text("asset_tag")
        floor = try text("floor")
        room = try text("room")
        department = try text("department")
        userName = try text("user_name")
        userEmail = try text("user_email")
        userDepartment = try text("user_department")
        ipAddress = try text("ip_address")
        snmpPort = try o.decode("snmp_port", as: Int.self)
        snmpCommunity = try o.decode("snmp_community", as: String.self)
        conditions = DeviceConditions(temperatureC: try o.decode("temperature_c", as: Double?.self),
                                      humidityPercent: try o.decode("humidity_percent", as: Double?.self),
                                      dust: try text("dust").flatMap(DustLevel.init(rawValue:)),
                                      powerProtection: try text("power_protection").flatMap(PowerProtection.init(rawValue:)),
                                      notes: try text("condition_notes"))
        installedOn = try text("installed_on")
        purchasePriceRials = try o.decode("purchase_price_rials", as: Int?.self)
        createdAt = try o.decode("created_at", as: Date?.self)
        updatedAt = try o.decode("updated_at", as: Date?.self)
    }
}

extension QueryBuilder where Model == Device {
    /// The query's rows as `DeviceRow`s, read cell by cell.
    func rows() async throws -> [DeviceRow] {
        let found = NIOLockedValueBox<(rows: [DeviceRow], error: (any Error)?)>(([], nil))
        try await run { output in
            found.withLockedValue { f in
                guard f.error == nil else { return }
                do { f.rows.append(try DeviceRow(output.schema(Device.schema))) } catch { f.error = error }
            }
        }
        let (rows, error) = found.withLockedValue { $0 }
        if let error { throw error }
        return rows
    }

    /// Counts and reads one page, cell by cell.
    func pageOfRows(_ paging: Paging) async throws -> (items: [DeviceRow], total: Int) {
        try await page(paging) { try await $0.rows() }
    }
}

import FleetCore
import Foundation
import Vapor

/// The body of `POST /api/v1/devices`.
struct DeviceInput: Content {
    struct Location: Content {
        let siteId: UUID?
        let floor: String?
        let room: String?
        let department: String?
    }

    let customerId: UUID?
    let loaner: Bool?
    let serialNumber: String
    let make: String
    let model: String
    let color: Bool?
    let status: String?
    let assetTag: String?
    let location: Location?
    let assignedUser: AssignedUserDTO?
    let ipAddress: String?
    let snmpPort: Int?
    let snmpCommunity: String?
    let conditions: DeviceConditions?
    let installedOn: String?
    let purchasePriceRials: Int?
}

/// A field of a PATCH body: absent leaves it alone, `null` clears it, a value sets it.
enum Update<Value: Sendable>: Sendable {
    case keep
    case set(Value?)

    func apply(to current: Value?) -> Value? {
        switch self {
        case .keep: return current
        case let .set(v): return v
        }
    }
}

extension KeyedDecodingContainer {
    func update<T: Decodable & Sendable>(_ type: T.Type, forKey key: Key) throws -> Update<T> {
        guard contains(key) else { return .keep }
        if try decodeNil(forKey: key) { return .set(nil) }
        return .set(try decode(T.self, forKey: key))
    }
}

/// The body of `PATCH /api/v1/devices/{id}`: any subset of the device's fields.
struct DevicePatch: Decodable, Sendable {
    struct Location: Decodable, Sendable {
        var siteId: Update<UUID> = .keep
        var floor: Update<String> = .keep
        var room: Update<String> = .keep
        var department: Update<String> = .keep

        enum Keys: String, CodingKey { case siteId, floor, room, department }

        init() {}

        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: Keys.self)
            siteId = try c.update(UUID.self, forKey: .siteId)
            floor = try c.update(String.self, forKey: .floor)
            room = try c.update(String.self, forKey: .room)
            department = try c.update(String.self, forKey: .department)
        }
    }

    var serialNumber: Update<String> = .keep
    var make: Update<String> = .keep
    var model: Update<String> = .keep
    var color: Update<Bool> = .keep
    var status: Update<String> = .keep
    var assetTag: Update<String> = .keep
    var location: Location?
    var assignedUser: Update<AssignedUserDTO> = .keep
    var ipAddress: Update<String> = .keep
    var snmpPort: Update<Int> = .keep
    var snmpCommunity: Update<String> = .keep
    var conditions: Update<DeviceConditions> = .keep
    var installedOn: Update<String> = .keep
    var purchasePriceRials: Update<Int> = .keep

    enum Keys: String, CodingKey {
        case serialNumber, make, model, color, status, assetTag, location, assignedUser, ipAddress
        case snmpPort, snmpCommunity, conditions, installedOn, purchasePriceRials
    }

    init() {}

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        serialNumber = try c.update(String.self, forKey: .serialNumber)
        make = try c.update(String.self, forKey: .make)
        model = try c.update(String.self, forKey: .model)
        color = try c.update(Bool.self, forKey: .color)
        status = try c.update(String.self, forKey: .status)
        assetTag = try c.update(String.self, forKey: .assetTag)
        location = try c.decodeIfPresent(Location.self, forKey: .location)
        assignedUser = try c.update(AssignedUserDTO.self, forKey: .assignedUser)
        ipAddress = try c.update(String.self, forKey: .ipAddress)
        snmpPort = try c.update(Int.self, forKey: .snmpPort)
        snmpCommunity = try c.update(String.self, forKey: .snmpCommunity)
        conditions = try c.update(DeviceConditions.self, forKey: .conditions)
        installedOn = try c.update(String.self, forKey: .installedOn)
        purchasePriceRials = try c.update(Int.self, forKey: .purchasePriceRials)
    }
}

import FleetCore
import Fluent
import Foundation
import Vapor

/// A device's fields after validation, whatever they came from (form, API, CSV, demo data).
struct NewDevice: Sendable {
    var customerID: UUID?
    var siteID: UUID?
    var isLoaner: Bool
    var serialNumber: String
    var make: String
    var model: String
    var color: Bool?
    var status: DeviceStatus = .active
    var assetTag: String?
    var floor: String?
    var room: String?
    var department: String?
    var userName: String?
    var userEmail: String?
    var userDepartment: String?
    var ipAddress: String?
    var snmpPort: Int = 161
    var snmpCommunity: String = "public"
    var conditions = DeviceConditions()
    var installedOn: CalendarDay?
    var purchasePriceRials: Int?

    /// Checks an API body field by field; errors name the JSON path.
    init(_ input: DeviceInput) throws(FieldError) {
        typealias R = DeviceFieldRules
        isLoaner = input.loaner ?? false
        customerID = input.customerId
        if !isLoaner, customerID == nil {
            throw FieldError(field: "customerId", message: "customerId is required (or \"loaner\": true for the loaner pool)")
        }
        if isLoaner, customerID != nil {
            throw FieldError(field: "customerId", message: "a loaner belongs to the company's pool: leave customerId out")
        }
        siteID = input.location?.siteId
        if !isLoaner, siteID == nil {
            throw FieldError(field: "location.siteId", message: "location.siteId is required")
        }
        serialNumber = try R.serial(input.serialNumber)
        make = try R.required(input.make, field: "make")
        model = try R.required(input.model, field: "model")
        color = input.color
        if let s = input.status {
            guard let status = DeviceStatus(rawValue: s) else {
                throw FieldError(field: "status", message: "status must be one of active, inRepair, retired")
            }
            self.status = status
        }
        assetTag = try R.optional(input.assetTag, field: "assetTag")
        floor = try R.optional(input.location?.floor, field: "location.floor")
        room = try R.optional(input.location?.room, field: "location.room")
        department = try R.optional(input.location?.department, field: "location.department")
        if let user = input.assignedUser {
            userName = try R.required(user.name, field: "assignedUser.name")
            userEmail = try R.email(user.email, field: "assignedUser.email")
            userDepartment = try R.optional(user.department, field: "assignedUser.department")
        }
        ipAddress = try R.ipAddress(input.ipAddress)
        snmpPort = try R.snmpPort(input.snmpPort)
        snmpCommunity = try R.community(input.snmpCommunity)
        if let c = input.conditions {
            try c.validate()
            conditions = c
            conditions.notes = try R.optional(c.notes, field: "conditions.notes", limit: 2_000)
        }
        installedOn = try input.installedOn.map { text throws(FieldError) in try DayInput.read(text, field: "installedOn") }
        purchasePriceRials = try R.price(input.purchasePriceRials)
    }

    /// A checked import row whose customer and site have been resolved.
    init(_ row: DeviceImportRow, customerID: UUID, siteID: UUID) {
        self.customerID = customerID
        self.siteID = siteID
        isLoaner = false
        serialNumber = row.serialNumber
        make = row.make
        model = row.model
        color = row.color
        assetTag = row.assetTag
        floor = row.floor
        room = row.room
        department = row.department
        userName = row.assignedUser
        ipAddress = row.ipAddress
        snmpPort = row.snmpPort
        snmpCommunity = row.snmpCommunity
        installedOn = row.installedOn
    }
}

/// Registers and edits devices, writing each change into the device's history.
struct DeviceRegistry {
    let db: any Database
    let actor: User?
    var now = Date()

    init(db: any Database, actor: User?) {
        self.db = db
        self.actor = actor
    }

    /// Creates one device after checking its customer, site and serial number.
    func create(_ new: NewDevice) async throws -> Device {
        let siteName = try await checkPlacement(customerID: new.customerID, siteID: new.siteID)
        if try await Device.query(on: db)
            .filter(\.$makeKey == new.make.lowercased()).filter(\.$serialNumber == new.serialNumber).count() > 0 {
            throw APIError.conflict(code: "duplicate_serial",
                                    "a \(new.make) with serial number \(new.serialNumber) is already registered",
                                    field: "serialNumber")
        }
        let catalog = try await CatalogLookup(db: db).find(make: new.make, model: new.model)
        let device = build(new, catalog: catalog)
        try await db.writeTransaction { tx in
            try await device.create(on: tx)
            try await event(for: device, siteName: siteName).create(on: tx)
        }
        return device
    }

    /// Creates many checked devices in one transaction: all of them or none.
    func createAll(_ news: [NewDevice], siteNames: [UUID: String]) async throws {
        let catalog = CatalogLookup(db: db)
        var built: [Device] = []
        built.reserveCapacity(news.count)
        for new in news {
            built.append(build(new, catalog: try await catalog.find(make: new.make, model: new.model)))
        }
        let devices = built
        try await db.writeTransaction { tx in
            for chunk in devices.chunked(into: 200) {
                try await chunk.create(on: tx)
            }
            let events = devices.map { event(for: $0, siteName: $0.$site.id.flatMap { siteNames[$0] } ?? "") }
            for chunk in events.chunked(into: 200) {
                try await chunk.create(on: tx)
            }
        }
    }

    private func build(_ new: NewDevice, catalog: DeviceModel?) -> Device {
        let d = Device()
        d.id = UUID()
        d.$customer.id = new.customerID
        d.$site.id = new.siteID
        d.$catalogModel.id = catalog?.id
        d.isLoaner = new.isLoaner
        d.serialNumber = new.serialNumber
        d.make = catalog?.make ?? new.make
        d.makeKey = new.make.lowercased()
        d.model = catalog?.model ?? new.model
        d.color = new.color ?? catalog?.color ?? false
        d.status = new.status.rawValue
        d.assetTag = new.assetTag
        d.floor = new.floor
        d.room = new.room
        d.department = new.department
        d.userName = new.userName
        d.userEmail = new.userEmail
        d.userDepartment = new.userDepartment
        d.ipAddress = new.ipAddress
        d.snmpPort = new.snmpPort
        d.snmpCommunity = new.snmpCommunity
        d.apply(new.conditions)
        d.installedOn = new.installedOn?.description
        d.purchasePriceRials = new.purchasePriceRials
        return d
    }

    /// Where a loaner's registration sentence says it is (and its details said, before they said none).
    static let loanerPool = "the loaner pool"

    private func event(for device: Device, siteName: String) -> DeviceEvent {
        // A loaner has no place of its own: its registration says so by having none.
        let place = device.isLoaner ? nil : device.placement(siteName: siteName).locationLine
        return DeviceEvent(deviceID: device.id!, at: now, kind: .created,
                           summary: "Registered \(device.make) \(device.model) (\(device.serialNumber)) at \(place ?? Self.loanerPool)",
                           details: EventDetails(to: place).json, actor: actor)
    }

    /// The site's name, after checking the customer exists and owns the site.
    func checkPlacement(customerID: UUID?, siteID: UUID?) async throws -> String {
        if let customerID, try await Customer.find(customerID, on: db) == nil {
            throw APIError(.unprocessableEntity, code: "unknown_customer", message: "no customer has id \(customerID)", field: "customerId")
        }
        guard let siteID else { return "" }
        guard let site = try await Site.find(siteID, on: db) else {
            throw APIError(.unprocessableEntity, code: "unknown_site", message: "no site has id \(siteID)", field: "location.siteId")
        }
        guard site.$customer.id == customerID else {
            throw APIError(.unprocessableEntity, code: "site_of_other_customer",
                           message: "site \(site.name) belongs to another customer", field: "location.siteId")
        }
        return site.name
    }

    /// Applies a patch; a change of location or user is a `moved` event, anything else `edited`.
    func update(_ device: Device, with patch: DevicePatch) async throws {
        typealias R = DeviceFieldRules
        let oldSiteName = try await siteName(device.$site.id)
        let before = device.snapshot(siteName: oldSiteName)
        let placementBefore = device.placement(siteName: oldSiteName)
        let identityBefore = (device.makeKey, device.serialNumber)

        if case let .set(v) = patch.serialNumber { device.serialNumber = try R.serial(v) }
        if case let .set(v) = patch.make { device.make = try R.required(v, field: "make"); device.makeKey = device.make.lowercased() }
        if case let .set(v) = patch.model { device.model = try R.required(v, field: "model") }
        if case let .set(v) = patch.color {
            guard let v else { throw FieldError(field: "color", message: "color must be true or false") }
            device.color = v
        }
        if case let .set(v) = patch.status {
            guard let v, let status = DeviceStatus(rawValue: v) else {
                throw FieldError(field: "status", message: "status must be one of active, inRepair, retired")
            }
            device.status = status.rawValue
        }
        if case let .set(v) = patch.assetTag { device.assetTag = try R.optional(v, field: "assetTag") }
        if let loc = patch.location {
            if case let .set(siteID) = loc.siteId {
                guard let siteID, !device.isLoaner else {
                    throw FieldError(field: "location.siteId", message: "a customer's device must stand at one of its sites")
                }
                _ = try await checkPlacement(customerID: device.$customer.id, siteID: siteID)
                device.$site.id = siteID
            }
            if case let .set(v) = loc.floor { device.floor = try R.optional(v, field: "location.floor") }
            if case let .set(v) = loc.room { device.room = try R.optional(v, field: "location.room") }
            if case let .set(v) = loc.department { device.department = try R.optional(v, field: "location.department") }
        }
        if case let .set(user) = patch.assignedUser {
            device.userName = try user.map { u throws(FieldError) in try R.required(u.name, field: "assignedUser.name") }
            device.userEmail = try R.email(user?.email, field: "assignedUser.email")
            device.userDepartment = try R.optional(user?.department, field: "assignedUser.department")
        }
        if case let .set(v) = patch.ipAddress { device.ipAddress = try R.ipAddress(v) }
        if case let .set(v) = patch.snmpPort { device.snmpPort = try R.snmpPort(v) }
        if case let .set(v) = patch.snmpCommunity { device.snmpCommunity = try R.community(v) }
        if case let .set(c) = patch.conditions {
            let conditions = c ?? DeviceConditions()
            try conditions.validate()
            device.apply(conditions)
        }
        if case let .set(v) = patch.installedOn {
            if let v, !v.isEmpty {
                device.installedOn = try DayInput.read(v, field: "installedOn").description
            } else {
                device.installedOn = nil
            }
        }
        if case let .set(v) = patch.purchasePriceRials { device.purchasePriceRials = try R.price(v) }

        if identityBefore != (device.makeKey, device.serialNumber) {
            let clash = try await Device.query(on: db)
                .filter(\.$makeKey == device.makeKey).filter(\.$serialNumber == device.serialNumber)
                .filter(\.$id != device.id!).count()
            if clash > 0 {
                throw APIError.conflict(code: "duplicate_serial",
                                        "a \(device.make) with serial number \(device.serialNumber) is already registered",
                                        field: "serialNumber")
            }
        }

        let newSiteName = try await siteName(device.$site.id)
        let changes = FieldChange.between(before, device.snapshot(siteName: newSiteName))
        guard !changes.isEmpty else { return }
        let placementAfter = device.placement(siteName: newSiteName)
        let placementFields: Set<String> = ["site", "floor", "room", "department", "assignedUser.name",
                                            "assignedUser.email", "assignedUser.department"]
        var pending: [DeviceEvent] = []
        if placementBefore.isMove(to: placementAfter) {
            let from = Self.placementLine(placementBefore), to = Self.placementLine(placementAfter)
            pending.append(DeviceEvent(deviceID: device.id!, at: now, kind: .moved, summary: "Moved from \(from) to \(to)",
                                      details: EventDetails(changes: changes.filter { placementFields.contains($0.field) },
                                                            from: from, to: to).json,
                                      actor: actor))
        }
        let other = placementBefore.isMove(to: placementAfter)
            ? changes.filter { !placementFields.contains($0.field) } : changes
        if !other.isEmpty {
            pending.append(DeviceEvent(deviceID: device.id!, at: now, kind: .edited,
                                      summary: "Changed " + other.map(\.field).joined(separator: ", "),
                                      details: EventDetails(changes: other).json, actor: actor))
        }
        let events = pending
        try await db.writeTransaction { tx in
            try await device.save(on: tx)
            for e in events { try await e.create(on: tx) }
        }
    }

    static func placementLine(_ p: DevicePlacement) -> String {
        var line = p.locationLine
        if let user = p.userName { line += " (\(user))" }
        return line
    }

    private func siteName(_ id: UUID?) async throws -> String {
        guard let id else { return "" }
        return try await Site.find(id, on: db)?.name ?? ""
    }
}

/// The structured part of a history entry.
struct EventDetails: Codable, Sendable {
    var changes: [FieldChange]?
    var from: String?
    var to: String?

    init(changes: [FieldChange]? = nil, from: String? = nil, to: String? = nil) {
        self.changes = changes
        self.from = from
        self.to = to
    }

    var json: String? {
        (try? JSONEncoder().encode(self)).flatMap { String(data: $0, encoding: .utf8) }
    }

    static func decode(_ text: String?) -> EventDetails? {
        text.flatMap { try? JSONDecoder().decode(EventDetails.self, from: Data($0.utf8)) }
    }
}

/// Finds catalog models by make and model, whatever the case, remembering what it looked up.
final class CatalogLookup: @unchecked Sendable {
    let db: any Database
    private var models: [String: DeviceModel]?

    init(db: any Database) { self.db = db }

    func find(make: String, model: String) async throws -> DeviceModel? {
        if models == nil {
            let all = try await DeviceModel.query(on: db).all()
            models = Dictionary(all.map { (Self.key($0.make, $0.model), $0) }, uniquingKeysWith: { a, _ in a })
        }
        return models?[Self.key(make, model)]
    }

    static func key(_ make: String, _ model: String) -> String {
        make.lowercased().trimmingCharacters(in: .whitespaces) + "|" + model.lowercased().trimmingCharacters(in: .whitespaces)
    }
}

extension Array {
    func chunked(into size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}

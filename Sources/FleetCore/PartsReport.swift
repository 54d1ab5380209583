import Foundation

/// The parts fitted in a period, added up by device, by part and by who paid for them.
public enum PartsReport {
    public typealias Charge = CoverageDecision.Charge

    /// One line of a work report: so many of a part fitted to a device on a day, at a price, charged so.
    public struct Line: Sendable {
        public var deviceId: UUID
        public var deviceLabel: String
        public var partNumber: String
        public var partName: String
        public var quantity: Int
        public var unitPriceRials: Int
        public var charge: Charge
        public var fittedOn: CalendarDay

        public init(deviceId: UUID, deviceLabel: String, partNumber: String, partName: String, quantity: Int, unitPriceRials: Int,
                    charge: Charge, fittedOn: CalendarDay) {
            self.deviceId = deviceId
            self.deviceLabel = deviceLabel
            self.partNumber = partNumber
            self.partName = partName
            self.quantity = quantity
            self.unitPriceRials = unitPriceRials
            self.charge = charge
            self.fittedOn = fittedOn
        }

        public var valueRials: Int { quantity * unitPriceRials }
    }

    /// Quantities and value split by who paid: the contract, a part's warranty, or the client's bill.
    public struct Amounts: Equatable, Sendable, Codable {
        public var quantity = 0
        public var contractRials = 0
        public var warrantyRials = 0
        public var billableRials = 0

        public init() {}

        public var totalRials: Int { contractRials + warrantyRials + billableRials }

        mutating func add(_ l: Line) {
            quantity += l.quantity
            switch l.charge {
            case .contract: contractRials += l.valueRials
            case .warranty: warrantyRials += l.valueRials
            case .billable: billableRials += l.valueRials
            }
        }

        enum CodingKeys: String, CodingKey { case quantity, contractRials, warrantyRials, billableRials, totalRials }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            quantity = try c.decode(Int.self, forKey: .quantity)
            contractRials = try c.decode(Int.self, forKey: .contractRials)
            warrantyRials = try c.decode(Int.self, forKey: .warrantyRials)
            billableRials = try c.decode(Int.self, forKey: .billableRials)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(quantity, forKey: .quantity)
            try c.encode(contractRials, forKey: .contractRials)
            try c.encode(warrantyRials, forKey: .warrantyRials)
            try c.encode(billableRials, forKey: .billableRials)
            try c.encode(totalRials, forKey: .totalRials)
        }
    }

    public struct DeviceRow: Equatable, Sendable, Codable {
        public let deviceId: UUID
        public let label: String
        /// Distinct part numbers fitted.
        public let parts: Int
        public let amounts: Amounts
    }

    public struct PartRow: Equatable, Sendable, Codable {
        public let partNumber: String
        public let name: String
        /// Devices it was fitted to.
        public let devices: Int
        public let amounts: Amounts
        /// Fitted again under its own warranty: a repeat failure of the part, replaced free.
        public let warrantyRepeats: Int
    }

    public struct Report: Equatable, Sendable, Codable {
        public let devices: [DeviceRow]
        public let parts: [PartRow]
        public let totals: Amounts
    }

    /// Devices and parts are ordered by value, most first, then by name, so the costly ones lead.
    public static func build(_ lines: [Line]) -> Report {
        var byDevice: [UUID: (label: String, parts: Set<String>, amounts: Amounts)] = [:]
        var byPart: [String: (name: String, devices: Set<UUID>, amounts: Amounts, repeats: Int)] = [:]
        var totals = Amounts()
        for l in lines {
            byDevice[l.deviceId, default: (l.deviceLabel, [], Amounts())].parts.insert(l.partNumber)
            byDevice[l.deviceId]!.amounts.add(l)
            byPart[l.partNumber, default: (l.partName, [], Amounts(), 0)].devices.insert(l.deviceId)
            byPart[l.partNumber]!.amounts.add(l)
            if l.charge == .warranty { byPart[l.partNumber]!.repeats += l.quantity }
            totals.add(l)
        }
        let devices = byDevice.map { id, d in DeviceRow(deviceId: id, label: d.label, parts: d.parts.count, amounts: d.amounts) }
            .sorted { ($0.amounts.totalRials, $1.label) > ($1.amounts.totalRials, $0.label) }
        let parts = byPart.map { number, p in
            PartRow(partNumber: number, name: p.name, devices: p.devices.count, amounts: p.amounts, warrantyRepeats: p.repeats)
        }.sorted { ($0.amounts.totalRials, $1.partNumber) > ($1.amounts.totalRials, $0.partNumber) }
        return Report(devices: devices, parts: parts, totals: totals)
    }
}

/// What a printer says about itself over SNMP at one moment: identity, counters, supplies, status.
public struct PrinterReading: Sendable, Equatable {
    /// The address and port that answered.
    public var address: String
    public var sysDescr: String?
    public var sysObjectID: String?
    public var sysName: String?
    public var sysLocation: String?
    public var uptimeSeconds: Int64?
    public var serialNumber: String?
    public var status: PrinterStatus?
    public var errors: [PrinterErrorBit]
    /// Total impressions: the vendor's total when it has one, else mono + colour from the vendor, else the
    /// standard marker life count.
    public var totalPages: Int64?
    public var monoPages: Int64?
    public var colorPages: Int64?
    /// prtMarkerLifeCount as the standard MIB gives it, whatever the vendor counters say.
    public var markerLifeCount: Int64?
    /// Where the mono/colour split came from (`hp`, `kyocera`, `xerox`), nil when only the standard total was read.
    public var counterSource: String?
    public var supplies: [PrinterSupply]
    public var alerts: [PrinterAlert]

    public init(address: String, sysDescr: String? = nil, sysObjectID: String? = nil, sysName: String? = nil,
                sysLocation: String? = nil, uptimeSeconds: Int64? = nil, serialNumber: String? = nil,
                status: PrinterStatus? = nil, errors: [PrinterErrorBit] = [], totalPages: Int64? = nil,
                monoPages: Int64? = nil, colorPages: Int64? = nil, markerLifeCount: Int64? = nil,
                counterSource: String? = nil, supplies: [PrinterSupply] = [], alerts: [PrinterAlert] = []) {
        self.address = address
        self.sysDescr = sysDescr
        self.sysObjectID = sysObjectID
        self.sysName = sysName
        self.sysLocation = sysLocation
        self.uptimeSeconds = uptimeSeconds
        self.serialNumber = serialNumber
        self.status = status
        self.errors = errors
        self.totalPages = totalPages
        self.monoPages = monoPages
        self.colorPages = colorPages
        self.markerLifeCount = markerLifeCount
        self.counterSource = counterSource
        self.supplies = supplies
        self.alerts = alerts
    }
}

/// hrPrinterStatus.
public enum PrinterStatus: Int, Sendable, CaseIterable {
    case other = 1, unknown, idle, printing, warmup

    public var name: String { "\(self)" }
}

/// The bits of hrPrinterDetectedErrorState, in the MIB's order (bit 0 is the top bit of the first byte).
public enum PrinterErrorBit: Int, Sendable, CaseIterable {
    case lowPaper, noPaper, lowToner, noToner, doorOpen, jammed, offline, serviceRequested
    case inputTrayMissing, outputTrayMissing, markerSupplyMissing, outputNearFull, outputFull, inputTrayEmpty
    case overduePreventMaint

    public var name: String { "\(self)" }

    /// The bits set in the octets, in order.
    public static func decode(_ octets: [UInt8]) -> [PrinterErrorBit] {
        allCases.filter { bit in
            let byte = bit.rawValue / 8
            return byte < octets.count && octets[byte] & (0x80 >> UInt8(bit.rawValue % 8)) != 0
        }
    }
}

/// What a supply is, from prtMarkerSuppliesType, folded to the kinds a service company acts on.
public enum SupplyKind: String, Sendable, CaseIterable, Codable {
    case toner, ink, drum, developer, fuser, transferUnit, wasteToner, cleaner, staples, other

    init(mibType: Int64) {
        switch mibType {
        case 3, 21: self = .toner
        case 5, 6, 7: self = .ink
        case 9: self = .drum
        case 10: self = .developer
        case 11, 15, 17, 19, 22: self = .fuser
        case 20: self = .transferUnit
        case 4, 8, 14, 24, 26: self = .wasteToner
        case 16, 18: self = .cleaner
        case 29, 32: self = .staples
        default: self = .other
        }
    }

    /// Marking material that runs out and is reordered: what a low-level alert is about.
    public var isMarkingMaterial: Bool { self == .toner || self == .ink }
}

/// How full a supply is. The MIB's negative levels are kept as what they mean, not as numbers.
public enum SupplyLevel: Sendable, Equatable {
    case percent(Int)
    /// -3: "some remaining", no figure.
    case someRemaining
    /// -2, or a level with no known capacity; many vendors report -2 when a cartridge is almost out.
    case unknown
    /// -1: the agent uses another scheme.
    case other

    /// From prtMarkerSuppliesLevel and prtMarkerSuppliesMaxCapacity.
    public init(level: Int64, maxCapacity: Int64?) {
        switch level {
        case -3: self = .someRemaining
        case -1: self = .other
        case ..<0: self = .unknown
        case 0: self = .percent(0)
        default:
            guard let max = maxCapacity, max > 0 else { self = .unknown; return }
            self = .percent(Int(min(100, (level * 100 + max / 2) / max)))
        }
    }

    public var percent: Int? {
        if case let .percent(p) = self { return p }
        return nil
    }
}

/// One row of the supplies table.
public struct PrinterSupply: Sendable, Equatable {
    public var index: String
    public var kind: SupplyKind
    public var description: String
    /// The colourant's name (`black`, `cyan`…), when the agent links one.
    public var color: String?
    public var level: SupplyLevel
    /// prtMarkerSuppliesClass 4: a container that fills up (waste toner), so its level is not what is left.
    public var fills: Bool

    public init(index: String, kind: SupplyKind, description: String, color: String?, level: SupplyLevel, fills: Bool = false) {
        self.index = index
        self.kind = kind
        self.description = description
        self.color = color
        self.level = level
        self.fills = fills
    }
}

/// One row of the printer's alert table.
public struct PrinterAlert: Sendable, Equatable {
    public var code: Int64
    public var description: String
    /// prtAlertSeverityLevel: 3 critical, 4 warning, 5 warningBinaryChangeEvent, 1 other.
    public var severity: Int64?

    public init(code: Int64, description: String, severity: Int64?) {
        self.code = code
        self.description = description
        self.severity = severity
    }
}

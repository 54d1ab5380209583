import FleetCore
import Foundation
import Vapor

/// A customer as the API shows it.
struct CustomerDTO: Content {
    let id: UUID
    let name: String
    let phone: String?
    let address: String?
    let nationalId: String?
    let economicCode: String?
    let postalCode: String?
    let sites: [SiteDTO]?
    let deviceCount: Int?
}

struct SiteDTO: Content {
    let id: UUID
    let customerId: UUID
    let name: String
    let address: String?

    init(_ s: Site) {
        id = s.id!
        customerId = s.$customer.id
        name = s.name
        address = s.address
    }
}

struct CustomerInput: Content {
    let name: String
    let phone: String?
    let address: String?
    /// The identifiers the official sales invoice prints for the buyer.
    var nationalId: String?
    var economicCode: String?
    var postalCode: String?
}

struct SiteInput: Content {
    let name: String
    let address: String?
}

/// The location part of a device, in and out.
struct LocationDTO: Content {
    let siteId: UUID?
    let siteName: String?
    let floor: String?
    let room: String?
    let department: String?
}

struct AssignedUserDTO: Content {
    let name: String
    let email: String?
    let department: String?
}

struct SpecsDTO: Content {
    let kind: String
    let monthlyDutyPages: Int?
    let pagesPerMinute: Int?
}

/// The device as lists show it.
struct DeviceDTO: Content {
    let id: UUID
    let customerId: UUID?
    let customerName: String?
    let loaner: Bool
    let serialNumber: String
    let make: String
    let model: String
    let color: Bool
    let status: String
    let assetTag: String?
    let location: LocationDTO
    let assignedUser: AssignedUserDTO?
    let ipAddress: String?
    let snmpPort: Int
    let snmpCommunity: String
    let conditions: DeviceConditions
    let installedOn: CalendarDay?
    let purchasePriceRials: Int?
    let specs: SpecsDTO?
    let createdAt: Date?
    let updatedAt: Date?
}

/// The device record: the device with what is happening to it now.
struct DeviceRecordDTO: Content {
    let device: DeviceDTO
    let lastReading: ReadingSummaryDTO?
    let openTickets: [TicketSummaryDTO]

    func encode(to encoder: Encoder) throws {
        try device.encode(to: encoder)
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(lastReading, forKey: .lastReading)
        try c.encode(openTickets, forKey: .openTickets)
    }

    init(device: DeviceDTO, lastReading: ReadingSummaryDTO?, openTickets: [TicketSummaryDTO]) {
        self.device = device
        self.lastReading = lastReading
        self.openTickets = openTickets
    }

    init(from decoder: Decoder) throws {
        device = try DeviceDTO(from: decoder)
        let c = try decoder.container(keyedBy: Keys.self)
        lastReading = try c.decodeIfPresent(ReadingSummaryDTO.self, forKey: .lastReading)
        openTickets = try c.decode([TicketSummaryDTO].self, forKey: .openTickets)
    }

    enum Keys: String, CodingKey { case lastReading, openTickets }
}

/// The newest meter reading of a device (filled once meters are collected).
struct ReadingSummaryDTO: Content {
    let id: UUID
    let takenAt: Date
    let source: String
    let totalPages: Int64
    let monoPages: Int64?
    let colorPages: Int64?
    let counterReset: Bool
    let duplexPages: Int64?
    let supplies: [SupplyReading]
    let address: String?
    let sysLocation: String?

    init(id: UUID, takenAt: Date, source: String, totalPages: Int64, monoPages: Int64?, colorPages: Int64?, counterReset: Bool,
         duplexPages: Int64? = nil, supplies: [SupplyReading], address: String?, sysLocation: String?) {
        self.id = id
        self.takenAt = takenAt
        self.source = source
        self.totalPages = totalPages
        self.monoPages = monoPages
        self.colorPages = colorPages
        self.counterReset = counterReset
        self.duplexPages = duplexPages
        self.supplies = supplies
        self.address = address
        self.sysLocation = sysLocation
    }

    /// The columns `init(_: Cells)` reads.
    static let columns = ["id", "taken_at", "source", "total_pages", "mono_pages", "color_pages", "counter_reset", "duplex_pages",
                          "supplies", "address", "sys_location"]

    /// From a row of `columns` of the readings table.
    init(_ c: Cells) throws {
        id = try c.id("id")
        takenAt = try c.value("taken_at")
        source = try c.value("source")
        totalPages = try c.value("total_pages")
        monoPages = try c.optional("mono_pages")
        colorPages = try c.optional("color_pages")
        counterReset = try c.value("counter_reset")
        duplexPages = try c.optional("duplex_pages")
        supplies = try c.json("supplies")
        address = try c.optional("address")
        sysLocation = try c.optional("sys_location")
    }

    init(_ r: MeterReadingRecord) {
        id = r.id!
        takenAt = r.takenAt
        source = r.source
        totalPages = r.totalPages
        monoPages = r.monoPages
        colorPages = r.colorPages
        counterReset = r.counterReset
        duplexPages = r.duplexPages
        supplies = r.supplies
        address = r.address
        sysLocation = r.sysLocation
    }
}

/// An open service ticket of a device (filled once tickets exist).
struct TicketSummaryDTO: Content {
    let id: UUID
    let stage: String
    let openedAt: Date
}

struct HistoryItemDTO: Content {
    let at: Date
    let kind: String
    let summary: String
    let actor: String?
    let changes: [FieldChange]?
    /// For moves: where from and where to; for a registration: where.
    var from: String? = nil
    var to: String? = nil
    /// What happened as a code and its parameters (nil for registrations, edits and moves, which `changes`,
    /// `from` and `to` describe, and for old entries whose sentence could not be read).
    var event: DeviceHistoryEvent? = nil
}

struct DeviceModelDTO: Content {
    let id: UUID
    let make: String
    let model: String
    let kind: String
    let color: Bool
    let monthlyDutyPages: Int?
    let pagesPerMinute: Int?

    init(_ m: DeviceModel) {
        id = m.id!
        make = m.make
        model = m.model
        kind = m.kind
        color = m.color
        monthlyDutyPages = m.monthlyDutyPages
        pagesPerMinute = m.pagesPerMinute
    }
}

struct DeviceModelInput: Content {
    let make: String
    let model: String
    let kind: String
    let color: Bool
    let monthlyDutyPages: Int?
    let pagesPerMinute: Int?
}

import FleetCore
import Fluent
import Vapor

struct PartDTO: Content {
    let id: UUID
    let partNumber: String
    let name: String
    let kind: PartKind
    let ratedLifePages: Int?
    let priceRials: Int
    let compatibleModels: [String]

    init(_ p: Part) {
        id = p.id!
        partNumber = p.partNumber
        name = p.name
        kind = p.partKind
        ratedLifePages = p.ratedLifePages
        priceRials = p.priceRials
        compatibleModels = p.compatibleModels
    }
}

struct PartInput: Content {
    let partNumber: String
    let name: String
    let kind: PartKind
    let ratedLifePages: Int?
    let priceRials: Int
    let compatibleModels: [String]
}

struct StockReceipt: Content {
    let partNumber: String
    let quantity: Int
    /// The technician whose van receives it; the main warehouse when absent.
    let technicianId: UUID?
}

struct StockDTO: Content {
    let locationId: UUID
    let location: String
    let partNumber: String
    let quantity: Int
}

struct TicketDTO: Content {
    let id: UUID
    let number: Int
    let deviceId: UUID
    let customerId: UUID?
    let contractId: UUID?
    let channel: String
    let description: String
    let symptom: String?
    let stage: String
    let covered: Bool
    let coverageReason: String
    let openedAt: Date
    let slaDueAt: Date
    let slaBreached: Bool
    let likelyParts: [LikelyPart]
    let technicianId: UUID?
    let scheduledAt: Date?
    let remoteNotes: String?
    let resolvedAt: Date?
    let viaResident: Bool
    let callerName: String?
    let callerPhone: String?
    let priority: String
    /// `coverageReason` as a code and its parameters.
    let coverage: CoverageReason?

    init(_ t: Ticket, now: Date = Date()) {
        id = t.id!
        number = t.number
        deviceId = t.$device.id
        customerId = t.customerID
        contractId = t.contractID
        channel = t.channel
        description = t.description
        symptom = t.symptom
        stage = t.stage
        covered = t.covered
        coverageReason = t.coverageReason
        openedAt = t.openedAt
        slaDueAt = t.slaDueAt
        slaBreached = Ticket.responseBreached(respondedAt: t.respondedAt, dueAt: t.slaDueAt, now: now)
        likelyParts = t.likelyParts
        technicianId = t.technicianID
        scheduledAt = t.scheduledAt
        remoteNotes = t.remoteNotes
        resolvedAt = t.resolvedAt
        viaResident = t.viaResident
        callerName = t.callerName
        callerPhone = t.callerPhone
        priority = t.priority
        coverage = t.coverageWhy
    }
}

struct VisitDTO: Content {
    let id: UUID
    let kind: String
    let ticketId: UUID?
    let customerId: UUID?
    let technicianId: UUID
    let deviceIds: [UUID]
    let scheduledAt: Date
    let status: String
    /// The client's review of the work report: `pending`, `approved` or `disputed`; nil before completion.
    let approval: String?

    init(_ v: Visit) {
        id = v.id!
        kind = v.kind
        ticketId = v.ticketID
        customerId = v.customerID
        technicianId = v.technicianID
        deviceIds = v.deviceIDs
        scheduledAt = v.scheduledAt
        status = v.status
        approval = v.approval
    }
}

/// A completed visit's work report: what was done, the parts with who pays, the client's sign-off.
struct WorkReportDTO: Content {
    struct DeviceLine: Content {
        let id: UUID
        let make: String
        let model: String
        let serialNumber: String
        let location: String
        /// A PM visit recorded machine by machine: serviced or not (and why), and the counter read.
        var outcome: PMDeviceOutcome? = nil
        var skipReason: PMSkipReason? = nil
        var totalPages: Int64? = nil
    }

    struct PartLineDTO: Content {
        let id: UUID
        let deviceId: UUID
        let partNumber: String
        let name: String
        let quantity: Int
        let charge: String
        let chargeReason: String
        let unitPriceRials: Int
        let billedRials: Int
        let warrantyUntil: String
        /// The device's total counter when the part went in.
        let counterAtFitting: Int64?
        /// The part's own serial number, when recorded.
        var serialNumber: String? = nil
        let replacesLineId: UUID?
        let replacedByLineId: UUID?
    }

    struct SignOff: Content {
        let signerName: String
        let satisfaction: Int
        let comment: String?
        let signature: String?
    }

    let visitId: UUID
    let kind: String
    let ticketNumber: Int?
    let customerId: UUID?
    let customerName: String?
    let technician: String
    let devices: [DeviceLine]
    let startedAt: Date?
    let finishedAt: Date?
    let findings: String?
    let parts: [PartLineDTO]
    let signOff: SignOff?
    let billableTotalRials: Int
    /// For a PM visit: the checklist, each item with whether it was done.
    var checklist: [ChecklistItem]? = nil
    /// The counters read on this visit.
    var readings: [ReadingLine] = []
    /// The client's review: `pending`, `approved` or `disputed` (nil for reports from before reviews), when and why.
    var approval: String? = nil
    var approvalAt: Date? = nil
    var approvalComment: String? = nil

    struct ReadingLine: Content {
        let deviceId: UUID
        let totalPages: Int64
        let monoPages: Int64?
        let colorPages: Int64?
        let counterReset: Bool
    }

    struct ChecklistItem: Content {
        let code: String
        let fa: String
        let en: String
        let done: Bool
    }
}

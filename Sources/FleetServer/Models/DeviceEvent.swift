import FleetCore
import Fluent
import Vapor

/// One entry of a device's history. Append-only: nothing updates or deletes these rows.
final class DeviceEvent: Model, @unchecked Sendable {
    static let schema = "device_events"

    @ID(key: .id) var id: UUID?
    @Parent(key: "device_id") var device: Device
    @Field(key: "at") var at: Date
    @Field(key: "kind") var kind: String
    @Field(key: "summary") var summary: String
    /// JSON of the event's details (e.g. the changed fields), shaped per kind.
    @OptionalField(key: "details") var details: String?
    @OptionalField(key: "actor_id") var actorID: UUID?
    @OptionalField(key: "actor_name") var actorName: String?
    /// What happened as a value; nil for registrations, edits and moves (their `details` say it) and for rows
    /// from before whose sentence no parse could read.
    @OptionalField(key: "what") var what: DeviceHistoryEvent?

    init() {}

    /// An entry from its value: the kind follows from it, and the sentence is its English.
    convenience init(deviceID: UUID, at: Date, _ what: DeviceHistoryEvent, actor: User?) {
        self.init(deviceID: deviceID, at: at, kind: DeviceEventKind(what), summary: what.english, details: nil, actor: actor)
        self.what = what
    }

    convenience init(deviceID: UUID, at: Date, _ change: ContractChange, actor: User?) {
        self.init(deviceID: deviceID, at: at, DeviceHistoryEvent.contract(change), actor: actor)
    }

    init(deviceID: UUID, at: Date, kind: DeviceEventKind, summary: String, details: String?, actor: User?) {
        self.$device.id = deviceID
        self.at = at
        self.kind = kind.rawValue
        self.summary = summary
        self.details = details
        self.actorID = actor?.id
        self.actorName = actor?.name
    }
}

/// The kinds of history entry (API.md lists the ones clients rely on).
enum DeviceEventKind: String, Codable, CaseIterable, Sendable {
    case created, edited, moved, relocationReported, contract, reading, ticket, visit, partReplaced, loan

    init(_ what: DeviceHistoryEvent) {
        switch what {
        case .contract: self = .contract
        case .ticketOpened, .faultReportedAgain, .ticketResolvedRemotely, .ticketConfirmed, .ticketClosed: self = .ticket
        case .visitCompleted, .pmServiced, .pmSkipped, .reportDisputed: self = .visit
        case .partFitted: self = .partReplaced
        case .counterReset, .counterRead: self = .reading
        case .relocationNoticed, .foundElsewhere: self = .relocationReported
        case .loanerLent, .lentAgainst, .loanerReturned, .returnedToPool: self = .loan
        }
    }
}

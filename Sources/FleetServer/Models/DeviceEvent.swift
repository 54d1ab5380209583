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
    /// A contract entry as a value (joined, left, terms changed); nil for other kinds and rows no parse could read.
    @OptionalField(key: "change") var change: ContractChange?

    init() {}

    /// A contract entry: the sentence is the change's English.
    convenience init(deviceID: UUID, at: Date, _ change: ContractChange, actor: User?) {
        self.init(deviceID: deviceID, at: at, kind: .contract, summary: change.english, details: nil, actor: actor)
        self.change = change
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
}

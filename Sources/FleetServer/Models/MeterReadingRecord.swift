import FleetCore
import Fluent
import Vapor

/// A stored meter reading. One per (device, moment, source): the same reading sent twice is one row.
final class MeterReadingRecord: Model, @unchecked Sendable {
    static let schema = "meter_readings"

    @ID(key: .id) var id: UUID?
    @Parent(key: "device_id") var device: Device
    @OptionalField(key: "customer_id") var customerID: UUID?
    @Field(key: "taken_at") var takenAt: Date
    @Field(key: "source") var source: String
    @Field(key: "total_pages") var totalPages: Int64
    @OptionalField(key: "mono_pages") var monoPages: Int64?
    @OptionalField(key: "color_pages") var colorPages: Int64?
    @Field(key: "counter_reset") var counterReset: Bool
    @OptionalField(key: "duplex_pages") var duplexPages: Int64?
    @Field(key: "supplies") var supplies: [SupplyReading]
    @OptionalField(key: "address") var address: String?
    @OptionalField(key: "sys_location") var sysLocation: String?
    @Field(key: "received_at") var receivedAt: Date
    @OptionalField(key: "agent_token_id") var agentTokenID: UUID?

    init() {}

    var reading: MeterReading {
        MeterReading(takenAt: takenAt, source: ReadingSource(rawValue: source) ?? .manual, totalPages: totalPages,
                     monoPages: monoPages, colorPages: colorPages, counterReset: counterReset,
                     duplexPages: duplexPages, supplies: supplies)
    }
}

/// A collector agent's credential: it may push readings for one customer's devices and read nothing.
final class AgentToken: Model, @unchecked Sendable {
    static let schema = "agent_tokens"

    @ID(key: .id) var id: UUID?
    @Field(key: "customer_id") var customerID: UUID
    @Field(key: "site_id") var siteID: UUID
    @Field(key: "name") var name: String
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "created_by_id") var createdByID: UUID?
    @OptionalField(key: "last_used_at") var lastUsedAt: Date?
    @OptionalField(key: "revoked_at") var revokedAt: Date?

    init() {}

    /// Agent tokens carry a prefix so the server knows which table to look in, and people know what they hold.
    static let prefix = "fca_"

    static func issue() -> (token: String, hash: String) {
        let token = prefix + [UInt8].random(count: 32).base64URLEncoded
        return (token, UserToken.hash(token))
    }
}

/// When a scheduled job last ran, shared by every server instance through the database.
final class JobRun: Model, @unchecked Sendable {
    static let schema = "job_runs"

    @ID(custom: "name", generatedBy: .user) var id: String?
    @OptionalField(key: "started_at") var startedAt: Date?
    @OptionalField(key: "finished_at") var finishedAt: Date?
    @OptionalField(key: "summary") var summary: String?

    init() {}

    init(name: String) { self.id = name }
}

/// A device's meter figures for one Solar Hijri month (FleetCore's `MeterMonth`), kept by `MeterMonthBook`.
final class MeterMonthRecord: Model, @unchecked Sendable {
    static let schema = "meter_months"

    @ID(key: .id) var id: UUID?
    @Field(key: "device_id") var deviceID: UUID
    @OptionalField(key: "customer_id") var customerID: UUID?
    @Field(key: "month") var month: String
    @Field(key: "pages") var pages: Double
    @Field(key: "color_pages") var colorPages: Double
    @Field(key: "duplex_pages") var duplexPages: Double
    @Field(key: "estimated_pages") var estimatedPages: Double
    @Field(key: "black_toner") var blackToner: Double
    @Field(key: "color_toner") var colorToner: Double
    @Field(key: "toner_changes") var tonerChanges: Int
    @OptionalField(key: "first_at") var firstAt: Date?
    @OptionalField(key: "last_at") var lastAt: Date?

    init() {}

    init(deviceID: UUID, customerID: UUID?, _ m: MeterMonth) {
        id = UUID()
        self.deviceID = deviceID
        self.customerID = customerID
        month = m.month
        pages = m.pages
        colorPages = m.colorPages
        duplexPages = m.duplexPages
        estimatedPages = m.estimatedPages
        blackToner = m.blackToner
        colorToner = m.colorToner
        tonerChanges = m.tonerChanges
        firstAt = m.firstAt
        lastAt = m.lastAt
    }
}

import FleetCore
import Fluent
import SQLKit
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

    static let columns = ["id", "device_id", "customer_id", "taken_at", "source", "total_pages", "mono_pages", "color_pages",
                          "counter_reset", "duplex_pages", "supplies", "address", "sys_location", "received_at", "agent_token_id"]

    /// The columns, for reading rows cell by cell: a batch of readings loads a thousand neighbours, and Fluent
    /// builds each model by reflection (about 0.1 ms a reading).
    static func select(on sql: any SQLDatabase) -> SQLSelectBuilder {
        sql.select().columns(columns).from(schema)
    }

    /// Stores new readings (ids set) in multi-row INSERTs. Fluent's `create` walks each model's properties by
    /// reflection several times (inputs, timestamps): a fifth of a batch's time at a thousand readings.
    /// The values are bound exactly as Fluent binds them, so both databases store what `create` would.
    static func insert(_ records: [MeterReadingRecord], on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else {
            for chunk in records.chunked(into: 500) { try await Array(chunk).create(on: db) }
            return
        }
        let rows = try records.map { r -> [any Encodable & Sendable] in
            guard let id = r.id else { throw APIError(.internalServerError, code: "internal_error", message: "a reading to store has no id") }
            return [id, r.$device.id, r.customerID, r.takenAt, r.source, r.totalPages, r.monoPages, r.colorPages,
                    r.counterReset, r.duplexPages, r.supplies, r.address, r.sysLocation, r.receivedAt, r.agentTokenID]
        }
        try await sql.insertRows(into: schema, columns: columns, rows)
        for r in records { r.$id.exists = true }
    }

    /// A stored reading from a row of `select(on:)`.
    convenience init(row: any SQLRow) throws {
        self.init()
        id = try row.decode(column: "id", as: UUID.self)
        $device.id = try row.decode(column: "device_id", as: UUID.self)
        customerID = try row.decode(column: "customer_id", as: UUID?.self)
        takenAt = try row.decode(column: "taken_at", as: Date.self)
        source = try row.decode(column: "source", as: String.self)
        totalPages = try row.decode(column: "total_pages", as: Int64.self)
        monoPages = try row.decode(column: "mono_pages", as: Int64?.self)
        colorPages = try row.decode(column: "color_pages", as: Int64?.self)
        counterReset = try row.decode(column: "counter_reset", as: Bool.self)
        duplexPages = try row.decode(column: "duplex_pages", as: Int64?.self)
        supplies = try row.decode(column: "supplies", as: [SupplyReading].self)
        address = try row.decode(column: "address", as: String?.self)
        sysLocation = try row.decode(column: "sys_location", as: String?.self)
        receivedAt = try row.decode(column: "received_at", as: Date.self)
        agentTokenID = try row.decode(column: "agent_token_id", as: UUID?.self)
    }

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

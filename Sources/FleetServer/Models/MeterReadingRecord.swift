import FleetCore
import Fluent
import SQLKit
import SQLiteKit
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

/// A meter reading as the meter book handles it: read cell by cell, checked, and written in multi-row INSERTs.
/// A batch holds a thousand new readings and their stored neighbours, and a Fluent model for each (built and
/// walked by reflection, about 0.1 ms a reading) cost more than checking and storing it. The values are bound
/// exactly as Fluent binds `MeterReadingRecord`'s, so both databases store what `create` would.
struct ReadingRow: Sendable {
    var id: UUID
    var deviceID: UUID
    var customerID: UUID?
    var takenAt: Date
    var source: String
    var totalPages: Int64
    var monoPages: Int64?
    var colorPages: Int64?
    var counterReset: Bool
    var duplexPages: Int64?
    var supplies: [SupplyReading]
    var address: String?
    var sysLocation: String?
    var receivedAt: Date
    var agentTokenID: UUID?

    static let columns = ["id", "device_id", "customer_id", "taken_at", "source", "total_pages", "mono_pages", "color_pages",
                          "counter_reset", "duplex_pages", "supplies", "address", "sys_location", "received_at", "agent_token_id"]

    var reading: MeterReading {
        MeterReading(takenAt: takenAt, source: ReadingSource(rawValue: source) ?? .manual, totalPages: totalPages,
                     monoPages: monoPages, colorPages: colorPages, counterReset: counterReset,
                     duplexPages: duplexPages, supplies: supplies)
    }

    /// Stores new readings in multi-row INSERTs.
    static func insert(_ rows: [ReadingRow], on db: any Database) async throws {
        if let lite = db as? any SQLiteDatabase {
            let values = rows.map { r -> [SQLiteData] in
                [.id(r.id), .id(r.deviceID), .id(r.customerID), .date(r.takenAt), .text(r.source), .integer(r.totalPages),
                 .integer(r.monoPages), .integer(r.colorPages), .integer(r.counterReset ? 1 : 0), .integer(r.duplexPages),
                 .text(ReadingBatchJSON.text(r.supplies)), .text(r.address), .text(r.sysLocation),
                 .date(r.receivedAt), .id(r.agentTokenID)]
            }
            try await lite.insertRows(into: MeterReadingRecord.schema, columns: columns, values)
            return
        }
        let values = rows.map { r -> [any Encodable & Sendable] in
            [r.id, r.deviceID, r.customerID, r.takenAt, r.source, r.totalPages, r.monoPages, r.colorPages,
             r.counterReset, r.duplexPages, r.supplies, r.address, r.sysLocation, r.receivedAt, r.agentTokenID]
        }
        try await db.sql.insertRows(into: MeterReadingRecord.schema, columns: columns, values)
    }
}

extension ReadingRow {
    /// Each of these devices' newest stored reading (at or before `moment`, where given): one step back along the
    /// (device, time) index per device, where grouping all of a device's readings to find their maximum read a year of
    /// them. A device with two readings at that moment (two sources) has both.
    static func newest(of devices: some Collection<UUID>, atOrBefore moment: Date? = nil) -> SQLQueryString {
        let group: [any Encodable & Sendable] = Array(devices)
        var query = SQLQueryString("""
            SELECT \(unsafeRaw: columns.map { "r." + $0 }.joined(separator: ", ")) FROM devices d JOIN meter_readings r
            ON r.device_id = d.id AND r.taken_at = (SELECT MAX(m.taken_at) FROM meter_readings m WHERE m.device_id = d.id
            """)
        if let moment { query.appendInterpolation(SQLQueryString(" AND m.taken_at <= \(bind: moment)")) }
        query.appendInterpolation(SQLQueryString(") WHERE d.id IN (\(binds: group))"))
        return query
    }
}

// In an extension, so that the struct keeps its memberwise initializer.
extension ReadingRow {
    /// A stored reading from a row that has `columns`.
    init(_ row: Cells) throws {
        id = try row.id("id")
        deviceID = try row.id("device_id")
        customerID = try row.optionalID("customer_id")
        takenAt = try row.value("taken_at")
        source = try row.value("source")
        totalPages = try row.value("total_pages")
        monoPages = try row.optional("mono_pages")
        colorPages = try row.optional("color_pages")
        counterReset = try row.value("counter_reset")
        duplexPages = try row.optional("duplex_pages")
        supplies = try row.supplies("supplies")
        address = try row.optional("address")
        sysLocation = try row.optional("sys_location")
        receivedAt = try row.value("received_at")
        agentTokenID = try row.optionalID("agent_token_id")
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

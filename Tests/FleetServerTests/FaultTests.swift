import Fluent
import FleetCore
import Foundation
import SQLKit
import Testing
import Vapor

@testable import FleetServer

/// Real server processes, stopped politely and killed outright in the middle of large writes.
@Suite("Faults: signals and kills in the middle of writes", .serialized)
struct FaultTests {
    static let admin = (email: "admin@fault.example", password: "fault-password-1")

    static func environment(_ dir: String) -> [String: String] {
        ["FLEETCARE_DATABASE_PATH": "\(dir)/fleet.sqlite", "FLEETCARE_ADMIN_EMAIL": admin.email, "FLEETCARE_ADMIN_PASSWORD": admin.password]
    }

    /// A customer with a site, and a device CSV of `count` rows for it.
    static func prepare(_ wire: Wire, devices count: Int, prefix: String) async throws -> String {
        let customer = try await wire.send(.POST, "/api/v1/customers", body: #"{"name":"Bank \#(prefix)"}"#).json["id"] as? String
        guard let customer else { throw TestFailure("no customer") }
        _ = try await wire.send(.POST, "/api/v1/customers/\(customer)/sites", body: #"{"name":"HQ"}"#)
        return "customer,site,serialNumber,make,model\n"
            + (1...count).map { "Bank \(prefix),HQ,\(prefix)-\(String(format: "%05d", $0)),HP,LaserJet Pro M404dn" }.joined(separator: "\n") + "\n"
    }

    static func count(_ dir: String, _ sql: String) async throws -> Int {
        var n = 0
        try await withFileApp("\(dir)/fleet.sqlite") { app in
            n = try await (app.db as! any SQLDatabase).raw(SQLQueryString(sql)).first()?.decode(column: "n", as: Int.self) ?? -1
        }
        return n
    }

    @Test("SIGTERM lets a large import in flight finish and answer, then the server exits cleanly")
    func gracefulShutdown() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let client = try await Wire.makeClientApp()
        defer { Task { try? await client.asyncShutdown() } }
        // Request lines logged, so the signal is sent once the server has the import in hand, however slow the machine.
        var environment = Self.environment(dir)
        environment["LOG_LEVEL"] = "info"
        let server = try await ServerProcess.start(environment, directory: dir)
        do {
            let wire = Wire(client, base: server.base)
            try await wire.login(Self.admin.email, Self.admin.password)
            let csv = try await Self.prepare(wire, devices: 3_000, prefix: "TERM")
            async let reply = wire.send(.POST, "/api/v1/devices/import", body: csv, contentType: "text/csv")
            try await server.waitForLog("POST /api/v1/devices/import")
            server.signal(SIGTERM)
            let r = try await reply
            #expect(r.status == .ok, "\(r.status) \(r.text.prefix(300))\n\(server.log.suffix(3_000))")
            #expect(r.json["imported"] as? Int == 3_000)
            let status = try await server.waitForExit(timeout: .seconds(60))
            #expect(status == 0, "exit \(String(describing: status))\n\(server.log.suffix(2_000))")
        } catch {
            await server.stop()
            throw error
        }
        #expect(try await Self.count(dir, "SELECT count(*) AS n FROM devices") == 3_000)
    }

    @Test("SIGKILL in the middle of a large CSV import or a batch of readings leaves all of it or none of it")
    func killMidWrite() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let client = try await Wire.makeClientApp()
        defer { Task { try? await client.asyncShutdown() } }

        // The import: killed while it writes.
        let server = try await ServerProcess.start(Self.environment(dir), directory: dir, name: "first")
        let wire = Wire(client, base: server.base)
        try await wire.login(Self.admin.email, Self.admin.password)
        let csv = try await Self.prepare(wire, devices: 3_000, prefix: "KILL")
        async let lost = wire.send(.POST, "/api/v1/devices/import", body: csv, contentType: "text/csv")
        try await Task.sleep(for: .milliseconds(600))
        server.signal(SIGKILL)
        let answered = (try? await lost)?.status
        #expect(try await server.waitForExit() == SIGKILL || server.process.terminationReason == .uncaughtSignal)
        let devices = try await Self.count(dir, "SELECT count(*) AS n FROM devices")
        #expect(devices == 0 || devices == 3_000, "\(devices) of 3000 devices survived the kill")
        #expect(try await Self.count(dir, "SELECT count(*) AS n FROM device_events") == devices)
        print("import killed: \(devices == 0 ? "none" : "all") of it kept (the response: \(answered.map { "\($0.code)" } ?? "none"))")

        // The readings: a batch of 1,000, killed while it writes.
        let second = try await ServerProcess.start(Self.environment(dir), directory: dir, name: "second")
        do {
            try await killReadings(second, wire, csv: csv, dir: dir, devicesKept: devices)
        } catch {
            await second.stop()
            throw error
        }
    }

    func killReadings(_ server: ServerProcess, _ wire: Wire, csv: String, dir: String, devicesKept devices: Int) async throws {
        wire.base = server.base
        try await wire.login(Self.admin.email, Self.admin.password)
        if devices == 0 {
            let r = try await wire.send(.POST, "/api/v1/devices/import", body: csv, contentType: "text/csv")
            #expect(r.status == .ok)
        }
        let ids = try await wire.send(.GET, "/api/v1/devices?limit=500").json["items"] as? [[String: Any]] ?? []
        let more = try await wire.send(.GET, "/api/v1/devices?limit=500&offset=500").json["items"] as? [[String: Any]] ?? []
        let deviceIDs = (ids + more).compactMap { $0["id"] as? String }
        #expect(deviceIDs.count == 1_000, "\(ids.count) + \(more.count), \(Set(deviceIDs).count) distinct")
        let at = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-3_600))
        let batch = #"{"readings":["# + deviceIDs.enumerated().map { i, id in
            #"{"deviceId":"\#(id)","takenAt":"\#(at)","source":"manual","totalPages":\#(10_000 + i)}"#
        }.joined(separator: ",") + "]}"
        async let cut = wire.send(.POST, "/api/v1/readings", body: batch)
        try await Task.sleep(for: .milliseconds(250))
        server.signal(SIGKILL)
        let readingsAnswer = (try? await cut)?.status
        _ = try await server.waitForExit()
        let readings = try await Self.count(dir, "SELECT count(*) AS n FROM meter_readings")
        #expect(readings == 0 || readings == 1_000, "\(readings) of 1000 readings survived the kill")
        #expect(try await Self.count(dir, "SELECT count(*) AS n FROM meter_months") == (readings == 0 ? 0 : 1_000))
        print("readings killed: \(readings == 0 ? "none" : "all") of them kept (the response: \(readingsAnswer.map { "\($0.code)" } ?? "none"))")
    }
}

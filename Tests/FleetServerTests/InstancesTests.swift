import Fluent
import FleetCore
import Foundation
import SQLKit
import Testing
import Vapor

@testable import FleetServer

/// Server processes on one PostgreSQL database: what only several processes, or a database going away, show.
/// Runs when `FLEETCARE_TEST_POSTGRES_URL` is set (as `.ci/run` does); otherwise each test says it is skipped.
@Suite("Several instances on PostgreSQL, and the database going away", .serialized,
       .enabled(if: TestDatabase.usesPostgres, "needs FLEETCARE_TEST_POSTGRES_URL (PostgreSQL): skipped"))
struct InstancesTests {
    static let admin = (email: "admin@instances.example", password: "instances-password-1")

    /// A fresh database of its own, and its URL; dropped by the returned closure.
    static func database() async throws -> (url: String, name: String, drop: () async throws -> Void) {
        let base = TestDatabase.postgresURL!
        let name = "fc_proc_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        try await PostgresAdmin.run(base, "CREATE DATABASE \(name)")
        var components = URLComponents(string: base)!
        components.path = "/\(name)"
        return (components.string!, String(name), { try await PostgresAdmin.run(base, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)") })
    }

    static func environment(_ url: String) -> [String: String] {
        ["DATABASE_URL": url, "FLEETCARE_ADMIN_EMAIL": admin.email, "FLEETCARE_ADMIN_PASSWORD": admin.password]
    }

    @Test("The database going away: requests get 503 with the error body while it is gone, and work again when it is back, without a restart")
    func databaseDrops() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (url, name, drop) = try await Self.database()
        let client = try await Wire.makeClientApp()
        let server = try await ServerProcess.start(Self.environment(url), directory: dir)
        let base = TestDatabase.postgresURL!
        do {
            let wire = Wire(client, base: server.base)
            try await wire.login(Self.admin.email, Self.admin.password)
            #expect(try await wire.send(.GET, "/api/v1/devices").status == .ok)
            let browser = Wire(client, base: server.base)
            try await browser.signInPage(Self.admin.email, Self.admin.password)

            try await PostgresAdmin.run(base, "ALTER DATABASE \(name) WITH ALLOW_CONNECTIONS false")
            try await PostgresAdmin.run(base, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(name)'")
            let started = ContinuousClock.now
            let down = try await wire.send(.GET, "/api/v1/devices")
            #expect(down.status == .serviceUnavailable, "\(down.status) \(down.text)")
            #expect(down.errorCode == "database_unavailable")
            #expect(down.headers.first(name: .retryAfter) != nil)
            #expect(ContinuousClock.now - started < .seconds(15), "it answers, rather than hanging until the client gives up")
            let page = try await browser.send(.GET, "/devices", headers: ["Accept": "text/html"])
            #expect(page.status == .serviceUnavailable)
            #expect(page.text.contains("<html"), "a page, not JSON, for the browser")
            #expect(try await wire.send(.GET, "/api/v1/health").status == .ok, "the process itself is alive")

            try await PostgresAdmin.run(base, "ALTER DATABASE \(name) WITH ALLOW_CONNECTIONS true")
            var back: HTTPResponseStatus = .serviceUnavailable
            for _ in 0..<60 where back != .ok {
                back = try await wire.send(.GET, "/api/v1/devices").status
                if back != .ok { try await Task.sleep(for: .milliseconds(250)) }
            }
            #expect(back == .ok, "the server recovers on its own")
            #expect(try await wire.send(.POST, "/api/v1/customers", body: #"{"name":"After the outage"}"#).status == .created)
            #expect(try await browser.send(.GET, "/devices", headers: ["Accept": "text/html"]).status == .ok, "the session outlived the outage")
        } catch {
            Issue.record("\(error)\n\(server.log.suffix(3_000))")
        }
        await server.stop()
        try? await client.asyncShutdown()
        try await drop()
    }

    @Test("Two servers on one database: a session made on one works on the other, and each message is sent by exactly one of them")
    func twoInstances() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (url, _, drop) = try await Self.database()
        let client = try await Wire.makeClientApp()
        let gateway = try await FakeSMSGateway.start()
        var env = Self.environment(url)
        env["FLEETCARE_DELIVERY_EVERY_SECONDS"] = "1"
        env["FLEETCARE_SMS_URL"] = "http://127.0.0.1:\(gateway.port)/send?to={to}&text={text}"
        // Started together on an empty database: they take turns to migrate and to create the first admin.
        async let startingA = ServerProcess.start(env, directory: dir, name: "a")
        async let startingB = ServerProcess.start(env, directory: dir, name: "b")
        let (a, b) = try await (startingA, startingB)
        let side = try await Application.make(.testing)
        do {
            // A browser signs in on A, and carries on on B with the same cookie.
            let browser = Wire(client, base: a.base)
            try await browser.signInPage(Self.admin.email, Self.admin.password)
            browser.base = b.base
            let onB = try await browser.send(.GET, "/devices", headers: ["Accept": "text/html"])
            #expect(onB.status == .ok, "the session made on A opens pages on B: \(onB.status)")
            #expect(onB.text.contains("Administrator"))
            let created = try await browser.send(.GET, "/customers/new", headers: ["Accept": "text/html"])
            let token = try #require(created.text.firstMatch(of: /name="_csrf" value="([^"]+)"/)).1
            browser.base = a.base
            let form = try await browser.send(.POST, "/customers/new", body: "name=Made+across&_csrf=" + (String(token).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""),
                                              contentType: "application/x-www-form-urlencoded", headers: ["Accept": "text/html"])
            #expect(form.status == .seeOther, "a form token from B's page is good on A: \(form.status)")

            // Forty text messages wait in the outbox; both servers look every second.
            let api = Wire(client, base: b.base)
            try await api.login(Self.admin.email, Self.admin.password)
            #expect(try await api.send(.PATCH, "/api/v1/auth/me", body: #"{"phone":"09121234567","notifySms":true}"#).status == .ok)
            var config = AppConfiguration.testing(storage: .postgres(url: url))
            config.autoMigrate = false
            try await configure(side, config)
            let adminID = try #require(try await User.query(on: side.db).filter(\.$email == Self.admin.email).first()?.id)
            for i in 1...40 {
                try await Notifier(db: side.db, now: Date()).tell([adminID], .ticketStage, fa: "پیام \(i)", en: "message \(i)", link: nil)
            }
            var pending = 40
            for _ in 0..<120 where pending > 0 {
                try await Task.sleep(for: .milliseconds(250))
                pending = try await Delivery.query(on: side.db).filter(\.$status != DeliveryStatus.sent.rawValue).count()
            }
            #expect(pending == 0, "every message was sent")
            try await Task.sleep(for: .seconds(2))   // time for a second sending, were there one
            let texts = gateway.hits.withLockedValue { $0.compactMap { $0.query["text"] } }
            #expect(texts.count == 40, "each message reached the gateway once: \(texts.count) requests")
            #expect(Set(texts).count == 40)
        } catch {
            Issue.record("\(error)\n--- a ---\n\(a.log.suffix(2_000))\n--- b ---\n\(b.log.suffix(2_000))")
        }
        try? await side.asyncShutdown()
        await a.stop()
        await b.stop()
        try? await gateway.stop()
        try? await client.asyncShutdown()
        try await drop()
    }
}

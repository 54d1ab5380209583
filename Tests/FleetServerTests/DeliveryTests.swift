import FleetCore
import Fluent
import Foundation
import NIOConcurrencyHelpers
import Testing
import Vapor
import VaporTesting

@testable import FleetServer

/// An SMS provider's HTTP endpoint on loopback: records what it was sent and answers with the status it is told.
final class FakeSMSGateway: Sendable {
    struct Hit: Sendable {
        let method: String
        let query: [String: String]
        let body: String
    }

    let app: Application
    let port: Int
    let hits = NIOLockedValueBox<[Hit]>([])
    let answer = NIOLockedValueBox<HTTPResponseStatus>(.ok)

    private init(app: Application, port: Int) {
        self.app = app
        self.port = port
    }

    static func start() async throws -> FakeSMSGateway {
        let app = try await Application.make(.testing)
        app.http.server.configuration.hostname = "127.0.0.1"
        app.http.server.configuration.port = 0
        let box = NIOLockedValueBox<FakeSMSGateway?>(nil)
        app.on(.GET, "send") { req -> Response in try box.withLockedValue { $0 }!.record(req) }
        app.on(.POST, "send") { req -> Response in try box.withLockedValue { $0 }!.record(req) }
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        guard let port = app.http.server.shared.localAddress?.port else { throw TestFailure("the fake gateway has no port") }
        let gateway = FakeSMSGateway(app: app, port: port)
        box.withLockedValue { $0 = gateway }
        return gateway
    }

    func record(_ req: Request) throws -> Response {
        let query = (try? req.query.decode([String: String].self)) ?? [:]
        hits.withLockedValue { $0.append(Hit(method: req.method.rawValue, query: query, body: req.body.string ?? "")) }
        return Response(status: answer.withLockedValue { $0 }, body: .init(string: #"{"return":{"status":200}}"#))
    }

    func stop() async throws {
        await app.server.shutdown()
        try await app.asyncShutdown()
    }
}

@Suite("Notifications by SMS through an HTTP gateway")
struct DeliveryTests {
    @Test("A notice is texted by the worker, not the request; a failing gateway is retried, then given up on for admins to see")
    func smsThroughGateway() async throws {
        let gateway = try await FakeSMSGateway.start()
        do {
            try await withFleetApp { app in
                app.fleetConfiguration.publicURL = "https://service.example.ir"
                app.fleetConfiguration.smsGateway = SMSGateway(
                    urlTemplate: "http://127.0.0.1:\(gateway.port)/send?to={to}&text={text}&key={apiKey}", apiKey: "secret-key")
                let s = try await ServiceFixture.make(app)
                let noPhone = try await s.f.clientA.patch("/api/v1/auth/me", #"{"notifySms":true}"#)
                #expect(noPhone.status == .unprocessableEntity)
                #expect(noPhone.text.contains("a mobile number is needed"))
                let me = try await s.f.clientA.patch("/api/v1/auth/me", #"{"phone":"+98 912 345 6789","notifySms":true}"#)
                #expect(me.json["phone"] as? String == "+989123456789")
                #expect(me.json["notifySms"] as? Bool == true)

                let ticket = try await s.openTicket("paper jam").json
                #expect(gateway.hits.withLockedValue { $0.count } == 0, "the request does not wait for the gateway")
                #expect(try await Delivery.query(on: app.db).filter(\.$status == "pending").count() == 1)

                let sent = try await DeliveryWorker.runOnce(app)
                #expect(sent == .init(sent: 1, retrying: 0, failed: 0))
                let hit = try #require(gateway.hits.withLockedValue { $0.first })
                #expect(hit.method == "GET")
                #expect(hit.query["to"] == "09123456789")
                #expect(hit.query["key"] == "secret-key")
                #expect(hit.query["text"] == "درخواست #\(PersianDigits.fromASCII(String(ticket["number"] as! Int))): بررسی از راه دور\n"
                        + "https://service.example.ir/tickets/\((ticket["id"] as! String).uppercased())")
                #expect(try await DeliveryWorker.runOnce(app) == .init(), "a sent message is not sent again")

                // The gateway goes down: the message waits and is tried again, less and less often, then given up on.
                gateway.answer.withLockedValue { $0 = .serviceUnavailable }
                _ = try await s.dispatch(ticket["id"] as! String)
                var now = Date()
                #expect(try await DeliveryWorker.runOnce(app, now: now) == .init(sent: 0, retrying: 1, failed: 0))
                let waiting = try #require(try await Delivery.query(on: app.db).filter(\.$status == "pending").first())
                #expect(waiting.attempts == 1)
                #expect(abs(waiting.nextAttemptAt.timeIntervalSince(now) - 60) < 1)
                #expect(try await DeliveryWorker.runOnce(app, now: now.addingTimeInterval(30)) == .init(), "not before it is due")
                for delay in [60.0, 300, 1_800, 7_200] {
                    now = now.addingTimeInterval(delay + 1)
                    #expect(try await DeliveryWorker.runOnce(app, now: now) == .init(sent: 0, retrying: 1, failed: 0))
                }
                now = now.addingTimeInterval(21_601)
                #expect(try await DeliveryWorker.runOnce(app, now: now) == .init(sent: 0, retrying: 0, failed: 1))
                #expect(gateway.hits.withLockedValue { $0.count } == 7)

                let failed = try await s.f.admin.get("/api/v1/deliveries?status=failed").items
                #expect(failed.count == 1)
                #expect(failed.first?["attempts"] as? Int == 6)
                #expect((failed.first?["lastError"] as? String)?.contains("503") == true)
                #expect(try await s.f.clientA.get("/api/v1/deliveries").status == .forbidden)
                let admin = Browser(app)
                try await admin.signIn("admin@test.example")
                let page = try await admin.get("/notifications")
                #expect(page.text.contains("پیام‌هایی که فرستاده نشد"))
                #expect(page.text.contains("09123456789") || page.text.contains("+989123456789"))
            }
        } catch {
            try await gateway.stop()
            throw error
        }
        try await gateway.stop()
    }

    @Test("A user sets the mobile and SMS on the notifications page; a bad number is shown, nothing saved")
    func settingsPage() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let browser = Browser(app)
            try await browser.signIn("client-a@test.example")
            let bad = try await browser.post("/notifications/settings", ["phone": "0912abc", "notifySms": "on"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("phone may hold only digits"))
            #expect(try await f.clientA.get("/api/v1/auth/me").json["notifySms"] as? Bool == false)
            #expect(try await browser.post("/notifications/settings", ["phone": "۰۹۱۲ ۳۴۵ ۶۷۸۹", "notifySms": "on"]).status == .seeOther)
            let me = try await f.clientA.get("/api/v1/auth/me").json
            #expect(me["phone"] as? String == "09123456789")
            #expect(me["notifySms"] as? Bool == true)
        }
    }
}

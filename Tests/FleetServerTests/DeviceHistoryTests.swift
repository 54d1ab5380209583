import FleetCore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import FleetServer

/// The identity card (issue: every journey works in a real browser, 9): the device's history as values rendered
/// in the reader's language, and its status following its open calls.
@Suite("The device's identity card: history and status")
struct DeviceHistoryTests {
    @Test("A call, its visit and the part fitted are entries with their numbers and days, read in Persian on the device's page")
    func historyAsValues() async throws {
        try await withFleetApp { app in
            let s = try await ServiceFixture.make(app)
            let ticket = try await s.openTicket("paper jam")
            let visit = try await s.dispatch(ticket.json["id"] as! String)
            #expect(try await s.complete(visit, parts: ["RM2-5452"]).status == .ok)
            let items = try await s.f.dispatcher.get("/api/v1/devices/\(s.device)/history").items
            let codes = items.compactMap { ($0["event"] as? [String: Any])?["code"] as? String }
            #expect(codes.contains("ticketOpened") && codes.contains("visitCompleted") && codes.contains("partFitted"), "\(codes)")
            let fitted = items.compactMap { $0["event"] as? [String: Any] }.first { $0["code"] as? String == "partFitted" }
            #expect(fitted?["partNumber"] as? String == "RM2-5452")
            #expect(fitted?["charge"] as? String == "contract")
            #expect(items.first { $0["kind"] as? String == "ticket" }?["summary"] as? String == "Ticket 1 opened by phone: paper jam",
                    "the API keeps its English sentence")

            let web = Browser(app)
            try await web.signIn("dispatch@test.example")
            let page = try await web.get("/devices/\(s.device)").text
            #expect(page.contains("درخواست ۱ از راه تلفن ثبت شد: گیر کردن کاغذ"))
            #expect(page.contains("<bdi>Pickup roller (RM2-5452)</bdi> × ۱ نصب شد؛ هزینه: "))
            #expect(page.contains("؛ گارانتی تا "))
            for english in ["opened by", "fitted, charged", "visit completed", "warranty until"] {
                #expect(!page.contains(english), "no English sentence on the Persian page: \(english)")
            }
        }
    }

    @Test("A device is in repair while a call about it is open, and in service once it is resolved; a retired one stays retired")
    func statusFollowsCalls() async throws {
        try await withFleetApp { app in
            let s = try await ServiceFixture.make(app)
            func status() async throws -> String? { try await s.f.admin.get("/api/v1/devices/\(s.device)").json["status"] as? String }
            #expect(try await status() == "active")
            let ticket = try await s.openTicket("no power")
            #expect(try await status() == "inRepair", "the call is open")
            let visit = try await s.dispatch(ticket.json["id"] as! String)
            #expect(try await status() == "inRepair")
            #expect(try await s.complete(visit, parts: []).status == .ok)
            #expect(try await status() == "active", "resolved at the visit")
            #expect(try await s.f.admin.patch("/api/v1/devices/\(s.device)", #"{"status":"retired"}"#).status == .ok)
            _ = try await s.openTicket("noise")
            #expect(try await status() == "retired")
        }
    }
}

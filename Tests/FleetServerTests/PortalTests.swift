import FleetCore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import FleetServer

@Suite("The client's portal: home, calls, work report approval")
struct PortalTests {
    /// A repair done and signed on site: its work report now waits for the client's review.
    static func completedRepair(_ s: ServiceFixture) async throws -> (ticket: String, visit: String) {
        let ticket = try await s.openTicket("paper jam").json["id"] as! String
        let visit = try await s.dispatch(ticket)
        let done = try await s.complete(visit, parts: ["RM2-5452"])
        guard done.status == .ok else { throw TestFailure("completion: \(done.text)") }
        return (ticket, visit)
    }

    @Test("Approving a repair's work report confirms its ticket; a second review is refused")
    func approve() async throws {
        try await withFleetApp { app in
            let s = try await ServiceFixture.make(app)
            let (ticket, visit) = try await Self.completedRepair(s)
            #expect(try await s.f.clientA.get("/api/v1/visits/\(visit)/report").json["approval"] as? String == "pending")
            #expect(try await s.f.technician.post("/api/v1/visits/\(visit)/approve", "{}").status == .forbidden)
            #expect(try await s.f.clientB.post("/api/v1/visits/\(visit)/approve", "{}").status == .notFound)

            let r = try await s.f.clientA.post("/api/v1/visits/\(visit)/approve", #"{"comment":"کار تمیز بود"}"#)
            #expect(r.status == .ok, "\(r.text)")
            #expect(r.json["approval"] as? String == "approved")
            #expect(r.json["approvalComment"] as? String == "کار تمیز بود")
            #expect(try await s.f.dispatcher.get("/api/v1/tickets/\(ticket)").json["stage"] as? String == "confirmed")
            let again = try await s.f.clientA.post("/api/v1/visits/\(visit)/dispute", #"{"comment":"no"}"#)
            #expect(again.status == .conflict)
            #expect(again.errorCode == "already_reviewed")
        }
    }

    @Test("Disputing a work report needs a reason, reopens the ticket and tells the dispatcher")
    func dispute() async throws {
        try await withFleetApp { app in
            let s = try await ServiceFixture.make(app)
            let (ticket, visit) = try await Self.completedRepair(s)
            let bare = try await s.f.clientA.post("/api/v1/visits/\(visit)/dispute", #"{"comment":"  "}"#)
            #expect(bare.status == .unprocessableEntity)
            #expect(bare.errorCode == "invalid_field")
            #expect(try await s.f.clientA.get("/api/v1/visits/\(visit)/report").json["approval"] as? String == "pending",
                    "a refused review changes nothing")

            let r = try await s.f.clientA.post("/api/v1/visits/\(visit)/dispute", #"{"comment":"still jams on tray 2"}"#)
            #expect(r.status == .ok, "\(r.text)")
            #expect(r.json["approval"] as? String == "disputed")
            let t = try await s.f.dispatcher.get("/api/v1/tickets/\(ticket)").json
            #expect(t["stage"] as? String == "awaitingDispatch")
            let alerts = try await s.f.dispatcher.get("/api/v1/alerts").items.filter { $0["kind"] as? String == "reportDisputed" }
            #expect(alerts.count == 1)
            #expect((alerts.first?["message"] as? String)?.contains("still jams on tray 2") == true)
            let history = try await s.f.clientA.get("/api/v1/devices/\(s.device)/history").items.compactMap { $0["summary"] as? String }
            #expect(history.contains { $0.contains("Work report disputed") && $0.contains("reopened") })
            // The reopened call can be dispatched again, and the new visit's report waits for its own review.
            let second = try await s.dispatch(ticket)
            #expect(try await s.complete(second, parts: []).status == .ok)
            #expect(try await s.f.clientA.get("/api/v1/visits/\(second)/report").json["approval"] as? String == "pending")
        }
    }

    @Test("The client's home shows its calls and the reports awaiting it; the dispute form on the report works")
    func homeAndReview() async throws {
        try await withFleetApp { app in
            let s = try await ServiceFixture.make(app)
            let (ticket, visit) = try await Self.completedRepair(s)
            let other = try await s.openTicket("streaks").json["number"] as! Int
            _ = try await s.f.device(customer: s.f.customerB, site: s.f.siteB, serial: "HOSP-1")

            let client = Browser(app)
            try await client.signIn("client-a@test.example")
            let home = try await client.get("/")
            #expect(home.status == .ok)
            #expect(home.text.contains("<h1>Bank A</h1>"))
            #expect(home.text.contains("/visits/\(visit.uppercased())/report#review"), "the report awaiting review is linked")
            #expect(home.text.contains("/tickets/"), "open calls are listed")
            #expect(home.text.contains("خط یا لکه روی چاپ"), "the open call's fault, in Persian")
            #expect(!home.text.contains("HOSP-1") && !home.text.contains("Hospital B"))

            let calls = try await client.get("/tickets")
            #expect(calls.text.contains(">\(PersianDigits.fromASCII(String(other)))<"))
            let report = try await client.get("/visits/\(visit)/report")
            #expect(report.text.contains(#"action="/visits/\#(visit.uppercased())/dispute""#))
            let empty = try await client.post("/visits/\(visit)/dispute", ["comment": ""])
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.text.contains("say what is wrong with the work"))
            let sent = try await client.post("/visits/\(visit)/dispute", ["comment": "هنوز کاغذ گیر می‌کند"])
            #expect(sent.status == .seeOther)
            let after = try await client.get("/visits/\(visit)/report")
            #expect(after.text.contains("مورد اعتراض"))
            #expect(after.text.contains("هنوز کاغذ گیر می‌کند"))
            #expect(!after.text.contains("/dispute\""), "no review form once reviewed")
            #expect(try await s.f.dispatcher.get("/api/v1/tickets/\(ticket)").json["stage"] as? String == "awaitingDispatch")

            let staff = Browser(app)
            try await staff.signIn("dispatch@test.example")
            #expect(!(try await staff.get("/").text.contains(#"id="awaiting""#)), "staff keep the company's home, not a portal")
            #expect(try await staff.get("/tickets").status == .ok)
            #expect(try await staff.get("/dashboard").text.contains("اعتراض مشتری به گزارش کار"))
        }
    }

    @Test("From the portal a client finds its machine, opens a call on it (channel portal) and follows it")
    func openFromPortal() async throws {
        try await withFleetApp { app in
            let s = try await ServiceFixture.make(app)
            _ = try await s.f.device(serial: "SVC-2", extra: #","assetTag":"BANK-0077""#)
            _ = try await s.f.device(customer: s.f.customerB, site: s.f.siteB, serial: "HOSP-1")
            let client = Browser(app)
            try await client.signIn("client-a@test.example")
            let pick = try await client.get("/tickets/new")
            #expect(pick.status == .ok)
            #expect(pick.text.contains("SVC-1") && pick.text.contains("BANK-0077"))
            #expect(!pick.text.contains("HOSP-1"), "another client's machine is not offered")
            let found = try await client.get("/tickets/new?q=0077")
            #expect(found.text.contains("BANK-0077") && !found.text.contains("SVC-1"))
            let opened = try await client.post("/tickets/new?deviceId=\(s.device)", ["symptom": "streaks", "description": "خط روی کاغذ"])
            #expect(opened.status == .seeOther, "\(opened.text)")
            let ticket = try #require(try await Ticket.query(on: app.db).first())
            #expect(ticket.channel == "portal")
            let page = try await client.get(opened.headers.first(name: .location) ?? "")
            #expect(page.text.contains("خط یا لکه روی چاپ"))
            #expect(try await client.get("/tickets").text.contains("/tickets/\(ticket.id!)"))
        }
    }
}

import FleetCore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import FleetServer

@Suite("Notifications in the app")
struct NotificationTests {
    @Test("A call's client hears of each stage, the technician of being sent, and the report waiting for approval")
    func callStages() async throws {
        try await withFleetApp { app in
            let s = try await ServiceFixture.make(app)
            let ticket = try await s.openTicket("paper jam").json
            let number = ticket["number"] as! Int
            let visit = try await s.dispatch(ticket["id"] as! String)
            #expect(try await s.f.technician.notices("textEn") == ["Ticket #\(number): Dispatched"])
            #expect(try await s.complete(visit, parts: []).status == .ok)

            let a = try await s.f.clientA.get("/api/v1/notifications").items
            let texts = a.compactMap { $0["textEn"] as? String }
            // The completion's two notices share its instant, so their order between themselves is not fixed.
            #expect(Set(texts.prefix(2)) == ["The work report #\(number) is waiting for your approval", "Ticket #\(number): Resolved"])
            #expect(Array(texts.dropFirst(2)) == ["Ticket #\(number): Dispatched", "Ticket #\(number): Remote triage"])
            let waiting = try #require(a.first { $0["kind"] as? String == "reportAwaitingApproval" })
            #expect(waiting["link"] as? String == "/visits/\(visit.uppercased())/report#review")
            #expect((waiting["textFa"] as? String)?.contains("در انتظار تأیید شماست") == true)
            #expect(try await s.f.clientB.get("/api/v1/notifications").items.isEmpty, "another client hears nothing")
            #expect(try await s.f.clientA.get("/api/v1/notifications/unread").json["unread"] as? Int == 4)

            // The dispute reaches the office.
            #expect(try await s.f.clientA.post("/api/v1/visits/\(visit)/dispute", #"{"comment":"still jams"}"#).status == .ok)
            #expect(try await s.f.dispatcher.notices("textEn").first == "client user disputed a work report: still jams")
            #expect(try await s.f.clientA.notices("textEn").first == "Ticket #\(number): Awaiting dispatch")
        }
    }

    @Test("A refused completion is rolled back with its notifications: nobody hears of what did not happen")
    func rolledBack() async throws {
        try await withFleetApp { app in
            let s = try await ServiceFixture.make(app)
            let visit = try await s.dispatch(try await s.openTicket("paper jam").json["id"] as! String)
            let at = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-86_400))
            #expect(try await s.f.dispatcher.post("/api/v1/readings",
                #"{"readings":[{"deviceId":"\#(s.device)","takenAt":"\#(at)","source":"manual","totalPages":50000}]}"#).status == .ok)
            let before = try await Notice.query(on: app.db).count()
            let refused = try await s.complete(visit, parts: [], extra: #","readings":[{"deviceId":"\#(s.device)","totalPages":1000}]"#)
            #expect(refused.status == .unprocessableEntity)
            #expect(try await Notice.query(on: app.db).count() == before)
            #expect(try await Notice.query(on: app.db).filter(\.$kind == "reportAwaitingApproval").count() == 0)
        }
    }

    @Test("The header counts unread; opening one reads it and goes where it leads; another user's is a 404")
    func onThePage() async throws {
        try await withFleetApp { app in
            let s = try await ServiceFixture.make(app)
            let ticket = try await s.openTicket("paper jam").json["id"] as! String
            _ = try await s.dispatch(ticket)
            let browser = Browser(app)
            try await browser.signIn("client-a@test.example")
            let home = try await browser.get("/")
            #expect(home.text.contains(#"<span class="count">۲</span>"#))
            let list = try await browser.get("/notifications")
            #expect(list.text.contains("درخواست #"))
            let first = try await s.f.clientA.get("/api/v1/notifications").items.first!["id"] as! String
            let opened = try await browser.get("/notifications/\(first)")
            #expect(opened.status == .seeOther)
            #expect(opened.headers.first(name: .location) == "/tickets/\(ticket.uppercased())")
            #expect(try await s.f.clientA.get("/api/v1/notifications/unread").json["unread"] as? Int == 1)
            #expect(try await s.f.clientB.post("/api/v1/notifications/\(first)/read", "{}").status == .notFound)
            #expect(try await browser.post("/notifications/read-all", [:]).status == .seeOther)
            #expect(try await s.f.clientA.get("/api/v1/notifications/unread").json["unread"] as? Int == 0)
            #expect(!(try await browser.get("/").text.contains(#"class="count""#)))
        }
    }

    @Test("A fault reported from a label tells the office, with the ticket to call back")
    func labelReport() async throws {
        try await withFleetApp { app in
            app.fleetConfiguration.trustForwardedFor = true
            let f = try await Fixture.make(app)
            let device = try await f.device(serial: "N-1")
            let token = try await f.dispatcher.get("/api/v1/devices/\(device)/label").json["token"] as! String
            #expect(try await Passerby(app: app, address: "198.51.100.9").report("/f/\(token)", LabelTests.jam).status == .created)
            let notices = try await f.dispatcher.get("/api/v1/notifications").items
            #expect((notices.first?["textEn"] as? String)?.hasPrefix("A new fault reported from a device label: ticket #") == true)
            #expect(try await f.admin.notices("textEn").count == 1)
            #expect(try await f.technician.notices("textEn").isEmpty)
        }
    }
}

import FleetCore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import FleetServer

@Suite("Meter readings, agent tokens and the alerts readings raise")
struct MeterTests {
    static func iso(daysAgo: Int) -> String {
        Date(timeIntervalSinceNow: -Double(daysAgo) * 86_400).formatted(.iso8601)
    }

    @Test("Readings are stored, duplicates ignored, and a lower total refused unless it says the counter was reset")
    func validation() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let device = try await f.device(serial: "MTR-1", extra: #","color":true"#)
            let t1 = Self.iso(daysAgo: 20), t2 = Self.iso(daysAgo: 10), t3 = Self.iso(daysAgo: 1)
            let first = try await f.technician.post("/api/v1/readings", #"""
            {"readings":[{"deviceId":"\#(device)","takenAt":"\#(t1)","source":"manual","totalPages":10000,"monoPages":8000,"colorPages":2000},
                         {"serialNumber":"MTR-1","takenAt":"\#(t2)","source":"snmp","totalPages":10500},
                         {"deviceId":"\#(device)","takenAt":"\#(t1)","source":"manual","totalPages":10000}]}
            """#)
            #expect(first.status == .ok, "\(first.text)")
            #expect(first.json["accepted"] as? Int == 2)
            #expect(first.json["duplicates"] as? Int == 1)
            #expect((first.json["rejected"] as? [Any])?.isEmpty == true)

            let again = try await f.technician.post("/api/v1/readings", #"""
            {"readings":[{"deviceId":"\#(device)","takenAt":"\#(t2)","source":"snmp","totalPages":10500},
                         {"deviceId":"\#(device)","takenAt":"\#(t3)","source":"snmp","totalPages":9000},
                         {"deviceId":"\#(device)","takenAt":"\#(t3)","source":"manual","totalPages":11000,"monoPages":9000,"colorPages":1000},
                         {"deviceId":"\#(device)","takenAt":"\#(Self.iso(daysAgo: -2))","source":"manual","totalPages":12000},
                         {"serialNumber":"NOPE-1","takenAt":"\#(t3)","source":"snmp","totalPages":1}]}
            """#)
            #expect(again.json["accepted"] as? Int == 0)
            #expect(again.json["duplicates"] as? Int == 1)
            let rejected = again.json["rejected"] as? [[String: Any]] ?? []
            #expect(rejected.map { $0["index"] as? Int } == [1, 2, 3, 4])
            #expect(rejected.map { $0["code"] as? String } == ["counter_went_backwards", "counter_mismatch", "reading_in_future", "unknown_device"])

            let reset = try await f.technician.post("/api/v1/readings",
                #"{"readings":[{"deviceId":"\#(device)","takenAt":"\#(t3)","source":"manual","totalPages":120,"counterReset":true}]}"#)
            #expect(reset.json["accepted"] as? Int == 1)
            let history = try await f.admin.get("/api/v1/devices/\(device)/history").items
            let readings = history.filter { $0["kind"] as? String == "reading" }
            #expect(readings.first?["summary"] as? String == "Counter reset: 120 pages (was 10500)")
            #expect(history.filter { $0["kind"] as? String == "reading" }.count == 2, "the manual reading and the reset; the SNMP one is not history")

            let record = try await f.admin.get("/api/v1/devices/\(device)")
            let last = record.json["lastReading"] as? [String: Any]
            #expect(last?["totalPages"] as? Int == 120)
            #expect(last?["counterReset"] as? Bool == true)
            #expect(try await f.admin.get("/api/v1/devices/\(device)/readings").json["total"] as? Int == 3)
        }
    }

    @Test("Only staff who work on devices record readings; a client user may not, and sees none of another's devices")
    func roles() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let device = try await f.device(serial: "MTR-2")
            let body = #"{"readings":[{"deviceId":"\#(device)","takenAt":"\#(Self.iso(daysAgo: 1))","source":"manual","totalPages":5}]}"#
            #expect(try await f.clientA.post("/api/v1/readings", body).status == .forbidden)
            #expect(try await APIClient(app: app, token: nil).post("/api/v1/readings", body).status == .unauthorized)
            #expect(try await f.clientB.get("/api/v1/devices/\(device)/readings").status == .notFound)
            #expect(try await f.dispatcher.post("/api/v1/readings", #"{"readings":[]}"#).errorCode == "invalid_field")
        }
    }

    @Test("A site agent's token pushes readings for its own customer's devices only, and can read nothing")
    func agentTokens() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let mine = try await f.device(serial: "AG-1")
            _ = try await f.device(customer: f.customerB, site: f.siteB, serial: "AG-2")
            #expect(try await f.dispatcher.post("/api/v1/sites/\(f.siteA)/agent-tokens", "{}").status == .forbidden)
            let created = try await f.admin.post("/api/v1/sites/\(f.siteA)/agent-tokens", #"{"name":"HQ collector"}"#)
            #expect(created.status == .created)
            let token = try #require(created.json["token"] as? String)
            #expect(token.hasPrefix("fca_"))
            let agent = APIClient(app: app, token: token)
            let pushed = try await agent.post("/api/v1/readings", #"""
            {"readings":[{"serialNumber":"AG-1","takenAt":"\#(Self.iso(daysAgo: 1))","source":"snmp","totalPages":777},
                         {"serialNumber":"AG-2","takenAt":"\#(Self.iso(daysAgo: 1))","source":"snmp","totalPages":888}]}
            """#)
            #expect(pushed.json["accepted"] as? Int == 1)
            #expect((pushed.json["rejected"] as? [[String: Any]])?.first?["code"] as? String == "unknown_device")
            for path in ["/api/v1/devices", "/api/v1/devices/\(mine)", "/api/v1/customers", "/api/v1/auth/me", "/api/v1/agent-tokens"] {
                #expect(try await agent.get(path).status == .unauthorized, "\(path)")
            }
            let listed = try await f.admin.get("/api/v1/agent-tokens").items
            #expect(listed.count == 1)
            #expect(listed.first?["token"] == nil || listed.first?["token"] is NSNull)
            #expect(listed.first?["lastUsedAt"] as? String != nil)
            _ = try await f.admin.post("/api/v1/agent-tokens/\(created.json["id"]!)/revoke", "{}")
            let refused = try await agent.post("/api/v1/readings",
                #"{"readings":[{"serialNumber":"AG-1","takenAt":"\#(Self.iso(daysAgo: 0))","source":"snmp","totalPages":800}]}"#)
            #expect(refused.status == .unauthorized)
        }
    }

    @Test("Low toner opens one alert per supply, naming it, and the alert closes itself when the toner is replaced")
    func lowToner() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let device = try await f.device(serial: "TN-1")
            func push(_ daysAgo: Int, _ total: Int, black: Int, cyan: Int) async throws {
                let r = try await f.technician.post("/api/v1/readings", #"""
                {"readings":[{"deviceId":"\#(device)","takenAt":"\#(Self.iso(daysAgo: daysAgo))","source":"snmp","totalPages":\#(total),
                  "supplies":[{"name":"Black Cartridge W2030X","kind":"toner","levelPercent":\#(black)},
                              {"name":"Cyan Cartridge W2031X","kind":"toner","levelPercent":\#(cyan)},
                              {"name":"Imaging drum","kind":"drum","levelPercent":2}]}]}
                """#)
                #expect(r.json["accepted"] as? Int == 1, "\(r.text)")
            }
            try await push(3, 100, black: 9, cyan: 50)
            try await push(2, 200, black: 7, cyan: 10)
            var alerts = try await f.dispatcher.get("/api/v1/alerts").items.filter { $0["kind"] as? String == "lowToner" }
            #expect(alerts.compactMap { $0["message"] as? String }.sorted() == [
                "Black Cartridge W2030X at 9% in HP LaserJet Pro M404dn (TN-1)",
                "Cyan Cartridge W2031X at 10% in HP LaserJet Pro M404dn (TN-1)",
            ])
            try await push(1, 300, black: 100, cyan: 9)
            alerts = try await f.clientA.get("/api/v1/alerts").items.filter { $0["kind"] as? String == "lowToner" }
            #expect(alerts.compactMap { $0["message"] as? String } == ["Cyan Cartridge W2031X at 10% in HP LaserJet Pro M404dn (TN-1)"])
        }
    }

    @Test("A device answering from another address, or with a new sysLocation, raises one relocation alert; confirming takes the address")
    func relocation() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let device = try await f.device(serial: "MV-1", extra: #","ipAddress":"10.0.0.5""#)
            func push(_ daysAgo: Int, _ total: Int, address: String, location: String) async throws -> [String: Any] {
                try await f.technician.post("/api/v1/readings", #"""
                {"readings":[{"deviceId":"\#(device)","takenAt":"\#(Self.iso(daysAgo: daysAgo))","source":"snmp","totalPages":\#(total),
                  "address":"\#(address)","sysLocation":"\#(location)"}]}
                """#).json
            }
            #expect(try await push(4, 10, address: "10.0.0.5", location: "Floor 2")["relocated"] as? Int == 0)
            #expect(try await push(3, 20, address: "10.0.3.9", location: "Floor 2")["relocated"] as? Int == 1)
            #expect(try await push(2, 30, address: "10.0.3.9", location: "Floor 3")["relocated"] as? Int == 0, "one open alert at a time")
            let alert = try #require(try await f.dispatcher.get("/api/v1/alerts").items.first { $0["kind"] as? String == "relocated" })
            #expect(alert["message"] as? String == "HP LaserJet Pro M404dn (MV-1) answered from 10.0.3.9, the record says 10.0.0.5")
            let history = try await f.admin.get("/api/v1/devices/\(device)/history").items
            #expect(history.contains { $0["kind"] as? String == "relocationReported" })
            _ = try await f.dispatcher.post("/api/v1/alerts/\(alert["id"]!)/confirm", "{}")
            #expect(try await f.admin.get("/api/v1/devices/\(device)").json["ipAddress"] as? String == "10.0.3.9")
            #expect(try await push(1, 40, address: "10.0.3.9", location: "Floor 3")["relocated"] as? Int == 0)
        }
    }
}

@Suite("Meter readings taken at a visit")
struct VisitReadingTests {
    @Test("A visit records a counter per device: stored as a visit reading, shown on the work report, checked like any other")
    func visitReadings() async throws {
        try await withFleetApp { app in
            let s = try await ServiceFixture.make(app)
            let earlier = MeterTests.iso(daysAgo: 40)
            _ = try await s.f.technician.post("/api/v1/readings",
                #"{"readings":[{"deviceId":"\#(s.device)","takenAt":"\#(earlier)","source":"snmp","totalPages":50000}]}"#)
            let visit = try await s.dispatch(try await s.openTicket("jam").json["id"] as! String)
            let start = MeterTests.iso(daysAgo: 0)
            func complete(_ total: Int) async throws -> TestingHTTPResponse {
                try await s.f.technician.post("/api/v1/visits/\(visit)/complete", #"""
                {"startedAt":"\#(start)","finishedAt":"\#(start)","findings":"cleaned rollers","partsUsed":[],
                 "signOff":{"signerName":"A","satisfaction":5},"readings":[{"deviceId":"\#(s.device)","totalPages":\#(total)}]}
                """#)
            }
            let backwards = try await complete(49_000)
            #expect(backwards.errorCode == "counter_went_backwards")
            #expect((backwards.json["error"] as? [String: Any])?["field"] as? String == "readings.0.totalPages")
            #expect(try await Visit.find(UUID(uuidString: visit), on: app.db)?.status == "scheduled", "nothing of the visit was kept")
            let done = try await complete(51_234)
            #expect(done.status == .ok, "\(done.text)")
            let readings = done.json["readings"] as? [[String: Any]]
            #expect(readings?.first?["totalPages"] as? Int == 51_234)
            let last = try await s.f.admin.get("/api/v1/devices/\(s.device)").json["lastReading"] as? [String: Any]
            #expect(last?["source"] as? String == "visit")
            let page = try await s.f.technician.request(.GET, "/api/v1/visits/\(visit)/report", headers: ["Accept": "text/html"])
            #expect(page.text.contains("۵۱٬۲۳۴"), "the printable report shows the counter in Persian digits")
        }
    }
}

@Suite("The device page's meter card")
struct MeterPageTests {
    @Test("The record page shows the last counters and each supply's level, a low toner marked")
    func card() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let device = try await f.device(serial: "PG-1")
            _ = try await f.technician.post("/api/v1/readings", #"""
            {"readings":[{"deviceId":"\#(device)","takenAt":"\#(MeterTests.iso(daysAgo: 1))","source":"snmp","totalPages":48210,
              "supplies":[{"name":"Cyan Cartridge W2031X","kind":"toner","levelPercent":8}]}]}
            """#)
            let browser = Browser(app)
            try await browser.signIn("dispatch@test.example")
            let page = try await browser.get("/devices/\(device)").text
            #expect(page.contains("۴۸٬۲۱۰"))
            #expect(page.contains(#"<li class="low"><span dir="ltr">Cyan Cartridge W2031X</span>"#))
        }
    }
}

import Fluent
import FleetCore
import Testing
import Vapor
import VaporTesting

@testable import FleetServer

@Suite("Audit log")
struct AuditTests {
    /// The entries of one record, oldest first, as the admin reads them.
    static func entries(_ f: Fixture, _ query: String) async throws -> [[String: Any]] {
        let r = try await f.admin.get("/api/v1/audit?\(query)&limit=500")
        guard r.status == .ok else { throw TestFailure("audit: \(r.status) \(r.text)") }
        return r.items.reversed()
    }

    static func change(_ entry: [String: Any], _ field: String) -> [String: Any]? {
        (entry["changes"] as? [[String: Any]])?.first { $0["field"] as? String == field }
    }

    @Test("A device's creation and each later change are logged with who, from where, and the values before and after")
    func deviceChanges() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let device = try await f.device(serial: "AUD-1")
            let moved = try await f.dispatcher.patch("/api/v1/devices/\(device)", #"{"location":{"room":"310"},"assetTag":"BANK-9"}"#)
            #expect(moved.status == .ok)
            // Saving what is already there changes nothing, and logs nothing.
            _ = try await f.dispatcher.patch("/api/v1/devices/\(device)", #"{"location":{"room":"310"}}"#)

            let log = try await Self.entries(f, "entity=device&entityId=\(device)")
            #expect(log.map { $0["action"] as? String } == ["create", "update"])
            let created = log[0], updated = log[1]
            #expect(created["actor"] as? String == "admin@test.example")
            #expect(Self.change(created, "serial_number")?["to"] as? String == "AUD-1")
            #expect(updated["actor"] as? String == "dispatch@test.example")
            #expect(updated["actorId"] as? String == (try await f.dispatcher.get("/api/v1/auth/me").json["id"] as? String))
            #expect(updated["address"] as? String != nil)
            #expect(Self.change(updated, "room")?["from"] as? String == "204")
            #expect(Self.change(updated, "room")?["to"] as? String == "310")
            #expect(Self.change(updated, "asset_tag")?["to"] as? String == "BANK-9")
            #expect((updated["changes"] as? [Any])?.count == 2)
        }
    }

    @Test("A contract's term override names the very term; adding a device to it is the contract's entry too")
    func contractTerms() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let d1 = try await f.device(serial: "AUD-C1"), d2 = try await f.device(serial: "AUD-C2")
            let c = try await f.contract(devices: [d1]).json["id"] as! String
            #expect(try await f.dispatcher.patch("/api/v1/contracts/\(c)", #"{"overrides":{"pmVisitsPerYear":4}}"#).status == .ok)
            #expect(try await f.dispatcher.post("/api/v1/contracts/\(c)/devices", #"{"deviceIds":["\#(d2)"]}"#).status == .ok)

            let log = try await Self.entries(f, "entity=contract&entityId=\(c)")
            let termChange = log.first { $0["action"] as? String == "update" && Self.change($0, "terms.pmVisitsPerYear") != nil }
            #expect(Self.change(termChange ?? [:], "terms.pmVisitsPerYear")?["from"] as? String == "3")
            #expect(Self.change(termChange ?? [:], "terms.pmVisitsPerYear")?["to"] as? String == "4")
            let added = log.filter { $0["record"] as? String == "contract_devices" && $0["action"] as? String == "create" }
            #expect(added.compactMap { Self.change($0, "device_id")?["to"] as? String }.map { $0.lowercased() }.sorted()
                    == [d1, d2].map { $0.lowercased() }.sorted())
        }
    }

    @Test("A ticket's stages are logged under the user who moved it; a user's password is logged as changed, never shown")
    func ticketsAndUsers() async throws {
        try await withFleetApp { app in
            let s = try await ServiceFixture.make(app)
            let ticket = try await s.openTicket("paper jam").json["id"] as! String
            _ = try await s.dispatch(ticket)
            let log = try await Self.entries(s.f, "entity=ticket&entityId=\(ticket)")
            #expect(log.first?["action"] as? String == "create")
            let dispatched = log.first { Self.change($0, "stage")?["to"] as? String == "dispatched" }
            #expect(dispatched?["actor"] as? String == "dispatch@test.example")

            let users = try await Self.entries(s.f, "entity=user&action=create")
            let tech = users.first { Self.change($0, "email")?["to"] as? String == "tech@test.example" }
            let password = Self.change(tech ?? [:], "password_hash")
            #expect(password?["hidden"] as? Bool == true)
            #expect(password?["to"] == nil)
            #expect(!(try await s.f.admin.get("/api/v1/audit?entity=user&limit=500").text.contains("$2b$")))
        }
    }

    @Test("A change that is refused or rolled back leaves no entry")
    func rolledBack() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let before = try await f.admin.get("/api/v1/audit?entity=device").json["total"] as? Int
            let csv = "customer,site,serialNumber,make,model\nBank A,HQ,IMP-1,HP,LaserJet Pro M404dn\nBank A,Nowhere,IMP-2,HP,LaserJet Pro M404dn\n"
            let r = try await f.dispatcher.request(.POST, "/api/v1/devices/import", body: csv, contentType: "text/csv")
            #expect(r.status == .unprocessableEntity)
            try await f.device(serial: "DUP-1")
            #expect(try await f.admin.post("/api/v1/devices",
                #"{"customerId":"\#(f.customerA)","serialNumber":"dup-1","make":"HP","model":"X","location":{"siteId":"\#(f.siteA)"}}"#).status == .conflict)
            #expect(try await f.admin.get("/api/v1/audit?entity=device").json["total"] as? Int == (before ?? 0) + 1)
        }
    }

    @Test("Only admins read the log; filters are checked", arguments: ["dispatcher", "technician", "client"])
    func adminsOnly(role: String) async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let who = ["dispatcher": f.dispatcher, "technician": f.technician, "client": f.clientA][role]!
            #expect(try await who.get("/api/v1/audit").status == .forbidden)
            #expect(try await f.admin.get("/api/v1/audit?entity=weather").errorCode == "invalid_query")
            #expect(try await f.admin.get("/api/v1/audit?from=yesterday").errorCode == "invalid_field")
            let today = CalendarDay(Date(), in: .tehran)
            let customers = try await f.admin.get("/api/v1/audit?entity=customer&from=\(today)&to=\(today)")
            #expect(customers.json["total"] as? Int == 4)   // two customers, a site each
            #expect(try await f.admin.get("/api/v1/audit?entity=customer&to=\(today.adding(days: -1))").json["total"] as? Int == 0)
        }
    }

    @Test("Commands are named as the actor")
    func commandActor() async throws {
        var logger = Logger(label: "test")
        AuditActor.label(&logger, as: "cli:import")
        #expect(AuditActor(logger) == AuditActor(userID: nil, name: "cli:import", address: nil))
        #expect(AuditActor(Logger(label: "bare")).name == "system")
    }

    @Test("The admin's page lists changes by record name, in Persian, and narrows to one record; others get 403")
    func page() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let device = try await f.device(serial: "PAGE-1")
            _ = try await f.dispatcher.patch("/api/v1/devices/\(device)", #"{"location":{"room":"999"}}"#)
            let admin = Browser(app)
            try await admin.signIn("admin@test.example")
            let all = try await admin.get("/audit")
            #expect(all.status == .ok)
            #expect(all.text.contains("سابقهٔ تغییرات"))
            #expect(all.text.contains("PAGE-1 · LaserJet Pro M404dn"))
            #expect(all.text.contains("Bank A"))
            let one = try await admin.get("/audit?entityId=\(device)")
            #expect(one.text.contains("dispatch@test.example"))
            #expect(one.text.contains(#"<span class="old" dir="ltr">204</span> → <span class="new" dir="ltr">999</span>"#))
            #expect(!one.text.contains("Hospital B"))
            #expect(try await admin.get("/devices/\(device)").text.contains("/audit?entityId=\(device)"))
            #expect(try await admin.get("/audit?from=soon").status == .unprocessableEntity)

            let dispatcher = Browser(app)
            try await dispatcher.signIn("dispatch@test.example")
            #expect(try await dispatcher.get("/audit").status == .forbidden)
            #expect(!(try await dispatcher.get("/devices/\(device)").text.contains("/audit?")))
        }
    }
}

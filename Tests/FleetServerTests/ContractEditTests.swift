import FleetCore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import FleetServer

/// Contracts after they are saved (issue: every journey works in a real browser, 6): every device by default,
/// none refused, changes recorded as values on the contract and on each device, a named resident technician.
@Suite("Contracts: devices by default, changes recorded, resident technician")
struct ContractEditTests {
    @Test("A contract without a device list takes the customer's devices no other contract covers; an empty list is refused")
    func everyDeviceByDefault() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let ids = try await f.devices(4, prefix: "ALL")
            #expect(try await f.contract(devices: [ids[0]]).status == .created)
            let all = try await f.dispatcher.post("/api/v1/contracts", #"""
            {"customerId":"\#(f.customerA)","planCode":"standard","startsOn":"2026-03-01","endsOn":"2027-02-28"}
            """#)
            #expect(all.status == .created, "\(all.text)")
            #expect(Set(all.json["deviceIds"] as? [String] ?? []) == Set(ids.dropFirst().map { $0.uppercased() }),
                    "the three devices not already under contract")
            let none = try await f.contract(devices: [])
            #expect(none.status == .unprocessableEntity)
            #expect(none.errorCode == "no_devices")
            #expect(try await Contract.query(on: app.db).count() == 2, "nothing was saved for the empty one")
        }
    }

    @Test("A change of period and terms is recorded on the contract and on each of its devices, as values")
    func changesRecorded() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let ids = try await f.devices(2, prefix: "CHG")
            let c = try await f.contract(devices: ids)
            let id = c.json["id"] as! String
            let patched = try await f.dispatcher.patch("/api/v1/contracts/\(id)", #"{"endsOn":"2027-01-31","overrides":{"pmVisitsPerYear":4}}"#)
            #expect(patched.status == .ok, "\(patched.text)")
            let history = try await f.dispatcher.get("/api/v1/contracts/\(id)").json["history"] as? [[String: Any]] ?? []
            let change = history.first?["change"] as? [String: Any]
            #expect(change?["code"] as? String == "changed")
            let terms = (change?["changes"] as? [[String: Any]] ?? []).map { "\($0["term"]!):\($0["old"]!)>\($0["new"]!)" }
            #expect(terms == ["endsOn:2027-02-28>2027-01-31", "pmVisitsPerYear:3>4"])
            for device in ids {
                let items = try await f.dispatcher.get("/api/v1/devices/\(device)/history").items
                #expect(items.first?["kind"] as? String == "contract")
                #expect((items.first?["event"] as? [String: Any])?["code"] as? String == "termsChanged")
                #expect(items.contains { ($0["event"] as? [String: Any])?["code"] as? String == "deviceAdded" })
            }
            // Saving the same terms again records nothing.
            #expect(try await f.dispatcher.patch("/api/v1/contracts/\(id)", #"{"endsOn":"2027-01-31"}"#).status == .ok)
            #expect(try await ContractEvent.query(on: app.db).count() == 2)
        }
    }

    @Test("On the contract page: the editor changes the period, terms and resident technician; a refusal comes back filled, in Persian")
    func editorOnThePage() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let ids = try await f.devices(3, prefix: "ED")
            let c = try await f.contract(plan: "enterprise", devices: ids)
            let id = c.json["id"] as! String
            let tech = try await f.technician.get("/api/v1/auth/me").json
            let web = Browser(app)
            try await web.signIn("dispatch@test.example")
            let fresh = try await web.get("/contracts/new?customerId=\(f.customerA)")
            #expect(fresh.text.contains(#"name="allDevices" value="on" checked"#), "every device unless told otherwise")
            let page = try await web.get("/contracts/\(id)")
            #expect(page.text.contains(#"action="/contracts/\#(id.uppercased())/edit""#))
            let bad = try await web.post("/contracts/\(id)/edit", ["startsOn": "1405-01-01", "endsOn": "1404-01-01", "o_responseHours": "۶"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("«تاریخ پایان» پذیرفته نشد"), "\(bad.text)")
            #expect(bad.text.contains(#"value="1404-01-01""#) && bad.text.contains(#"value="۶""#), "what was typed comes back")
            #expect(bad.text.contains(#"<details class="edit-contract" open="open">"#))
            let saved = try await web.post("/contracts/\(id)/edit", ["startsOn": "1404-12-10", "endsOn": "1405-11-30", "o_responseHours": "۶",
                                                                     "residentTechnicianId": tech["id"] as! String])
            #expect(saved.status == .seeOther, "\(saved.text)")
            let after = try await web.get("/contracts/\(id)")
            #expect(after.text.contains("تکنسین مقیم: </strong>\(tech["name"] as! String)"), "the resident technician by name")
            #expect(after.text.contains("تغییر: تاریخ پایان: ۹ اسفند ۱۴۰۵ ← ۳۰ بهمن ۱۴۰۵"))
            #expect(after.text.contains("زمان پاسخ (ساعت): ۴ ← ۶"))
            #expect(!after.text.contains("Changed"), "no English sentence on the Persian page")
        }
    }
}

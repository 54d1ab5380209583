import FleetCore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import FleetServer

extension Fixture {
    /// Imports `count` devices for a customer and returns their ids.
    func devices(_ count: Int, customer: String = "Bank A", site: String = "HQ", prefix: String) async throws -> [String] {
        let rows = (1...count).map { "\(customer),\(site),\(prefix)-\($0),HP,LaserJet Pro M404dn" }
        let csv = "customer,site,serialNumber,make,model\n" + rows.joined(separator: "\n")
        let r = try await admin.request(.POST, "/api/v1/devices/import", body: csv, contentType: "text/csv")
        guard r.json["imported"] as? Int == count else { throw TestFailure("import failed: \(r.text)") }
        let list = try await admin.get("/api/v1/devices?q=\(prefix)-&limit=500")
        return list.items.compactMap { $0["id"] as? String }
    }

    func contract(customer: String? = nil, plan: String = "standard", devices: [String], starts: String = "2026-03-01",
                  ends: String = "2027-02-28", overrides: String = "{}") async throws -> TestingHTTPResponse {
        let ids = devices.map { "\"\($0)\"" }.joined(separator: ",")
        return try await dispatcher.post("/api/v1/contracts", #"""
        {"customerId":"\#(customer ?? customerA)","planCode":"\#(plan)","startsOn":"\#(starts)","endsOn":"\#(ends)",
         "deviceIds":[\#(ids)],"overrides":\#(overrides)}
        """#)
    }
}

@Suite("Contracts API")
struct ContractAPITests {
    @Test("The six plans are there on first start")
    func plans() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let plans = try await f.clientA.get("/api/v1/plans").items
            #expect(plans.map { $0["code"] as? String } == ["basic", "standard", "plus", "premium", "enterprise", "click"])
            let enterprise = plans[4]["terms"] as? [String: Any]
            #expect(enterprise?["residentTechnician"] as? Bool == true)
            #expect((enterprise?["billing"] as? [String: Any])?["model"] as? String == "hybrid")
        }
    }

    @Test("A contract for 30 devices is created (201) with a warning, its effective terms and a schedule")
    func thirtyDevices() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let ids = try await f.devices(30, prefix: "C30")
            let r = try await f.contract(devices: ids, overrides: #"{"pmVisitsPerYear":4,"partWarrantyMonths":9,"billing":{"monoPageRials":1400}}"#)
            #expect(r.status == .created, "\(r.text)")
            let warnings = r.json["warnings"] as? [String] ?? []
            #expect(warnings == ["the contract covers 30 devices; contracts are meant for 35 to 1000"])
            let terms = r.json["terms"] as? [String: Any]
            #expect(terms?["pmVisitsPerYear"] as? Int == 4)
            #expect(terms?["partWarrantyMonths"] as? Int == 9)
            #expect(terms?["responseHours"] as? Int == 24)
            #expect((terms?["billing"] as? [String: Any])?["monoPageRials"] as? Int == 1400)
            #expect(r.json["status"] as? String == "active")
            #expect(r.json["deviceCount"] as? Int == 30)

            let schedule = try await f.admin.get("/api/v1/contracts/\(r.json["id"]!)/schedule").items
            #expect(schedule.map { $0["date"] as? String } == ["2026-04-15", "2026-07-15", "2026-10-15", "2027-01-14"])
            #expect(schedule.map { $0["secondOfPeriod"] as? Bool } == [false, true, false, true])
            #expect((schedule[0]["deviceIds"] as? [String])?.count == 30)

            let history = try await f.admin.get("/api/v1/devices/\(ids[0])/history").items
            #expect(history.first?["kind"] as? String == "contract")
        }
    }

    @Test("A resident technician on fewer than 300 devices is a warning, not an error")
    func residentWarning() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let ids = try await f.devices(40, prefix: "RES")
            let r = try await f.contract(plan: "enterprise", devices: ids)
            #expect(r.status == .created)
            #expect(r.json["warnings"] as? [String] == ["a resident technician is meant for 300 devices or more; this contract has 40"])
        }
    }

    @Test("A device already in an active contract for an overlapping period is 409; nothing is written")
    func deviceInTwoContracts() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let ids = try await f.devices(3, prefix: "DUP")
            #expect(try await f.contract(devices: ids).status == .created)
            let again = try await f.contract(devices: [ids[2]], starts: "2026-06-01", ends: "2026-12-31")
            #expect(again.status == .conflict)
            #expect(again.errorCode == "device_in_active_contract")
            #expect((again.json["error"] as? [String: Any])?["field"] as? String == "deviceIds.0")
            #expect(try await Contract.query(on: app.db).count() == 1)
            // The next period does not overlap.
            #expect(try await f.contract(devices: [ids[2]], starts: "2027-03-01", ends: "2028-02-29").status == .created)
            // A draft may name the device, but activating it while the other is active is 409.
            let draft = try await f.dispatcher.post("/api/v1/contracts",
                #"{"customerId":"\#(f.customerA)","planCode":"basic","startsOn":"2026-06-01","endsOn":"2026-12-31","deviceIds":["\#(ids[0])"],"status":"draft"}"#)
            #expect(draft.status == .created)
            #expect(draft.json["status"] as? String == "draft")
            let activated = try await f.dispatcher.request(.POST, "/api/v1/contracts/\(draft.json["id"]!)/activate")
            #expect(activated.status == .conflict)
            #expect(activated.errorCode == "device_in_active_contract")
        }
    }

    @Test("Bad contracts are refused with the field at fault", arguments: [
        (#"{"pmVisitsPerYear":5}"#, "2026-03-01", "2027-02-28", 422, "overrides.pmVisitsPerYear"),
        (#"{"partWarrantyMonths":13}"#, "2026-03-01", "2027-02-28", 422, "overrides.partWarrantyMonths"),
        ("{}", "2026-03-01", "2026-02-01", 422, "endsOn"),
        ("{}", "someday", "2026-02-01", 422, "startsOn"),
        (#"{"partsCoverage":"everything"}"#, "2026-03-01", "2027-02-28", 422, "overrides.partsCoverage"),
    ])
    func badContracts(overrides: String, starts: String, ends: String, status: Int, field: String) async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let ids = try await f.devices(2, prefix: "BAD")
            let r = try await f.contract(devices: ids, starts: starts, ends: ends, overrides: overrides)
            #expect(Int(r.status.code) == status, "\(r.text)")
            #expect((r.json["error"] as? [String: Any])?["field"] as? String == field, "\(r.text)")
            #expect(try await Contract.query(on: app.db).count() == 0)
        }
    }

    @Test("Unknown devices and another customer's devices are refused")
    func foreignDevices() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let mine = try await f.devices(1, prefix: "MINE")
            let theirs = try await f.device(customer: f.customerB, site: f.siteB, serial: "THEIRS")
            let foreign = try await f.contract(devices: mine + [theirs])
            #expect(foreign.errorCode == "device_of_other_customer")
            #expect((foreign.json["error"] as? [String: Any])?["field"] as? String == "deviceIds.1")
            let unknown = try await f.contract(devices: [UUID().uuidString])
            #expect(unknown.errorCode == "unknown_device")
            let unknownPlan = try await f.dispatcher.post("/api/v1/contracts",
                #"{"customerId":"\#(f.customerA)","planCode":"gold","startsOn":"2026-03-01","endsOn":"2027-02-28","deviceIds":[]}"#)
            #expect(unknownPlan.errorCode == "unknown_plan")
        }
    }

    @Test("A client user sees only its own contracts")
    func clientAccess() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let a = try await f.contract(devices: try await f.devices(2, prefix: "CA")).json["id"] as! String
            let bDevice = try await f.device(customer: f.customerB, site: f.siteB, serial: "CB-1")
            let b = try await f.contract(customer: f.customerB, devices: [bDevice]).json["id"] as! String
            #expect(try await f.clientA.get("/api/v1/contracts/\(a)").status == .ok)
            #expect(try await f.clientA.get("/api/v1/contracts/\(b)").status == .notFound)
            #expect(try await f.clientA.get("/api/v1/contracts/\(b)/schedule").status == .notFound)
            #expect(try await f.clientA.get("/api/v1/contracts").items.compactMap { $0["id"] as? String } == [a])
            #expect(try await f.clientA.get("/api/v1/contracts?customerId=\(f.customerB)").items.compactMap { $0["id"] as? String } == [a])
            #expect(try await f.clientA.request(.POST, "/api/v1/contracts/\(b)/renew").status == .notFound)
            #expect(try await f.clientA.request(.POST, "/api/v1/contracts/\(a)/renew").status == .forbidden)
        }
    }

    @Test("Renewal makes the next period's contract with the same devices and terms, once")
    func renewal() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let ids = try await f.devices(3, prefix: "REN")
            let first = try await f.contract(devices: ids, overrides: #"{"responseHours":6}"#).json
            let r = try await f.dispatcher.request(.POST, "/api/v1/contracts/\(first["id"]!)/renew")
            #expect(r.status == .created, "\(r.text)")
            #expect(r.json["startsOn"] as? String == "2027-03-01")
            #expect(r.json["endsOn"] as? String == "2028-02-29")
            #expect(Set(r.json["deviceIds"] as? [String] ?? []) == Set(ids.map { $0 }))
            #expect((r.json["terms"] as? [String: Any])?["responseHours"] as? Int == 6)
            #expect(r.json["renewedFromId"] as? String == first["id"] as? String)
            let twice = try await f.dispatcher.request(.POST, "/api/v1/contracts/\(first["id"]!)/renew")
            #expect(twice.status == .conflict)
        }
    }

    @Test("Devices added and removed mid-term are recorded on the contract and in each device's history")
    func midTermChanges() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let ids = try await f.devices(3, prefix: "MID")
            let c = try await f.contract(devices: Array(ids.prefix(2)), starts: "2026-01-01", ends: "2026-12-31").json["id"] as! String
            let added = try await f.dispatcher.post("/api/v1/contracts/\(c)/devices", #"{"deviceIds":["\#(ids[2])"]}"#)
            #expect(added.json["deviceCount"] as? Int == 3)
            let removed = try await f.dispatcher.post("/api/v1/contracts/\(c)/devices/remove", #"{"deviceIds":["\#(ids[0])"]}"#)
            #expect(removed.json["deviceCount"] as? Int == 2)
            let kinds = (removed.json["history"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
            #expect(kinds == ["devicesRemoved", "devicesAdded", "created"])
            let history = try await f.admin.get("/api/v1/devices/\(ids[0])/history").items
            #expect(history.first?["summary"] as? String == "Removed from the Standard contract 2026-01-01 to 2026-12-31")
            let again = try await f.dispatcher.post("/api/v1/contracts/\(c)/devices", #"{"deviceIds":["\#(ids[1])"]}"#)
            #expect(again.status == .conflict)
        }
    }

    @Test("Changing a plan leaves existing contracts' terms alone")
    func planEdits() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let c = try await f.contract(plan: "basic", devices: try await f.devices(1, prefix: "PL")).json["id"] as! String
            var terms = BuiltInPlans.basic.terms
            terms.responseHours = 72
            let body = String(data: try JSONEncoder().encode(terms), encoding: .utf8)!
            let edited = try await f.admin.patch("/api/v1/plans/basic", #"{"nameFa":"پایه","nameEn":"Basic","terms":\#(body)}"#)
            #expect(edited.status == .ok)
            #expect(try await f.dispatcher.patch("/api/v1/plans/basic", #"{"nameFa":"x","nameEn":"x","terms":\#(body)}"#).status == .forbidden)
            let contract = try await f.admin.get("/api/v1/contracts/\(c)").json
            #expect((contract["terms"] as? [String: Any])?["responseHours"] as? Int == 48)
        }
    }

    @Test("New overrides replan the schedule and keep the visits already done")
    func replan() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let c = try await f.contract(plan: "basic", devices: try await f.devices(1, prefix: "RP")).json["id"] as! String
            let first = try await ScheduledPM.query(on: app.db).sort(\.$date).first()!
            first.done = true
            first.date = "2026-06-02"
            try await first.save(on: app.db)
            let r = try await f.dispatcher.patch("/api/v1/contracts/\(c)", #"{"overrides":{"pmVisitsPerYear":4}}"#)
            #expect(r.status == .ok, "\(r.text)")
            let schedule = try await f.admin.get("/api/v1/contracts/\(c)/schedule").items
            #expect(schedule.map { $0["date"] as? String } == ["2026-06-02", "2026-07-15", "2026-10-15", "2027-01-14"])
            #expect(schedule.map { $0["done"] as? Bool } == [true, false, false, false])
        }
    }

    @Test("Coverage of a device follows its active contract")
    func coverage() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let ids = try await f.devices(2, prefix: "COV")
            _ = try await f.contract(plan: "standard", devices: [ids[0]], starts: "2026-01-01", ends: "2026-12-31")
            let repair = try await f.admin.get("/api/v1/devices/\(ids[0])/coverage?request=repairVisit&on=2026-11-24").json
            #expect(repair["charge"] as? String == "contract")
            let spare = try await f.admin.get("/api/v1/devices/\(ids[0])/coverage?request=part&partKind=spare&on=2026-11-24").json
            #expect(spare["charge"] as? String == "billable")
            #expect(spare["reason"] as? String == "the Standard contract covers wear parts, not spare parts")
            let later = try await f.admin.get("/api/v1/devices/\(ids[0])/coverage?request=repairVisit&on=1405-10-15").json
            #expect(later["charge"] as? String == "billable")
            let none = try await f.admin.get("/api/v1/devices/\(ids[1])/coverage?request=repairVisit&on=2026-11-24").json
            #expect(none["reason"] as? String == "no active contract covers 2026-11-24")
        }
    }
}

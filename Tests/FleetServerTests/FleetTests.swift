import Fluent
import FleetCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import FleetServer

@Suite("Customers, sites and devices")
struct FleetTests {
    @Test("A device is registered with its specs filled from the catalog")
    func registerDevice() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let r = try await f.admin.post("/api/v1/devices", #"""
            {"customerId":"\#(f.customerA)","serialNumber":"phbqj12345","make":"hp","model":"laserjet pro mfp m428fdw",
             "assetTag":"BANK-0042","location":{"siteId":"\#(f.siteA)","floor":"3","room":"301","department":"Credit"},
             "assignedUser":{"name":"Ali Karimi","email":"ali@bank.example","department":"Credit"},
             "ipAddress":"10.20.1.15","conditions":{"temperatureC":29,"humidityPercent":35,"dust":"high","powerProtection":"ups"},
             "installedOn":"1405-09-03","purchasePriceRials":450000000}
            """#)
            #expect(r.status == .created)
            let d = r.json
            #expect(d["serialNumber"] as? String == "PHBQJ12345")
            #expect(d["make"] as? String == "HP")
            #expect(d["model"] as? String == "LaserJet Pro MFP M428fdw")
            #expect(d["color"] as? Bool == false)
            #expect(d["installedOn"] as? String == "2026-11-24")
            #expect(d["snmpPort"] as? Int == 161)
            #expect(d["snmpCommunity"] as? String == "public")
            #expect((d["specs"] as? [String: Any])?["monthlyDutyPages"] as? Int == 80_000)
            #expect((d["conditions"] as? [String: Any])?["dust"] as? String == "high")
            #expect((d["location"] as? [String: Any])?["siteName"] as? String == "HQ")
            #expect(d["openTickets"] as? [Any] != nil)
            let history = try await f.admin.get("/api/v1/devices/\(d["id"]!)/history")
            #expect(history.items.map { $0["kind"] as? String } == ["created"])
        }
    }

    @Test("A serial number is unique per make, whatever its case: a duplicate is 409 and writes nothing")
    func duplicateSerial() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            try await f.device(serial: "SN-1")
            let again = try await f.admin.post("/api/v1/devices",
                #"{"customerId":"\#(f.customerB)","serialNumber":"sn-1","make":"hp","model":"X","location":{"siteId":"\#(f.siteB)"}}"#)
            #expect(again.status == .conflict)
            #expect(again.errorCode == "duplicate_serial")
            // Another make may use the same serial.
            try await f.device(serial: "SN-1", make: "Canon", model: "imageRUNNER 2425")
            #expect(try await f.admin.get("/api/v1/devices").json["total"] as? Int == 2)
        }
    }

    @Test("Bad device bodies get the error body with the right status and field, never 500", arguments: [
        (#"{"serialNumber":"A","make":"HP","model":"M"}"#, 422, "customerId"),
        (#"{"customerId":"CUSTOMER","serialNumber":"A","make":"HP"}"#, 422, "model"),
        (#"{"customerId":"CUSTOMER","serialNumber":"A","make":"HP","model":"M","location":{"siteId":"SITE"},"ipAddress":"999.1.1.1"}"#, 422, "ipAddress"),
        (#"{"customerId":"CUSTOMER","serialNumber":"A","make":"HP","model":"M","location":{"siteId":"SITE"},"snmpPort":0}"#, 422, "snmpPort"),
        (#"{"customerId":"CUSTOMER","serialNumber":"A","make":"HP","model":"M","location":{"siteId":"SITE"},"conditions":{"dust":"sandstorm"}}"#, 422, "conditions.dust"),
        (#"{"customerId":"CUSTOMER","serialNumber":"A","make":"HP","model":"M","location":{"siteId":"OTHERSITE"}}"#, 422, "location.siteId"),
        (#"{"customerId":"CUSTOMER","serialNumber":"A","make":"HP","model":"M","location":{"siteId":"SITE"},"installedOn":"1404-12-30"}"#, 422, "installedOn"),
        (#"{"customerId":"CUSTOMER","serialNumber":42,"make":"HP","model":"M"}"#, 422, "serialNumber"),
        (#"{"customerId":"not-a-uuid","serialNumber":"A","make":"HP","model":"M"}"#, 422, "customerId"),
        (#"{"customerId":"CUSTOMER","serialNumber":"A""#, 400, ""),
    ])
    func badBodies(body: String, status: Int, field: String) async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let json = body.replacingOccurrences(of: "OTHERSITE", with: f.siteB)
                .replacingOccurrences(of: "CUSTOMER", with: f.customerA).replacingOccurrences(of: "SITE", with: f.siteA)
            let r = try await f.admin.post("/api/v1/devices", json)
            #expect(Int(r.status.code) == status, "\(r.text)")
            let error = r.json["error"] as? [String: Any]
            #expect(error?["code"] as? String != nil)
            #expect(error?["message"] as? String != nil)
            if !field.isEmpty { #expect(error?["field"] as? String == field, "\(r.text)") }
            #expect(try await Device.query(on: app.db).count() == 0)
        }
    }

    @Test("Changing the room or the user is a move in the history, with where from and where to")
    func moveHistory() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let id = try await f.device(serial: "MOVE-1", extra: #","assignedUser":{"name":"Ali Karimi"}"#)
            let moved = try await f.technician.patch("/api/v1/devices/\(id)", #"{"location":{"room":"310"},"assignedUser":{"name":"Sara Ahmadi"}}"#)
            #expect(moved.status == .ok)
            #expect((moved.json["location"] as? [String: Any])?["room"] as? String == "310")
            let edited = try await f.admin.patch("/api/v1/devices/\(id)", #"{"ipAddress":"10.0.0.9","assetTag":null}"#)
            #expect(edited.status == .ok)
            let unchanged = try await f.admin.patch("/api/v1/devices/\(id)", #"{"ipAddress":"10.0.0.9"}"#)
            #expect(unchanged.status == .ok)

            let items = try await f.admin.get("/api/v1/devices/\(id)/history").items
            #expect(items.map { $0["kind"] as? String } == ["edited", "moved", "created"])
            let move = items[1]
            #expect(move["summary"] as? String == "Moved from HQ / 2 / 204 / Finance (Ali Karimi) to HQ / 2 / 310 / Finance (Sara Ahmadi)")
            #expect(move["actor"] as? String == "technician user")
            let changes = move["changes"] as? [[String: Any]] ?? []
            #expect(changes.map { $0["field"] as? String } == ["room", "assignedUser.name"])
            #expect(changes.first?["from"] as? String == "204")
            #expect(changes.first?["to"] as? String == "310")
            #expect((items[0]["changes"] as? [[String: Any]])?.first?["field"] as? String == "ipAddress")
        }
    }

    @Test("Moving a device to another customer's site is refused and changes nothing")
    func moveToForeignSite() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let id = try await f.device(serial: "STAY-1")
            let r = try await f.admin.patch("/api/v1/devices/\(id)", #"{"location":{"siteId":"\#(f.siteB)","room":"1"}}"#)
            #expect(r.status == .unprocessableEntity)
            #expect(r.errorCode == "site_of_other_customer")
            let d = try await f.admin.get("/api/v1/devices/\(id)").json
            #expect((d["location"] as? [String: Any])?["room"] as? String == "204")
            #expect(try await f.admin.get("/api/v1/devices/\(id)/history").items.count == 1)
        }
    }

    @Test("Search and filters: by text, site, department and status; LIKE wildcards are literal")
    func searchAndFilters() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            try await f.device(serial: "AAA-100", extra: #","assetTag":"50%_OFF""#)
            try await f.device(serial: "BBB-200", model: "Color LaserJet Pro M454dn")
            try await f.device(customer: f.customerB, site: f.siteB, serial: "CCC-300")
            func serials(_ query: String) async throws -> [String] {
                try await f.admin.get("/api/v1/devices?\(query)").items.compactMap { $0["serialNumber"] as? String }.sorted()
            }
            #expect(try await serials("q=bbb") == ["BBB-200"])
            #expect(try await serials("q=m454") == ["BBB-200"])
            #expect(try await serials("q=50%25_") == ["AAA-100"])
            #expect(try await serials("q=%25") == ["AAA-100"])
            #expect(try await serials("q=x_x") == [])
            #expect(try await serials("customerId=\(f.customerB)") == ["CCC-300"])
            #expect(try await serials("siteId=\(f.siteA)&department=Finance") == ["AAA-100", "BBB-200"])
            #expect(try await serials("status=retired") == [])
            #expect(try await f.admin.get("/api/v1/devices?status=broken").status == .unprocessableEntity)
            let page = try await f.admin.get("/api/v1/devices?limit=2&offset=2")
            #expect(page.json["total"] as? Int == 3)
            #expect(page.items.count == 1)
            // A page holds exactly `limit` items, and the next page starts after them.
            let first = try await f.admin.get("/api/v1/devices?limit=2").items.compactMap { $0["serialNumber"] as? String }
            #expect(first == ["BBB-200", "AAA-100"])   // by make, model, serial
            #expect(page.items.compactMap { $0["serialNumber"] as? String } == ["CCC-300"])
            #expect(try await f.admin.get("/api/v1/devices?limit=-1").status == .unprocessableEntity)
            #expect(try await f.admin.get("/api/v1/devices?offset=9223372036854775807").status == .unprocessableEntity)
            #expect(try await f.admin.get("/api/v1/devices?offset=99999999999999999999").status == .unprocessableEntity)
        }
    }

    @Test("The search index follows every change: an edit finds the new text and not the old, a deleted device is gone")
    func searchFollowsChanges() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let id = try await f.device(serial: "IDX-0001", extra: #","assignedUser":{"name":"زهرا رضایی"},"assetTag":"say \"hi\"""#)
            try await f.device(serial: "IDX-0002", model: "Color LaserJet Pro M454dn")
            func serials(_ q: String) async throws -> [String] {
                let encoded = q.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                return try await f.admin.get("/api/v1/devices?q=\(encoded)").items.compactMap { $0["serialNumber"] as? String }.sorted()
            }
            #expect(try await serials("رضایی") == ["IDX-0001"])
            #expect(try await serials("color laserjet") == ["IDX-0002"])
            #expect(try await serials("LASERJET PRO") == ["IDX-0001", "IDX-0002"])
            #expect(try await serials("say \"hi\"") == ["IDX-0001"], "a quote is a character, not FTS syntax")
            #expect(try await serials("jet OR x") == [], "nor is OR")
            #expect(try await serials("۰۰۰۱") == ["IDX-0001"], "Persian digits are searched as digits")
            #expect(try await serials("02") == ["IDX-0002"], "two characters: looked for without the index")
            #expect(try await f.admin.patch("/api/v1/devices/\(id)", #"{"location":{"room":"Archive 7"},"assignedUser":null}"#).status == .ok)
            #expect(try await serials("archive 7") == ["IDX-0001"])
            #expect(try await serials("رضایی") == [])
            // Raw SQL, as the large data set and a restore write: the triggers keep the index anyway.
            _ = try await (app.db as! any SQLDatabase).raw("DELETE FROM device_events").run()
            _ = try await (app.db as! any SQLDatabase).raw("DELETE FROM devices WHERE serial_number = 'IDX-0002'").run()
            #expect(try await serials("laserjet") == ["IDX-0001"])
            #expect(try await f.admin.get("/api/v1/devices?q=laserjet").json["total"] as? Int == 1)
        }
    }

    @Test("A search with many matches, read in list order, gives the same pages and totals as one read by lookup")
    func broadSearchSamePages() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            for i in 1...7 { try await f.device(serial: "BRD-\(i)", model: i % 2 == 0 ? "LaserJet Pro M404dn" : "Color LaserJet M454") }
            for i in 1...4 { try await f.device(customer: f.customerB, site: f.siteB, serial: "BRD-B\(i)", make: "Canon", model: "imageRUNNER \(i)") }
            let admin = Viewer(try #require(try await User.query(on: app.db).filter(\.$email == "admin@test.example").first()))
            for (customer, text) in [(nil, "laserjet"), (nil, "brd-"), (UUID(uuidString: f.customerB), "brd-"), (nil, "m454")] as [(UUID?, String)] {
                let filter = DeviceFilter(customerID: customer, text: text)
                for offset in [0, 3, 6] {
                    let paging = Paging(limit: 4, offset: offset)
                    func read(matches: Int) async throws -> (items: [String], total: Int) {
                        let q = filter.query(on: app.db, viewer: admin, matches: matches)
                        return (try await q.copy().offset(paging.offset).limit(paging.limit).all().map(\.serialNumber), try await q.count())
                    }
                    let lookedUp = try await read(matches: 0)
                    let walked = try await read(matches: TextSearch.broad + 1)
                    #expect(lookedUp.items == walked.items, "\(text) at \(offset)")
                    #expect(!lookedUp.items.isEmpty || offset > 0)
                    // The list's own read: the total from the index when nothing else narrows it, counted otherwise.
                    let page = try await filter.page(on: app.db, viewer: admin, paging: paging)
                    #expect(page.total == lookedUp.total, "\(text) for \(customer.map(\.uuidString) ?? "all")")
                    #expect(page.items.map(\.serialNumber) == lookedUp.items)
                }
            }
            // Through the API, with and without narrowing filters.
            #expect(try await f.admin.get("/api/v1/devices?q=brd-").json["total"] as? Int == 11)
            #expect(try await f.admin.get("/api/v1/devices?q=brd-&customerId=\(f.customerB)").json["total"] as? Int == 4)
            #expect(try await f.admin.get("/api/v1/devices?q=brd-&status=retired").json["total"] as? Int == 0)
            #expect(try await f.clientA.get("/api/v1/devices?q=brd-").json["total"] as? Int == 7, "a client counts only its own")
        }
    }

    @Test("Customers: duplicate names are 409; sites belong to one customer")
    func customers() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let dup = try await f.dispatcher.post("/api/v1/customers", #"{"name":"Bank A"}"#)
            #expect(dup.status == .conflict)
            let site = try await f.dispatcher.post("/api/v1/customers/\(f.customerA)/sites", #"{"name":"HQ"}"#)
            #expect(site.status == .conflict)
            let shown = try await f.admin.get("/api/v1/customers/\(f.customerA)")
            #expect((shown.json["sites"] as? [[String: Any]])?.map { $0["name"] as? String } == ["HQ"])
            let renamed = try await f.admin.patch("/api/v1/customers/\(f.customerA)", #"{"name":"Bank A Central","phone":"021-2222"}"#)
            #expect(renamed.json["name"] as? String == "Bank A Central")
            #expect(try await f.technician.post("/api/v1/customers", #"{"name":"X"}"#).status == .forbidden)
            #expect(try await f.admin.get("/api/v1/customers/\(UUID())").status == .notFound)
            #expect(try await f.admin.get("/api/v1/customers/not-an-id").status == .notFound)
        }
    }

    @Test("A device of the loaner pool has no customer")
    func loanerPool() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let r = try await f.admin.post("/api/v1/devices", #"{"loaner":true,"serialNumber":"LN-1","make":"HP","model":"LaserJet Pro M404dn"}"#)
            #expect(r.status == .created)
            #expect(r.json["loaner"] as? Bool == true)
            #expect(r.json["customerId"] == nil)
            #expect(try await f.admin.get("/api/v1/devices?loaner=true").items.count == 1)
            #expect(try await f.clientA.get("/api/v1/devices/\(r.json["id"]!)").status == .notFound)
        }
    }

    @Test("An oversized body is 413 with the error body")
    func oversized() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let big = String(repeating: "x", count: 9 << 20)
            let r = try await f.admin.request(.POST, "/api/v1/devices/import", body: big, contentType: "text/csv")
            #expect(r.status == .payloadTooLarge)
            #expect(r.errorCode == "payload_too_large")
        }
    }
}

import Fluent
import FleetCore
import Testing
import Vapor
import VaporTesting

@testable import FleetServer

@Suite("A client user sees only its own customer")
struct AccessTests {
    @Test("Another customer's device is 404 by id, in history, absent from list, search and export")
    func otherCustomersDevice() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let mine = try await f.device(serial: "MINE-1")
            let theirs = try await f.device(customer: f.customerB, site: f.siteB, serial: "THEIRS-1")

            #expect(try await f.clientA.get("/api/v1/devices/\(mine)").status == .ok)
            let byID = try await f.clientA.get("/api/v1/devices/\(theirs)")
            #expect(byID.status == .notFound)
            #expect(byID.errorCode == "not_found")
            #expect(try await f.clientA.get("/api/v1/devices/\(theirs)/history").status == .notFound)
            #expect(try await f.clientA.patch("/api/v1/devices/\(theirs)", #"{"room":"1"}"#).status == .notFound)

            let list = try await f.clientA.get("/api/v1/devices")
            #expect(list.items.compactMap { $0["serialNumber"] as? String } == ["MINE-1"])
            #expect(list.json["total"] as? Int == 1)
            // Asking for the other customer explicitly still yields only its own.
            let asked = try await f.clientA.get("/api/v1/devices?customerId=\(f.customerB)")
            #expect(asked.items.compactMap { $0["serialNumber"] as? String } == ["MINE-1"])
            #expect(try await f.clientA.get("/api/v1/devices?q=THEIRS").items.isEmpty)

            let export = try await f.clientA.get("/api/v1/devices/export?customerId=\(f.customerB)")
            #expect(export.status == .ok)
            #expect(export.text.contains("MINE-1"))
            #expect(!export.text.contains("THEIRS-1"))
        }
    }

    @Test("Another customer is 404; the customer list holds only its own")
    func otherCustomer() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            #expect(try await f.clientA.get("/api/v1/customers/\(f.customerB)").status == .notFound)
            #expect(try await f.clientA.get("/api/v1/customers/\(f.customerB)/sites").status == .notFound)
            let list = try await f.clientA.get("/api/v1/customers")
            #expect(list.items.compactMap { $0["name"] as? String } == ["Bank A"])
        }
    }

    @Test("A client user cannot register, import or edit fleet records, nor list users")
    func clientWrites() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let mine = try await f.device(serial: "MINE-2")
            #expect(try await f.clientA.post("/api/v1/devices",
                #"{"customerId":"\#(f.customerA)","serialNumber":"X","make":"HP","model":"M","location":{"siteId":"\#(f.siteA)"}}"#).status == .forbidden)
            #expect(try await f.clientA.patch("/api/v1/devices/\(mine)", #"{"assetTag":"X"}"#).status == .forbidden)
            #expect(try await f.clientA.request(.POST, "/api/v1/devices/import", body: "customer,site,serialNumber,make,model\n",
                                                contentType: "text/csv").status == .forbidden)
            #expect(try await f.clientA.get("/api/v1/users").status == .forbidden)
            #expect(try await f.clientA.post("/api/v1/customers/\(f.customerA)/sites", #"{"name":"Annex"}"#).status == .forbidden)
        }
    }
}

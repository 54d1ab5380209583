import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import FleetServer

@Suite("Stock transfers between the warehouse and vans")
struct StockTransferTests {
    @Test("Parts go from the warehouse to a van with both movements logged; too many is refused and changes nothing")
    func transfer() async throws {
        try await withFleetApp { app in
            let s = try await ServiceFixture.make(app)
            let received = try await s.f.dispatcher.post("/api/v1/stock/receive", #"{"partNumber":"RM2-5452","quantity":10}"#)
            let warehouse = try #require(received.json["locationId"] as? String)
            let moved = try await s.f.dispatcher.post("/api/v1/stock/transfer",
                #"{"partNumber":"rm2-5452","quantity":4,"fromLocationId":"\#(warehouse)","toTechnicianId":"\#(s.technicianID)"}"#)
            #expect(moved.status == .ok, "\(moved.text)")
            #expect((moved.json["from"] as? [String: Any])?["quantity"] as? Int == 6)
            #expect((moved.json["to"] as? [String: Any])?["quantity"] as? Int == 9)
            #expect(try await StockMovement.query(on: app.db).filter(\.$reason ~~ "transfer").count() == 2)

            let tooMany = try await s.f.dispatcher.post("/api/v1/stock/transfer",
                #"{"partNumber":"RM2-5452","quantity":7,"fromLocationId":"\#(warehouse)","toTechnicianId":"\#(s.technicianID)"}"#)
            #expect(tooMany.status == .conflict)
            #expect(tooMany.errorCode == "insufficient_stock")
            let stock = try await s.f.admin.get("/api/v1/stock").items.filter { $0["partNumber"] as? String == "RM2-5452" }
            #expect(stock.compactMap { $0["quantity"] as? Int }.sorted() == [6, 9])

            let same = try await s.f.dispatcher.post("/api/v1/stock/transfer",
                #"{"partNumber":"RM2-5452","quantity":1,"fromLocationId":"\#(warehouse)","toLocationId":"\#(warehouse)"}"#)
            #expect(same.status == .unprocessableEntity)
            #expect(try await s.f.technician.post("/api/v1/stock/transfer",
                #"{"partNumber":"RM2-5452","quantity":1,"fromLocationId":"\#(warehouse)","toTechnicianId":"\#(s.technicianID)"}"#).status == .forbidden)
        }
    }
}

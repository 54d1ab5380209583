import Fluent
import FleetCore
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import FleetServer

@Suite("Readings in batches")
struct ReadingBatchTests {
    @Test("A batch out of order, late and repeated, stored around earlier ones, leaves the monthly figures the readings give from scratch")
    func batchMatchesScratch() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let a = try await f.device(serial: "BAT-1"), b = try await f.device(serial: "BAT-2")
            let iso = ISO8601DateFormatter()
            let start = Date().addingTimeInterval(-80 * 86_400)
            func r(_ device: String, _ day: Int, _ pages: Int, _ source: String = "snmp") -> String {
                #"{"deviceId":"\#(device)","takenAt":"\#(iso.string(from: start.addingTimeInterval(Double(day) * 86_400)))","source":"\#(source)","totalPages":\#(pages)}"#
            }
            func batch(_ items: [String]) -> String { #"{"readings":["# + items.joined(separator: ",") + "]}" }
            let first = try await f.technician.post("/api/v1/readings", batch([r(a, 0, 1_000), r(a, 20, 3_000), r(a, 50, 6_000), r(b, 10, 500)]))
            #expect(first.json["accepted"] as? Int == 4)
            // Late (between stored ones), out of order, repeated within the batch and against the store, and too high for its place.
            let second = try await f.technician.post("/api/v1/readings", batch([
                r(a, 10, 2_000), r(a, 70, 8_000), r(a, 60, 7_000), r(a, 60, 7_000), r(a, 20, 3_000), r(b, 40, 2_500), r(b, 30, 9_999),
                r(b, 5, 400, "manual"),
            ]))
            #expect(second.json["accepted"] as? Int == 5, "\(second.text)")
            #expect(second.json["duplicates"] as? Int == 2)
            #expect((second.json["rejected"] as? [[String: Any]])?.map { $0["index"] as? Int } == [6])
            for device in [a, b] {
                let id = UUID(uuidString: device)!
                let stored = try await MeterReadingRecord.query(on: app.db).filter(\.$device.$id == id).all().map(\.reading)
                let scratch = MeterMonth.of(stored, timeZone: .tehran)
                let months = try await MeterMonthRecord.query(on: app.db).filter(\.$deviceID == id).all()
                for m in months where abs(m.pages) > 0.001 || scratch[m.month] != nil {
                    #expect(abs(m.pages - (scratch[m.month]?.pages ?? 0)) < 0.01, "\(m.month): \(m.pages) stored, \(scratch[m.month]?.pages ?? 0) from scratch")
                }
                #expect(Set(scratch.keys).isSubset(of: Set(months.map(\.month))))
            }
            // The manual reading went into the device's history; the collector's did not.
            let history = try await f.admin.get("/api/v1/devices/\(b)/history").items.compactMap { $0["summary"] as? String }
            #expect(history.contains { $0.contains("Meter 400 pages (manual)") })
        }
    }

    @Test("Batches sent at the same time to an SQLite file are all stored: writers take turns rather than fail")
    func concurrentBatches() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try await withFileApp("\(dir)/fleet.sqlite") { app in
            let f = try await Fixture.make(app)
            let csv = "customer,site,serialNumber,make,model\n" + (1...160).map { "Bank A,HQ,CC-\($0),HP,LaserJet Pro M404dn" }.joined(separator: "\n")
            #expect(try await f.admin.request(.POST, "/api/v1/devices/import", body: csv, contentType: "text/csv").status == .ok)
            let ids = try await Device.query(on: app.db).all().compactMap { $0.id?.uuidString }
            let at = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-600))
            let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                for part in 0..<8 {
                    let items = ids[(part * 20)..<((part + 1) * 20)].map {
                        #"{"deviceId":"\#($0)","takenAt":"\#(at)","source":"snmp","totalPages":1000,"supplies":[{"kind":"toner","levelPercent":50,"name":"Black Toner"}]}"#
                    }
                    group.addTask { try await f.technician.post("/api/v1/readings", #"{"readings":["# + items.joined(separator: ",") + "]}").status.code }
                }
                return try await group.reduce(into: [UInt]()) { $0.append($1) }
            }
            #expect(statuses == Array(repeating: 200, count: 8), "\(statuses)")
            #expect(try await MeterReadingRecord.query(on: app.db).count() == 160)
        }
    }
}

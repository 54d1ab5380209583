import Fluent
import FleetCore
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import FleetServer

@Suite("Hostile input: nonsense, injection and oversize get clear errors and change nothing")
struct HostileInputTests {
    @Test("Readings dated in antiquity or with counts beyond any counter are refused, not crashed on", arguments: [
        (#""takenAt":"0004-01-01T00:09:01Z","totalPages":2"#, "takenAt"),
        (#""takenAt":"1999-12-31T23:59:59Z","totalPages":2"#, "takenAt"),
        (#""takenAt":"NOW","totalPages":9223372036854775807"#, "totalPages"),
        (#""takenAt":"NOW","totalPages":10,"monoPages":9223372036854775807,"colorPages":9223372036854775807"#, "monoPages"),
    ])
    func readingsBeyondReason(fields: String, field: String) async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let device = try await f.device(serial: "HOST-1")
            let now = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-60))
            let body = #"{"readings":[{"deviceId":"\#(device)","source":"manual",\#(fields.replacingOccurrences(of: "NOW", with: now))}]}"#
            let r = try await f.technician.post("/api/v1/readings", body)
            // A batch answers for each reading: this one is refused, naming its field.
            #expect(r.status == .ok, "\(r.status) \(r.text)")
            #expect(r.json["accepted"] as? Int == 0)
            let refused = (r.json["rejected"] as? [[String: Any]])?.first
            #expect(refused?["field"] as? String == field, "\(r.text)")
            #expect(refused?["code"] as? String == "invalid_reading")
            #expect(try await MeterReadingRecord.query(on: app.db).count() == 0)
        }
    }
}

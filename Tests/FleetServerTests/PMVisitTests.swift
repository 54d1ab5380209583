import FleetCore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import FleetServer

/// A PM visit to hundreds of machines, worked machine by machine (issue: every journey works in a real browser, 4).
@Suite("PM visits machine by machine")
struct PMVisitTests {
    static func book(_ s: ServiceFixture, _ devices: [String]) async throws -> String {
        let when = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-7200))
        let ids = devices.map { "\"\($0)\"" }.joined(separator: ",")
        let v = try await s.f.dispatcher.post("/api/v1/visits",
            #"{"kind":"pm","deviceIds":[\#(ids)],"technicianId":"\#(s.technicianID)","scheduledAt":"\#(when)"}"#)
        guard v.status == .created, let id = v.json["id"] as? String else { throw TestFailure("visit: \(v.text)") }
        return id
    }

    @Test("Each machine is serviced or skipped with a reason, saved as it goes; the visit signs off once none is left")
    func machineByMachine() async throws {
        try await withFleetApp { app in
            let s = try await ServiceFixture.make(app)
            let d2 = try await s.f.device(serial: "SVC-2"), d3 = try await s.f.device(serial: "SVC-3")
            let visit = try await Self.book(s, [d3, s.device, d2])
            let tech = s.f.technician
            let list = try await tech.get("/api/v1/visits/\(visit)/devices").items
            #expect(list.compactMap { $0["serialNumber"] as? String } == ["SVC-1", "SVC-2", "SVC-3"], "in walking order")
            #expect(list.allSatisfy { $0["outcome"] as? String == "pending" })

            let done = try await tech.post("/api/v1/visits/\(visit)/devices/\(s.device)", #"""
            {"outcome":"done","reading":{"totalPages":1200},"partsUsed":[{"partNumber":"RM2-5452","quantity":1,"serialNumber":"PR-77"}],
             "checklist":["fuser","clean-paper-path"]}
            """#)
            #expect(done.status == .ok, "\(done.text)")
            #expect(done.json["outcome"] as? String == "done")
            #expect(done.json["totalPages"] as? Int == 1200)
            #expect(try await tech.post("/api/v1/visits/\(visit)/devices/\(s.device)", #"{"outcome":"done"}"#).errorCode
                    == "device_already_recorded", "a serviced machine is final")
            let counter = try await s.f.admin.get("/api/v1/devices/\(s.device)")
            #expect((counter.json["lastReading"] as? [String: Any])?["totalPages"] as? Int == 1200, "the counter is a reading at once")

            let noReason = try await tech.post("/api/v1/visits/\(visit)/devices/\(d2)", #"{"outcome":"skipped"}"#)
            #expect(noReason.status == .unprocessableEntity)
            #expect((noReason.json["error"] as? [String: Any])?["field"] as? String == "skipReason")
            let other = try await tech.post("/api/v1/visits/\(visit)/devices/\(d2)", #"{"outcome":"skipped","skipReason":"other"}"#)
            #expect((other.json["error"] as? [String: Any])?["field"] as? String == "note", "'other' says what in the note")
            let skipped = try await tech.post("/api/v1/visits/\(visit)/devices/\(d2)", #"{"outcome":"skipped","skipReason":"noAccess"}"#)
            #expect(skipped.json["skipReason"] as? String == "noAccess")

            let early = try await s.complete(visit, parts: [])
            #expect(early.status == .unprocessableEntity)
            #expect(early.errorCode == "pm_devices_pending", "one machine is left: \(early.text)")

            let unknown = try await tech.post("/api/v1/visits/\(visit)/devices/\(d3)", #"{"outcome":"done","checklist":["polish-the-case"]}"#)
            #expect((unknown.json["error"] as? [String: Any])?["field"] as? String == "checklist")
            #expect(try await tech.post("/api/v1/visits/\(visit)/devices/\(d3)", #"{"outcome":"done","checklist":["counters"]}"#).status == .ok)
            // The next day the room is open: the machine passed over is serviced after all.
            #expect(try await tech.post("/api/v1/visits/\(visit)/devices/\(d2)", #"{"outcome":"done","reading":{"totalPages":50}}"#).status == .ok)

            let report = try await s.complete(visit, parts: [])
            #expect(report.status == .ok, "\(report.text)")
            let devices = report.json["devices"] as? [[String: Any]] ?? []
            #expect(devices.allSatisfy { $0["outcome"] as? String == "done" })
            let checklist = report.json["checklist"] as? [[String: Any]] ?? []
            #expect(checklist.filter { $0["done"] as? Bool == true }.compactMap { $0["code"] as? String }.sorted()
                    == ["clean-paper-path", "counters", "fuser"], "the machines' checklists together")
            let parts = report.json["parts"] as? [[String: Any]] ?? []
            #expect(parts.count == 1 && parts.first?["deviceId"] as? String == s.device.uppercased() && parts.first?["counterAtFitting"] as? Int == 1200)
            #expect(parts.first?["serialNumber"] as? String == "PR-77", "the part's own serial")
            #expect(try await tech.post("/api/v1/visits/\(visit)/devices/\(d3)", #"{"outcome":"done"}"#).errorCode == "already_completed")
        }
    }

    @Test("A machine skipped stays skipped on the report with its reason; refusals undo everything")
    func skippedOnTheReport() async throws {
        try await withFleetApp { app in
            let s = try await ServiceFixture.make(app)
            let d2 = try await s.f.device(serial: "SVC-2")
            let visit = try await Self.book(s, [s.device, d2])
            let tech = s.f.technician
            // Six rollers from a van of five: refused, and nothing of it is kept (no reading, no row).
            let short = try await tech.post("/api/v1/visits/\(visit)/devices/\(s.device)", #"""
            {"outcome":"done","reading":{"totalPages":900},"partsUsed":[{"partNumber":"RM2-5452","quantity":6}]}
            """#)
            #expect(short.errorCode == "insufficient_stock")
            #expect(try await MeterReadingRecord.query(on: app.db).count() == 0)
            #expect(try await VisitDevice.query(on: app.db).count() == 0)
            #expect(try await tech.post("/api/v1/visits/\(visit)/devices/\(s.device)", #"{"outcome":"done"}"#).status == .ok)
            #expect(try await tech.post("/api/v1/visits/\(visit)/devices/\(d2)", #"{"outcome":"skipped","skipReason":"outOfOrder","note":"fuser error 50.2"}"#).status == .ok)
            let report = try await s.complete(visit, parts: [])
            let skipped = (report.json["devices"] as? [[String: Any]] ?? []).first { $0["serialNumber"] as? String == "SVC-2" }
            #expect(skipped?["outcome"] as? String == "skipped")
            #expect(skipped?["skipReason"] as? String == "outOfOrder")
        }
    }

    @Test("Parts past their rated life by the pages since fitted are flagged per machine, and not once replaced")
    func wornPartsFlagged() async throws {
        try await withFleetApp { app in
            let s = try await ServiceFixture.make(app)
            let d2 = try await s.f.device(serial: "SVC-2")
            let at = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-86_400))
            let r = try await s.f.admin.post("/api/v1/readings", #"""
            {"readings":[{"deviceId":"\#(s.device)","takenAt":"\#(at)","source":"manual","totalPages":150000},
                         {"deviceId":"\#(d2)","takenAt":"\#(at)","source":"manual","totalPages":99999}]}
            """#)
            #expect(r.json["accepted"] as? Int == 2)
            let visit = try await Self.book(s, [s.device, d2])
            let list = try await s.f.technician.get("/api/v1/visits/\(visit)/devices").items
            let worn = list.first { $0["serialNumber"] as? String == "SVC-1" }?["wornParts"] as? [[String: Any]] ?? []
            // The pickup roller is rated for 100,000 pages and was never changed: 150,000 pages on it.
            #expect(worn.count == 1)
            #expect(worn.first?["partNumber"] as? String == "RM2-5452")
            #expect(worn.first?["pagesSinceFitted"] as? Int == 150_000)
            #expect((list.first { $0["serialNumber"] as? String == "SVC-2" }?["wornParts"] as? [[String: Any]])?.isEmpty == true,
                    "99,999 pages is not yet its life")
            let changed = try await s.f.technician.post("/api/v1/visits/\(visit)/devices/\(s.device)", #"""
            {"outcome":"done","reading":{"totalPages":150100},"partsUsed":[{"partNumber":"RM2-5452","quantity":1}]}
            """#)
            #expect((changed.json["wornParts"] as? [[String: Any]])?.isEmpty == true, "\(changed.text)")
        }
    }

    @Test("On the pages: the list, one machine at a time going on to the next, a refusal in Persian with what was typed, the sign-off")
    func onThePages() async throws {
        try await withFleetApp { app in
            let s = try await ServiceFixture.make(app)
            let d2 = try await s.f.device(serial: "SVC-2")
            let visit = try await Self.book(s, [s.device, d2])
            let tech = Browser(app)
            try await tech.signIn("tech@test.example")
            #expect(try await tech.get("/my-day").text.contains("مانده: ۲ / ۲"))
            let list = try await tech.get("/visits/\(visit)/complete")
            #expect(list.status == .ok)
            #expect(list.text.contains("۰ سرویس‌شده · ۰ سرویس‌نشده · ۲ مانده از ۲ دستگاه"), "\(list.text)")
            let first = try await tech.get("/visits/\(visit)/devices/\(s.device)")
            #expect(first.text.contains(#"name="check_fuser" value="on" checked"#), "a PM does the whole checklist unless told")
            let saved = try await tech.post("/visits/\(visit)/devices/\(s.device)",
                                            ["outcome": "done", "totalPages": "۱٬۲۰۰", "check_fuser": "on", "qty1": "1", "part1": ""])
            #expect(saved.status == .seeOther)
            #expect(saved.headers.first(name: .location) == "/visits/\(visit.uppercased())/devices/\(d2.uppercased())", "on to the next machine")
            let bad = try await tech.post("/visits/\(visit)/devices/\(d2)", ["outcome": "skipped", "note": "اتاق قفل بود"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("«دلیل انجام‌نشدن سرویس» پذیرفته نشد"), "\(bad.text)")
            #expect(bad.text.contains("اتاق قفل بود"), "the note typed comes back")
            let early = try await tech.post("/visits/\(visit)/complete", ["startedAt": LocalTimeFixture.string(Date().addingTimeInterval(-3600)),
                "finishedAt": LocalTimeFixture.string(Date()), "findings": "سرویس", "signerName": "مریم رحیمی", "satisfaction": "5"])
            #expect(early.status == .unprocessableEntity)
            #expect(early.text.contains("۱ دستگاه هنوز ثبت نشده است"))
            #expect(early.text.contains("مریم رحیمی"), "the sign-off typed comes back")
            let skipped = try await tech.post("/visits/\(visit)/devices/\(d2)", ["outcome": "skipped", "skipReason": "noAccess"])
            #expect(skipped.headers.first(name: .location) == "/visits/\(visit.uppercased())/complete#sign-off")
            #expect(try await tech.get("/visits/\(visit)/devices/\(s.device)").status == .seeOther, "a serviced machine is not edited")
            let signed = try await tech.post("/visits/\(visit)/complete", ["startedAt": LocalTimeFixture.string(Date().addingTimeInterval(-3600)),
                "finishedAt": LocalTimeFixture.string(Date()), "findings": "سرویس", "signerName": "مریم رحیمی", "satisfaction": "5"])
            #expect(signed.status == .seeOther, "\(signed.text)")
            let report = try await tech.get(signed.headers.first(name: .location) ?? "")
            #expect(report.text.contains("سرویس‌نشده: دسترسی نبود (اتاق بسته)"))
            #expect(report.text.contains("سرویس‌شده · کنتور کل ۱٬۲۰۰"))
        }
    }
}

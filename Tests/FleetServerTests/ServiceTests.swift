import FleetCore
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import FleetServer

/// A fleet with parts in the catalog and a technician's van stocked.
struct ServiceFixture {
    let f: Fixture
    let technicianID: String
    let device: String
    let contract: String

    static let today = CalendarDay(Date(), in: .tehran)

    static func make(_ app: Application, plan: String = "standard") async throws -> ServiceFixture {
        let f = try await Fixture.make(app)
        let device = try await f.device(serial: "SVC-1")
        let start = today.adding(days: -30), end = today.adding(days: 300)
        let c = try await f.contract(plan: plan, devices: [device], starts: start.description, ends: end.description)
        guard let contract = c.json["id"] as? String else { throw TestFailure("contract: \(c.text)") }
        for body in [
            #"{"partNumber":"RM2-5452","name":"Pickup roller","kind":"wear","ratedLifePages":100000,"priceRials":2500000,"compatibleModels":["LaserJet Pro M404dn"]}"#,
            #"{"partNumber":"RM2-8100","name":"Formatter board","kind":"spare","priceRials":18000000,"compatibleModels":["LaserJet Pro M404dn"]}"#,
            #"{"partNumber":"CE-505","name":"Fuser for Canon","kind":"wear","priceRials":9000000,"compatibleModels":["imageRUNNER 2425"]}"#,
        ] {
            let r = try await f.admin.post("/api/v1/parts", body)
            guard r.status == .created else { throw TestFailure("part: \(r.text)") }
        }
        let tech = try await f.technician.get("/api/v1/auth/me").json["id"] as! String
        for part in ["RM2-5452", "RM2-8100"] {
            let r = try await f.dispatcher.post("/api/v1/stock/receive", #"{"partNumber":"\#(part)","quantity":5,"technicianId":"\#(tech)"}"#)
            guard r.status == .ok else { throw TestFailure("stock: \(r.text)") }
        }
        return ServiceFixture(f: f, technicianID: tech, device: device, contract: contract)
    }

    func openTicket(_ symptom: String, client: APIClient? = nil, channel: String = "phone") async throws -> TestingHTTPResponse {
        let r = try await (client ?? f.dispatcher).post("/api/v1/tickets",
            #"{"deviceId":"\#(device)","channel":"\#(channel)","description":"the printer says \#(symptom)","symptom":"\#(symptom)"}"#)
        if client == nil, r.status != .created { throw TestFailure("ticket not opened: \(r.status) \(r.text)") }
        return r
    }

    func dispatch(_ ticket: String) async throws -> String {
        let when = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-3600))
        let r = try await f.dispatcher.post("/api/v1/tickets/\(ticket)/dispatch", #"{"technicianId":"\#(technicianID)","scheduledAt":"\#(when)"}"#)
        guard r.json["stage"] as? String == "dispatched" else { throw TestFailure("dispatch: \(r.text)") }
        let visits = try await f.technician.get("/api/v1/visits?status=scheduled").items
        guard let visit = visits.first(where: { $0["ticketId"] as? String == ticket })?["id"] as? String else {
            throw TestFailure("no visit booked")
        }
        return visit
    }

    func complete(_ visit: String, parts: [String], extra: String = "", satisfaction: Int = 5,
                  finishedAgo: TimeInterval = 60) async throws -> TestingHTTPResponse {
        let iso = ISO8601DateFormatter()
        let started = iso.string(from: Date().addingTimeInterval(-finishedAgo - 1740))
        let finished = iso.string(from: Date().addingTimeInterval(-finishedAgo))
        let lines = parts.map { #"{"deviceId":"\#(device)","partNumber":"\#($0)","quantity":1}"# }.joined(separator: ",")
        return try await f.technician.post("/api/v1/visits/\(visit)/complete", #"""
        {"startedAt":"\#(started)","finishedAt":"\#(finished)","findings":"cleaned the paper path","partsUsed":[\#(lines)],
         "signOff":{"signerName":"Maryam Rahimi","satisfaction":\#(satisfaction),"comment":"quick work"}\#(extra)}
        """#)
    }
}

@Suite("Service: tickets, visits, parts and work reports")
struct ServiceTests {
    @Test("One repair end to end: call, remote triage, dispatch, two parts (one a repeat under warranty), sign-off, report")
    func repairEndToEnd() async throws {
        try await withFleetApp { app in
            let s = try await ServiceFixture.make(app)
            // An earlier repair fitted a formatter board: a spare part, billable under Standard, 3 months' warranty.
            let first = try await s.openTicket("no power")
            let firstVisit = try await s.dispatch(first.json["id"] as! String)
            let firstReport = try await s.complete(firstVisit, parts: ["RM2-8100"])
            #expect(firstReport.status == .ok, "\(firstReport.text)")
            let firstLine = (firstReport.json["parts"] as? [[String: Any]])?.first
            #expect(firstLine?["charge"] as? String == "billable")
            #expect(firstReport.json["billableTotalRials"] as? Int == 18_000_000)
            let warrantyEnd = PartWarranty.until(fittedOn: ServiceFixture.today, months: 3).description
            #expect(firstLine?["warrantyUntil"] as? String == warrantyEnd)

            // The call: remote triage first (Standard includes remote support), covered, with an SLA.
            let call = try await s.openTicket("paper jam")
            #expect(call.status == .created)
            #expect(call.json["stage"] as? String == "remoteTriage")
            #expect(call.json["covered"] as? Bool == true)
            #expect(call.json["coverageReason"] as? String == "a breakdown between PM visits is free labour under the Standard contract")
            let likely = call.json["likelyParts"] as? [[String: Any]] ?? []
            #expect(likely.first?["partNumber"] as? String == "RM2-8100")
            #expect(likely.first?["reason"] as? String == "replaced on this device 1 time before")
            let record = try await s.f.admin.get("/api/v1/devices/\(s.device)").json
            #expect((record["openTickets"] as? [[String: Any]])?.count == 1)

            let visit = try await s.dispatch(call.json["id"] as! String)
            let report = try await s.complete(visit, parts: ["RM2-5452", "RM2-8100"])
            #expect(report.status == .ok, "\(report.text)")
            let lines = report.json["parts"] as? [[String: Any]] ?? []
            #expect(lines.map { $0["partNumber"] as? String } == ["RM2-5452", "RM2-8100"])
            #expect(lines.map { $0["charge"] as? String } == ["contract", "warranty"])
            #expect(lines.map { $0["billedRials"] as? Int } == [0, 0])
            #expect(report.json["billableTotalRials"] as? Int == 0)
            #expect(lines[1]["replacesLineId"] as? String == firstLine?["id"] as? String)
            let signOff = report.json["signOff"] as? [String: Any]
            #expect(signOff?["signerName"] as? String == "Maryam Rahimi")
            #expect(signOff?["satisfaction"] as? Int == 5)

            // The printable report: the same endpoint asked for HTML, and the signed-in page.
            let html = try await s.f.clientA.request(.GET, "/api/v1/visits/\(visit)/report", headers: ["Accept": "text/html"])
            #expect(html.headers.contentType == .html)
            #expect(html.text.contains(#"<html lang="fa" dir="rtl">"#))
            #expect(html.text.contains("گزارش کار · تعمیر"))
            #expect(html.text.contains(#"<span class="badge warranty">گارانتی</span>"#))
            #expect(html.text.contains("★★★★★"))
            let browser = Browser(app)
            try await browser.signIn("client-a@test.example")
            #expect(try await browser.get("/visits/\(visit)/report").text.contains("Maryam Rahimi"))
            let otherBrowser = Browser(app)
            try await otherBrowser.signIn("client-b@test.example")
            #expect(try await otherBrowser.get("/visits/\(visit)/report").status == .notFound)

            // Both lines point at each other; the ticket is resolved; the van gave up the parts.
            let earlier = try await s.f.admin.get("/api/v1/visits/\(firstVisit)/report").json
            #expect((earlier["parts"] as? [[String: Any]])?.first?["replacedByLineId"] as? String == lines[1]["id"] as? String)
            #expect(try await s.f.admin.get("/api/v1/tickets/\(call.json["id"]!)").json["stage"] as? String == "resolved")
            let stock = try await s.f.admin.get("/api/v1/stock").items
            #expect(stock.map { "\($0["partNumber"]!)=\($0["quantity"]!)" } == ["RM2-5452=4", "RM2-8100=3"])
            let kinds = try await s.f.admin.get("/api/v1/devices/\(s.device)/history").items.compactMap { $0["kind"] as? String }
            #expect(kinds.filter { $0 == "partReplaced" }.count == 3)
            let after = try await s.f.admin.get("/api/v1/devices/\(s.device)").json
            #expect((after["openTickets"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("Stages: dispatched, on site when the technician arrives (the SLA response), resolved, confirmed by the client, closed")
    func stages() async throws {
        try await withFleetApp { app in
            let s = try await ServiceFixture.make(app)
            let t = try await s.openTicket("jam").json["id"] as! String
            let visit = try await s.dispatch(t)
            #expect(try await s.f.technician.request(.POST, "/api/v1/visits/\(visit)/arrive").status == .ok)
            let onSite = try await s.f.admin.get("/api/v1/tickets/\(t)").json
            #expect(onSite["stage"] as? String == "onSite")
            #expect(onSite["slaBreached"] as? Bool == false)
            #expect(try await s.f.clientA.request(.POST, "/api/v1/tickets/\(t)/confirm").status == .conflict)
            _ = try await s.complete(visit, parts: [])
            #expect(try await s.f.clientB.request(.POST, "/api/v1/tickets/\(t)/confirm").status == .notFound)
            let confirmed = try await s.f.clientA.request(.POST, "/api/v1/tickets/\(t)/confirm")
            #expect(confirmed.json["stage"] as? String == "confirmed")
            #expect(try await s.f.clientA.request(.POST, "/api/v1/tickets/\(t)/close").status == .forbidden)
            #expect(try await s.f.dispatcher.request(.POST, "/api/v1/tickets/\(t)/close").json["stage"] as? String == "closed")
        }
    }

    @Test("Past repairs of the same symptom, whatever its case, rank the part they needed; other symptoms do not count")
    func symptomHistory() async throws {
        try await withFleetApp { app in
            let s = try await ServiceFixture.make(app)
            let jam = try await s.dispatch(try await s.openTicket("paper jam").json["id"] as! String)
            _ = try await s.complete(jam, parts: ["RM2-5452"])
            let power = try await s.dispatch(try await s.openTicket("no power").json["id"] as! String)
            _ = try await s.complete(power, parts: ["RM2-8100"])
            let other = try await s.f.device(serial: "SVC-9")
            let call = try await s.f.dispatcher.post("/api/v1/tickets",
                #"{"deviceId":"\#(other)","channel":"phone","description":"jammed","symptom":"Paper Jam"}"#)
            let likely = call.json["likelyParts"] as? [[String: Any]] ?? []
            #expect(likely.map { $0["partNumber"] as? String } == ["RM2-5452"])
            #expect(likely.first?["reason"] as? String == "1 of 1 'Paper Jam' repairs on this model replaced the Pickup roller")
        }
    }

    @Test("A fitted part remembers the counter (the visit's reading, else the last one) and the next call weighs its wear from there")
    func wearFromCounter() async throws {
        try await withFleetApp { app in
            let s = try await ServiceFixture.make(app)
            func read(_ total: Int, hoursAgo: Double) async throws {
                let at = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-hoursAgo * 3600))
                let r = try await s.f.technician.post("/api/v1/readings",
                    #"{"readings":[{"deviceId":"\#(s.device)","takenAt":"\#(at)","source":"manual","totalPages":\#(total)}]}"#)
                #expect(r.json["accepted"] as? Int == 1, "\(r.text)")
            }
            try await read(150_000, hoursAgo: 48)
            // The roller the machine came with has seen every page: 150% of its 100,000.
            let call = try await s.openTicket("noise")
            let likely = call.json["likelyParts"] as? [[String: Any]] ?? []
            #expect(likely.map { $0["partNumber"] as? String } == ["RM2-5452"])
            #expect(likely.first?["reason"] as? String == "Pickup roller at 150% of rated life")

            let visit = try await s.dispatch(call.json["id"] as! String)
            let report = try await s.complete(visit, parts: ["RM2-5452"],
                                              extra: #","readings":[{"deviceId":"\#(s.device)","totalPages":152000}]"#, finishedAgo: 1800)
            #expect((report.json["parts"] as? [[String: Any]])?.first?["counterAtFitting"] as? Int == 152_000, "\(report.text)")

            // 8,000 pages later the new roller is at 8%; a visit without a counter starts from the last reading.
            try await read(160_000, hoursAgo: 0.1)
            let next = try await s.openTicket("noise")
            let wear = next.json["likelyParts"] as? [[String: Any]] ?? []
            #expect(wear.first?["reason"] as? String == "1 of 1 'noise' repairs on this model replaced the Pickup roller; replaced on this device 1 time before")
            // (1 on the model + 0.5 x 1 across the fleet + 0.25 its own) x (0.3 + 0.7 x 0.08) + 0.1 x 0.08 = 0.631
            #expect(wear.first?["score"] as? Double == 0.631)
            let second = try await s.complete(try await s.dispatch(next.json["id"] as! String), parts: ["RM2-5452"])
            #expect((second.json["parts"] as? [[String: Any]])?.first?["counterAtFitting"] as? Int == 160_000, "\(second.text)")
        }
    }

    @Test("Lines written before counters were kept get the last reading before their visit, not one after it")
    func counterBackfill() async throws {
        try await withFleetApp { app in
            let s = try await ServiceFixture.make(app)
            let visit = try await s.dispatch(try await s.openTicket("noise").json["id"] as! String)
            let report = try await s.complete(visit, parts: ["RM2-5452"], finishedAgo: 1800)
            #expect((report.json["parts"] as? [[String: Any]])?.first?["counterAtFitting"] == nil)
            for (total, ago) in [(40_000, 7_200.0), (41_000, 3_600.0), (45_000, 60.0)] {
                let r = MeterReadingRecord()
                r.$device.id = UUID(uuidString: s.device)!
                r.takenAt = MeterReading.moment(Date().addingTimeInterval(-ago))
                r.source = "snmp"
                r.totalPages = Int64(total)
                r.counterReset = false
                r.supplies = []
                r.receivedAt = Date()
                try await r.create(on: app.db)
            }
            try await UpdatePartLinesAddCounter.fillCounters(on: app.db as! any SQLDatabase)
            let after = try await s.f.admin.get("/api/v1/visits/\(visit)/report").json
            #expect((after["parts"] as? [[String: Any]])?.first?["counterAtFitting"] as? Int == 41_000)
        }
    }

    @Test("A driver fault is resolved remotely; a resolved ticket cannot be dispatched")
    func remoteResolution() async throws {
        try await withFleetApp { app in
            let s = try await ServiceFixture.make(app)
            let t = try await s.openTicket("prints garbage").json["id"] as! String
            let r = try await s.f.dispatcher.post("/api/v1/tickets/\(t)/resolve-remotely", #"{"notes":"reinstalled the PCL6 driver over remote desktop"}"#)
            #expect(r.json["stage"] as? String == "resolved")
            #expect(r.json["slaBreached"] as? Bool == false)
            let late = try await s.f.dispatcher.post("/api/v1/tickets/\(t)/dispatch",
                #"{"technicianId":"\#(s.technicianID)","scheduledAt":"2026-11-25T08:00:00Z"}"#)
            #expect(late.status == .conflict)
        }
    }

    @Test("Without a contract a call is billable, skips remote triage, and is due in 48 working hours")
    func noContract() async throws {
        try await withFleetApp { app in
            let s = try await ServiceFixture.make(app)
            let other = try await s.f.device(serial: "NOCONTRACT-1")
            let r = try await s.f.dispatcher.post("/api/v1/tickets", #"{"deviceId":"\#(other)","channel":"email","description":"noisy"}"#)
            #expect(r.json["stage"] as? String == "awaitingDispatch")
            #expect(r.json["covered"] as? Bool == false)
            let iso = ISO8601DateFormatter()
            let opened = iso.date(from: r.json["openedAt"] as! String)!, due = iso.date(from: r.json["slaDueAt"] as! String)!
            let hours = WorkingHours(holidays: HolidayCalendar())
            #expect(abs(hours.workingSeconds(from: opened, to: due) - 48 * 3600) < 2)
        }
    }

    @Test("A PM visit booked from the schedule marks the planned PM done")
    func pmVisit() async throws {
        try await withFleetApp { app in
            let s = try await ServiceFixture.make(app)
            let when = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-7200))
            let v = try await s.f.dispatcher.post("/api/v1/visits",
                #"{"kind":"pm","deviceIds":["\#(s.device)"],"technicianId":"\#(s.technicianID)","scheduledAt":"\#(when)"}"#)
            #expect(v.status == .created, "\(v.text)")
            let wrong = try await s.complete(v.json["id"] as! String, parts: [], extra: #","checklist":["polish-the-case"]"#)
            #expect((wrong.json["error"] as? [String: Any])?["field"] as? String == "checklist")
            let report = try await s.complete(v.json["id"] as! String, parts: ["RM2-5452"], extra: #","checklist":["clean-paper-path","fuser"]"#)
            #expect(((report.json["parts"] as? [[String: Any]])?.first?["charge"]) as? String == "contract")
            // The M404dn is a mono printer: the common nine items, no scanner, no colour belt.
            let checklist = report.json["checklist"] as? [[String: Any]] ?? []
            #expect(checklist.count == 9)
            #expect(checklist.filter { $0["done"] as? Bool == true }.compactMap { $0["code"] as? String } == ["clean-paper-path", "fuser"])
            let schedule = try await s.f.admin.get("/api/v1/contracts/\(s.contract)/schedule").items
            let done = schedule.filter { $0["done"] as? Bool == true }
            #expect(done.count == 1)
            #expect(done.first?["visitId"] as? String == v.json["id"] as? String)
            #expect(done.first?["date"] as? String == ServiceFixture.today.description)
        }
    }

    @Test("Stock never goes below zero unless the technician says so, and then it is logged")
    func stock() async throws {
        try await withFleetApp { app in
            let s = try await ServiceFixture.make(app)
            let visit = try await s.dispatch(try await s.openTicket("jam").json["id"] as! String)
            let many = try await s.f.technician.post("/api/v1/visits/\(visit)/complete", #"""
            {"startedAt":"2026-01-01T08:00:00Z","finishedAt":"2026-01-01T09:00:00Z","findings":"x",
             "partsUsed":[{"deviceId":"\#(s.device)","partNumber":"RM2-5452","quantity":6}],"signOff":{"signerName":"A","satisfaction":4}}
            """#)
            #expect(many.status == .conflict)
            #expect(many.errorCode == "insufficient_stock")
            #expect(try await PartLine.query(on: app.db).count() == 0)
            #expect(try await Visit.find(UUID(uuidString: visit), on: app.db)?.status == "scheduled")
            let forced = try await s.f.technician.post("/api/v1/visits/\(visit)/complete", #"""
            {"startedAt":"2026-01-01T08:00:00Z","finishedAt":"2026-01-01T09:00:00Z","findings":"x","allowNegativeStock":true,
             "partsUsed":[{"deviceId":"\#(s.device)","partNumber":"RM2-5452","quantity":6}],"signOff":{"signerName":"A","satisfaction":4}}
            """#)
            #expect(forced.status == .ok, "\(forced.text)")
            #expect(try await StockMovement.query(on: app.db).filter(\.$override == true).count() == 1)
            #expect(try await s.f.admin.get("/api/v1/stock").items.first { $0["partNumber"] as? String == "RM2-5452" }?["quantity"] as? Int == -1)
        }
    }

    @Test("Bad completions are refused with the field at fault and change nothing", arguments: [
        (#"{"startedAt":"2026-01-01T09:00:00Z","finishedAt":"2026-01-01T08:00:00Z","findings":"x","partsUsed":[],"signOff":{"signerName":"A","satisfaction":4}}"#, "finishedAt"),
        (#"{"startedAt":"2026-01-01T08:00:00Z","finishedAt":"2026-01-01T09:00:00Z","findings":"x","partsUsed":[],"signOff":{"signerName":"A","satisfaction":6}}"#, "signOff.satisfaction"),
        (#"{"startedAt":"2026-01-01T08:00:00Z","finishedAt":"2026-01-01T09:00:00Z","findings":"x","partsUsed":[{"deviceId":"DEVICE","partNumber":"CE-505","quantity":1}],"signOff":{"signerName":"A","satisfaction":4}}"#, "partsUsed.0.partNumber"),
        (#"{"startedAt":"2026-01-01T08:00:00Z","finishedAt":"2026-01-01T09:00:00Z","findings":"x","partsUsed":[{"deviceId":"DEVICE","partNumber":"NOPE","quantity":1}],"signOff":{"signerName":"A","satisfaction":4}}"#, "partsUsed.0.partNumber"),
        (#"{"startedAt":"2026-01-01T08:00:00Z","finishedAt":"2026-01-01T09:00:00Z","findings":"x","partsUsed":[],"signOff":{"signerName":" ","satisfaction":4}}"#, "signOff.signerName"),
        (#"{"startedAt":"2026-01-01T08:00:00Z","finishedAt":"2026-01-01T09:00:00Z","findings":"x","partsUsed":[],"signOff":{"signerName":"A","satisfaction":4},"readings":[{"deviceId":"DEVICE","totalPages":100,"monoPages":60,"colorPages":30}]}"#, "readings.0.monoPages"),
        (#"{"startedAt":"2026-01-01T08:00:00Z","finishedAt":"2026-01-01T09:00:00Z","findings":"x","partsUsed":[],"signOff":{"signerName":"A","satisfaction":4},"readings":[{"deviceId":"00000000-0000-0000-0000-000000000001","totalPages":100}]}"#, "readings.0.deviceId"),
    ])
    func badCompletions(body: String, field: String) async throws {
        try await withFleetApp { app in
            let s = try await ServiceFixture.make(app)
            let visit = try await s.dispatch(try await s.openTicket("jam").json["id"] as! String)
            let r = try await s.f.technician.post("/api/v1/visits/\(visit)/complete", body.replacingOccurrences(of: "DEVICE", with: s.device))
            #expect(r.status == .unprocessableEntity, "\(r.text)")
            #expect((r.json["error"] as? [String: Any])?["field"] as? String == field, "\(r.text)")
            #expect(try await Visit.find(UUID(uuidString: visit), on: app.db)?.status == "scheduled")
        }
    }

    @Test("A client user opens tickets for its own devices only, and cannot see another client's tickets or reports")
    func clientAccess() async throws {
        try await withFleetApp { app in
            let s = try await ServiceFixture.make(app)
            let mine = try await s.openTicket("jam", client: s.f.clientA, channel: "portal")
            #expect(mine.status == .created)
            let visit = try await s.dispatch(mine.json["id"] as! String)
            _ = try await s.complete(visit, parts: [])
            #expect(try await s.f.clientA.get("/api/v1/visits/\(visit)/report").status == .ok)
            #expect(try await s.f.clientB.get("/api/v1/visits/\(visit)/report").status == .notFound)
            #expect(try await s.f.clientB.get("/api/v1/tickets/\(mine.json["id"]!)").status == .notFound)
            #expect(try await s.f.clientB.get("/api/v1/tickets").items.isEmpty)
            let foreign = try await s.openTicket("jam", client: s.f.clientB, channel: "portal")
            #expect(foreign.status == .unprocessableEntity)
            #expect(foreign.errorCode == "unknown_device")
            #expect(try await s.f.clientA.post("/api/v1/tickets/\(mine.json["id"]!)/dispatch",
                #"{"technicianId":"\#(s.technicianID)","scheduledAt":"2026-11-25T08:00:00Z"}"#).status == .forbidden)
        }
    }
}

@Suite("Open tickets among a year of closed ones")
struct OpenTicketPlanTests {
    @Test("Open tickets are found through the stage index even where SQLite's statistics say every stage holds half the tickets",
          .enabled(if: !TestDatabase.usesPostgres, "SQLite's query planner: skipped on PostgreSQL, whose statistics see the skew"))
    func openTicketsThroughTheIndex() async throws {
        try await withFleetApp { app in
            let sql = try #require(app.db as? any SQLDatabase)
            let open = TicketStage.allCases.filter(\.isOpen)
            @Sendable func plan(_ condition: any SQLExpression, on tx: any SQLDatabase) async throws -> String {
                var query = SQLQueryString("EXPLAIN QUERY PLAN ")
                let select = tx.select().column("id").from(Ticket.schema).where(condition)
                query.appendInterpolation(select.query)
                return try await tx.raw(query).all().map { try $0.decode(column: "detail", as: String.self) }.joined(separator: "; ")
            }
            try await app.db.transaction { db in
                let tx = try #require(db as? any SQLDatabase)
                // What ANALYZE writes for a service company's year, 40,000 tickets nearly all closed: SQLite keeps only
                // the average per stage. Reloaded as a new connection would read it.
                try await tx.raw("ANALYZE").run()
                try await tx.raw("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('tickets', 'tickets_stage', '40000 20000')").run()
                try await tx.raw("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('tickets', NULL, '40000')").run()
                try await tx.raw("ANALYZE sqlite_schema").run()
                let plain = try await plan(SQLBinaryExpression(SQLColumn("stage"), .in, SQLBind.group(open.map(\.rawValue))), on: tx)
                #expect(plain.contains("SCAN"), "the premise: a plain IN reads every ticket: \(plain)")
                let rare = try await plan(TicketStage.rare(open, column: SQLColumn("stage"), on: tx), on: tx)
                #expect(rare.contains("USING INDEX tickets_stage"), "\(rare)")
            }
            // The same rows either way.
            let s = try await ServiceFixture.make(app)
            let ticket = try await s.f.dispatcher.post("/api/v1/tickets", #"{"deviceId":"\#(s.device)","channel":"phone","description":"jams"}"#)
            #expect(ticket.status == .created)
            let found = try await Ticket.query(on: app.db).filter(.sql(TicketStage.rare(open, column: SQLColumn("stage"), on: sql))).count()
            #expect(found == 1)
        }
    }
}

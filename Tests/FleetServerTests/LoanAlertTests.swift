import FleetCore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import FleetServer

@Suite("Loaners, resident technicians, relocations and alerts")
struct LoanAlertTests {
    @Test("A loaner is lent against a broken device, counted against the allowance, and returned with its counter")
    func loans() async throws {
        try await withFleetApp { app in
            let s = try await ServiceFixture.make(app)  // Standard: one loaner at a time
            var loaners: [String] = []
            for i in 1...2 {
                let r = try await s.f.admin.post("/api/v1/devices", #"{"loaner":true,"serialNumber":"LN-\#(i)","make":"HP","model":"LaserJet Pro M404dn"}"#)
                loaners.append(r.json["id"] as! String)
            }
            let other = try await s.f.device(serial: "SVC-2")
            _ = try await s.f.dispatcher.post("/api/v1/contracts/\(s.contract)/devices", #"{"deviceIds":["\#(other)"]}"#)
            let due = ServiceFixture.today.adding(days: 7).description
            let first = try await s.f.dispatcher.post("/api/v1/loans", #"{"loanerDeviceId":"\#(loaners[0])","forDeviceId":"\#(s.device)","dueOn":"\#(due)"}"#)
            #expect(first.status == .created, "\(first.text)")
            #expect(first.json["charge"] as? String == "contract")
            #expect((first.json["warnings"] as? [String])?.isEmpty == true)
            let again = try await s.f.dispatcher.post("/api/v1/loans", #"{"loanerDeviceId":"\#(loaners[0])","forDeviceId":"\#(other)","dueOn":"\#(due)"}"#)
            #expect(again.status == .conflict)
            let second = try await s.f.dispatcher.post("/api/v1/loans", #"{"loanerDeviceId":"\#(loaners[1])","forDeviceId":"\#(other)","dueOn":"\#(due)"}"#)
            #expect(second.json["charge"] as? String == "billable")
            #expect(second.json["warnings"] as? [String] == ["the contract allows 1 loaner(s) at once; this is number 2"])
            let notLoaner = try await s.f.dispatcher.post("/api/v1/loans", #"{"loanerDeviceId":"\#(other)","forDeviceId":"\#(s.device)","dueOn":"\#(due)"}"#)
            #expect(notLoaner.errorCode == "not_a_loaner")

            let back = try await s.f.technician.post("/api/v1/loans/\(first.json["id"]!)/return", #"{"totalPages":12345}"#)
            #expect(back.json["closingTotalPages"] as? Int == 12345)
            #expect(back.json["returnedAt"] != nil)
            let history = try await s.f.admin.get("/api/v1/devices/\(loaners[0])/history").items
            #expect(history.contains { $0["summary"] as? String == "Returned to the pool, counter 12345 pages" })
            #expect(history.filter { $0["kind"] as? String == "loan" }.count == 2)
            // The closing counter is the loaner's meter reading.
            let readings = try await s.f.admin.get("/api/v1/devices/\(loaners[0])/readings").items
            #expect(readings.map { $0["totalPages"] as? Int } == [12345])
            #expect(readings.first?["source"] as? String == "manual")

            // A closing counter below the loaner's last reading is refused, and the loan stays out.
            let earlier = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-3600))
            _ = try await s.f.technician.post("/api/v1/readings",
                #"{"readings":[{"deviceId":"\#(loaners[1])","takenAt":"\#(earlier)","source":"manual","totalPages":50000}]}"#)
            let backwards = try await s.f.technician.post("/api/v1/loans/\(second.json["id"]!)/return", #"{"totalPages":40000}"#)
            #expect(backwards.status == .unprocessableEntity)
            #expect(backwards.errorCode == "counter_went_backwards")
            #expect((backwards.json["error"] as? [String: Any])?["field"] as? String == "totalPages")
            #expect(try await s.f.admin.get("/api/v1/loans?open=true").items.count == 1)
            let secondBack = try await s.f.technician.post("/api/v1/loans/\(second.json["id"]!)/return", #"{"totalPages":51000}"#)
            #expect(secondBack.status == .ok, "\(secondBack.text)")
            #expect(try await s.f.admin.get("/api/v1/devices/\(loaners[1])/readings").items.count == 2)
            #expect(try await s.f.clientA.get("/api/v1/loans?open=true").items.isEmpty)
            #expect(try await s.f.clientA.get("/api/v1/loans").items.count == 2)
            #expect(try await s.f.clientB.get("/api/v1/loans").items.isEmpty)
        }
    }

    @Test("An overdue loan is listed and alerted")
    func overdue() async throws {
        try await withFleetApp { app in
            let s = try await ServiceFixture.make(app)
            let loaner = try await s.f.admin.post("/api/v1/devices", #"{"loaner":true,"serialNumber":"LN-9","make":"HP","model":"X"}"#).json["id"] as! String
            let loan = try await s.f.dispatcher.post("/api/v1/loans", #"{"loanerDeviceId":"\#(loaner)","forDeviceId":"\#(s.device)","dueOn":"\#(ServiceFixture.today)"}"#)
            let record = try await Loan.find(UUID(uuidString: loan.json["id"] as! String), on: app.db)!
            record.dueOn = ServiceFixture.today.adding(days: -2).description
            try await record.save(on: app.db)
            #expect(try await s.f.dispatcher.get("/api/v1/loans?overdue=true").items.count == 1)
            let alerts = try await s.f.dispatcher.get("/api/v1/alerts").items.compactMap { $0["kind"] as? String }
            #expect(alerts.contains("loanOverdue"))
        }
    }

    @Test("A client with a resident technician: calls go straight into the resident's queue")
    func resident() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let device = try await f.device(serial: "RES-1")
            let tech = try await f.technician.get("/api/v1/auth/me").json["id"] as! String
            let today = ServiceFixture.today
            let c = try await f.contract(plan: "enterprise", devices: [device], starts: today.adding(days: -10).description,
                                         ends: today.adding(days: 300).description)
            let named = try await f.dispatcher.patch("/api/v1/contracts/\(c.json["id"]!)", #"{"residentTechnicianId":"\#(tech)"}"#)
            #expect(named.json["residentTechnicianId"] as? String == tech)
            let t = try await f.dispatcher.post("/api/v1/tickets", #"{"deviceId":"\#(device)","channel":"phone","description":"jam"}"#)
            #expect(t.json["stage"] as? String == "dispatched")
            #expect(t.json["viaResident"] as? Bool == true)
            #expect(t.json["technicianId"] as? String == tech)
            let queue = try await f.technician.get("/api/v1/visits?status=scheduled").items
            #expect(queue.first?["ticketId"] as? String == t.json["id"] as? String)
            // Naming a resident on a plan without one is refused.
            let standard = try await f.contract(plan: "standard", devices: [try await f.device(serial: "RES-2")])
            let refused = try await f.dispatcher.patch("/api/v1/contracts/\(standard.json["id"]!)", #"{"residentTechnicianId":"\#(tech)"}"#)
            #expect(refused.status == .unprocessableEntity)
        }
    }

    @Test("A device found elsewhere becomes an alert; confirming it moves the record, and history shows both")
    func relocation() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let device = try await f.device(serial: "MOVED-1")
            let report = try await f.technician.post("/api/v1/devices/\(device)/relocation-reports", #"{"floor":"5","room":"512","note":"in the meeting room"}"#)
            #expect(report.status == .created, "\(report.text)")
            #expect(report.json["kind"] as? String == "relocated")
            let alerts = try await f.clientA.get("/api/v1/alerts").items
            #expect(alerts.map { $0["kind"] as? String } == ["relocated"])
            #expect(try await f.clientB.get("/api/v1/alerts").items.isEmpty)
            #expect(try await f.technician.request(.POST, "/api/v1/alerts/\(report.json["id"]!)/confirm").status == .forbidden)
            let confirmed = try await f.dispatcher.request(.POST, "/api/v1/alerts/\(report.json["id"]!)/confirm")
            #expect(confirmed.json["id"] as? String == report.json["id"] as? String)
            let d = try await f.admin.get("/api/v1/devices/\(device)").json
            #expect((d["location"] as? [String: Any])?["room"] as? String == "512")
            let kinds = try await f.admin.get("/api/v1/devices/\(device)/history").items.compactMap { $0["kind"] as? String }
            #expect(kinds == ["moved", "relocationReported", "created"])
            #expect(try await f.dispatcher.get("/api/v1/alerts").items.isEmpty)
            #expect(try await f.dispatcher.request(.POST, "/api/v1/alerts/\(report.json["id"]!)/dismiss").status == .conflict)
        }
    }

    @Test("Alerts: a breached SLA, a PM due this week, a contract ending, a part warranty ending")
    func computedAlerts() async throws {
        try await withFleetApp { app in
            let s = try await ServiceFixture.make(app)
            let today = ServiceFixture.today
            let t = try await s.openTicket("jam")
            let ticket = try await Ticket.find(UUID(uuidString: t.json["id"] as! String), on: app.db)!
            ticket.slaDueAt = Date().addingTimeInterval(-60)
            try await ticket.save(on: app.db)
            let slot = try await ScheduledPM.query(on: app.db).first()!
            slot.date = today.adding(days: 3).description
            try await slot.save(on: app.db)
            let contract = try await Contract.query(on: app.db).first()!
            contract.endsOn = today.adding(days: 45).description
            try await contract.save(on: app.db)
            let visit = try await s.dispatch(t.json["id"] as! String)
            _ = try await s.complete(visit, parts: ["RM2-5452"])
            let line = try await PartLine.query(on: app.db).first()!
            line.warrantyUntil = today.adding(days: 10).description
            try await line.save(on: app.db)
            let alertKinds = Set(try await s.f.clientA.get("/api/v1/alerts").items.compactMap { $0["kind"] as? String })
            #expect(alertKinds == ["pmDue", "contractEnding", "warrantyExpiring"])
            // The ticket was answered (the visit started), so its SLA is no longer an alert; an unanswered one is.
            let late = try await s.openTicket("streaks")
            let lateTicket = try await Ticket.find(UUID(uuidString: late.json["id"] as! String), on: app.db)!
            lateTicket.slaDueAt = Date().addingTimeInterval(-60)
            try await lateTicket.save(on: app.db)
            let kinds = try await s.f.dispatcher.get("/api/v1/alerts").items.compactMap { $0["kind"] as? String }
            #expect(kinds.contains("slaBreached"))
            #expect(try await s.f.clientB.get("/api/v1/alerts").items.isEmpty)
        }
    }
}

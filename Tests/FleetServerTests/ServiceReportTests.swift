import FleetCore
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import FleetServer

@Suite("Parts replaced, SLA compliance and PM compliance reports")
struct ServiceReportTests {
    /// A Plus contract (wear parts covered, 24 h response): two repairs, the second fitting the same roller again
    /// under its warranty; a third call still open; and a PM visit done today.
    struct Setup {
        let s: ServiceFixture
        var query: String { "customerId=\(s.f.customerA)&from=\(ServiceFixture.today.adding(days: -30))&to=\(ServiceFixture.today.adding(days: 120))" }

        static func make(_ app: Application) async throws -> Setup {
            let s = try await ServiceFixture.make(app, plan: "plus")
            for parts in [["RM2-8100", "RM2-5452"], ["RM2-5452"]] {
                let ticket = try await s.openTicket("paper jam")
                let visit = try await s.dispatch(ticket.json["id"] as! String)
                let report = try await s.complete(visit, parts: parts, finishedAgo: 600)
                guard report.status == .ok else { throw TestFailure("visit: \(report.text)") }
            }
            _ = try await s.openTicket("no power")
            let when = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-7_200))
            let pm = try await s.f.dispatcher.post("/api/v1/visits",
                #"{"kind":"pm","deviceIds":["\#(s.device)"],"technicianId":"\#(s.technicianID)","scheduledAt":"\#(when)"}"#)
            guard let id = pm.json["id"] as? String else { throw TestFailure("pm: \(pm.text)") }
            guard try await s.complete(id, parts: []).status == .ok else { throw TestFailure("pm visit not completed") }
            return Setup(s: s)
        }
    }

    @Test("Parts by part and device: the spare billed, the roller the contract's, its repeat the warranty's")
    func parts() async throws {
        try await withFleetApp { app in
            let setup = try await Setup.make(app)
            let r = try await setup.s.f.dispatcher.get("/api/v1/reports/parts?\(setup.query)")
            #expect(r.status == .ok, "\(r.text)")
            let totals = r.json["totals"] as? [String: Any] ?? [:]
            #expect(totals["quantity"] as? Int == 3)
            #expect(totals["billableRials"] as? Int == 18_000_000)
            #expect(totals["warrantyRials"] as? Int == totals["contractRials"] as? Int)
            let parts = r.json["parts"] as? [[String: Any]] ?? []
            let roller = parts.first { $0["partNumber"] as? String == "RM2-5452" }
            #expect(roller?["warrantyRepeats"] as? Int == 1)
            #expect((r.json["devices"] as? [[String: Any]])?.count == 1)

            let csv = try await setup.s.f.dispatcher.get("/api/v1/reports/parts?\(setup.query)&format=csv&rows=parts&lang=en")
            #expect(csv.text.hasPrefix("\u{FEFF}Part number,Part,Devices,Quantity,Under contract,Under warranty,Billable,Total value"))
            #expect(try await setup.s.f.dispatcher.get("/api/v1/reports/parts?\(setup.query)&format=csv&rows=nope").errorCode == "invalid_field")
            // Staff may ask for every customer at once; a client only ever gets its own.
            let all = try await setup.s.f.admin.get("/api/v1/reports/parts?from=\(ServiceFixture.today.adding(days: -1))&to=\(ServiceFixture.today)")
            #expect(all.json["customerId"] == nil && (all.json["totals"] as? [String: Any])?["quantity"] as? Int == 3)
            let other = try await setup.s.f.clientB.get("/api/v1/reports/parts?from=\(ServiceFixture.today.adding(days: -1))&to=\(ServiceFixture.today)")
            #expect((other.json["totals"] as? [String: Any])?["quantity"] as? Int == 0)
            #expect(try await setup.s.f.clientB.get("/api/v1/reports/parts?\(setup.query)").status == .notFound)
        }
    }

    @Test("SLA compliance: answered calls in time, the open call pending, by plan and technician; technicians are not shown it")
    func sla() async throws {
        try await withFleetApp { app in
            let setup = try await Setup.make(app)
            let r = try await setup.s.f.dispatcher.get("/api/v1/reports/sla?\(setup.query)")
            #expect(r.status == .ok, "\(r.text)")
            let totals = r.json["totals"] as? [String: Any] ?? [:]
            #expect(totals["calls"] as? Int == 3)
            #expect(totals["responseMet"] as? Int == 2)
            #expect(totals["responsePending"] as? Int == 1)
            #expect(totals["responseRate"] as? Double == 100)
            #expect(r.json["resolutionAllowanceHours"] as? Int == SLAReport.resolutionAllowanceHours)
            let plans = r.json["byPlan"] as? [[String: Any]] ?? []
            #expect(plans.count == 1 && plans.first?["calls"] as? Int == 3)
            let technicians = r.json["byTechnician"] as? [[String: Any]] ?? []
            #expect(technicians.map { $0["calls"] as? Int } == [2, 1])
            #expect(technicians.last?["name"] == nil)
            #expect((r.json["misses"] as? [Any])?.isEmpty == true)

            #expect(try await setup.s.f.technician.get("/api/v1/reports/sla?\(setup.query)").status == .forbidden)
            #expect(try await setup.s.f.clientA.get("/api/v1/reports/sla?from=\(ServiceFixture.today.adding(days: -1))&to=\(ServiceFixture.today)").status == .ok)
            #expect(try await setup.s.f.dispatcher.get("/api/v1/reports/sla?customerId=\(setup.s.f.customerA)&from=\(ServiceFixture.today)&to=\(ServiceFixture.today.adding(days: -1))").errorCode == "invalid_field")
        }
    }

    @Test("PM compliance: the visit done today is on time, the rest of the period's visits upcoming")
    func pm() async throws {
        try await withFleetApp { app in
            let setup = try await Setup.make(app)
            let r = try await setup.s.f.dispatcher.get("/api/v1/reports/pm?\(setup.query)")
            #expect(r.status == .ok, "\(r.text)")
            let visits = r.json["visits"] as? [[String: Any]] ?? []
            #expect(visits.first?["status"] as? String == "onTime")
            #expect(visits.first?["doneOn"] as? String == ServiceFixture.today.description)
            #expect(visits.dropFirst().allSatisfy { $0["status"] as? String == "upcoming" })
            let totals = r.json["totals"] as? [String: Any] ?? [:]
            #expect(totals["onTime"] as? Int == 1 && totals["onTimeRate"] as? Double == 100)
            #expect((r.json["byTechnician"] as? [[String: Any]])?.first?["onTime"] as? Int == 1)
            let csv = try await setup.s.f.dispatcher.get("/api/v1/reports/pm?\(setup.query)&format=csv&lang=fa")
            #expect(csv.text.contains(",\(SolarHijriDay(ServiceFixture.today).description),"))
            #expect(csv.text.contains("به‌موقع"))
        }
    }

    @Test("The pages: Persian by default, every report a tab away, all customers for staff")
    func pages() async throws {
        try await withFleetApp { app in
            let setup = try await Setup.make(app)
            let browser = Browser(app)
            try await browser.signIn("dispatch@test.example")
            let parts = try await browser.get("/reports/parts?\(setup.query)")
            #expect(parts.status == .ok)
            #expect(parts.text.contains("گزارش قطعات تعویضی"))
            #expect(parts.text.contains(#"<svg class="chart""#))
            #expect(parts.text.contains("RM2-5452"))
            #expect(parts.text.contains(#"href="/reports/sla?"#) && parts.text.contains(#"href="/reports/pm?"#))
            let all = try await browser.get("/reports/sla")
            #expect(all.status == .ok)
            #expect(all.text.contains("همه مشتریان"))
            let pm = try await browser.get("/reports/pm?\(setup.query)")
            #expect(pm.text.contains("badge pm-onTime"))
            let csv = try await browser.get("/reports/sla.csv?\(setup.query)&lang=en")
            #expect(csv.text.contains("Group,Name,Calls,"))
            let bad = try await browser.get("/reports/pm?from=1405-13-01&to=1405-01-01")
            #expect(bad.status == .unprocessableEntity)

            let technician = Browser(app)
            try await technician.signIn("tech@test.example")
            #expect(try await technician.get("/reports/sla").status == .forbidden)
        }
    }
}

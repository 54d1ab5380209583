import FleetCore
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import FleetServer

@Suite("Consumption and reliability reports")
struct ReportTests {
    /// The 50 days before yesterday; readings from 10 days before it, a counter reset and a toner change inside.
    struct Setup {
        let s: ServiceFixture
        let from: CalendarDay
        let to: CalendarDay
        var query: String { "customerId=\(s.f.customerA)&from=\(from)&to=\(to)" }

        static func make(_ app: Application) async throws -> Setup {
            let s = try await ServiceFixture.make(app)
            let to = ServiceFixture.today.adding(days: -1), from = to.adding(days: -49)
            let start = from.start(in: .tehran)
            let part = try await s.f.admin.post("/api/v1/parts",
                #"{"partNumber":"CF259A","name":"Black Toner 59A","kind":"consumable","priceRials":20000000,"compatibleModels":["LaserJet Pro M404dn"]}"#)
            guard part.status == .created else { throw TestFailure("toner: \(part.text)") }
            let iso = ISO8601DateFormatter()
            let readings = [(-10.0, 10_000, false, 80), (10, 12_000, false, 70), (20, 500, true, 95), (45, 2_500, false, 85)].map { day, total, reset, toner in
                #"{"deviceId":"\#(s.device)","takenAt":"\#(iso.string(from: start.addingTimeInterval(day * 86_400)))","source":"manual","#
                    + #""totalPages":\#(total),"counterReset":\#(reset),"supplies":[{"name":"Black Toner","kind":"toner","levelPercent":\#(toner)}]}"#
            }
            let r = try await s.f.technician.post("/api/v1/readings", #"{"readings":[\#(readings.joined(separator: ","))]}"#)
            guard r.json["accepted"] as? Int == 4 else { throw TestFailure("readings: \(r.text)") }
            return Setup(s: s, from: from, to: to)
        }
    }

    @Test("Consumption over a counter reset and a toner change, as JSON; another client's report is a 404")
    func consumption() async throws {
        try await withFleetApp { app in
            let setup = try await Setup.make(app)
            let r = try await setup.s.f.clientA.get("/api/v1/reports/consumption?\(setup.query)")
            #expect(r.status == .ok, "\(r.text)")
            let device = (r.json["devices"] as? [[String: Any]])?.first { $0["deviceId"] as? String == setup.s.device }
            // Half of 10,000 -> 12,000, the reset's 500, then 2,000.
            #expect(device?["pages"] as? Int == 3_500)
            #expect(device?["estimatedPages"] as? Int == 1_000)
            #expect(device?["tonerReplacements"] as? Int == 1)
            #expect(device?["tonerCostRials"] as? Int == 19_000_000)   // 10 + (70 + 5) + 10 points of a 20,000,000 cartridge
            #expect(device?["paperSheets"] as? Int == 3_500)
            #expect(device?["department"] as? String == "Finance")
            #expect((r.json["totals"] as? [String: Any])?["pages"] as? Int == 3_500)
            #expect((r.json["departments"] as? [[String: Any]])?.first?["name"] as? String == "Finance")

            let other = try await setup.s.f.clientB.get("/api/v1/reports/consumption?\(setup.query)")
            #expect(other.status == .notFound)
            let own = try await setup.s.f.clientB.get("/api/v1/reports/consumption?from=\(setup.from)&to=\(setup.to)")
            #expect(own.status == .ok)
            #expect((own.json["totals"] as? [String: Any])?["pages"] as? Int == 0)
        }
    }

    @Test("CSV with a byte-order mark and Persian headings; users and departments as rows; bad periods are refused")
    func csvAndErrors() async throws {
        try await withFleetApp { app in
            let setup = try await Setup.make(app)
            let csv = try await setup.s.f.dispatcher.get("/api/v1/reports/consumption?\(setup.query)&format=csv&lang=fa")
            #expect(csv.headers.contentType?.subType == "csv")
            #expect(Array(csv.body.readableBytesView.prefix(3)) == [0xEF, 0xBB, 0xBF])
            let lines = csv.text.dropFirst().components(separatedBy: "\r\n")
            #expect(lines[0].hasPrefix("دستگاه,کاربر دستگاه,واحد,"))
            #expect(lines[1].contains(",Finance,3500,3500,0,1000,"))
            let departments = try await setup.s.f.dispatcher.get("/api/v1/reports/consumption?\(setup.query)&format=csv&rows=departments&lang=en")
            #expect(departments.text.contains("\r\nFinance,1,3500,"))
            #expect(departments.text.contains("\r\nTotal,1,3500,"))

            let missing = try await setup.s.f.dispatcher.get("/api/v1/reports/consumption?customerId=\(setup.s.f.customerA)&from=\(setup.from)")
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.errorCode == "invalid_field" || (missing.json["error"] as? [String: Any])?["field"] as? String == "to")
            let backwards = try await setup.s.f.dispatcher.get("/api/v1/reports/consumption?customerId=\(setup.s.f.customerA)&from=\(setup.to)&to=\(setup.from)")
            #expect(backwards.status == .unprocessableEntity)
            let noCustomer = try await setup.s.f.dispatcher.get("/api/v1/reports/consumption?from=\(setup.from)&to=\(setup.to)")
            #expect(noCustomer.status == .unprocessableEntity)
            let solar = try await setup.s.f.dispatcher.get("/api/v1/reports/consumption?customerId=\(setup.s.f.customerA)&from=۱۴۰۵-۰۱-۰۱&to=1405-01-31")
            #expect(solar.json["from"] as? String == "2026-03-21")
        }
    }

    @Test("Reliability: a quiet machine is kept, with the reason; CSV names the advice in the reader's language")
    func reliability() async throws {
        try await withFleetApp { app in
            let setup = try await Setup.make(app)
            let r = try await setup.s.f.dispatcher.get("/api/v1/reports/reliability?\(setup.query)")
            #expect(r.status == .ok, "\(r.text)")
            let device = (r.json["devices"] as? [[String: Any]])?.first { $0["deviceId"] as? String == setup.s.device }
            #expect(device?["failures"] as? Int == 0)
            #expect(device?["recommendation"] as? String == "keep")
            #expect(device?["reason"] as? String == "no failures in the period")
            let csv = try await setup.s.f.dispatcher.get("/api/v1/reports/reliability?\(setup.query)&format=csv&lang=fa")
            #expect(csv.text.contains(",نگه‌داری,no failures in the period"))
        }
    }
}

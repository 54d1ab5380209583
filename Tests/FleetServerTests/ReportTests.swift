import FleetCore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import FleetServer

@Suite("Consumption and reliability reports")
struct ReportTests {
    /// Farvardin and Ordibehesht 1405; readings from 10 days before, a counter reset and a toner change inside.
    struct Setup {
        let s: ServiceFixture
        var from = SolarHijriDay(year: 1405, month: 1, day: 1)!.gregorian
        var to = SolarHijriDay(year: 1405, month: 2, day: 31)!.gregorian
        var query: String { "customerId=\(s.f.customerA)&from=\(from)&to=\(to)" }

        static func make(_ app: Application, order: [Int] = [0, 1, 2, 3, 4]) async throws -> Setup {
            let s = try await ServiceFixture.make(app)
            let start = SolarHijriDay(year: 1405, month: 1, day: 1)!.gregorian.start(in: .tehran)
            let part = try await s.f.admin.post("/api/v1/parts",
                #"{"partNumber":"CF259A","name":"Black Toner 59A","kind":"consumable","priceRials":20000000,"compatibleModels":["LaserJet Pro M404dn"]}"#)
            guard part.status == .created else { throw TestFailure("toner: \(part.text)") }
            let iso = ISO8601DateFormatter()
            let all = [(-10.0, 10_000, false, 80), (10, 12_000, false, 70), (20, 500, true, 95), (31, 1_500, false, 90), (45, 2_500, false, 85)]
            // One at a time, in the order given: late readings land between stored ones.
            for (day, total, reset, toner) in order.map({ all[$0] }) {
                let reading = #"{"deviceId":"\#(s.device)","takenAt":"\#(iso.string(from: start.addingTimeInterval(day * 86_400)))","source":"manual","#
                    + #""totalPages":\#(total),"counterReset":\#(reset),"supplies":[{"name":"Black Toner","kind":"toner","levelPercent":\#(toner)}]}"#
                let r = try await s.f.technician.post("/api/v1/readings", #"{"readings":[\#(reading)]}"#)
                guard r.json["accepted"] as? Int == 1 else { throw TestFailure("reading: \(r.text)") }
            }
            return Setup(s: s)
        }
    }

    @Test("A period cutting both months short is read from the readings around it: shares of the gaps at its edges, estimated")
    func monthsCutShort() async throws {
        try await withFleetApp { app in
            var setup = try await Setup.make(app)
            // Day 5 to day 39 of the year: Farvardin from its 6th, Ordibehesht to its 9th.
            setup.from = SolarHijriDay(year: 1405, month: 1, day: 6)!.gregorian
            setup.to = SolarHijriDay(year: 1405, month: 2, day: 9)!.gregorian
            let r = try await setup.s.f.dispatcher.get("/api/v1/reports/consumption?\(setup.query)")
            #expect(r.status == .ok, "\(r.text)")
            let device = (r.json["devices"] as? [[String: Any]])?.first ?? [:]
            // 5/20 of day -10 to 10 (500), the reset's 500, 1,000 to day 31, and 9/14 of the 1,000 to day 45 (643).
            #expect(device["pages"] as? Int == 2_643)
            #expect(device["estimatedPages"] as? Int == 1_143)
            #expect((device["months"] as? [[String: Any]])?.map { $0["pages"] as? Int } == [2_000, 643])
            // 10 points, the cartridge changed at 70 (70 + 5), 5 more: 0.9 of a 20,000,000 cartridge.
            #expect(device["tonerReplacements"] as? Int == 1)
            #expect(device["tonerCostRials"] as? Int == 18_000_000)
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
            // No contract covered these months: no service was paid for, and a page costs its toner and paper.
            #expect(device?["serviceCostRials"] as? Int == 0)
            let paper = 3_500 * (r.json["paperSheetRials"] as? Int ?? 0)
            #expect(device?["costPerPageRials"] as? Double == (Double(19_000_000 + paper) / 3_500 * 10).rounded() / 10)
            #expect((r.json["totals"] as? [String: Any])?["pages"] as? Int == 3_500)
            #expect((r.json["departments"] as? [[String: Any]])?.first?["name"] as? String == "Finance")

            #expect((device?["months"] as? [[String: Any]])?.map { $0["pages"] as? Int } == [2_500, 1_000])
            #expect(device?["measuredDays"] as? Double == 45)   // the last reading is on day 45

            let other = try await setup.s.f.clientB.get("/api/v1/reports/consumption?\(setup.query)")
            #expect(other.status == .notFound)
            let own = try await setup.s.f.clientB.get("/api/v1/reports/consumption?from=\(setup.from)&to=\(setup.to)")
            #expect(own.status == .ok)
            #expect((own.json["totals"] as? [String: Any])?["pages"] as? Int == 0)
        }
    }

    @Test("The service paid for is part of the cost of a page: the contract's fee for the days the machine was under it, and the parts billed")
    func serviceInCostPerPage() async throws {
        try await withFleetApp { app in
            let s = try await ServiceFixture.make(app)
            let from = ServiceFixture.today.adding(days: -20), to = ServiceFixture.today.adding(days: -1)
            let iso = ISO8601DateFormatter()
            for (day, total) in [(-21, 10_000), (-1, 12_000)] {
                let at = ServiceFixture.today.adding(days: day).start(in: .tehran).addingTimeInterval(12 * 3_600)
                let r = try await s.f.technician.post("/api/v1/readings",
                    #"{"readings":[{"deviceId":"\#(s.device)","takenAt":"\#(iso.string(from: at))","source":"manual","totalPages":\#(total)}]}"#)
                #expect(r.json["accepted"] as? Int == 1)
            }
            // A formatter board billed under the Standard plan, fitted yesterday.
            let visit = try await s.dispatch(try await s.openTicket("no power").json["id"] as! String)
            #expect(try await s.complete(visit, parts: ["RM2-8100"], finishedAgo: 86_400).status == .ok)
            let r = try await s.f.clientA.get("/api/v1/reports/consumption?customerId=\(s.f.customerA)&from=\(from)&to=\(to)")
            let device = (r.json["devices"] as? [[String: Any]])?.first { $0["deviceId"] as? String == s.device.uppercased() }
            let period = ReportPeriod(from: from, to: to, timeZone: .tehran)
            let months = InvoiceCalculator.deviceMonths(.init(id: UUID(), label: "", addedOn: ServiceFixture.today.adding(days: -30), removedOn: nil,
                                                              pages: PageCount()), period: period)
            let fee = Int((months * 18_000_000).rounded())
            #expect(device?["serviceCostRials"] as? Int == fee + 18_000_000, "the fee's share and the billed board")
            let pages = device?["pages"] as? Int ?? 0
            let paper = pages * (r.json["paperSheetRials"] as? Int ?? 0)
            #expect(pages > 0 && device?["costPerPageRials"] as? Double == (Double(paper + fee + 18_000_000) / Double(pages) * 10).rounded() / 10)
        }
    }

    @Test("Readings stored out of order give the same monthly figures; a period cutting months short is read from the readings")
    func lateReadingsAndPartialMonths() async throws {
        try await withFleetApp { app in
            var setup = try await Setup.make(app, order: [2, 0, 4, 1, 3])
            let whole = try await setup.s.f.dispatcher.get("/api/v1/reports/consumption?\(setup.query)")
            let device = (whole.json["devices"] as? [[String: Any]])?.first { $0["deviceId"] as? String == setup.s.device }
            #expect(device?["pages"] as? Int == 3_500)
            #expect(device?["estimatedPages"] as? Int == 1_000)
            #expect(device?["tonerCostRials"] as? Int == 19_000_000)
            #expect((device?["months"] as? [[String: Any]])?.map { $0["pages"] as? Int } == [2_500, 1_000])

            // 6 Farvardin to 20 Ordibehesht: a quarter of the first gap (500, estimated), 500, 1,000, 1,000.
            setup.from = SolarHijriDay(year: 1405, month: 1, day: 6)!.gregorian
            setup.to = SolarHijriDay(year: 1405, month: 2, day: 20)!.gregorian
            let part = try await setup.s.f.dispatcher.get("/api/v1/reports/consumption?\(setup.query)")
            let cut = (part.json["devices"] as? [[String: Any]])?.first { $0["deviceId"] as? String == setup.s.device }
            #expect(cut?["pages"] as? Int == 3_000)
            #expect(cut?["estimatedPages"] as? Int == 500)
            #expect(cut?["measuredDays"] as? Double == 40)
            #expect((cut?["months"] as? [[String: Any]])?.map { $0["pages"] as? Int } == [2_000, 1_000])
        }
    }

    @Test("Monthly figures rebuilt from the readings (as the migration fills them) match those kept as readings arrived")
    func rebuiltMonths() async throws {
        try await withFleetApp { app in
            let setup = try await Setup.make(app)
            let kept = try await setup.s.f.dispatcher.get("/api/v1/reports/consumption?\(setup.query)").json["totals"] as? [String: Any]
            try await MeterMonthRecord.query(on: app.db).delete()
            #expect((try await setup.s.f.dispatcher.get("/api/v1/reports/consumption?\(setup.query)").json["totals"] as? [String: Any])?["pages"] as? Int == 0)
            try await CreateMeterMonths.fill(on: app.db, timeZone: .tehran)
            let rebuilt = try await setup.s.f.dispatcher.get("/api/v1/reports/consumption?\(setup.query)").json["totals"] as? [String: Any]
            #expect(rebuilt?["pages"] as? Int == 3_500)
            for key in ["pages", "estimatedPages", "tonerCostRials", "paperSheets"] {
                #expect(rebuilt?[key] as? Int == kept?[key] as? Int, "\(key)")
            }
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

    @Test("The report pages: Persian by default with the months drawn, the CSV from the page, another client's data never shown")
    func pages() async throws {
        try await withFleetApp { app in
            let setup = try await Setup.make(app)
            let browser = Browser(app)
            try await browser.signIn("dispatch@test.example")
            let page = try await browser.get("/reports/consumption?\(setup.query)")
            #expect(page.status == .ok)
            #expect(page.text.contains("گزارش مصرف"))
            #expect(page.text.contains(#"<svg class="chart""#))
            #expect(page.text.contains("۳٬۵۰۰"))
            #expect(page.text.contains("فروردین ۱۴۰۵"))
            let csv = try await browser.get("/reports/consumption.csv?\(setup.query)&lang=en")
            #expect(csv.headers.contentType?.subType == "csv")
            #expect(csv.text.contains("Device,Assigned user,Department,"))
            let reliability = try await browser.get("/reports/reliability?\(setup.query)")
            #expect(reliability.text.contains("نگه‌داری"))
            let bad = try await browser.get("/reports/consumption?customerId=\(setup.s.f.customerA)&from=tomorrow&to=1405-01-01")
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("«از تاریخ» پذیرفته نشد"), "the field by its Persian label, no English sentence")

            let client = Browser(app)
            try await client.signIn("client-b@test.example")
            let own = try await client.get("/reports/consumption?\(setup.query)")
            #expect(own.status == .ok)
            #expect(!own.text.contains("SVC-1"))
        }
    }

    @Test("Completing a contract period's second PM visit issues the consumption report and alerts the dispatcher and the client")
    func issuedOnSecondPM() async throws {
        try await withFleetApp { app in
            let setup = try await Setup.make(app)
            let s = setup.s
            let when = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-7_200))
            func pm() async throws -> String {
                let r = try await s.f.dispatcher.post("/api/v1/visits",
                    #"{"kind":"pm","deviceIds":["\#(s.device)"],"technicianId":"\#(s.technicianID)","scheduledAt":"\#(when)"}"#)
                guard let id = r.json["id"] as? String else { throw TestFailure("pm visit: \(r.text)") }
                return id
            }
            let first = try await pm()
            #expect(try await s.complete(first, parts: []).status == .ok)
            #expect(try await s.f.dispatcher.get("/api/v1/reports/issued").items.isEmpty)

            let second = try await pm()
            let done = try await s.complete(second, parts: [])
            #expect(done.status == .ok, "\(done.text)")
            let issued = try await s.f.clientA.get("/api/v1/reports/issued").items
            #expect(issued.count == 1)
            #expect(issued.first?["visitId"] as? String == second)
            #expect(issued.first?["from"] as? String == ServiceFixture.today.adding(days: -30).description)   // the contract's start
            #expect(issued.first?["to"] as? String == ServiceFixture.today.description)
            // The totals are those of the report asked for the same days.
            let period = "customerId=\(s.f.customerA)&from=\(ServiceFixture.today.adding(days: -30))&to=\(ServiceFixture.today)"
            let live = try await s.f.clientA.get("/api/v1/reports/consumption?\(period)")
            #expect((issued.first?["totals"] as? [String: Any])?["pages"] as? Int == (live.json["totals"] as? [String: Any])?["pages"] as? Int)

            for client in [s.f.dispatcher, s.f.clientA] {
                let alerts = try await client.get("/api/v1/alerts?customerId=\(s.f.customerA)").items.filter { $0["kind"] as? String == "consumptionReport" }
                #expect(alerts.count == 1)
                #expect(alerts.first?["reportId"] as? String == issued.first?["id"] as? String)
            }
            #expect(try await s.f.clientB.get("/api/v1/reports/issued").items.isEmpty)
            #expect(try await s.f.clientB.get("/api/v1/alerts").items.allSatisfy { $0["kind"] as? String != "consumptionReport" })

            let browser = Browser(app)
            try await browser.signIn("client-a@test.example")
            #expect(try await browser.get("/reports/consumption").text.contains("گزارش‌های مصرف صادرشده"))
        }
    }
}


@Suite("The fleet dashboard")
struct DashboardTests {
    @Test("Counts open tickets, breaches and contracts ending, for staff only; the page links each alert")
    func dashboard() async throws {
        try await withFleetApp { app in
            let s = try await ServiceFixture.make(app)
            _ = try await s.openTicket("paper jam")
            // A ticket whose response time has passed.
            let late = try await s.openTicket("no power")
            let ticket = try await Ticket.find(UUID(uuidString: late.json["id"] as! String), on: app.db)!
            ticket.slaDueAt = Date().addingTimeInterval(-3_600)
            try await ticket.save(on: app.db)

            let d = try await s.f.dispatcher.get("/api/v1/dashboard")
            #expect(d.status == .ok, "\(d.text)")
            #expect(d.json["openTickets"] as? Int == 2)
            #expect(d.json["slaBreaches"] as? Int == 1)
            #expect(d.json["contractsEnding60Days"] as? Int == 0)
            let breach = (d.json["alerts"] as? [[String: Any]])?.first { $0["kind"] as? String == "slaBreached" }
            #expect((d.json["customers"] as? [String: String])?[(breach?["customerId"] as? String ?? "").uppercased()] == "Bank A")
            #expect(try await s.f.clientA.get("/api/v1/dashboard").status == .forbidden)
            #expect(try await s.f.technician.get("/api/v1/dashboard").status == .forbidden)

            let browser = Browser(app)
            try await browser.signIn("dispatch@test.example")
            let page = try await browser.get("/dashboard")
            #expect(page.text.contains("تأخیر از زمان پاسخ"))
            #expect(page.text.contains("/tickets/\(ticket.id!)"))
        }
    }
}

@Suite("One response-breach rule for the ticket, the dashboard and the board")
struct ResponseBreachTests {
    @Test("Answered late counts as breached, answered in time does not, whatever the clock says now")
    func answeredLateIsBreached() async throws {
        try await withFleetApp { app in
            let s = try await ServiceFixture.make(app)
            var ids: [UUID] = []
            for symptom in ["paper jam", "no power", "streaks", "faded print"] {
                ids.append(UUID(uuidString: try await s.openTicket(symptom).json["id"] as! String)!)
            }
            let hour: TimeInterval = 3_600
            // Unanswered and past due; answered after it was due; answered in time (now past due); unanswered, not due.
            let cases: [(due: TimeInterval, responded: TimeInterval?)] = [(-hour, nil), (-3 * hour, -2 * hour), (-hour, -2 * hour), (hour, nil)]
            for (id, c) in zip(ids, cases) {
                let t = try await Ticket.find(id, on: app.db)!
                t.slaDueAt = Date().addingTimeInterval(c.due)
                t.respondedAt = c.responded.map { Date().addingTimeInterval($0) }
                try await t.save(on: app.db)
            }
            let d = try await s.f.dispatcher.get("/api/v1/dashboard")
            #expect(d.json["slaBreaches"] as? Int == 2, "\(d.text)")
            var breached: [Bool] = []
            for id in ids { breached.append(try await s.f.dispatcher.get("/api/v1/tickets/\(id)").json["slaBreached"] as? Bool ?? false) }
            #expect(breached == [true, true, false, false])

            let browser = Browser(app)
            try await browser.signIn("dispatch@test.example")
            let board = try await browser.get("/board").text
            #expect(board.components(separatedBy: #"class="ticket-card late""#).count - 1 == 2)
            #expect(board.contains("پاسخ در مهلت") && board.contains("پاسخ دیرتر از مهلت"))
            let lateOnly = try await browser.get("/board?late=1").text
            #expect(lateOnly.components(separatedBy: "ticket-card").count - 1 == 2)
        }
    }

    @Test("A call keeps its caller and priority; a wrong priority or phone is refused with the field named")
    func callerAndPriority() async throws {
        try await withFleetApp { app in
            let s = try await ServiceFixture.make(app)
            let r = try await s.f.dispatcher.post("/api/v1/tickets", #"""
                {"deviceId":"\#(s.device)","channel":"phone","description":"jam","callerName":"مهدی رضایی","callerPhone":"۰۹۱۲ ۳۴۵ ۶۷۸۹","priority":"urgent"}
                """#)
            #expect(r.status == .created, "\(r.text)")
            #expect(r.json["callerName"] as? String == "مهدی رضایی")
            #expect(r.json["callerPhone"] as? String == "09123456789")
            #expect(r.json["priority"] as? String == "urgent")
            #expect((r.json["coverage"] as? [String: Any])?["code"] as? String == "repairBetweenPMs")
            let plain = try await s.openTicket("streaks")
            #expect(plain.json["priority"] as? String == "normal")
            for (body, field) in [(#""priority":"soon""#, "priority"), (#""callerPhone":"call me""#, "callerPhone")] {
                let bad = try await s.f.dispatcher.post("/api/v1/tickets", #"{"deviceId":"\#(s.device)","channel":"phone","description":"x",\#(body)}"#)
                #expect(bad.status == .unprocessableEntity, "\(bad.text)")
                #expect((bad.json["error"] as? [String: Any])?["field"] as? String == field)
            }
        }
    }
}

@Suite("Remote triage: attempts and rescheduling")
struct TriageTests {
    @Test("Attempts are logged while the call is in triage; a dispatched call is rescheduled with its visit until someone arrives")
    func attemptsAndReschedule() async throws {
        try await withFleetApp { app in
            let s = try await ServiceFixture.make(app)
            let ticket = try await s.openTicket("paper jam").json["id"] as! String
            let logged = try await s.f.dispatcher.post("/api/v1/tickets/\(ticket)/attempts",
                                                       #"{"method":"phone","tried":"restarted the spooler","minutes":10}"#)
            #expect(logged.status == .created, "\(logged.text)")
            #expect(logged.json["by"] as? String != nil)
            for (body, field) in [(#"{"method":"fax","tried":"x","minutes":5}"#, "method"), (#"{"method":"phone","tried":"x","minutes":0}"#, "minutes"),
                                  (#"{"method":"phone","tried":" ","minutes":5}"#, "tried")] {
                let bad = try await s.f.dispatcher.post("/api/v1/tickets/\(ticket)/attempts", body)
                #expect(bad.status == .unprocessableEntity, "\(bad.text)")
                #expect((bad.json["error"] as? [String: Any])?["field"] as? String == field)
            }
            #expect(try await s.f.technician.post("/api/v1/tickets/\(ticket)/attempts", #"{"method":"phone","tried":"x","minutes":5}"#).status == .forbidden)
            #expect(try await s.f.dispatcher.get("/api/v1/tickets/\(ticket)/attempts").json["total"] as? Int == 1)

            let visit = try await s.dispatch(ticket)
            #expect(try await s.f.dispatcher.post("/api/v1/tickets/\(ticket)/attempts",
                                                  #"{"method":"phone","tried":"x","minutes":5}"#).status == .conflict)
            let later = Date().addingTimeInterval(2 * 86_400)
            let moved = try await s.f.dispatcher.post("/api/v1/tickets/\(ticket)/reschedule",
                #"{"technicianId":"\#(s.technicianID)","scheduledAt":"\#(ISO8601DateFormatter().string(from: later))"}"#)
            #expect(moved.status == .ok, "\(moved.text)")
            let booked = try await Visit.find(UUID(uuidString: visit), on: app.db)
            #expect(abs((booked?.scheduledAt.timeIntervalSince(later)) ?? 99) < 1, "the visit follows the ticket")
            #expect(try await s.f.technician.post("/api/v1/visits/\(visit)/arrive", "{}").status == .ok)
            #expect(try await s.f.dispatcher.post("/api/v1/tickets/\(ticket)/reschedule",
                #"{"technicianId":"\#(s.technicianID)","scheduledAt":"\#(ISO8601DateFormatter().string(from: later))"}"#).status == .conflict)
        }
    }
}

@Suite("The dashboard's contracts ending and the list it links to")
struct ContractsEndingTests {
    @Test("A contract ending in 30 days is counted once on the dashboard and listed by ?ending=true; one ending in a year is not")
    func endingList() async throws {
        try await withFleetApp { app in
            let s = try await ServiceFixture.make(app)
            let soon = CalendarDay(Date(), in: .tehran).adding(days: 30)
            let contract = try await Contract.find(UUID(uuidString: s.contract), on: app.db)!
            contract.endsOn = soon.description
            try await contract.save(on: app.db)
            let d = try await s.f.dispatcher.get("/api/v1/dashboard")
            let listed = try await s.f.dispatcher.get("/api/v1/contracts?ending=true")
            #expect(d.json["contractsEnding60Days"] as? Int == 1)
            #expect(listed.json["total"] as? Int == 1)
            #expect(try await s.f.dispatcher.get("/api/v1/contracts").json["total"] as? Int == 1)
            contract.endsOn = soon.adding(days: 365).description
            try await contract.save(on: app.db)
            #expect(try await s.f.dispatcher.get("/api/v1/contracts?ending=true").json["total"] as? Int == 0)
        }
    }
}

import FleetCore
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import FleetServer

@Suite("Invoices: drafts, gap-free numbers, immutability and credit notes")
struct InvoiceTests {
    /// A Plus (hybrid) contract that began 30 days ago, 6,000 pages printed in the month, and a repair yesterday
    /// with a formatter board (a spare part: billable) and a pickup roller (a wear part: the contract's).
    struct Setup {
        let s: ServiceFixture
        let visit: String
        var from: CalendarDay { ServiceFixture.today.adding(days: -30) }
        var to: CalendarDay { ServiceFixture.today.adding(days: -1) }
        var body: String { #"{"contractId":"\#(s.contract)","from":"\#(from)","to":"\#(to)"}"# }

        static func make(_ app: Application, buyerIdentity: Bool = true) async throws -> Setup {
            let s = try await ServiceFixture.make(app, plan: "plus")
            if buyerIdentity {
                let r = try await s.f.admin.patch("/api/v1/customers/\(s.f.customerA)",
                                                  #"{"name":"Bank A","nationalId":"۱۰۳۸۰۲۸۴۷۹۰","economicCode":"10380284790","postalCode":"1111111111"}"#)
                guard r.json["nationalId"] as? String == "10380284790" else { throw TestFailure("customer: \(r.text)") }
            }
            let iso = ISO8601DateFormatter()
            let first = ServiceFixture.today.adding(days: -30).start(in: .tehran).addingTimeInterval(3_600)
            let last = ServiceFixture.today.adding(days: -1).start(in: .tehran).addingTimeInterval(12 * 3_600)
            for (at, total) in [(first, 10_000), (last, 16_000)] {
                let r = try await s.f.technician.post("/api/v1/readings",
                    #"{"readings":[{"deviceId":"\#(s.device)","takenAt":"\#(iso.string(from: at))","source":"manual","totalPages":\#(total)}]}"#)
                guard r.json["accepted"] as? Int == 1 else { throw TestFailure("reading: \(r.text)") }
            }
            let ticket = try await s.openTicket("paper jam")
            let visit = try await s.dispatch(ticket.json["id"] as! String)
            let report = try await s.complete(visit, parts: ["RM2-8100", "RM2-5452"], finishedAgo: 86_400 + 3_600)
            guard report.status == .ok else { throw TestFailure("visit: \(report.text)") }
            return Setup(s: s, visit: visit)
        }
    }

    @Test("A draft bills the fee, pages above the pooled allowance and the billable part, with the period's work report")
    func draftLines() async throws {
        try await withFleetApp { app in
            let setup = try await Setup.make(app)
            let r = try await setup.s.f.admin.post("/api/v1/invoices", setup.body)
            #expect(r.status == .created, "\(r.text)")
            #expect(r.json["status"] as? String == "draft" && r.json["number"] == nil)
            let lines = r.json["lines"] as? [[String: Any]] ?? []
            #expect(lines.map { $0["kind"] as? String } == ["fee", "monoPages", "part"])
            let months = r.json["deviceMonths"] as? Double ?? 0
            #expect(months > 0.9 && months < 1.1)
            #expect(lines[0]["amountRials"] as? Int == Int((months * 22_000_000).rounded()))
            // 6,000 pages less the Plus plan's 2,000 a device-month, at 1,500 Rials each.
            let included = r.json["includedPages"] as? Int ?? 0
            #expect(included == Int((months * 2_000).rounded()))
            #expect(lines[1]["quantity"] as? Double == Double(6_000 - included))
            #expect(lines[1]["amountRials"] as? Int == (6_000 - included) * BuiltInPlans.plus.terms.billing.monoPageRials)
            // The formatter board is billed; the roller is the contract's and is not on the invoice.
            #expect(lines[2]["amountRials"] as? Int == 18_000_000)
            #expect((lines[2]["description"] as? String)?.contains("RM2-8100") == true)
            // The client has not approved the visit's report yet: listed apart, not attached.
            #expect(r.json["workReports"] as? [String] == [])
            #expect((r.json["pendingWorkReports"] as? [[String: Any]])?.map { $0["visitId"] as? String } == [setup.visit])
            #expect((r.json["pendingWorkReports"] as? [[String: Any]])?.first?["approval"] as? String == "pending")
            #expect(try await setup.s.f.clientA.post("/api/v1/visits/\(setup.visit)/approve", "{}").status == .ok)
            let approved = try await setup.s.f.admin.post("/api/v1/invoices", setup.body)
            #expect(approved.json["workReports"] as? [String] == [setup.visit], "approved, it goes with the invoice")
            #expect((approved.json["pendingWorkReports"] as? [[String: Any]])?.isEmpty == true)
            let totals = r.json["totals"] as? [String: Any] ?? [:]
            let subtotal = lines.reduce(0) { $0 + ($1["amountRials"] as? Int ?? 0) }
            #expect(totals["subtotalRials"] as? Int == subtotal)
            #expect(totals["vatRials"] as? Int == Int((Double(subtotal) * 0.1).rounded()))
            #expect(totals["totalRials"] as? Int == subtotal + Int((Double(subtotal) * 0.1).rounded()))

            // A draft is the admin's: the client does not see it and a dispatcher cannot make one.
            let id = r.json["id"] as! String
            #expect(try await setup.s.f.clientA.get("/api/v1/invoices/\(id)").status == .notFound)
            #expect(try await setup.s.f.dispatcher.post("/api/v1/invoices", setup.body).status == .forbidden)
            #expect(try await setup.s.f.technician.get("/api/v1/invoices").status == .forbidden)
        }
    }

    @Test("Issued invoices are numbered without gaps, never change, and are corrected by a credit note")
    func issueAndCredit() async throws {
        try await withFleetApp { app in
            let setup = try await Setup.make(app, buyerIdentity: false)
            let admin = setup.s.f.admin
            let draft = try await admin.post("/api/v1/invoices", setup.body)
            let id = draft.json["id"] as! String
            // Without the seller's identifiers and address, or the buyer's, the official form cannot be issued, and
            // no number is used up.
            let configured = app.fleetConfiguration.seller
            app.fleetConfiguration.seller.address = nil
            let noSeller = try await admin.post("/api/v1/invoices/\(id)/issue", "{}")
            #expect(noSeller.status == .unprocessableEntity && noSeller.errorCode == "seller_identity_missing", "\(noSeller.text)")
            app.fleetConfiguration.seller = configured
            let refused = try await admin.post("/api/v1/invoices/\(id)/issue", "{}")
            #expect(refused.status == .unprocessableEntity && refused.errorCode == "buyer_identity_missing")
            _ = try await admin.patch("/api/v1/customers/\(setup.s.f.customerA)", #"{"name":"Bank A","nationalId":"10380284790"}"#)

            let issued = try await admin.post("/api/v1/invoices/\(id)/issue", "{}")
            #expect(issued.status == .ok, "\(issued.text)")
            #expect(issued.json["number"] as? Int == 1 && issued.json["status"] as? String == "issued")
            #expect((issued.json["buyer"] as? [String: Any])?["nationalId"] as? String == "10380284790")
            #expect((issued.json["totalInWordsFa"] as? String)?.isEmpty == false)

            // Immutable: not issued twice, not deleted, and the buyer's later changes do not reach it.
            #expect(try await admin.post("/api/v1/invoices/\(id)/issue", "{}").errorCode == "invoice_issued")
            #expect(try await admin.request(.DELETE, "/api/v1/invoices/\(id)").errorCode == "invoice_issued")
            _ = try await admin.patch("/api/v1/customers/\(setup.s.f.customerA)", #"{"name":"Bank A","nationalId":"0076229645"}"#)
            let again = try await setup.s.f.clientA.get("/api/v1/invoices/\(id)")
            #expect((again.json["buyer"] as? [String: Any])?["nationalId"] as? String == "10380284790")
            #expect((again.json["lines"] as? [[String: Any]])?.count == (issued.json["lines"] as? [[String: Any]])?.count)

            // Its days are taken until it is credited.
            let overlap = try await admin.post("/api/v1/invoices", setup.body)
            #expect(overlap.status == .conflict && overlap.errorCode == "period_already_invoiced")

            let note = try await admin.post("/api/v1/invoices/\(id)/credit-note", #"{"reason":"wrong page count"}"#)
            #expect(note.status == .created, "\(note.text)")
            #expect(note.json["number"] as? Int == 2 && note.json["kind"] as? String == "creditNote")
            let total = (issued.json["totals"] as? [String: Any])?["totalRials"] as? Int ?? 0
            #expect((note.json["totals"] as? [String: Any])?["totalRials"] as? Int == -total)
            #expect(note.json["creditsInvoiceId"] as? String == id)
            #expect(try await admin.get("/api/v1/invoices/\(id)").json["creditedById"] as? String == note.json["id"] as? String)
            let twice = try await admin.post("/api/v1/invoices/\(id)/credit-note", #"{"reason":"again"}"#)
            #expect(twice.errorCode == "already_credited")
            let noReason = try await admin.post("/api/v1/invoices/\(note.json["id"] as! String)/credit-note", #"{"reason":""}"#)
            #expect(noReason.status == .unprocessableEntity)

            // The period can be invoiced again; the numbers run on.
            let redo = try await admin.post("/api/v1/invoices", setup.body.dropLast() + #","issue":true}"#)
            #expect(redo.json["number"] as? Int == 3, "\(redo.text)")

            let mine = try await setup.s.f.clientA.get("/api/v1/invoices")
            #expect(mine.items.compactMap { $0["number"] as? Int }.sorted() == [1, 2, 3])
            #expect(try await setup.s.f.clientB.get("/api/v1/invoices").items.isEmpty)
            #expect(try await setup.s.f.clientB.get("/api/v1/invoices/\(id)").status == .notFound)

            // The printable form: Persian, the buyer's ID in Persian digits, VAT on its own line, the work report listed.
            let html = try await setup.s.f.clientA.request(.GET, "/api/v1/invoices/\(id)", headers: ["Accept": "text/html"])
            #expect(html.text.contains("صورتحساب فروش کالا و خدمات"))
            #expect(html.text.contains("۱۰۳۸۰۲۸۴۷۹۰"))
            #expect(html.text.contains("مالیات و عوارض ارزش افزوده"))
            #expect(html.text.contains("/visits/\(setup.visit)/report"))
        }
    }

    @Test("Drafts issued at the same time take consecutive numbers, none lost or shared")
    func concurrentIssue() async throws {
        try await withFleetApp { app in
            let setup = try await Setup.make(app)
            var drafts: [String] = []
            for i in 0..<6 {
                let from = setup.from.adding(days: i * 5), to = from.adding(days: 4)
                let r = try await setup.s.f.admin.post("/api/v1/invoices", #"{"contractId":"\#(setup.s.contract)","from":"\#(from)","to":"\#(to)"}"#)
                guard let id = r.json["id"] as? String else { throw TestFailure("draft: \(r.text)") }
                drafts.append(id)
            }
            let numbers = try await withThrowingTaskGroup(of: Int?.self) { group in
                for id in drafts {
                    group.addTask { try await setup.s.f.admin.post("/api/v1/invoices/\(id)/issue", "{}").json["number"] as? Int }
                }
                var out: [Int?] = []
                for try await n in group { out.append(n) }
                return out
            }
            #expect(numbers.compactMap { $0 }.sorted() == Array(1...6))
        }
    }

    @Test("Bad requests: unknown contract, days outside it or not over, a malformed day, a national ID with a wrong check digit")
    func badInput() async throws {
        try await withFleetApp { app in
            let setup = try await Setup.make(app)
            let admin = setup.s.f.admin
            let unknown = try await admin.post("/api/v1/invoices", #"{"contractId":"\#(UUID())","from":"\#(setup.from)","to":"\#(setup.to)"}"#)
            #expect(unknown.status == .notFound)
            func field(_ body: String) async throws -> String? {
                let r = try await admin.post("/api/v1/invoices", body)
                #expect(r.status == .unprocessableEntity, "\(r.text)")
                return (r.json["error"] as? [String: Any])?["field"] as? String
            }
            let c = setup.s.contract
            #expect(try await field(#"{"contractId":"\#(c)","from":"\#(setup.from.adding(days: -1))","to":"\#(setup.to)"}"#) == "from")
            #expect(try await field(#"{"contractId":"\#(c)","from":"\#(setup.from)","to":"\#(ServiceFixture.today)"}"#) == "to")
            #expect(try await field(#"{"contractId":"\#(c)","from":"yesterday","to":"\#(setup.to)"}"#) == "from")
            #expect(try await field(#"{"contractId":"\#(c)","from":"\#(setup.to)","to":"\#(setup.from)"}"#) == "to")
            #expect(try await field(#"{"from":"\#(setup.from)","to":"\#(setup.to)"}"#) == "contractId")
            let bad = try await admin.patch("/api/v1/customers/\(setup.s.f.customerA)", #"{"name":"Bank A","nationalId":"10380284791"}"#)
            #expect(bad.status == .unprocessableEntity)
            #expect((bad.json["error"] as? [String: Any])?["field"] as? String == "nationalId")
            #expect(try await admin.get("/api/v1/customers/\(setup.s.f.customerA)").json["nationalId"] as? String == "10380284790")
            #expect(try await admin.get("/api/v1/invoices").items.isEmpty)
        }
    }
}

@Suite("Invoice pages")
struct InvoiceWebTests {
    @Test("An admin makes a draft from the form, sees the official layout, issues it; the client reads it, a bad form keeps its input")
    func draftIssueAndRead() async throws {
        try await withFleetApp { app in
            let setup = try await InvoiceTests.Setup.make(app)
            let admin = Browser(app)
            try await admin.signIn("admin@test.example")
            let list = try await admin.get("/invoices")
            #expect(list.text.contains("تهیه پیش‌نویس صورتحساب"))

            let wrong = try await admin.post("/invoices", ["contractId": setup.s.contract, "from": "\(setup.from)", "to": "1405/13/40"])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.text.contains("1405/13/40"))

            let made = try await admin.post("/invoices", ["contractId": setup.s.contract, "from": "\(setup.from)", "to": "\(setup.to)"])
            #expect(made.status == .seeOther, "\(made.text)")
            let path = made.headers.first(name: .location) ?? ""
            let draft = try await admin.get(path)
            #expect(draft.text.contains("پیش‌نویس صورتحساب"))
            #expect(draft.text.contains("سهم سیاه‌وسفید از "))
            #expect(try await admin.post(path + "/issue", [:]).status == .seeOther)
            let issued = try await admin.get(path)
            #expect(issued.text.contains("صورتحساب فروش کالا و خدمات"))
            #expect(issued.text.contains("مهر و امضای خریدار"))
            #expect(issued.text.contains("صدور صورتحساب اصلاحی"))

            let client = Browser(app)
            try await client.signIn("client-a@test.example")
            let seen = try await client.get(path)
            #expect(seen.status == .ok)
            #expect(!seen.text.contains("صدور صورتحساب اصلاحی"))
            #expect(try await client.post(path + "/credit-note", ["reason": "x"]).status == .forbidden)
            let other = Browser(app)
            try await other.signIn("client-b@test.example")
            #expect(try await other.get(path).status == .notFound)
        }
    }
}

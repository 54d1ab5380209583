import FleetCore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import FleetServer

@Suite("Contract pages")
struct ContractWebTests {
    @Test("A dispatcher previews the effective terms, then creates a contract with the form; its page shows the schedule")
    func createWithForm() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let ids = try await f.devices(2, prefix: "WEBC")
            let browser = Browser(app)
            try await browser.signIn("dispatch@test.example")
            let step1 = try await browser.get("/contracts/new?customerId=\(f.customerA)")
            #expect(step1.text.contains("data-effective=\"pmVisitsPerYear\""))
            var form = ["customerId": f.customerA, "planCode": "basic", "startsOn": "1405-01-01", "endsOn": "1405-12-29",
                        "o_responseHours": "۶", "o_pmVisitsPerYear": "4", "action": "preview"]
            for id in ids { form["device_\(id)"] = "on" }
            let preview = try await browser.post("/contracts/new", form)
            #expect(preview.status == .ok)
            #expect(preview.text.contains(#"<td class="overridden" data-effective="responseHours">۶</td>"#))
            #expect(preview.text.contains("این قرارداد ۲ دستگاه دارد؛ قراردادها برای ۳۵ تا ۱٬۰۰۰ دستگاه است"), "the warning in Persian")
            #expect(try await Contract.query(on: app.db).count() == 0)

            form["action"] = "save"
            let saved = try await browser.post("/contracts/new", form)
            #expect(saved.status == .seeOther, "\(saved.text)")
            let contract = try await Contract.query(on: app.db).first()
            #expect(contract?.startsOn == "2026-03-21")
            #expect(contract?.endsOn == "2027-03-20")
            #expect(contract?.terms.responseHours == 6)
            let page = try await browser.get(saved.headers.first(name: .location) ?? "")
            #expect(page.text.contains("فروردین ۱۴۰۵"))
            #expect(page.text.contains(#"class="pm""#))
            #expect(page.text.contains("WEBC-1"))

            let extra = try await f.devices(1, prefix: "LATE")
            let offered = try await browser.get("/contracts/\(contract!.id!)")
            #expect(offered.text.contains(#"name="device_\#(extra[0].uppercased())""#))
            let added = try await browser.post("/contracts/\(contract!.id!)/add-devices", ["device_\(extra[0])": "on"])
            #expect(added.status == .seeOther)
            let removed = try await browser.post("/contracts/\(contract!.id!)/remove-devices", ["device_\(ids[0])": "on"])
            #expect(removed.status == .seeOther)
            let members = try await ContractBook(db: app.db, actor: nil).members(of: contract!).map { $0.$device.id.uuidString }
            #expect(Set(members) == Set([ids[1], extra[0]].map { $0.uppercased() }))

            let renewed = try await browser.post("/contracts/\(contract!.id!)/renew", [:])
            #expect(renewed.status == .seeOther)
            #expect(try await Contract.query(on: app.db).count() == 2)
        }
    }

    @Test("A bad override shows the form again with the reason and creates nothing")
    func badOverride() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let browser = Browser(app)
            try await browser.signIn("admin@test.example")
            let r = try await browser.post("/contracts/new", ["customerId": f.customerA, "planCode": "plus", "startsOn": "2026-03-01",
                                                              "endsOn": "2027-02-28", "o_partWarrantyMonths": "18", "action": "save"])
            #expect(r.status == .unprocessableEntity)
            #expect(r.text.contains("«گارانتی قطعه (ماه)» پذیرفته نشد"), "the field by its Persian label, no English sentence")
            #expect(try await Contract.query(on: app.db).count() == 0)
        }
    }

    @Test("Plans are for staff; a client user's contract pages show only its own")
    func access() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let b = try await f.contract(customer: f.customerB, devices: [try await f.device(customer: f.customerB, site: f.siteB, serial: "B1")])
            let a = try await f.contract(devices: try await f.devices(1, prefix: "A"))
            let browser = Browser(app)
            try await browser.signIn("client-a@test.example")
            #expect(try await browser.get("/plans").status == .forbidden)
            #expect(try await browser.get("/contracts/\(b.json["id"]!)").status == .notFound)
            #expect(try await browser.get("/contracts/\(a.json["id"]!)").status == .ok)
            let list = try await browser.get("/contracts")
            #expect(list.text.contains("Bank A"))
            #expect(!list.text.contains("Hospital B"))
            #expect(try await browser.post("/contracts/\(a.json["id"]!)/terminate", [:]).status == .forbidden)
        }
    }

    @Test("An admin edits a plan's terms in the form")
    func editPlan() async throws {
        try await withFleetApp { app in
            _ = try await Fixture.make(app)
            let browser = Browser(app)
            try await browser.signIn("admin@test.example")
            var form = ["nameFa": "پایه", "nameEn": "Basic"]
            for (k, v) in TermsView.raw(BuiltInPlans.basic.terms) { form["t_" + k] = v }
            form["t_responseHours"] = "36"
            let r = try await browser.post("/plans/basic/edit", form)
            #expect(r.status == .seeOther)
            #expect(try await Plan.query(on: app.db).filter(\.$code == "basic").first()?.terms.responseHours == 36)
            let plans = try await browser.get("/plans")
            #expect(plans.text.contains("۳۶"))
        }
    }

    @Test("An admin adds a moving holiday on the page; new schedules avoid it")
    func holidays() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let browser = Browser(app)
            try await browser.signIn("admin@test.example")
            let page = try await browser.get("/holidays")
            #expect(page.text.contains("نوروز"))
            let bad = try await browser.post("/holidays", ["name": "x", "month": "12", "day": "31"])
            #expect(bad.status == .unprocessableEntity)
            // 2026-04-15 is where the first of four PMs from 2026-03-01 would fall.
            let r = try await browser.post("/holidays", ["name": "تعطیلی قمری", "date": "1405-01-26"])
            #expect(r.status == .seeOther)
            #expect(try await Holiday.query(on: app.db).filter(\.$date == "2026-04-15").count() == 1)
            let c = try await f.contract(devices: try await f.devices(1, prefix: "HOL"), overrides: #"{"pmVisitsPerYear":4}"#)
            let schedule = try await f.admin.get("/api/v1/contracts/\(c.json["id"]!)/schedule").items
            #expect(schedule.first?["date"] as? String == "2026-04-16")
            #expect(try await f.dispatcher.post("/api/v1/holidays", #"{"name":"x","date":"2026-05-01"}"#).status == .forbidden)
            let api = try await f.admin.post("/api/v1/holidays", #"{"name":"x","month":13,"day":1}"#)
            #expect(api.status == .unprocessableEntity)
        }
    }
}

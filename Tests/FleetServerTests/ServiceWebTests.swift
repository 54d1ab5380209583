import FleetCore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import FleetServer

@Suite("Service pages")
struct ServiceWebTests {
    /// A 1x1 PNG, as the signature pad would send it.
    static let signature = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="

    @Test("A call taken on the page reaches the board, is dispatched, shows in the technician's day and is completed with a signature")
    func throughThePages() async throws {
        try await withFleetApp { app in
            let s = try await ServiceFixture.make(app)
            let dispatcher = Browser(app)
            try await dispatcher.signIn("dispatch@test.example")
            let record = try await dispatcher.get("/devices/\(s.device)")
            #expect(record.text.contains("/tickets/new?deviceId=\(s.device.uppercased())"))
            let opened = try await dispatcher.post("/tickets/new?deviceId=\(s.device)",
                                                   ["channel": "phone", "symptom": "paper jam", "description": "کاغذ گیر می‌کند"])
            #expect(opened.status == .seeOther, "\(opened.text)")
            let ticketPath = opened.headers.first(name: .location) ?? ""
            let board = try await dispatcher.get("/board")
            #expect(board.text.contains("گیر کردن کاغذ"))
            #expect(board.text.contains("مانده تا مهلت پاسخ"))
            let when = LocalTimeFixture.string(Date().addingTimeInterval(-3600))
            let dispatched = try await dispatcher.post(ticketPath + "/dispatch", ["technicianId": s.technicianID, "scheduledAt": when])
            #expect(dispatched.status == .seeOther)
            #expect(try await dispatcher.get(ticketPath).text.contains("اعزام شده"))

            let tech = Browser(app)
            try await tech.signIn("tech@test.example")
            let day = try await tech.get("/my-day")
            #expect(day.text.contains("SVC-1"))
            let visit = try await Visit.query(on: app.db).first()!
            #expect(try await tech.post("/visits/\(visit.id!)/arrive", [:]).status == .seeOther)
            #expect(try await tech.get("/my-day").text.contains("در محل از"))
            #expect(try await Ticket.query(on: app.db).first()?.stage == "onSite")
            let form = try await tech.get("/visits/\(visit.id!)/complete")
            #expect(form.status == .ok)
            #expect(form.text.contains(#"name="meter_\#(s.device.uppercased())""#), "a counter field per device")
            let done = try await tech.post("/visits/\(visit.id!)/complete", [
                "startedAt": when, "finishedAt": LocalTimeFixture.string(Date().addingTimeInterval(-120)),
                "findings": "غلتک تعویض شد", "part1": "RM2-5452", "qty1": "۱", "serial1": "PR-2026-00017", "signerName": "مریم رحیمی",
                "meter_\(s.device.uppercased())": "۱۲٬۳۴۵",
                "satisfaction": "5", "signature": Self.signature,
            ])
            #expect(done.status == .seeOther, "\(done.text)")
            let report = try await tech.get(done.headers.first(name: .location) ?? "")
            #expect(report.text.contains(#"<img src="\#(Self.signature)""#))
            #expect(report.text.contains("غلتک تعویض شد"))
            #expect(report.text.contains(#"<span dir="ltr">PR-2026-00017</span>"#), "the part's own serial, not the machine's")
            #expect(report.text.contains("۱۲٬۳۴۵"), "the counter typed in Persian digits is on the report")
            #expect(try await tech.get("/my-day").text.contains("امروز بازدیدی ندارید."))
        }
    }

    @Test("A bad completion on the page shows the reason and keeps what was typed")
    func badCompletion() async throws {
        try await withFleetApp { app in
            let s = try await ServiceFixture.make(app)
            let visit = try await s.dispatch(try await s.openTicket("jam").json["id"] as! String)
            let tech = Browser(app)
            try await tech.signIn("tech@test.example")
            let r = try await tech.post("/visits/\(visit)/complete", [
                "startedAt": "2026-01-01T10:00", "finishedAt": "2026-01-01T09:00", "findings": "چیزی که تایپ شد",
                "signerName": "x", "satisfaction": "3",
            ])
            #expect(r.status == .unprocessableEntity)
            #expect(r.text.contains("«پایان» پذیرفته نشد"), "the field by its Persian label, no English sentence")
            #expect(!r.text.contains("the visit finishes before it starts"))
            #expect(r.text.contains("چیزی که تایپ شد"))
        }
    }

    @Test("A counter below the last one comes back in Persian with 'the counter was reset', the signature kept, and goes through with it")
    func counterBelowLastOnThePage() async throws {
        try await withFleetApp { app in
            let s = try await ServiceFixture.make(app)
            let when = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-86_400))
            let read = try await s.f.dispatcher.post("/api/v1/readings",
                #"{"readings":[{"deviceId":"\#(s.device)","takenAt":"\#(when)","source":"manual","totalPages":50000}]}"#)
            #expect(read.json["accepted"] as? Int == 1, "\(read.text)")
            let visit = try await s.dispatch(try await s.openTicket("jam").json["id"] as! String)
            let tech = Browser(app)
            try await tech.signIn("tech@test.example")
            let signature = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
            let start = LocalTimeFixture.string(Date().addingTimeInterval(-3_600)), end = LocalTimeFixture.string(Date())
            var form = ["startedAt": start, "finishedAt": end, "findings": "برد اصلی عوض شد", "signerName": "سارا",
                        "satisfaction": "5", "signature": signature, "meter_\(s.device.uppercased())": "۱۲"]
            let refused = try await tech.post("/visits/\(visit)/complete", form)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("کمتر از آخرین خواندن"), "the reason is in Persian")
            #expect(!refused.text.contains("readings.0"), "no API field name")
            #expect(refused.text.contains(#"name="counterReset_\#(s.device.uppercased())""#))
            #expect(refused.text.contains(#"value="\#(signature)""#), "the drawn signature comes back")
            form["counterReset_\(s.device.uppercased())"] = "on"
            let done = try await tech.post("/visits/\(visit)/complete", form)
            #expect(done.status == .seeOther, "\(done.text)")
        }
    }

    @Test("Another client's ticket page is 404; the board is for staff")
    func access() async throws {
        try await withFleetApp { app in
            let s = try await ServiceFixture.make(app)
            let t = try await s.openTicket("jam").json["id"] as! String
            let b = Browser(app)
            try await b.signIn("client-b@test.example")
            #expect(try await b.get("/tickets/\(t)").status == .notFound)
            #expect(try await b.get("/board").status == .forbidden)
            let a = Browser(app)
            try await a.signIn("client-a@test.example")
            #expect(try await a.get("/tickets/\(t)").status == .ok)
        }
    }
}

enum LocalTimeFixture {
    static func string(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = .tehran
        f.dateFormat = "yyyy-MM-dd'T'HH:mm"
        return f.string(from: date)
    }
}

@Suite("Parts and loans pages")
struct PartsLoansWebTests {
    @Test("Stock moves between the warehouse and a van on the parts page; too many is refused unless overridden, and the log shows it")
    func transferPage() async throws {
        try await withFleetApp { app in
            let s = try await ServiceFixture.make(app)
            _ = try await s.f.dispatcher.post("/api/v1/stock/receive", #"{"partNumber":"RM2-5452","quantity":4}"#)
            let warehouse = try #require(try await StockLocation.query(on: app.db).filter(\.$kind == "warehouse").first())
            let van = try #require(try await StockLocation.query(on: app.db).filter(\.$kind == "van").first())
            let browser = Browser(app)
            try await browser.signIn("dispatch@test.example")
            let page = try await browser.get("/parts").text
            #expect(page.contains("جابه‌جایی قطعه"))
            #expect(page.contains(#"value="loc:\#(warehouse.id!.uuidString)""#))

            let moved = try await browser.post("/parts", ["action": "transfer", "partNumber": "RM2-5452", "quantity": "۳",
                                                          "from": "loc:\(warehouse.id!)", "to": "loc:\(van.id!)"])
            #expect(moved.status == .seeOther, "\(moved.text)")
            let tooMany = try await browser.post("/parts", ["action": "transfer", "partNumber": "RM2-5452", "quantity": "2",
                                                            "from": "loc:\(warehouse.id!)", "to": "loc:\(van.id!)"])
            #expect(tooMany.status == .unprocessableEntity)
            #expect(tooMany.text.contains("send allowNegativeStock") || tooMany.text.contains("RM2-5452"))
            let stock = try await s.f.admin.get("/api/v1/stock").items.filter { $0["partNumber"] as? String == "RM2-5452" }
            #expect(stock.compactMap { $0["quantity"] as? Int }.sorted() == [1, 8])

            let forced = try await browser.post("/parts", ["action": "transfer", "partNumber": "RM2-5452", "quantity": "2",
                                                           "from": "loc:\(warehouse.id!)", "to": "loc:\(van.id!)", "allowNegativeStock": "on"])
            #expect(forced.status == .seeOther)
            let log = try await browser.get("/parts").text
            #expect(log.contains("گردش موجودی"))
            #expect(log.contains("موجودی منفی با تأیید"))
            #expect(log.contains("transfer to"))
        }
    }

    @Test("A dispatcher adds a part and receives it into a van; lends a loaner by serial and records its return")
    func partsAndLoans() async throws {
        try await withFleetApp { app in
            let s = try await ServiceFixture.make(app)
            let browser = Browser(app)
            try await browser.signIn("dispatch@test.example")
            let added = try await browser.post("/parts", ["action": "part", "partNumber": "rm1-1234", "name": "Fuser", "kind": "wear",
                                                          "ratedLifePages": "۱۵۰٬۰۰۰", "priceRials": "9,000,000",
                                                          "compatibleModels": "LaserJet Pro M404dn, LaserJet Pro M402dn"])
            #expect(added.status == .seeOther, "\(added.text)")
            let part = try await Part.query(on: app.db).filter(\.$partNumber == "RM1-1234").first()
            #expect(part?.ratedLifePages == 150_000)
            #expect(part?.compatibleModels == ["LaserJet Pro M404dn", "LaserJet Pro M402dn"])
            let received = try await browser.post("/parts", ["action": "receive", "partNumber": "RM1-1234", "quantity": "3",
                                                             "technicianId": s.technicianID])
            #expect(received.status == .seeOther)
            #expect(try await browser.get("/parts").text.contains("۳"))
            let bad = try await browser.post("/parts", ["action": "part", "partNumber": "X", "name": "Y", "kind": "wear", "priceRials": "lots"])
            #expect(bad.status == .unprocessableEntity)

            _ = try await s.f.admin.post("/api/v1/devices", #"{"loaner":true,"serialNumber":"LN-77","make":"HP","model":"LaserJet Pro M404dn"}"#)
            let loaner = try await Device.query(on: app.db).filter(\.$serialNumber == "LN-77").first()!
            let lent = try await browser.post("/loans", ["loanerDeviceId": loaner.id!.uuidString, "forSerial": "svc-1",
                                                         "dueOn": ServiceFixture.today.adding(days: 5).description])
            #expect(lent.status == .seeOther, "\(lent.text)")
            let loan = try await Loan.query(on: app.db).first()!
            let back = try await browser.post("/loans/\(loan.id!)/return", ["totalPages": "۲۳۴۵"])
            #expect(back.status == .seeOther)
            #expect(try await Loan.find(loan.id, on: app.db)?.closingTotalPages == 2345)
            let refused = try await browser.post("/loans/\(loan.id!)/return", ["totalPages": "12"])
            #expect(refused.status == .unprocessableEntity)
            let client = Browser(app)
            try await client.signIn("client-b@test.example")
            #expect(try await client.get("/loans").text.contains("LN-77") == false)
            #expect(try await client.get("/parts").status == .forbidden)
        }
    }
}

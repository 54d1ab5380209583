import FleetCore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import FleetServer

/// Someone at the machine, with no account: a phone's browser at a given address.
struct Passerby {
    let app: Application
    let address: String

    func get(_ path: String) async throws -> TestingHTTPResponse {
        try await APIClient(app: app, token: nil).request(.GET, path, headers: headers)
    }

    func report(_ path: String, _ form: [String: String]) async throws -> TestingHTTPResponse {
        var c = URLComponents()
        c.queryItems = form.map { URLQueryItem(name: $0.key, value: $0.value) }
        return try await APIClient(app: app, token: nil).request(.POST, path, body: c.percentEncodedQuery!,
                                                                 contentType: "application/x-www-form-urlencoded", headers: headers)
    }

    var headers: HTTPHeaders { ["Accept": "text/html", "X-Forwarded-For": "203.0.113.250, \(address)"] }
}

@Suite("Device labels and the fault page")
struct LabelTests {
    struct Setup {
        let f: Fixture
        let device: String
        let token: String
        let path: String

        static func make(_ app: Application) async throws -> Setup {
            // Behind the test's "proxy" the client is the last X-Forwarded-For entry; the first is spoofable noise.
            app.fleetConfiguration.trustForwardedFor = true
            app.fleetConfiguration.publicURL = "https://service.example.ir"
            let f = try await Fixture.make(app)
            let device = try await f.device(serial: "LBL-1", extra: #","assetTag":"BANK-0042""#)
            let label = try await f.dispatcher.get("/api/v1/devices/\(device)/label")
            guard label.status == .ok, let url = label.json["url"] as? String, let token = label.json["token"] as? String else {
                throw TestFailure("label: \(label.status) \(label.text)")
            }
            #expect(url == "https://service.example.ir/f/\(token)")
            return Setup(f: f, device: device, token: token, path: "/f/\(token)")
        }
    }

    static let jam = ["symptom": "paper jam", "description": "", "name": "مریم رحیمی", "phone": "۰۹۱۲ ۳۴۵ ۶۷۸۹"]

    @Test("A label's link opens the fault page with no account; the report becomes a label ticket with who to call")
    func labelToTicket() async throws {
        try await withFleetApp { app in
            let s = try await Setup.make(app)
            #expect(s.token.count == 32)
            #expect(try await s.f.clientA.get("/api/v1/devices/\(s.device)/label").json["token"] as? String == s.token,
                    "the client sees the same label; asking again makes no new one")
            #expect(try await s.f.clientB.get("/api/v1/devices/\(s.device)/label").status == .notFound)

            let phone = Passerby(app: app, address: "198.51.100.7")
            let page = try await phone.get(s.path)
            #expect(page.status == .ok)
            #expect(page.text.contains("LaserJet Pro M404dn"))
            #expect(page.text.contains("HQ / 2 / 204"))
            #expect(page.text.contains("BANK-0042"))
            #expect(page.text.contains("گزارش خرابی"))
            for secret in ["Bank A", "Finance", "021-1111", "LBL-1"] {
                #expect(!page.text.contains(secret), "the fault page shows nothing else of the client: \(secret)")
            }
            #expect(page.headers[.setCookie].isEmpty, "a passer-by gets no session")

            let sent = try await phone.report(s.path, Self.jam)
            #expect(sent.status == .created, "\(sent.text)")
            #expect(sent.text.contains("گزارش شما رسید"))
            let ticket = try #require(try await Ticket.query(on: app.db).first())
            #expect(ticket.channel == "label")
            #expect(ticket.symptom == "paper jam")
            #expect(ticket.description == "گیر کردن کاغذ")
            #expect(ticket.$device.id.uuidString == s.device.uppercased())
            #expect(sent.text.contains("شماره پیگیری: \(PersianDigits.fromASCII(String(ticket.number)))"))

            let reports = try await s.f.dispatcher.get("/api/v1/tickets/\(ticket.id!)/fault-reports")
            #expect(reports.items.count == 1)
            #expect(reports.items.first?["name"] as? String == "مریم رحیمی")
            #expect(reports.items.first?["phone"] as? String == "09123456789")
            #expect(try await s.f.clientB.get("/api/v1/tickets/\(ticket.id!)/fault-reports").status == .notFound)
            let stored = try #require(try await FaultReport.query(on: app.db).first())
            #expect(stored.address == "198.51.100.7", "the address the proxy saw, not the spoofed first entry")

            // A colleague reports the same fault: it joins the open call instead of opening another.
            let again = try await Passerby(app: app, address: "198.51.100.8").report(s.path, [
                "symptom": "", "description": "کاغذ در سینی ۲ گیر کرده", "name": "علی", "phone": "02188001234"])
            #expect(again.status == .created)
            #expect(again.text.contains("پیش‌تر گزارش شده"))
            #expect(try await Ticket.query(on: app.db).count() == 1)
            #expect(try await s.f.dispatcher.get("/api/v1/tickets/\(ticket.id!)/fault-reports").items.count == 2)

            // The dispatcher's ticket page lists both people to call back.
            let browser = Browser(app)
            try await browser.signIn("dispatch@test.example")
            let ticketPage = try await browser.get("/tickets/\(ticket.id!)")
            #expect(ticketPage.text.contains("گزارش‌شده از برچسب دستگاه"))
            #expect(ticketPage.text.contains("tel:09123456789"))
            #expect(ticketPage.text.contains("کاغذ در سینی ۲ گیر کرده"))
        }
    }

    @Test("A revoked or guessed token is a 404 that says nothing; a new label gets a new link")
    func revokedAndGuessed() async throws {
        try await withFleetApp { app in
            let s = try await Setup.make(app)
            let phone = Passerby(app: app, address: "198.51.100.7")
            #expect(try await s.f.technician.post("/api/v1/devices/\(s.device)/label/revoke", "{}").status == .forbidden)
            #expect(try await s.f.clientB.post("/api/v1/devices/\(s.device)/label/revoke", "{}").status == .notFound)
            let revoked = try await s.f.clientA.post("/api/v1/devices/\(s.device)/label/revoke", "{}")
            #expect(revoked.json["revoked"] as? Int == 1)

            for path in [s.path, "/f/" + String(repeating: "A", count: 32), "/f/short", "/f/" + s.token.lowercased()] {
                let r = try await phone.get(path)
                #expect(r.status == .notFound, "\(path)")
                // Attribute values hold random tokens, which may spell anything ("HQ" among them): only what is shown counts.
                let shown = r.text.replacingOccurrences(of: #"="[^"]*""#, with: "", options: .regularExpression)
                #expect(!shown.contains("LaserJet"), "\(path)")
                #expect(!shown.contains("HQ"), "\(path)")
            }
            let sent = try await phone.report(s.path, Self.jam)
            #expect(sent.status == .notFound)
            #expect(try await Ticket.query(on: app.db).count() == 0)
            #expect(try await FaultReport.query(on: app.db).count() == 0)

            let fresh = try await s.f.dispatcher.get("/api/v1/devices/\(s.device)/label").json["token"] as? String
            #expect(fresh != nil && fresh != s.token)
            #expect(try await phone.get("/f/\(fresh!)").status == .ok)

            // The device page's button revokes too.
            let browser = Browser(app)
            try await browser.signIn("dispatch@test.example")
            let done = try await browser.post("/devices/\(s.device)/label/revoke", [:])
            #expect(done.status == .seeOther)
            #expect(try await browser.get(done.headers.first(name: .location) ?? "").text.contains("پیوند برچسب باطل شد"))
            #expect(try await phone.get("/f/\(fresh!)").status == .notFound)
        }
    }

    @Test("Past the limit one address gets 429 and writes nothing; others, and other devices, are not affected")
    func rateLimits() async throws {
        try await withFleetApp { app in
            let s = try await Setup.make(app)
            app.fleetConfiguration.faultReportsPerAddressPerHour = 2
            app.fleetConfiguration.faultReportsPerDevicePerHour = 3
            let flood = Passerby(app: app, address: "192.0.2.66")
            #expect(try await flood.report(s.path, Self.jam).status == .created)
            #expect(try await flood.report(s.path, Self.jam).status == .created)
            let limited = try await flood.report(s.path, Self.jam)
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers.first(name: .retryAfter) == "3600")
            #expect(limited.text.contains("گزارش‌های زیادی"))
            #expect(try await FaultReport.query(on: app.db).count() == 2)

            // Someone else at the same machine still gets through, up to the device's own limit.
            #expect(try await Passerby(app: app, address: "192.0.2.10").report(s.path, Self.jam).status == .created)
            #expect(try await Passerby(app: app, address: "192.0.2.11").report(s.path, Self.jam).status == .tooManyRequests)
            #expect(try await FaultReport.query(on: app.db).count() == 3)

            // Another device's label works from a fresh address, and the flooded page still shows (reading is not limited).
            let other = try await s.f.device(serial: "LBL-2")
            let token = try await s.f.dispatcher.get("/api/v1/devices/\(other)/label").json["token"] as! String
            #expect(try await Passerby(app: app, address: "192.0.2.12").report("/f/\(token)", Self.jam).status == .created)
            #expect(try await flood.get(s.path).status == .ok)
            #expect(try await Ticket.query(on: app.db).count() == 2)
        }
    }

    @Test("A report without a name, with a bad phone or an unknown fault shows why, keeps what was typed, writes nothing")
    func badReports() async throws {
        try await withFleetApp { app in
            let s = try await Setup.make(app)
            let phone = Passerby(app: app, address: "198.51.100.7")
            for (form, message) in [
                (["symptom": "paper jam", "name": " ", "phone": "09123456789", "description": "خط روی کاغذ"], "name is required"),
                (["symptom": "paper jam", "name": "مریم", "phone": "0912abc", "description": "خط روی کاغذ"], "phone may hold only digits"),
                (["symptom": "on fire", "name": "مریم", "phone": "09123456789", "description": "خط روی کاغذ"], "choose the fault from the list"),
                (["symptom": "", "name": "مریم", "phone": "09123456789", "description": " "], "say what is wrong"),
                (["symptom": "paper jam", "name": "مریم", "phone": "09123456789", "description": String(repeating: "x", count: 1_001)],
                 "description is longer than 1000 characters"),
            ] {
                let r = try await phone.report(s.path, form)
                #expect(r.status == .unprocessableEntity, "\(form)")
                #expect(r.text.contains(message), "\(message)")
                #expect(r.text.contains("خط روی کاغذ") || form["description"] != "خط روی کاغذ", "what was typed is kept")
            }
            #expect(try await Ticket.query(on: app.db).count() == 0)
            #expect(try await FaultReport.query(on: app.db).count() == 0)
        }
    }

    @Test("The label sheet draws each working device's QR link; a client prints only its own devices")
    func sheet() async throws {
        try await withFleetApp { app in
            let s = try await Setup.make(app)
            _ = try await s.f.device(serial: "LBL-2", extra: #","assetTag":"BANK-0043""#)
            let retired = try await s.f.device(serial: "LBL-3", extra: #","assetTag":"BANK-0099""#)
            #expect(try await s.f.admin.patch("/api/v1/devices/\(retired)", #"{"status":"retired"}"#).status == .ok)
            let theirs = try await s.f.device(customer: s.f.customerB, site: s.f.siteB, serial: "HOSP-1")

            let client = Browser(app)
            try await client.signIn("client-a@test.example")
            let sheet = try await client.get("/labels?customerId=\(s.f.customerA)")
            #expect(sheet.status == .ok)
            #expect(sheet.text.components(separatedBy: #"<svg class="qr""#).count - 1 == 2)
            #expect(sheet.text.contains("BANK-0042") && sheet.text.contains("BANK-0043"))
            #expect(!sheet.text.contains("BANK-0099"), "a retired machine gets no label")
            let link = "https://service.example.ir/f/\(s.token)"
            #expect(sheet.text.contains(try QRCode.encode(link).svgPath()), "the QR symbol carries the device's link")
            #expect(try await client.get("/labels?deviceId=\(theirs)").status == .notFound)
            let own = try await client.get("/labels?customerId=\(s.f.customerB)")
            #expect(!own.text.contains("HOSP-1"), "a client asking for another customer gets its own sheet")

            let staff = Browser(app)
            try await staff.signIn("dispatch@test.example")
            #expect(try await staff.get("/labels").status == .unprocessableEntity, "staff choose a customer or a device")
            let one = try await staff.get("/labels?deviceId=\(s.device)")
            #expect(one.text.components(separatedBy: #"<svg class="qr""#).count - 1 == 1)
            #expect(try await staff.get("/devices/\(s.device)").text.contains("/labels?deviceId="))
            #expect(try await staff.get("/customers/\(s.f.customerA)").text.contains("/labels?customerId="))
        }
    }

    @Test("A device has one live label: the database refuses a second, and allows a new one once the old is revoked")
    func oneLiveLabel() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let device = UUID(uuidString: try await f.device(serial: "ONE-1"))!
            let desk = LabelDesk(db: app.db)
            let first = try await desk.label(for: device)
            await #expect(throws: (any Error).self) { try await DeviceLabel(deviceID: device, at: Date()).create(on: app.db) }
            #expect(try await desk.revoke(deviceID: device) == 1)
            let second = try await desk.label(for: device)
            #expect(second.token != first.token)
            #expect(try await DeviceLabel.query(on: app.db).filter(\.$deviceID == device).count() == 2)
        }
    }
}

import Fluent
import Plot
import FleetCore
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import FleetServer

/// A browser for tests: keeps cookies, reads the form token from pages, posts forms.
final class Browser: @unchecked Sendable {
    let app: Application
    var cookies: [String: String] = [:]
    var lastSetCookie: [String] = []

    init(_ app: Application) { self.app = app }

    func get(_ path: String) async throws -> TestingHTTPResponse {
        try await send(.GET, path, form: nil)
    }

    func post(_ path: String, _ form: [String: String], withToken: Bool = true) async throws -> TestingHTTPResponse {
        var fields = form
        if withToken { fields["_csrf"] = try await token() }
        return try await send(.POST, path, form: fields)
    }

    func token() async throws -> String {
        let page = try await get("/sign-in").text
        guard let match = page.firstMatch(of: /name="_csrf" value="([^"]+)"/) else { throw TestFailure("no form token on the page") }
        return String(match.1)
    }

    func signIn(_ email: String) async throws {
        let r = try await post("/sign-in", ["email": email, "password": Fixture.password])
        guard r.status == .seeOther else { throw TestFailure("sign-in failed: \(r.status)") }
    }

    private func send(_ method: HTTPMethod, _ path: String, form: [String: String]?) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .accept, value: "text/html")
        if !cookies.isEmpty {
            headers.replaceOrAdd(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        var body = ByteBuffer()
        if let form {
            headers.contentType = .urlEncodedForm
            var c = URLComponents()
            c.queryItems = form.map { URLQueryItem(name: $0.key, value: $0.value) }
            body = ByteBuffer(string: c.percentEncodedQuery!.replacingOccurrences(of: "+", with: "%2B"))
        }
        let r = try await app.testing().performTest(request: TestingHTTPRequest(method: method, url: URI(path: path),
                                                                                 headers: headers, body: body))
        lastSetCookie = r.headers[.setCookie]
        for header in lastSetCookie {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            if pair.count == 2 { cookies[String(pair[0])] = String(pair[1]) }
        }
        return r
    }
}

@Suite("The web pages")
struct WebTests {
    @Test("The sign-in page at / is Persian, right to left, with a form token")
    func signInPage() async throws {
        try await withFleetApp { app in
            let r = try await Browser(app).get("/")
            #expect(r.status == .ok)
            #expect(r.text.contains(#"<html lang="fa" dir="rtl">"#))
            #expect(r.text.contains("ورود"))
            #expect(r.text.contains(#"name="_csrf""#))
            #expect(r.headers.first(name: "Content-Security-Policy")?.contains("frame-ancestors 'none'") == true)
        }
    }

    @Test("Signing in sets an HttpOnly, SameSite=Lax session cookie kept in the database")
    func signIn() async throws {
        try await withFleetApp { app in
            _ = try await Fixture.make(app)
            let browser = Browser(app)
            try await browser.signIn("dispatch@test.example")
            let cookie = browser.lastSetCookie.first { $0.hasPrefix("fleetcare_session=") } ?? ""
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(try await SessionRecord.query(on: app.db).count() >= 1)
            let home = try await browser.get("/")
            #expect(home.text.contains("نمای کلی ناوگان"))
            #expect(home.text.contains("dispatcher user"))
        }
    }

    @Test("A wrong password shows the form again with a message")
    func wrongPassword() async throws {
        try await withFleetApp { app in
            _ = try await Fixture.make(app)
            let r = try await Browser(app).post("/sign-in", ["email": "admin@test.example", "password": "wrong"])
            #expect(r.status == .unauthorized)
            #expect(r.text.contains("ایمیل یا گذرواژه نادرست است."))
        }
    }

    @Test("A form posted without the session's token is refused with 403")
    func csrf() async throws {
        try await withFleetApp { app in
            _ = try await Fixture.make(app)
            let browser = Browser(app)
            try await browser.signIn("admin@test.example")
            let r = try await browser.post("/customers/new", ["name": "Forged Ltd", "_csrf": "guess"], withToken: false)
            #expect(r.status == .forbidden)
            #expect(try await Customer.query(on: app.db).filter(\.$name == "Forged Ltd").count() == 0)
        }
    }

    @Test("A browser asking for a page that does not exist gets a 404 page, and the server carries on")
    func unknownPage() async throws {
        try await withFleetApp { app in
            let browser = Browser(app)
            let r = try await browser.get("/no-such-page")
            #expect(r.status == .notFound)
            #expect(r.text.contains(#"<html lang="fa" dir="rtl">"#))
            #expect(r.text.contains("پیدا نشد."))
            #expect(try await browser.get("/").status == .ok)
            let api = try await APIClient(app: app, token: nil).get("/api/v1/no-such-thing")
            #expect(api.errorCode == "not_found")
        }
    }

    @Test("Pages need a session: the device list redirects to sign-in")
    func redirects() async throws {
        try await withFleetApp { app in
            let r = try await Browser(app).get("/devices")
            #expect(r.status == .seeOther)
            #expect(r.headers.first(name: .location) == "/sign-in?next=/devices")
        }
    }

    @Test("English is one click away and remembered")
    func languageSwitch() async throws {
        try await withFleetApp { app in
            _ = try await Fixture.make(app)
            let browser = Browser(app)
            try await browser.signIn("admin@test.example")
            let r = try await browser.get("/language/en?back=/customers")
            #expect(r.headers.first(name: .location) == "/customers")
            let page = try await browser.get("/customers")
            #expect(page.text.contains(#"<html lang="en" dir="ltr">"#))
            #expect(page.text.contains("Customers"))
            #expect(try await browser.get("/language/en?back=//evil.example").headers.first(name: .location) == "/")
        }
    }

    @Test("A device added by the form with a Solar Hijri date shows it back in Persian")
    func deviceForm() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let browser = Browser(app)
            try await browser.signIn("dispatch@test.example")
            let created = try await browser.post("/devices/new", [
                "customerId": f.customerA, "siteId": f.siteA, "serialNumber": "form-1", "make": "Kyocera",
                "model": "ECOSYS M2540dn", "status": "active", "installedOn": "۱۴۰۵/۰۹/۰۳", "purchasePriceRials": "۴۵۰٬۰۰۰٬۰۰۰",
                "room": "12", "dust": "high", "temperatureC": "۲۸٫۵",
            ])
            #expect(created.status == .seeOther)
            let location = created.headers.first(name: .location) ?? ""
            let page = try await browser.get(location)
            #expect(page.text.contains("۳ آذر ۱۴۰۵"))
            #expect(page.text.contains("۴۵۰٬۰۰۰٬۰۰۰ ریال"))
            #expect(page.text.contains("۲۸٫۵"))
            let device = try await Device.query(on: app.db).filter(\.$serialNumber == "FORM-1").first()
            #expect(device?.installedOn == "2026-11-24")
            #expect(device?.purchasePriceRials == 450_000_000)

            let invalid = try await browser.post("/devices/new", [
                "customerId": f.customerA, "siteId": f.siteA, "serialNumber": "", "make": "HP", "model": "X", "status": "active",
            ])
            #expect(invalid.status == .unprocessableEntity)
            #expect(invalid.text.contains("«شماره سریال» پذیرفته نشد"), "the field by its Persian label, not the API's name")
            #expect(!invalid.text.contains("serialNumber is required"))
        }
    }

    @Test("Editing the room in the form records a move on the device's timeline")
    func editMoves() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let id = try await f.device(serial: "WEB-MOVE")
            let browser = Browser(app)
            try await browser.signIn("tech@test.example")
            let form = try await browser.get("/devices/\(id)/edit")
            #expect(form.status == .ok)
            let r = try await browser.post("/devices/\(id)/edit", [
                "siteId": f.siteA, "serialNumber": "WEB-MOVE", "make": "HP", "model": "LaserJet Pro M404dn", "color": "false",
                "status": "active", "floor": "2", "room": "999", "department": "Finance", "snmpPort": "161", "snmpCommunity": "public",
            ])
            #expect(r.status == .seeOther)
            let page = try await browser.get("/devices/\(id)")
            #expect(page.text.contains("جابه‌جایی"))
            #expect(page.text.contains("HQ / ۲ / ۹۹۹ / Finance"))
        }
    }

    @Test("The device list's department filter offers each department once, in order: the whole fleet's to staff, its own to a client")
    func departmentOptions() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            for serial in ["OWN-1", "OWN-2", "OWN-3", "OWN-4"] { try await f.device(serial: serial) }
            try await f.device(customer: f.customerB, site: f.siteB, serial: "OTHER-1")
            let sql = try app.db.sql
            for (serial, department) in [("OWN-2", "Credit"), ("OWN-3", nil), ("OTHER-1", "Legal")] as [(String, String?)] {
                try await sql.update(Device.schema).set("department", to: department).where("serial_number", .equal, serial).run()
            }
            func offered(_ email: String) async throws -> [String] {
                let browser = Browser(app)
                try await browser.signIn(email)
                let page = try await browser.get("/devices").text
                return page.matches(of: /<option value="(Credit|Finance|Legal)"/).map { String($0.1) }
            }
            #expect(try await offered("admin@test.example") == ["Credit", "Finance", "Legal"])
            #expect(try await offered("client-a@test.example") == ["Credit", "Finance"])
        }
    }

    @Test("A client user's pages show only its own fleet; another customer's device page is 404")
    func clientPages() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            try await f.device(serial: "OWN-1")
            let theirs = try await f.device(customer: f.customerB, site: f.siteB, serial: "OTHER-1")
            let browser = Browser(app)
            try await browser.signIn("client-a@test.example")
            let list = try await browser.get("/devices")
            #expect(list.text.contains("OWN-1"))
            #expect(!list.text.contains("OTHER-1"))
            #expect(try await browser.get("/devices/\(theirs)").status == .notFound)
            #expect(try await browser.get("/customers/\(f.customerB)").status == .notFound)
            #expect(try await browser.get("/devices/new").status == .forbidden)
            let export = try await browser.get("/devices/export.csv?customerId=\(f.customerB)")
            #expect(!export.text.contains("OTHER-1"))
        }
    }
}

@Suite("Elements written straight to text, as Plot writes them")
struct TextElementsTests {
    @Test("The options are what Plot writes for the same nodes, with values and text escaped and the choice marked")
    func asPlotWritesThem() {
        let options = [("a\"1", "Tom & Jerry <LLC>"), ("b", "دفتر مرکزی"), ("", "none")]
        let plot = Node<HTML.SelectContext>.group([
            .element(named: "option", nodes: [.attribute(named: "value", value: "", ignoreIfValueIsEmpty: false), .raw("All")]),
        ] + options.map { value, text in
            .element(named: "option", nodes: [
                .attribute(named: "value", value: Layout.attributeText(value), ignoreIfValueIsEmpty: false),
                value == "b" ? .attribute(named: "selected", value: "selected") : .empty,
                .raw(HTMLEscape.escape(text, quotes: false)),
            ])
        })
        let written = Layout.options(options, selected: "b", empty: "All")
        #expect(written.render() == plot.render())
        #expect(written.render().contains("<option value=\"a&quot;1\">Tom &amp; Jerry &lt;LLC&gt;</option>"))
        #expect(written.render().contains("<option value=\"b\" selected=\"selected\">دفتر مرکزی</option>"))
    }

    @Test("An element of text alone is what Plot writes for it, its class and text escaped")
    func leafAsPlotWritesIt() {
        let text = "Tom & Jerry <LLC> \"دفتر\""
        let plot = Node<HTML.BodyContext>.span(.class("badge \"x\""), .raw(HTMLEscape.escape(text, quotes: false)))
        #expect(Node<HTML.BodyContext>.leaf("span", class: "badge \"x\"", text).render()
                == plot.render().replacingOccurrences(of: "badge \"x\"", with: "badge &quot;x&quot;"))
        #expect(Node<HTML.BodyContext>.leaf("span", class: "badge \"x\"", text).render()
                == "<span class=\"badge &quot;x&quot;\">Tom &amp; Jerry &lt;LLC&gt; \"دفتر\"</span>")
        #expect(Node<HTML.TableRowContext>.leaf("td", "a").render() == Node<HTML.TableRowContext>.td(.raw("a")).render())
    }
}

import Fluent
import FleetCore
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import FleetServer

@Suite("Hostile input: nonsense, injection and oversize get clear errors and change nothing")
struct HostileInputTests {
    @Test("Readings dated in antiquity or with counts beyond any counter are refused, not crashed on", arguments: [
        (#""takenAt":"1999-12-31T23:59:59Z","totalPages":2"#, "takenAt"),
        (#""takenAt":"NOW","totalPages":9223372036854775807"#, "totalPages"),
        (#""takenAt":"NOW","totalPages":10,"monoPages":9223372036854775807,"colorPages":9223372036854775807"#, "monoPages"),
    ])
    func readingsBeyondReason(fields: String, field: String) async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let device = try await f.device(serial: "HOST-1")
            let now = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-60))
            let body = #"{"readings":[{"deviceId":"\#(device)","source":"manual",\#(fields.replacingOccurrences(of: "NOW", with: now))}]}"#
            let r = try await f.technician.post("/api/v1/readings", body)
            // A batch answers for each reading: this one is refused, naming its field.
            #expect(r.status == .ok, "\(r.status) \(r.text)")
            #expect(r.json["accepted"] as? Int == 0)
            let refused = (r.json["rejected"] as? [[String: Any]])?.first
            #expect(refused?["field"] as? String == field, "\(r.text)")
            #expect(refused?["code"] as? String == "invalid_reading")
            #expect(try await MeterReadingRecord.query(on: app.db).count() == 0)
        }
    }

    @Test("A reading dated outside the accepted days, or on a day that does not exist, is 422 naming it", arguments: [
        "0004-01-01T00:09:01Z", "2026-02-30T10:00:00Z", "2201-01-01T00:00:00Z",
    ])
    func readingsOnNoAcceptedDay(takenAt: String) async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let device = try await f.device(serial: "HOST-2")
            let r = try await f.technician.post("/api/v1/readings",
                #"{"readings":[{"deviceId":"\#(device)","source":"manual","takenAt":"\#(takenAt)","totalPages":2}]}"#)
            #expect(r.status == .unprocessableEntity, "\(r.text)")
            #expect((r.json["error"] as? [String: Any])?["field"] as? String == "readings.0.takenAt", "\(r.text)")
            #expect(try await MeterReadingRecord.query(on: app.db).count() == 0)
        }
    }

    static let injections = ["Bank'); DROP TABLE devices; --", "x' OR '1'='1", "\\\"; DELETE FROM users; --", "%_\\%", "<script>alert(1)</script>", "R&amp;D &lt;b&gt;"]

    @Test("SQL metacharacters are kept as plain text: stored, shown and searched literally, and nothing else is touched")
    func sqlMetacharacters() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            for (i, text) in Self.injections.enumerated() {
                let json = String(decoding: try JSONEncoder().encode(text), as: UTF8.self)
                let c = try await f.admin.post("/api/v1/customers", #"{"name":\#(json)}"#)
                #expect(c.status == .created, "\(text): \(c.text)")
                #expect(c.json["name"] as? String == text)
                try await f.device(serial: "INJ-\(i)", extra: #","assetTag":\#(json),"conditions":{"notes":\#(json)}"#)
            }
            let users = try await User.query(on: app.db).count()
            for text in Self.injections + ["' OR 1=1 --", "%' --", "1; SELECT * FROM users"] {
                let q = text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                let found = try await f.admin.get("/api/v1/devices?q=\(q)")
                #expect(found.status == .ok)
                let expected = Self.injections.contains(text) ? 1 : 0
                #expect(found.json["total"] as? Int == expected, "search for \(text) found \(found.json["total"] ?? "?")")
                #expect(try await f.admin.get("/api/v1/customers?q=\(q)").status == .ok)
                #expect(try await f.admin.get("/api/v1/tickets?q=\(q)").status == .ok)
            }
            #expect(try await Device.query(on: app.db).count() == Self.injections.count)
            #expect(try await User.query(on: app.db).count() == users)
            // On the pages the markup is text, never markup.
            let browser = Browser(app)
            try await browser.signIn("admin@test.example")
            let page = try await browser.get("/customers")
            #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!page.text.contains("<script>alert(1)</script>"))
            // What looks like an entity is text too: shown as typed, not as the character it names.
            #expect(page.text.contains("R&amp;amp;D &amp;lt;b&amp;gt;"))
            // Typed into the search box and shown back in it: it stays inside the attribute.
            let search = try await browser.get("/devices?q=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E")
            #expect(search.text.contains(#"value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;""#))
            #expect(!search.text.contains(#""><script>"#))
        }
    }

    @Test("A 100,000-character string in a text field is refused naming the field, and nothing is written", arguments: [
        ("/api/v1/customers", #"{"name":"LONG"}"#, "name"),
        ("/api/v1/customers", #"{"name":"Long Co","address":"LONG"}"#, "address"),
        ("/api/v1/devices", #"{"customerId":"CUSTOMER","serialNumber":"LONG","make":"HP","model":"M","location":{"siteId":"SITE"}}"#, "serialNumber"),
        ("/api/v1/devices", #"{"customerId":"CUSTOMER","serialNumber":"L-1","make":"HP","model":"M","location":{"siteId":"SITE","room":"LONG"}}"#, "location.room"),
        ("/api/v1/devices", #"{"customerId":"CUSTOMER","serialNumber":"L-2","make":"HP","model":"M","location":{"siteId":"SITE"},"conditions":{"notes":"LONG"}}"#, "conditions.notes"),
        ("/api/v1/users", #"{"email":"long@x.example","password":"long enough pw","name":"LONG","role":"dispatcher"}"#, "name"),
        ("/api/v1/parts", #"{"partNumber":"P-1","name":"LONG","kind":"wear","priceRials":1,"compatibleModels":[]}"#, "name"),
        ("/api/v1/tickets", #"{"deviceId":"DEVICE","channel":"phone","description":"LONG","symptom":"paper jam"}"#, "description"),
    ])
    func longStrings(path: String, template: String, field: String) async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let device = try await f.device(serial: "LONG-DEV")
            let body = template.replacingOccurrences(of: "LONG", with: String(repeating: "ب", count: 100_000))
                .replacingOccurrences(of: "CUSTOMER", with: f.customerA).replacingOccurrences(of: "SITE", with: f.siteA)
                .replacingOccurrences(of: "DEVICE", with: device)
            let before = try await AuditEntry.query(on: app.db).count()
            let r = try await f.admin.post(path, body)
            #expect(r.status == .unprocessableEntity, "\(path): \(r.status) \(r.text.prefix(200))")
            #expect((r.json["error"] as? [String: Any])?["field"] as? String == field, "\(r.text.prefix(200))")
            #expect(try await AuditEntry.query(on: app.db).count() == before, "nothing was written")
            let search = try await f.admin.get("/api/v1/devices?q=" + String(repeating: "a", count: 4_000))
            #expect(search.status == .ok || search.status == .unprocessableEntity, "\(search.status)")
        }
    }

    @Test("Malformed JSON is 400, the wrong shape or type 422, a body without its content type 415: never 500")
    func malformedJSON() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            for (body, status) in [(#"{"name":"#, 400), ("\u{0}\u{1}garbage", 400), ("[]", 422),
                                   (#"{"name":42}"#, 422), (#"{"name":null}"#, 422), ("{}", 422)] as [(String, UInt)] {
                let r = try await f.admin.post("/api/v1/customers", body)
                #expect(r.status.code == status, "\(body): \(r.status) \(r.text)")
                #expect(r.errorCode != nil && r.errorCode != "internal_error", "\(body): \(r.text)")
            }
            let plain = try await f.admin.request(.POST, "/api/v1/customers", body: #"{"name":"Typed Co"}"#, contentType: "text/plain")
            #expect(plain.status == .unsupportedMediaType || plain.status == .unprocessableEntity, "\(plain.status)")
            #expect(try await Customer.query(on: app.db).count() == 2)
        }
    }

    @Test("NUL in a search, a filter, a JSON field, a form field or a CSV is refused with a clear error on either database, never 500 or a wrong match")
    func nulCharacters() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            try await f.device(serial: "NUL-1")
            // The fuzzer's case: FTS5 read the NUL as the end of its query; PostgreSQL refuses NUL in any text,
            // and SQLite's LIKE cut "a\0b" to "a" and found Bank A.
            for path in ["/api/v1/devices?q=%00(%C3%9F%C3%92", "/api/v1/devices?q=a%00", "/api/v1/customers?q=a%00b",
                         "/api/v1/devices?department=%00", "/api/v1/tickets?q=NUL%00"] {
                let r = try await f.admin.get(path)
                #expect(r.status == .unprocessableEntity, "\(path): \(r.status) \(r.text.prefix(200))")
                #expect(r.errorCode == "invalid_query", "\(path): \(r.text.prefix(200))")
            }
            #expect(try await f.admin.get("/api/v1/plans/A%00").status == .notFound)
            // Text that merely looks like it ("%2500" is a typed "%00", "\\u0000" a typed "\u0000") is kept as text.
            #expect(try await f.admin.get("/api/v1/devices?q=%2500").status == .ok)
            let literal = try await f.admin.post("/api/v1/customers", #"{"name":"C:\\u0000 Co"}"#)
            #expect(literal.status == .created, "\(literal.text)")
            #expect(literal.json["name"] as? String == #"C:\u0000 Co"#)

            let customers = try await Customer.query(on: app.db).count()
            let json = try await f.admin.post("/api/v1/customers", #"{"name":"a\u0000b"}"#)
            #expect(json.status == .unprocessableEntity, "\(json.status) \(json.text)")
            #expect(json.errorCode == "invalid_field")
            let batch = try await f.technician.post("/api/v1/readings", #"{"readings":[{"deviceId":"x\u0000","source":"manual"}]}"#)
            #expect(batch.status == .unprocessableEntity, "\(batch.status) \(batch.text)")
            let csv = try await f.dispatcher.request(.POST, "/api/v1/devices/import",
                                                     body: "customer,site,serialNumber,make,model\nBank A,HQ,S\u{0}1,HP,M\n", contentType: "text/csv")
            #expect(csv.status == .unprocessableEntity, "\(csv.status) \(csv.text)")
            #expect(csv.text.contains("line 2") && csv.text.contains("NUL"), "\(csv.text)")

            let browser = Browser(app)
            try await browser.signIn("admin@test.example")
            let form = try await browser.post("/customers/new", ["name": "x\u{0}y"])
            #expect(form.status == .unprocessableEntity, "\(form.status)")
            let page = try await browser.get("/devices?q=%00ab")
            #expect(page.status == .unprocessableEntity, "\(page.status)")
            #expect(page.text.contains("<html"), "a page, not JSON")
            #expect(try await Customer.query(on: app.db).count() == customers)
            #expect(try await Device.query(on: app.db).count() == 1)
        }
    }

    @Test("Every operation that takes a query parameter or a body documents 422, the answer to a bad one")
    func queryOperationsDocument422() async throws {
        try await withFleetApp { app in
            let doc = try await APIClient(app: app, token: nil).get("/api/v1/openapi.json").json
            let paths = try #require(doc["paths"] as? [String: [String: Any]])
            var checked = 0
            for (path, operations) in paths {
                for (method, op) in operations {
                    guard let op = op as? [String: Any] else { continue }
                    let params = op["parameters"] as? [[String: Any]] ?? []
                    guard params.contains(where: { $0["in"] as? String == "query" }) || op["requestBody"] != nil else { continue }
                    let responses = op["responses"] as? [String: Any] ?? [:]
                    #expect(responses["422"] != nil, "\(method.uppercased()) \(path)")
                    checked += 1
                }
            }
            #expect(checked >= 10, "\(checked)")
        }
    }

    @Test("Malformed CSV is refused with the line and the reason, and imports nothing", arguments: [
        ("customer,site,serialNumber,make,model\nBank A,HQ,\"unclosed,HP,M\n", "quote"),
        ("name,colour\nx,y\n", "serialNumber"),
        ("", "empty"),
        ("customer,site,serialNumber,make,model\n" + String(repeating: ",", count: 5_000) + "\n", "no device rows"),
        ("customer,site,serialNumber,make,model\nBank A,HQ,S-1,HP\n", "line 2"),
    ])
    func malformedCSV(csv: String, mentions: String) async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let r = try await f.dispatcher.request(.POST, "/api/v1/devices/import", body: csv, contentType: "text/csv")
            #expect(r.status == .unprocessableEntity || r.status == .badRequest, "\(r.status) \(r.text.prefix(300))")
            #expect(r.text.lowercased().contains(mentions.lowercased()), "\(r.text.prefix(300))")
            #expect(try await Device.query(on: app.db).count() == 0)
        }
    }

    @Test("Invalid UTF-8 in a CSV is refused, not mangled")
    func binaryCSV() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            var bytes = Array("customer,site,serialNumber,make,model\nBank A,HQ,".utf8)
            bytes += [0xFF, 0xFE, 0x00, 0xC3]
            bytes += Array(",HP,M\n".utf8)
            var headers = HTTPHeaders()
            headers.bearerAuthorization = BearerAuthorization(token: f.dispatcher.token!)
            headers.replaceOrAdd(name: .contentType, value: "text/csv")
            let r = try await app.testing().performTest(request: TestingHTTPRequest(method: .POST, url: URI(path: "/api/v1/devices/import"),
                                                                                       headers: headers, body: ByteBuffer(bytes: bytes)))
            #expect(r.status == .unprocessableEntity || r.status == .badRequest, "\(r.status) \(r.body.string)")
            #expect(try await Device.query(on: app.db).count() == 0)
        }
    }

    @Test("Oversized bodies are 413 on every kind of upload: JSON, a CSV import and a readings batch")
    func oversized() async throws {
        var config = AppConfiguration.testing()
        config.maxBodyBytes = 64 * 1024
        try await withConfiguredApp(config) { app in
            let f = try await Fixture.make(app)
            let big = String(repeating: "x", count: 200 * 1024)
            for (path, type) in [("/api/v1/customers", "application/json"), ("/api/v1/devices/import", "text/csv"),
                                 ("/api/v1/readings", "application/json")] {
                let r = try await f.admin.request(.POST, path, body: big, contentType: type)
                #expect(r.status == .payloadTooLarge, "\(path): \(r.status)")
                #expect(r.errorCode == "payload_too_large", "\(path): \(r.text.prefix(200))")
            }
        }
    }

    @Test("An expired token is 401 like a missing one, with the error body")
    func expiredToken() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            #expect(try await f.admin.get("/api/v1/devices").status == .ok)
            try await UserToken.query(on: app.db).set(\.$expiresAt, to: Date().addingTimeInterval(-1)).update()
            let r = try await f.admin.get("/api/v1/devices")
            #expect(r.status == .unauthorized)
            #expect(r.errorCode == "unauthorized")
            #expect(try await APIClient(app: app, token: nil).get("/api/v1/devices").status == .unauthorized)
        }
    }

    @Test("Every form a signed-in user can post is refused with 403 without the session's form token")
    func everyFormNeedsItsToken() async throws {
        try await withFleetApp { app in
            _ = try await Fixture.make(app)
            let browser = Browser(app)
            try await browser.signIn("admin@test.example")
            let before = try await AuditEntry.query(on: app.db).count()
            var checked = 0
            // The label's fault form (/f/TOKEN) is public by design: it rides on no one's session, so there is
            // nothing for a cross-site post to borrow; it is limited per address and device instead.
            for route in app.routes.all where route.method == .POST && !["api", "f"].contains(route.path.first?.description ?? "") {
                let path = "/" + route.path.map { c -> String in
                    if case .parameter = c { return UUID().uuidString }
                    return c.description
                }.joined(separator: "/")
                let r = try await browser.post(path, ["name": "Forged", "_csrf": "forged-token"], withToken: false)
                #expect(r.status == .forbidden, "POST \(route.path.string): \(r.status)")
                checked += 1
            }
            #expect(checked >= 20, "\(checked) forms")
            #expect(try await AuditEntry.query(on: app.db).count() == before)
        }
    }

    @Test("Behind HTTPS the session cookie is Secure as well as HttpOnly and SameSite")
    func secureCookie() async throws {
        var config = AppConfiguration.testing()
        config.secureCookies = true
        try await withConfiguredApp(config) { app in
            _ = try await Fixture.make(app)
            let browser = Browser(app)
            try await browser.signIn("admin@test.example")
            let cookie = try #require(browser.lastSetCookie.first { $0.hasPrefix("fleetcare_session=") })
            #expect(cookie.contains("Secure"))
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.lowercased().contains("samesite=lax"))
        }
    }

    @Test("Pages carry no inline script or handler, under a CSP that forbids them, no framing and no sniffing")
    func noInlineScripts() async throws {
        try await withFleetApp { app in
            let s = try await ServiceFixture.make(app)
            let ticket = try await s.openTicket("paper jam").json["id"] as! String
            let browser = Browser(app)
            try await browser.signIn("admin@test.example")
            for path in ["/sign-in", "/", "/devices", "/devices/\(s.device)", "/devices/\(s.device)/edit", "/contracts/\(s.contract)",
                         "/contracts/new", "/board", "/tickets/\(ticket)", "/tickets/new", "/parts", "/loans", "/reports/consumption",
                         "/reports/reliability", "/invoices", "/dashboard", "/labels?deviceId=\(s.device)", "/notifications", "/audit",
                         "/plans", "/holidays", "/customers"] {
                let r = try await browser.get(path)
                #expect(r.status == .ok, "\(path): \(r.status)")
                let csp = r.headers.first(name: "Content-Security-Policy") ?? ""
                #expect(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline") && csp.contains("frame-ancestors 'none'"), "\(path)")
                #expect(r.headers.first(name: "X-Content-Type-Options") == "nosniff", "\(path)")
                // Scripts come from /app.js; a `type="application/json"` block is data the browser never runs.
                #expect(r.text.firstMatch(of: /<script(?![^>]*\b(src=|type="application\/json"))[^>]*>/) == nil, "\(path) has an inline script")
                #expect(r.text.firstMatch(of: /\s on[a-z]+\s*=\s*["']/) == nil, "\(path) has an inline event handler")
                #expect(!r.text.contains("javascript:"), "\(path) has a javascript: link")
            }
        }
    }
}

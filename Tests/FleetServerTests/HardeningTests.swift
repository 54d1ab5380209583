import FleetCore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import FleetServer

/// What an attacker or a careless user tried against a running server, each answered without harm.
@Suite("Hardening: far-off dates, impossible moments, redirects, encodings, passwords, sign-in")
struct HardeningTests {
    @Test("A report for year 9999 or the end of Solar Hijri 3000 is 422 naming the field, for a client too, in JSON, CSV and pages")
    func farReportDates() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            for (report, from, to) in [("consumption", "9999-01-01", "9999-01-02"), ("reliability", "3622-03-19", "3622-03-20"),
                                       ("consumption", "2026-01-01", "9999-01-02"), ("reliability", "1405-01-01", "3000-12-29")] {
                for suffix in ["", "&format=csv"] {
                    let r = try await f.clientA.get("/api/v1/reports/\(report)?customerId=\(f.customerA)&from=\(from)&to=\(to)\(suffix)")
                    #expect(r.status == .unprocessableEntity, "\(report) \(from) \(to)")
                    #expect(r.errorCode == "invalid_field")
                    #expect((r.json["error"] as? [String: Any])?["field"] as? String == (from.hasPrefix("9") || from.hasPrefix("3") ? "from" : "to"))
                }
            }
            let browser = Browser(app)
            try await browser.signIn("client-a@test.example")
            for path in ["/reports/consumption", "/reports/reliability", "/reports/consumption.csv"] {
                let page = try await browser.get("\(path)?from=9999-01-01&to=9999-01-02")
                #expect(page.status.code < 500, "\(path): \(page.status)")
            }
            #expect(try await f.clientA.get("/api/v1/health").status == .ok)
        }
    }

    @Test("A contract starting in 9999 is 422 on startsOn, not a crash in the PM schedule")
    func farContract() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let d = try await f.device(serial: "FAR-1")
            for (field, starts, ends) in [("startsOn", "9999-01-01", "9999-12-31"), ("endsOn", "2026-01-01", "9999-12-31"),
                                          ("endsOn", "2200-01-01", "2201-01-01")] {
                let r = try await f.admin.post("/api/v1/contracts",
                    #"{"customerId":"\#(f.customerA)","planCode":"standard","startsOn":"\#(starts)","endsOn":"\#(ends)","deviceIds":["\#(d)"]}"#)
                #expect(r.status == .unprocessableEntity)
                #expect(r.errorCode == "invalid_field")
                #expect((r.json["error"] as? [String: Any])?["field"] as? String == field)
            }
            let edge = try await f.admin.post("/api/v1/contracts",
                #"{"customerId":"\#(f.customerA)","planCode":"standard","startsOn":"2200-01-01","endsOn":"2200-12-31","deviceIds":["\#(d)"]}"#)
            #expect(edge.status == .created, "the last accepted year still takes a contract: \(edge.text)")
        }
    }

    @Test("Impossible moments are 422 on scheduledAt, never stored as some other day", arguments: [
        "0000-01-01T00:00:00Z", "99999-01-01T00:00:00Z", "2026-02-30T10:00:00Z", "2026-12-01T25:61:61Z",
    ])
    func impossibleMoments(moment: String) async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let d = try await f.device(serial: "MOM-1")
            let tech = try await f.technician.get("/api/v1/auth/me").json["id"] as! String
            let r = try await f.dispatcher.post("/api/v1/visits",
                #"{"kind":"repair","deviceIds":["\#(d)"],"technicianId":"\#(tech)","scheduledAt":"\#(moment)"}"#)
            #expect(r.status == .unprocessableEntity, "\(r.text)")
            #expect((r.json["error"] as? [String: Any])?["field"] as? String == "scheduledAt")
            #expect(try await Visit.query(on: app.db).count() == 0)
        }
    }

    @Test("The language switch and the sign-in go only to a path on this site, and set no header from the query", arguments: [
        "/%0D%0ASet-Cookie:%20evil=1%0D%0AX-Injected:%201", "/%09/evil.example", "/%0D/evil.example", "//evil.example",
        "/%5Cevil.example", "https://evil.example", "/%20/evil.example",
    ])
    func localRedirects(back: String) async throws {
        try await withFleetApp { app in
            let r = try await app.testing().performTest(request: TestingHTTPRequest(
                method: .GET, url: URI(path: "/language/en?back=\(back)"), headers: [:], body: ByteBuffer()))
            #expect(r.status == .seeOther)
            #expect(r.headers.first(name: .location) == "/")
            #expect(!r.headers.contains(name: "X-Injected"))
            #expect(r.headers[.setCookie].allSatisfy { !$0.contains("evil") })

            _ = try await Fixture.make(app)
            let browser = Browser(app)
            let signIn = try await browser.post("/sign-in?next=\(back)", ["email": "admin@test.example", "password": Fixture.password])
            #expect(signIn.status == .seeOther)
            #expect(signIn.headers.first(name: .location) == "/")
        }
        #expect(WebAuth.localPath("/devices?q=HP%20M404") == "/devices?q=HP%20M404")
    }

    @Test("A JSON body in UTF-16 is refused with 415, so no NUL slips past the check on its bytes")
    func utf16JSON() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let json = #"{"name":"Bank\u0000C"}"#
            for encoding in [String.Encoding.utf16LittleEndian, .utf16BigEndian, .utf16, .utf32] {
                var headers = HTTPHeaders()
                headers.bearerAuthorization = BearerAuthorization(token: f.admin.token!)
                headers.contentType = .json
                let r = try await app.testing().performTest(request: TestingHTTPRequest(
                    method: .POST, url: URI(path: "/api/v1/customers"), headers: headers, body: ByteBuffer(data: json.data(using: encoding)!)))
                #expect(r.status == .unsupportedMediaType, "\(encoding)")
                #expect(r.errorCode == "unsupported_encoding")
            }
            #expect(try await Customer.query(on: app.db).count() == 2)
        }
    }

    @Test("Weak passwords are refused with the reason, in Persian when asked, from the API and the first-admin setting")
    func passwords() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            for (password, reason) in [("password", "at least 10"), ("12345678", "at least 10"), ("            ", "only spaces"),
                                       ("1234567890", "most common"), ("iloveyou12", "most common")] {
                let r = try await f.admin.post("/api/v1/users",
                    #"{"email":"weak@test.example","password":"\#(password)","name":"Weak","role":"technician"}"#)
                #expect(r.status == .unprocessableEntity)
                #expect(r.errorCode == "weak_password")
                #expect(((r.json["error"] as? [String: Any])?["message"] as? String)?.contains(reason) == true, "\(password): \(r.text)")
            }
            let fa = try await f.admin.request(.POST, "/api/v1/users",
                json: #"{"email":"weak@test.example","password":"password","name":"Weak","role":"technician"}"#,
                headers: ["Accept-Language": "fa-IR,fa;q=0.9"])
            #expect((fa.json["error"] as? [String: Any])?["message"] as? String == "گذرواژه باید دست‌کم ۱۰ نویسه باشد.")
            #expect(try await User.query(on: app.db).filter(\.$email == "weak@test.example").count() == 0)
        }
        #expect(throws: ConfigurationError.self) {
            try AppConfiguration.fromEnvironment(["FLEETCARE_ADMIN_EMAIL": "a@b.example", "FLEETCARE_ADMIN_PASSWORD": "qwertyuiop"])
        }
    }

    @Test("A form token seen before sign-in no longer works after it, nor one from before sign-out")
    func tokenRenewedAtSignIn() async throws {
        try await withFleetApp { app in
            _ = try await Fixture.make(app)
            let browser = Browser(app)
            let planted = try await browser.token()
            try await browser.signIn("admin@test.example")
            let stale = try await browser.post("/customers/new", ["name": "Planted", "_csrf": planted], withToken: false)
            #expect(stale.status == .forbidden)
            let fresh = try await browser.post("/customers/new", ["name": "Typed"])
            #expect(fresh.status == .seeOther)

            let before = try await browser.token()
            _ = try await browser.post("/sign-out", [:])
            try await browser.signIn("admin@test.example")
            #expect(try await browser.post("/customers/new", ["name": "Old", "_csrf": before], withToken: false).status == .forbidden)
            #expect(try await Customer.query(on: app.db).filter(\.$name ~~ "Planted").count() == 0)
        }
    }

    @Test("Five wrong passwords lock the account with Retry-After, but not for a browser that signed in to it before")
    func knownBrowserKeepsTrying() async throws {
        try await withFleetApp { app in
            app.fleetConfiguration.trustForwardedFor = true
            _ = try await Fixture.make(app)
            let owner = Browser(app)
            try await owner.signIn("admin@test.example")
            #expect(owner.cookies[KnownBrowser.cookieName] != nil)
            _ = try await owner.post("/sign-out", [:])

            for _ in 1...5 {
                let r = try await LoginThrottleTests.login(app, "admin@test.example", "guess guess", from: "203.0.113.9")
                #expect(r.status == .unauthorized)
            }
            let stranger = try await LoginThrottleTests.login(app, "admin@test.example", Fixture.password, from: "203.0.113.9")
            #expect(stranger.status == .tooManyRequests)
            let wait = Int(stranger.headers.first(name: .retryAfter) ?? "") ?? 0
            #expect((840...900).contains(wait), "Retry-After: \(wait)")

            // The owner's browser is not locked out by the stranger, and has a count of its own.
            let page = try await owner.post("/sign-in", ["email": "admin@test.example", "password": Fixture.password])
            #expect(page.status == .seeOther)
            _ = try await owner.post("/sign-out", [:])
            for _ in 1...5 {
                #expect(try await owner.post("/sign-in", ["email": "admin@test.example", "password": "wrong wrong"]).status == .unauthorized)
            }
            let ownLock = try await owner.post("/sign-in", ["email": "admin@test.example", "password": Fixture.password])
            #expect(ownLock.status == .tooManyRequests)
            #expect(ownLock.headers.first(name: .retryAfter) != nil)
        }
    }
}

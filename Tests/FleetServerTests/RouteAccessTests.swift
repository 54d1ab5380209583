import FleetCore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import FleetServer

/// Two clients with one of everything each, so that every route can be asked about the other client's records.
struct AccessWorld {
    let f: Fixture
    /// The value each route parameter takes for customer A's records and for customer B's own.
    let a: [String: String]
    let b: [String: String]
    /// What must never appear in anything customer B's user is shown.
    let secrets: [String]

    static func make(_ app: Application) async throws -> AccessWorld {
        let f = try await Fixture.make(app)
        let today = CalendarDay(Date(), in: .tehran)
        let tech = try await f.technician.get("/api/v1/auth/me").json["id"] as! String
        func records(_ customer: String, _ site: String, _ tag: String) async throws -> [String: String] {
            func id(_ r: TestingHTTPResponse, _ what: String) throws -> String {
                guard let id = r.json["id"] as? String else { throw TestFailure("\(what) for \(tag): \(r.status) \(r.text)") }
                return id
            }
            let device = try await f.device(customer: customer, site: site, serial: "ACC-\(tag)-1")
            let contract = try id(try await f.contract(customer: customer, plan: "premium", devices: [device],
                                                        starts: today.adding(days: -40).description, ends: today.adding(days: 320).description),
                                  "contract")
            let ticket = try id(try await f.dispatcher.post("/api/v1/tickets",
                #"{"deviceId":"\#(device)","channel":"phone","description":"jam \#(tag)","symptom":"paper jam"}"#), "ticket")
            let when = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-7200))
            _ = try await f.dispatcher.post("/api/v1/tickets/\(ticket)/dispatch", #"{"technicianId":"\#(tech)","scheduledAt":"\#(when)"}"#)
            let visit = try #require(try await f.technician.get("/api/v1/visits?status=scheduled").items
                .first { $0["ticketId"] as? String == ticket }?["id"] as? String)
            let iso = ISO8601DateFormatter()
            let done = try await f.technician.post("/api/v1/visits/\(visit)/complete", #"""
                {"startedAt":"\#(iso.string(from: Date().addingTimeInterval(-3600)))","finishedAt":"\#(iso.string(from: Date().addingTimeInterval(-600)))",
                 "findings":"cleaned","partsUsed":[],"signOff":{"signerName":"S \#(tag)","satisfaction":4}}
                """#)
            guard done.status == .ok else { throw TestFailure("completion for \(tag): \(done.text)") }
            let loaner = try id(try await f.admin.post("/api/v1/devices",
                #"{"loaner":true,"serialNumber":"LN-\#(tag)","make":"HP","model":"LaserJet Pro M404dn"}"#), "loaner")
            let loan = try id(try await f.dispatcher.post("/api/v1/loans",
                #"{"loanerDeviceId":"\#(loaner)","forDeviceId":"\#(device)","dueOn":"\#(today.adding(days: 7))"}"#), "loan")
            let invoice = try id(try await f.admin.post("/api/v1/invoices",
                #"{"contractId":"\#(contract)","from":"\#(today.adding(days: -40))","to":"\#(today.adding(days: -1))"}"#), "invoice")
            _ = try await f.technician.post("/api/v1/devices/\(device)/relocation-reports", #"{"floor":"5","room":"512"}"#)
            let alert = try #require(try await f.dispatcher.get("/api/v1/alerts?customerId=\(customer)").items
                .first { $0["kind"] as? String == "relocated" }?["id"] as? String)
            let token = try id(try await f.admin.post("/api/v1/sites/\(site)/agent-tokens", "{}"), "agent token")
            let client = tag == "A" ? f.clientA : f.clientB
            let notice = try #require(try await client.get("/api/v1/notifications").items.first?["id"] as? String)
            return ["customerID": customer, "siteID": site, "deviceID": device, "contractID": contract, "ticketID": ticket,
                    "visitID": visit, "loanID": loan, "invoiceID": invoice, "alertID": alert, "tokenID": token, "noticeID": notice]
        }
        let a = try await records(f.customerA, f.siteA, "A")
        let b = try await records(f.customerB, f.siteB, "B")
        return AccessWorld(f: f, a: a, b: b,
                           secrets: ["Bank A", "ACC-A-1", "jam A", "S A"] + a.values.flatMap { [$0.lowercased(), $0.uppercased()] })
    }
}

@Suite("Every route: a client never reaches another client's records")
struct RouteAccessTests {
    /// Records each of the first client's secrets a response shows. Pages echo their own address (the language
    /// link's `back=`): an id the request itself carried is not a leak.
    static func expectNoLeak(_ r: TestingHTTPResponse, asked: String, _ w: AccessWorld, _ label: String) {
        for secret in w.secrets where r.text.contains(secret) && !asked.lowercased().contains(secret.lowercased()) {
            Issue.record("\(label) shows \(secret) to another client")
        }
    }

    /// Parameters that name no client's record: plans, holidays, the public label token.
    static let unowned: Set<String> = ["code", "holidayID", "token"]
    /// A real action for the routes that take one, so the handler's own path is exercised.
    static func action(for path: [PathComponent]) -> String {
        switch path.first?.description {
        case "contracts": "terminate"
        case "invoices": "issue"
        case "tickets": "dispatch"
        default: "x"
        }
    }

    @Test("Every route with an id, called by another client's user with the first client's ids, answers 404 (or the 403 its own ids get)")
    func everyRoute() async throws {
        try await withFleetApp { app in
            let w = try await AccessWorld.make(app)
            let api = w.f.clientB
            let browser = Browser(app)
            try await browser.signIn("client-b@test.example")
            var checked = 0
            for route in app.routes.all {
                let names = route.path.compactMap { c -> String? in if case let .parameter(n) = c { n } else { nil } }
                guard !names.isEmpty, !names.allSatisfy({ Self.unowned.contains($0) || $0 == "action" }) else { continue }
                let unknown = names.filter { w.a[$0] == nil && !Self.unowned.contains($0) && $0 != "action" }
                guard unknown.isEmpty else {
                    Issue.record("\(route.method) \(route.path.string): parameter \(unknown) has no record in the access table; add one")
                    continue
                }
                func path(_ ids: [String: String]) -> String {
                    "/" + route.path.map { c -> String in
                        switch c {
                        case let .parameter(n): n == "action" ? Self.action(for: route.path) : ids[n] ?? "x"
                        default: c.description
                        }
                    }.joined(separator: "/")
                }
                func send(_ p: String) async throws -> TestingHTTPResponse {
                    if p.hasPrefix("/api/") {
                        return try await api.request(route.method, p, json: route.method == .GET ? nil : "{}")
                    }
                    return route.method == .GET ? try await browser.get(p) : try await browser.post(p, [:])
                }
                let foreign = try await send(path(w.a))
                let own = try await send(path(w.b))
                let label = "\(route.method) \(route.path.string)"
                if own.status == .forbidden {
                    #expect(foreign.status == .forbidden || foreign.status == .notFound, "\(label): \(foreign.status), own \(own.status)")
                } else {
                    #expect(foreign.status == .notFound, "\(label): \(foreign.status) for another client's record (own: \(own.status))")
                }
                Self.expectNoLeak(foreign, asked: path(w.a), w, label)
                checked += 1
            }
            #expect(checked >= 50, "the table covers the routes with ids (\(checked))")
        }
    }

    @Test("Every list and page without an id shows another client's user nothing of the first client")
    func everyList() async throws {
        try await withFleetApp { app in
            let w = try await AccessWorld.make(app)
            let browser = Browser(app)
            try await browser.signIn("client-b@test.example")
            var checked = 0
            for route in app.routes.all where route.method == .GET && !route.path.contains(where: { if case .parameter = $0 { true } else { false } }) {
                let p = "/" + route.path.map(\.description).joined(separator: "/")
                // Asking for the first client by name in the query must not widen what is shown.
                let query = "?customerId=\(w.a["customerID"]!)"
                let r = p.hasPrefix("/api/") ? try await w.f.clientB.get(p + query) : try await browser.get(p + query)
                #expect(r.status.code < 500, "\(p): \(r.status)")
                Self.expectNoLeak(r, asked: query, w, "GET \(p)")
                checked += 1
            }
            #expect(checked >= 30, "\(checked) lists checked")
        }
    }

    @Test("Naming another client's device in a body is refused exactly as a device that does not exist")
    func bodies() async throws {
        try await withFleetApp { app in
            let w = try await AccessWorld.make(app)
            let theirs = w.a["deviceID"]!, nobody = UUID().uuidString
            for (path, body) in [
                ("/api/v1/tickets", #"{"deviceId":"DEVICE","channel":"portal","description":"broken"}"#),
                ("/api/v1/loans", #"{"loanerDeviceId":"DEVICE","forDeviceId":"DEVICE","dueOn":"2030-01-01"}"#),
                ("/api/v1/readings", #"{"readings":[{"deviceId":"DEVICE","takenAt":"2026-01-01T00:00:00Z","source":"manual","totalPages":5}]}"#),
            ] {
                let foreign = try await w.f.clientB.post(path, body.replacingOccurrences(of: "DEVICE", with: theirs))
                let missing = try await w.f.clientB.post(path, body.replacingOccurrences(of: "DEVICE", with: nobody))
                #expect(foreign.status == missing.status, "\(path): \(foreign.status) vs \(missing.status)")
                #expect(foreign.errorCode == missing.errorCode, "\(path)")
                #expect(foreign.status.code >= 400, "\(path) accepted another client's device")
            }
            #expect(try await Ticket.query(on: app.db).filter(\.$channel == "portal").count() == 0)
        }
    }
}

import Foundation
import Testing
import Vapor

@testable import FleetServer

/// Every API operation the OpenAPI document lists with a day or moment (query or body), and every form the pages
/// offer with one, driven against a running server with far-off, impossible and random values: never a 5xx, and the
/// server still answers afterwards.
@Suite("Date fuzz: every route and form that takes a day or moment", .serialized)
struct DateFuzzTests {
    static let days = ["9999-01-01", "3622-03-19", "0001-01-01", "0000-00-00", "1899-12-31", "1900-01-01", "2200-12-31",
                       "2201-01-01", "2026-02-30", "1404-12-30", "3000-12-29", "1405-13-01", "99999-01-01", "-2026-01-01",
                       "۱۴۰۵/۰۹/۰۳", "1278-10-10", "1579-10-11"]
    static let moments = ["0000-01-01T00:00:00Z", "99999-01-01T00:00:00Z", "2026-02-30T10:00:00Z", "2026-12-01T25:61:61Z",
                          "9999-12-31T23:59:59Z", "1900-01-01T00:00:00Z", "2200-12-31T23:59:59Z", "1899-12-31T23:59:59Z",
                          "2026-12-01T10:00:00+14:00", "2026-12-01T10:00", "9999-12-31T23:59"]

    /// A handful of random days and moments, most of them impossible, printed with any failure they cause.
    static func randomValues(_ count: Int) -> [String] {
        (0..<count).map { i in
            let y = Int.random(in: 0...99_999), m = Int.random(in: 0...13), d = Int.random(in: 0...32)
            let day = String(format: "%04d-%02d-%02d", y, m, d)
            return i.isMultiple(of: 2) ? day : day + String(format: "T%02d:%02d:%02dZ", Int.random(in: 0...25), Int.random(in: 0...61), Int.random(in: 0...61))
        }
    }

    @Test("No value of a day or moment field, on any route or form, gets a 5xx or stops the server")
    func fuzz() async throws {
        let values = Self.days + Self.moments + Self.randomValues(8)
        try await SocketTests.withServer { server, wire, _ in
            try await wire.login(SocketTests.admin.email, SocketTests.admin.password)
            let ids = try await Self.fixture(wire)
            var failures: [String] = []
            var sent = 0

            // The API, from its own document.
            let doc = try await wire.send(.GET, "/api/v1/openapi.json").json
            let components = (doc["components"] as? [String: Any])?["schemas"] as? [String: Any] ?? [:]
            let paths = doc["paths"] as? [String: Any] ?? [:]
            var operations = 0
            for (template, methods) in paths.sorted(by: { $0.key < $1.key }) {
                for (method, operation) in (methods as? [String: Any] ?? [:]).sorted(by: { $0.key < $1.key }) {
                    guard let operation = operation as? [String: Any], template != "/api/v1/auth/logout" else { continue }
                    var path = template
                    var querySlots: [String] = []
                    for parameter in operation["parameters"] as? [[String: Any]] ?? [] {
                        guard let name = parameter["name"] as? String else { continue }
                        if parameter["in"] as? String == "path" {
                            path = path.replacingOccurrences(of: "{\(name)}", with: ids[name.lowercased()] ?? UUID().uuidString)
                        } else if Example.takesDay(name: name, schema: parameter["schema"] as? [String: Any] ?? [:]) {
                            querySlots.append(name)
                        }
                    }
                    var bodySlots: [[String]] = []
                    let schema = ((((operation["requestBody"] as? [String: Any])?["content"] as? [String: Any])?["application/json"]
                        as? [String: Any])?["schema"])
                    let body = schema.map { Example(components: components, ids: ids).value($0, key: "", path: [], slots: &bodySlots) }
                    guard !querySlots.isEmpty || !bodySlots.isEmpty else { continue }
                    operations += 1
                    let verb = HTTPMethod(rawValue: method.uppercased())
                    let bodyText = { (b: Any) in String(decoding: (try? JSONSerialization.data(withJSONObject: b)) ?? Data(), as: UTF8.self) }
                    for value in values {
                        for slot in querySlots {
                            let others = querySlots.filter { $0 != slot }.map { "&\($0)=2026-06-01" }.joined()
                            let url = "\(path)?\(slot)=\(Self.encoded(value))\(others)&customerId=\(ids["customerid"] ?? "")"
                            let r = try await wire.send(verb, url, body: body.map(bodyText))
                            sent += 1
                            if r.status.code >= 500 { failures.append("\(method) \(url): \(r.status) \(r.text.prefix(200))") }
                        }
                        for slot in bodySlots {
                            guard let body else { continue }
                            let text = bodyText(Example.setting(body, slot[...], to: value))
                            let r = try await wire.send(verb, path, body: text)
                            sent += 1
                            if r.status.code >= 500 { failures.append("\(method) \(path) \(slot.joined(separator: ".")) = \(value): \(r.status) \(r.text.prefix(200))") }
                        }
                    }
                }
            }
            #expect(operations >= 12, "operations with a day or moment in the document: \(operations)")

            // The pages: every form reachable from the home page that has a day or moment field.
            try await wire.signInPage(SocketTests.admin.email, SocketTests.admin.password)
            let forms = try await PageForms.crawl(wire, from: ["/", "/contracts/new", "/invoices/new", "/audit", "/reports/consumption",
                                                               "/reports/reliability", "/visits/\(ids["visitid"] ?? "")/complete",
                                                               "/tickets/\(ids["ticketid"] ?? "")", "/loans", "/holidays", "/devices/new"])
            let dated = forms.filter { !$0.dateFields.isEmpty }
            #expect(dated.count >= 6, "forms with a day or moment: \(dated.map(\.action))")
            for form in dated {
                for field in form.dateFields {
                    for value in values {
                        var fields = form.fields
                        fields[field] = value
                        let r = try await form.submit(wire, fields)
                        sent += 1
                        if r.status.code >= 500 { failures.append("form \(form.action) \(field) = \(value): \(r.status) \(r.text.prefix(200))") }
                    }
                }
            }
            #expect(failures.isEmpty, "\(failures.count) of \(sent):\n\(failures.prefix(20).joined(separator: "\n"))")
            #expect(server.process.isRunning, "\(server.log.suffix(2_000))")
            #expect(try await wire.send(.GET, "/api/v1/health").status == .ok)
        }
    }

    static func encoded(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-:"))) ?? value
    }

    /// One of each record a path or body names, so that requests get past "not found" to their dates; keyed by the
    /// lowercased parameter or field name (`deviceid`, `contractid`, ...).
    static func fixture(_ wire: Wire) async throws -> [String: String] {
        func make(_ path: String, _ body: String) async throws -> String {
            let r = try await wire.send(.POST, path, body: body)
            guard let id = r.json["id"] as? String else { throw TestFailure("\(path): \(r.status) \(r.text.prefix(300))") }
            return id
        }
        var ids: [String: String] = [:]
        ids["customerid"] = try await make("/api/v1/customers", #"{"name":"Fuzz Bank"}"#)
        ids["siteid"] = try await make("/api/v1/customers/\(ids["customerid"]!)/sites", #"{"name":"HQ"}"#)
        ids["deviceid"] = try await make("/api/v1/devices", #"""
            {"customerId":"\#(ids["customerid"]!)","serialNumber":"FUZZ-1","make":"HP","model":"LaserJet Pro M404dn","location":{"siteId":"\#(ids["siteid"]!)"}}
            """#)
        ids["fordeviceid"] = ids["deviceid"]
        ids["loanerdeviceid"] = try await make("/api/v1/devices", #"{"loaner":true,"serialNumber":"FUZZ-L","make":"HP","model":"LaserJet Pro M404dn"}"#)
        ids["technicianid"] = try await make("/api/v1/users",
            #"{"email":"fuzz-tech@test.example","password":"fuzz-tech-password","name":"Fuzz Tech","role":"technician"}"#)
        ids["userid"] = ids["technicianid"]
        ids["contractid"] = try await make("/api/v1/contracts", #"""
            {"customerId":"\#(ids["customerid"]!)","planCode":"standard","startsOn":"2026-01-01","endsOn":"2026-12-31","deviceIds":["\#(ids["deviceid"]!)"]}
            """#)
        ids["ticketid"] = try await make("/api/v1/tickets", #"{"deviceId":"\#(ids["deviceid"]!)","channel":"phone","description":"jams"}"#)
        ids["visitid"] = try await make("/api/v1/visits", #"""
            {"kind":"repair","deviceIds":["\#(ids["deviceid"]!)"],"technicianId":"\#(ids["technicianid"]!)","scheduledAt":"2026-06-01T10:00:00Z"}
            """#)
        ids["holidayid"] = try await make("/api/v1/holidays", #"{"name":"Fuzz day","date":"2026-06-02"}"#)
        ids["invoiceid"] = try await make("/api/v1/invoices", #"{"contractId":"\#(ids["contractid"]!)","from":"2026-01-01","to":"2026-01-31"}"#)
        ids["code"] = "standard"
        return ids
    }
}

/// A request body made from its JSON schema: the first of each choice, ids from the fixture, and the path of every
/// day and moment field (the slots the fuzz fills).
struct Example {
    let components: [String: Any]
    let ids: [String: String]

    func value(_ schema: Any, key: String, path: [String], slots: inout [[String]], depth: Int = 0) -> Any {
        guard depth < 8, var s = schema as? [String: Any] else { return "x" }
        if let ref = s["$ref"] as? String, let name = ref.split(separator: "/").last {
            s = components[String(name)] as? [String: Any] ?? [:]
        }
        if let choices = (s["anyOf"] ?? s["oneOf"]) as? [[String: Any]],
           let first = choices.first(where: { $0["type"] as? String != "null" }) {
            return value(first, key: key, path: path, slots: &slots, depth: depth + 1)
        }
        if let first = (s["enum"] as? [Any])?.first { return first }
        switch s["type"] as? String {
        case "object":
            var object: [String: Any] = [:]
            for (k, v) in s["properties"] as? [String: Any] ?? [:] {
                object[k] = value(v, key: k, path: path + [k], slots: &slots, depth: depth + 1)
            }
            return object
        case "array":
            if key == "deviceIds" { return [ids["deviceid"] ?? UUID().uuidString] }
            return [value(s["items"] ?? [:], key: key, path: path + ["0"], slots: &slots, depth: depth + 1)]
        case "integer", "number": return 1
        case "boolean": return false
        default:
            switch s["format"] as? String {
            case "uuid": return ids[key.lowercased()] ?? UUID().uuidString
            case "date": slots.append(path); return "2026-06-01"
            case "date-time": slots.append(path); return "2026-06-01T10:00:00Z"
            default:
                // Days typed in either calendar are plain strings in the document; their names tell them.
                if Example.takesDay(name: key, schema: s) { slots.append(path); return "2026-06-01" }
                return key == "email" ? "fuzz@test.example" : "x"
            }
        }
    }

    /// A day or moment, by its format, or by its name where it is a plain string (`from`, `startsOn`, `scheduledAt`).
    static func takesDay(name: String, schema: [String: Any]) -> Bool {
        if (schema["format"] as? String)?.hasPrefix("date") == true { return true }
        return schema["type"] as? String == "string" && schema["enum"] == nil && PageForms.isDateField(name: name, type: "text")
    }

    static func setting(_ json: Any, _ path: ArraySlice<String>, to value: Any) -> Any {
        guard let key = path.first else { return value }
        if var object = json as? [String: Any] {
            object[key] = setting(object[key] ?? [:], path.dropFirst(), to: value)
            return object
        }
        if var array = json as? [Any], let i = Int(key), i < array.count {
            array[i] = setting(array[i], path.dropFirst(), to: value)
            return array
        }
        return json
    }
}

/// The forms of the pages, as a browser finds and sends them.
struct PageForms {
    let method: HTTPMethod
    let action: String
    var fields: [String: String]
    let dateFields: [String]

    func submit(_ wire: Wire, _ values: [String: String]) async throws -> Wire.Reply {
        var c = URLComponents()
        c.queryItems = values.map { URLQueryItem(name: $0.key, value: $0.value) }
        let encoded = (c.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
        if method == .GET {
            return try await wire.send(.GET, action + (action.contains("?") ? "&" : "?") + encoded, headers: ["Accept": "text/html"])
        }
        return try await wire.send(.POST, action, body: encoded, contentType: "application/x-www-form-urlencoded", headers: ["Accept": "text/html"])
    }

    static func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }

    static func isDateField(name: String, type: String) -> Bool {
        ["date", "datetime-local"].contains(type) || ["from", "to", "date", "on"].contains(name)
            || name.hasSuffix("On") || name.hasSuffix("At")
    }

    /// The forms on `start` and the pages their links lead to (one step), each once by method and action.
    static func crawl(_ wire: Wire, from start: [String]) async throws -> [PageForms] {
        var pages = start
        for path in start {
            let html = try await wire.send(.GET, path, headers: ["Accept": "text/html"]).text
            for m in html.matches(of: /href="(\/[^"#]*)"/) {
                let link = unescape(String(m.1))
                if !link.hasPrefix("/language") && !link.hasSuffix(".css") && !link.hasSuffix(".js") && !pages.contains(link) { pages.append(link) }
            }
        }
        var forms: [String: PageForms] = [:]
        for path in pages.prefix(120) {
            let html = try await wire.send(.GET, path, headers: ["Accept": "text/html"]).text
            for m in html.matches(of: /<form\b([^>]*)>(.*?)<\/form>/.dotMatchesNewlines()) {
                let attributes = String(m.1), inner = String(m.2)
                let method: HTTPMethod = attributes.contains(#"method="post""#) ? .POST : .GET
                let action = attributes.firstMatch(of: /action="([^"]*)"/).map { unescape(String($0.1)) } ?? path.split(separator: "?")[0].description
                guard action.hasPrefix("/"), !action.hasPrefix("/sign-"), forms["\(method) \(action)"] == nil else { continue }
                var fields: [String: String] = [:], dates: [String] = []
                for input in inner.matches(of: /<input\b[^>]*>/) {
                    let tag = String(input.0)
                    guard let name = tag.firstMatch(of: /name="([^"]*)"/).map({ unescape(String($0.1)) }) else { continue }
                    let type = tag.firstMatch(of: /type="([^"]*)"/).map { String($0.1) } ?? "text"
                    if ["checkbox", "radio"].contains(type) && !tag.contains("checked") { continue }
                    fields[name] = tag.firstMatch(of: /value="([^"]*)"/).map { unescape(String($0.1)) } ?? (type == "number" ? "1" : "x")
                    if isDateField(name: name, type: type) { dates.append(name) }
                }
                for select in inner.matches(of: /<select\b[^>]*name="([^"]*)"[^>]*>(.*?)<\/select>/.dotMatchesNewlines()) {
                    let options = String(select.2).matches(of: /<option[^>]*value="([^"]*)"/).map { unescape(String($0.1)) }
                    fields[String(select.1)] = options.first { !$0.isEmpty } ?? ""
                }
                for area in inner.matches(of: /<textarea\b[^>]*name="([^"]*)"/) { fields[String(area.1)] = "fuzz" }
                forms["\(method) \(action)"] = PageForms(method: method, action: action, fields: fields, dateFields: dates)
            }
        }
        return forms.values.sorted { $0.action < $1.action }
    }
}

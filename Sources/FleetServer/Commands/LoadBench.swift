import FleetCore
import Fluent
import Foundation
import SQLKit
import Vapor
#if canImport(Glibc)
import Glibc
#endif

/// A `fleetcare serve` of this same binary, on the same database, for benchmarks that measure a real server:
/// over HTTP, in its own process, with its own memory.
final class BenchServer: @unchecked Sendable {
    let process = Process()
    private let output = Pipe()
    private(set) var port = 0
    private var log = ""

    /// Starts the server; with `until`, also waits for a line of its log that holds it (as it is when it appears).
    @discardableResult
    func start(until: String? = nil) async throws -> String? {
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        process.arguments = ["serve", "--hostname", "127.0.0.1", "--port", "0"]
        var env = ProcessInfo.processInfo.environment
        env["FLEETCARE_DELIVERY_EVERY_SECONDS"] = "0"
        env["FLEETCARE_COLLECT_EVERY_HOURS"] = "0"
        env["LOG_LEVEL"] = "notice"   // "Server started on …" is a notice; request lines are info
        process.environment = env
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        let handle = output.fileHandleForReading
        while Date() < deadline {
            let data = handle.availableData
            if data.isEmpty { guard process.isRunning else { break }; continue }
            log += String(decoding: data, as: UTF8.self)
            if port == 0, let m = log.firstMatch(of: /Server started on http:\/\/127\.0\.0\.1:(\d+)/), let p = Int(m.1) {
                port = p
            }
            let line = until.flatMap { text in log.split(separator: "\n").first { $0.contains(text) }.map(String.init) }
            if port != 0, until == nil || line != nil {
                // Keep draining what it writes, so it never blocks on a full pipe.
                handle.readabilityHandler = { h in _ = h.availableData }
                return line
            }
        }
        process.terminate()
        throw CommandFailure("the server did not start:\n\(log)")
    }

    var base: String { "http://127.0.0.1:\(port)" }

    /// The most memory the server has held (VmHWM), and what it holds now (VmRSS), in MB.
    func memory() -> (peak: Double, now: Double) {
        guard let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8) else { return (0, 0) }
        func kb(_ key: String) -> Double {
            let line = status.split(separator: "\n").first { $0.hasPrefix(key) } ?? ""
            return Double(line.split(separator: " ").dropFirst().first.map(String.init) ?? "0") ?? 0
        }
        return (kb("VmHWM:") / 1024, kb("VmRSS:") / 1024)
    }

    func stop() {
        guard process.isRunning else { return }
        process.interrupt()
        process.waitUntilExit()
    }
}

/// `fleetcare bench ingest` and `fleetcare bench pages`, on a database made by `fleetcare bench generate`.
struct LoadBench: Sendable {
    let app: Application
    let print: @Sendable (String) -> Void

    struct Reply {
        let status: HTTPResponseStatus
        let body: String
        let headers: HTTPHeaders
    }

    func send(_ method: HTTPMethod, _ url: String, body: String? = nil, headers: HTTPHeaders = [:]) async throws -> Reply {
        var h = headers
        if body != nil, h.first(name: .contentType) == nil { h.replaceOrAdd(name: .contentType, value: "application/json") }
        var request = ClientRequest(method: method, url: URI(string: url), headers: h, body: body.map { ByteBuffer(string: $0) })
        request.timeout = .seconds(120)
        let r = try await app.client.send(request)
        return Reply(status: r.status, body: r.body.map { String(buffer: $0) } ?? "", headers: r.headers)
    }

    func token(_ server: BenchServer) async throws -> String {
        let r = try await send(.POST, server.base + "/api/v1/auth/login",
                               body: #"{"email":"\#(BenchData.adminEmail)","password":"\#(BenchData.password)"}"#)
        guard let data = r.body.data(using: .utf8), let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let token = json["token"] as? String else {
            throw CommandFailure("cannot sign in as \(BenchData.adminEmail): run `fleetcare bench generate` on this database first (\(r.status))")
        }
        return token
    }

    /// Readings through the API in batches of 1,000, in rounds over the same devices as collectors send them, then the
    /// same number of rows by plain multi-row INSERTs.
    func ingest(batches: Int, inFlight: Int, rounds: Int) async throws {
        guard let sql = app.db as? any SQLDatabase else { return }
        let wanted = batches * 1_000
        let rows = try await sql.raw("""
            SELECT device_id, customer_id, MAX(total_pages) AS pages, MAX(taken_at) AS at FROM meter_readings
            WHERE device_id IN (SELECT id FROM devices WHERE is_loaner = \(bind: false) ORDER BY id LIMIT \(bind: wanted))
            GROUP BY device_id, customer_id
            """).all()
        var devices: [(id: UUID, customer: UUID?, pages: Int64, at: Date)] = []
        for row in rows {
            devices.append((try row.decode(column: "device_id", as: UUID.self), try row.decode(column: "customer_id", as: UUID?.self),
                            try row.decode(column: "pages", as: Int64.self), try row.decode(column: "at", as: Date.self)))
        }
        guard devices.count >= 1_000 else { throw CommandFailure("the database has fewer than 1,000 devices with readings: run bench generate") }
        let usable = min(batches, devices.count / 1_000)
        let now = Date()
        guard let newest = devices.map(\.at).max(), newest < now.addingTimeInterval(-120) else {
            throw CommandFailure("these devices already have readings from the last two minutes; wait a little and run again")
        }
        // Every device gets one new reading a round, a little after the last, with the toner its collector would report.
        let iso = ISO8601DateFormatter()
        func bodies(round: Int) -> [String] {
            let takenAt = iso.string(from: now.addingTimeInterval(Double(-110 + 20 * round)))
            return (0..<usable).map { b in
                let items = devices[(b * 1_000)..<((b + 1) * 1_000)].map { d in
                    #"{"deviceId":"\#(d.id.uuidString)","takenAt":"\#(takenAt)","source":"snmp","totalPages":\#(d.pages + 250 * Int64(round + 1)),"supplies":[{"kind":"toner","levelPercent":60,"name":"Black Toner"}]}"#
                }
                return #"{"readings":["# + items.joined(separator: ",") + "]}"
            }
        }
        let server = BenchServer()
        // On SQLite the server fills its reading memory as it starts; a collector's first round comes minutes after.
        let warmed = try await server.start(until: sql.dialect.name == "sqlite" ? "reading memory:" : nil)
        defer { server.stop() }
        if let warmed { print("server: " + (warmed.firstRange(of: "reading memory:").map { String(warmed[$0.lowerBound...]) } ?? warmed)) }
        let token = try await token(server)
        var bearer = HTTPHeaders()
        bearer.bearerAuthorization = BearerAuthorization(token: token)
        let headers = bearer
        print("ingest: \(usable) batches of 1,000 readings to POST /api/v1/readings, \(inFlight) in flight, \(rounds) round(s) over the same devices")
        var results: [(accepted: Int, seconds: Double, latencies: [Double])] = []
        for round in 0..<rounds {
            let sent = bodies(round: round)
            let started = Date()
            var accepted = 0
            var latencies: [Double] = []
            try await withThrowingTaskGroup(of: (Int, Double).self) { group in
                var next = 0
                func launch() {
                    guard next < sent.count else { return }
                    let body = sent[next]
                    next += 1
                    group.addTask {
                        let t = Date()
                        let r = try await send(.POST, server.base + "/api/v1/readings", body: body, headers: headers)
                        guard r.status == .ok, let m = r.body.firstMatch(of: /"accepted":(\d+)/) else {
                            throw CommandFailure("a batch was refused: \(r.status) \(r.body.prefix(300))")
                        }
                        return (Int(m.1) ?? 0, Date().timeIntervalSince(t))
                    }
                }
                for _ in 0..<inFlight { launch() }
                while let (n, seconds) = try await group.next() {
                    accepted += n
                    latencies.append(seconds)
                    launch()
                }
            }
            results.append((accepted, Date().timeIntervalSince(started), latencies.sorted()))
        }
        let memory = server.memory()

        // The limit: the same rows (time-ordered ids, as the API makes), a little after the last round, stored by the
        // API's own multi-row INSERT (values bound as the database's own) in write transactions of 1,000, one after
        // another: no checks, no monthly figures, no alerts. Its commits leave the log to the server's checkpointer,
        // as the server's own do: copying it themselves past SQLite's usual length, they measured a slower limit.
        let plainAt = MeterReading.moment(now.addingTimeInterval(-5))
        let toner = [SupplyReading(name: "Black Toner", kind: "toner", levelPercent: 60)]
        let database = app.db
        var written = 0
        let plainStarted = Date()
        try await WALCheckpointer.besideServer {
            for chunk in Array(devices.prefix(usable * 1_000)).chunked(into: 1_000) {
                // Ids as a batch makes them: one random draw for the lot.
                let rows = zip(UUID.timeOrdered(count: chunk.count, at: plainAt), chunk).map { id, d in
                    ReadingRow(id: id, deviceID: d.id, customerID: d.customer, takenAt: plainAt, source: "snmp",
                               totalPages: d.pages + 250 * Int64(rounds) + 10, monoPages: nil, colorPages: nil, counterReset: false,
                               duplexPages: nil, supplies: toner, address: nil, sysLocation: nil, receivedAt: plainAt, agentTokenID: nil)
                }
                try await database.writeTransaction { tx in
                    try await ReadingRow.insert(rows, on: tx)
                    // New readings count in the ledger, as a batch's do.
                    try await ReadingLedger.advance(on: tx)
                }
                written += rows.count
            }
        }
        let plainSeconds = Date().timeIntervalSince(plainStarted)
        let plainRate = Double(written) / plainSeconds
        // Take the plain rows out again: they skipped the monthly figures the API keeps.
        _ = try await sql.raw("DELETE FROM meter_readings WHERE taken_at = \(bind: plainAt)").run()

        for (round, r) in results.enumerated() {
            let filled = warmed?.contains("newest readings, read in") ?? false
            let what = round == 0 && filled ? "each device's first since the server started: checked against what it read as it started"
                : round == 0 ? "each device's first since the server started: devices and stored readings looked up"
                : sql.dialect.name == "sqlite" ? "the same devices again: checked against what the round before left in memory"
                : "the same devices again: looked up again, inside the write (PostgreSQL)"
            print(String(format: "  API, round %d: %d readings in %.2f s = %.0f readings a second, %.2f of plain (a batch: median %.0f ms, slowest %.0f ms)",
                         round + 1, r.accepted, r.seconds, Double(r.accepted) / r.seconds, Double(r.accepted) / r.seconds / plainRate,
                         r.latencies[r.latencies.count / 2] * 1000, (r.latencies.last ?? 0) * 1000) + "\n    (\(what))")
        }
        print(String(format: "  plain: %d rows in %.2f s = %.0f rows a second (multi-row INSERT, no checks, no monthly figures)",
                     written, plainSeconds, plainRate))
        print(String(format: "  target: at least 20,000 readings a second and 0.20 of plain; server memory peak %.0f MB (target: under 300 MB)", memory.peak))
    }

    /// The busiest pages under 32 concurrent clients with wrk, beside the bare health endpoint.
    func pages(seconds: Int, connections: Int) async throws {
        guard let wrk = ["/usr/bin/wrk", "/usr/local/bin/wrk"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw CommandFailure("wrk is not installed: apt-get install -y wrk")
        }
        let server = BenchServer()
        try await server.start()
        defer { server.stop() }
        // A browser's session: the form token first, then the form.
        let form = try await send(.GET, server.base + "/sign-in", headers: ["Accept": "text/html"])
        guard let csrf = form.body.firstMatch(of: /name="_csrf" value="([^"]+)"/)?.1,
              let cookie = form.headers[.setCookie].first?.split(separator: ";").first else { throw CommandFailure("no sign-in form") }
        var c = URLComponents()
        c.queryItems = [.init(name: "email", value: BenchData.adminEmail), .init(name: "password", value: BenchData.password),
                        .init(name: "_csrf", value: String(csrf))]
        let signedIn = try await send(.POST, server.base + "/sign-in", body: c.percentEncodedQuery!.replacingOccurrences(of: "+", with: "%2B"),
                                      headers: ["Content-Type": "application/x-www-form-urlencoded", "Cookie": String(cookie), "Accept": "text/html"])
        let session = signedIn.headers[.setCookie].first?.split(separator: ";").first.map(String.init) ?? String(cookie)
        guard signedIn.status == .seeOther else {
            throw CommandFailure("cannot sign in as \(BenchData.adminEmail) (\(signedIn.status)): run bench generate first")
        }
        guard let sql = app.db as? any SQLDatabase else { throw CommandFailure("not an SQL database") }
        let middle = try await sql.raw("SELECT id FROM devices WHERE is_loaner = \(bind: false) ORDER BY id LIMIT 1 OFFSET 12345").first()
        var picked = middle
        if picked == nil { picked = try await sql.raw("SELECT id FROM devices ORDER BY id LIMIT 1").first() }
        guard let row = picked else { throw CommandFailure("no devices") }
        let device = try row.decode(column: "id", as: UUID.self)
        let devices = try await sql.raw("SELECT COUNT(*) AS n FROM devices").first()?.decode(column: "n", as: Int.self) ?? 0
        print("pages: \(devices) devices; wrk, 2 threads, \(connections) connections, \(seconds) s each, signed in as the admin")
        print("  page                         req/s     p50       p99")
        for (name, path) in [("health (reference)", "/api/v1/health"), ("device list", "/devices"),
                             ("device list, search", "/devices?q=LaserJet"), ("device record", "/devices/\(device.uuidString)"),
                             ("dispatcher board", "/board")] {
            let check = try await send(.GET, server.base + path, headers: ["Cookie": session, "Accept": "text/html"])
            guard check.status == .ok else { throw CommandFailure("\(path) answered \(check.status)") }
            let p = Process()
            p.executableURL = URL(fileURLWithPath: wrk)
            p.arguments = ["-t2", "-c\(connections)", "-d\(seconds)s", "--latency", "-H", "Cookie: \(session)", "-H", "Accept: text/html",
                           server.base + path]
            let out = Pipe()
            p.standardOutput = out
            try p.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            let text = String(decoding: data, as: UTF8.self)
            func field(_ pattern: Regex<(Substring, Substring)>) -> String { text.firstMatch(of: pattern).map { String($0.1) } ?? "?" }
            let rps = field(/Requests\/sec:\s+([\d.]+)/)
            let p50 = field(/\s50%\s+([\d.]+\w+)/), p99 = field(/\s99%\s+([\d.]+\w+)/)
            let errors = text.firstMatch(of: /Non-2xx or 3xx responses: (\d+)/).map { " (\($0.1) errors)" } ?? ""
            print("  " + name.padding(toLength: 27, withPad: " ", startingAt: 0) + rps.padding(toLength: 10, withPad: " ", startingAt: 0)
                  + p50.padding(toLength: 10, withPad: " ", startingAt: 0) + p99 + errors)
        }
        let memory = server.memory()
        print(String(format: "  server memory: peak %.0f MB, now %.0f MB (target: p99 under 100 ms, memory under 300 MB)", memory.peak, memory.now))
    }

    /// The reports of the reports issue at this scale: the largest customer's, and every customer's one after another.
    func reports() async throws {
        guard let sql = app.db as? any SQLDatabase else { return }
        let sizes = try await sql.raw("SELECT customer_id, COUNT(*) AS n FROM devices WHERE customer_id IS NOT NULL GROUP BY customer_id ORDER BY n DESC").all()
        let customers = try sizes.map { (try $0.decode(column: "customer_id", as: UUID.self), try $0.decode(column: "n", as: Int.self)) }
        guard let largest = customers.first else { throw CommandFailure("no customers: run bench generate first") }
        let thisMonth = SolarMonth(containing: Date(), timeZone: .tehran)
        let lastDay = CalendarDay(thisMonth.start, in: .tehran).adding(days: -1)
        let first = SolarHijriDay(lastDay)
        let from = first.firstOfMonth(adding: -11)
        let period = ReportPeriod(from: from.gregorian, to: lastDay)
        let book = ReportBook(db: app.db)
        var consumption: [Double] = [], reliability: [Double] = []
        for _ in 0..<3 {
            var t = Date()
            let fleet = try await book.fleet(customerID: largest.0, period: period)
            let report = book.consumption(fleet, period: period)
            consumption.append(Date().timeIntervalSince(t))
            t = Date()
            _ = book.reliability(try await book.fleet(customerID: largest.0, period: period), consumption: report, period: period)
            reliability.append(Date().timeIntervalSince(t))
        }
        let t = Date()
        for (customer, _) in customers { _ = book.consumption(try await book.fleet(customerID: customer, period: period), period: period) }
        let all = Date().timeIntervalSince(t)
        print("reports: \(period.from) to \(period.to) (12 whole months)")
        print(String(format: "  largest customer (%d devices): consumption %.3f s, reliability %.3f s (median of 3)",
                     largest.1, consumption.sorted()[1], reliability.sorted()[1]))
        print(String(format: "  every customer's consumption report, one after another: %d reports in %.1f s (%.3f s each)",
                     customers.count, all, all / Double(customers.count)))
    }
}

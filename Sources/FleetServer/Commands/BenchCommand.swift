import FleetCore
import Fluent
import Foundation
import SQLKit
import Vapor

/// `fleetcare bench prediction`: how often the part actually replaced was among the ranked likely parts.
struct BenchCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "what", help: "What to measure: prediction, snmp, reports")
        var what: String
        @Option(name: "printers", help: "snmp: simulated printers (default 1000)")
        var printers: Int?
        @Option(name: "unreachable", help: "snmp: percent of them unreachable (default 10)")
        var unreachable: Int?
        @Option(name: "simulator", help: "snmp: path of snmpsim-command-responder-lite (default: FLEETCARE_SNMPSIM, /tmp/fleetcare-snmpsim, PATH)")
        var simulator: String?
        @Flag(name: "attach", help: "snmp: a simulator already serves the bench fleet; do not start one")
        var attach: Bool
        @Option(name: "port", help: "snmp: the simulated printers' UDP port (default 17161)")
        var port: Int?
        @Option(name: "concurrency", help: "snmp: printers in flight (default 64)")
        var concurrency: Int?
        @Option(name: "simulator-processes", help: "snmp: snmpsim processes sharing the fleet (default 2, or 1 on one core; each uses one core)")
        var simulatorProcesses: Int?
        @Option(name: "sqlite", help: "reports: the SQLite file to build or reuse (default fleetcare-bench-reports.sqlite)")
        var sqlite: String?
        @Option(name: "postgres", help: "reports: a PostgreSQL URL to build or reuse the same data in (default FLEETCARE_BENCH_POSTGRES_URL)")
        var postgres: String?
        @Option(name: "customers", help: "generate: customers (default 150)")
        var customers: Int?
        @Option(name: "devices", help: "generate: devices (default 50000)")
        var devices: Int?
        @Option(name: "days", help: "generate: days of daily readings (default 365)")
        var days: Int?
        @Option(name: "tickets", help: "generate: tickets (default 40000)")
        var tickets: Int?
        @Option(name: "visits", help: "generate: visits (default 60000)")
        var visits: Int?
        @Option(name: "batches", help: "ingest: batches of 1,000 readings (default 20)")
        var batches: Int?
        @Option(name: "in-flight", help: "ingest: batches sent at once (default 4)")
        var inFlight: Int?
        @Option(name: "rounds", help: "ingest: rounds of the same batches, each a little later, as a collector sends them (default 2)")
        var rounds: Int?
        @Option(name: "seconds", help: "pages: seconds per page (default 15)")
        var seconds: Int?
        @Option(name: "connections", help: "pages: concurrent clients (default 32)")
        var connections: Int?
        @Option(name: "sequential-sample", help: "snmp: printers read one at a time for the comparison, scaled up; 0 reads the whole fleet (default 100)")
        var sequentialSample: Int?
    }

    var help: String { "Measures FleetCare against its targets and prints the figures" }

    func run(using context: CommandContext, signature: Signature) async throws {
        switch signature.what {
        case "prediction":
            let result = try await PredictionBench(db: context.application.db).run()
            for line in result.lines { context.console.print(line) }
        case "snmp":
            var bench = SNMPBench()
            if let n = signature.printers {
                guard (10...60_000).contains(n) else { throw CommandFailure("--printers must be 10-60000") }
                bench.fleet.printers = n
            }
            if let u = signature.unreachable {
                guard (0...90).contains(u) else { throw CommandFailure("--unreachable must be 0-90 (percent)") }
                bench.fleet.unreachablePercent = u
            }
            if let p = signature.port { bench.fleet.port = p }
            if let c = signature.concurrency {
                guard (1...1_024).contains(c) else { throw CommandFailure("--concurrency must be 1-1024") }
                bench.concurrency = c
            }
            if let n = signature.simulatorProcesses {
                guard (1...16).contains(n) else { throw CommandFailure("--simulator-processes must be 1-16") }
                bench.simulatorProcesses = n
            }
            if let s = signature.sequentialSample {
                guard s >= 0 else { throw CommandFailure("--sequential-sample must be 0 or more") }
                bench.sequentialSample = s
            }
            if !signature.attach {
                guard let path = signature.simulator ?? SNMPBench.findSimulator() else {
                    throw CommandFailure("snmpsim-command-responder-lite not found: pip install snmpsim-lextudio (see README), then --simulator PATH")
                }
                bench.simulator = path
            }
            let console = context.console
            try await bench.run { console.print($0) }
        case "reports":
            var bench = ReportsBench()
            if let path = signature.sqlite { bench.sqlitePath = path }
            bench.postgresURL = signature.postgres ?? ProcessInfo.processInfo.environment["FLEETCARE_BENCH_POSTGRES_URL"]
            let console = context.console
            try await bench.run { console.print($0) }
        case "generate":
            guard let sql = context.application.db as? any SQLDatabase else { throw CommandFailure("not an SQL database") }
            var scale = BenchData.Scale.large
            func bounded(_ v: Int?, _ name: String, _ range: ClosedRange<Int>) throws -> Int? {
                guard let v else { return nil }
                guard range.contains(v) else { throw CommandFailure("--\(name) must be \(range.lowerBound)-\(range.upperBound)") }
                return v
            }
            scale.customers = try bounded(signature.customers, "customers", 1...10_000) ?? scale.customers
            scale.devices = try bounded(signature.devices, "devices", 1...1_000_000) ?? scale.devices
            scale.days = try bounded(signature.days, "days", 1...3_650) ?? scale.days
            scale.tickets = try bounded(signature.tickets, "tickets", 0...10_000_000) ?? scale.tickets
            scale.visits = try bounded(signature.visits, "visits", 0...10_000_000) ?? scale.visits
            guard scale.devices >= scale.customers else { throw CommandFailure("--devices must be at least --customers") }
            let console = context.console
            console.print("generating \(scale.customers) customers, \(scale.devices) devices, \(scale.days) days of daily readings, "
                          + "\(scale.tickets) tickets, \(scale.visits) visits")
            let summary = try await BenchData(scale: scale, db: sql).generate { console.print($0) }
            for (table, n) in summary.rows { console.print("  \(table): \(n)") }
            console.print(String(format: "%d rows in %.1f s: %.0f rows a second (sign in as %@, password %@)", summary.total, summary.seconds,
                                 Double(summary.total) / max(summary.seconds, 0.001), BenchData.adminEmail, BenchData.password))
        case "ingest", "pages", "scale-reports":
            let console = context.console
            // Signing in answers 303 with the session cookie: the client must see it, not follow it.
            context.application.http.client.configuration.redirectConfiguration = .disallow
            let bench = LoadBench(app: context.application) { console.print($0) }
            switch signature.what {
            case "ingest":
                let batches = signature.batches ?? 20, inFlight = signature.inFlight ?? 4, rounds = signature.rounds ?? 2
                guard (1...1_000).contains(batches), (1...64).contains(inFlight), (1...5).contains(rounds) else {
                    throw CommandFailure("--batches must be 1-1000, --in-flight 1-64 and --rounds 1-5")
                }
                try await bench.ingest(batches: batches, inFlight: inFlight, rounds: rounds)
            case "pages":
                let seconds = signature.seconds ?? 15, connections = signature.connections ?? 32
                guard (1...600).contains(seconds), (1...1_024).contains(connections) else {
                    throw CommandFailure("--seconds must be 1-600 and --connections 1-1024")
                }
                try await bench.pages(seconds: seconds, connections: connections)
            default:
                try await bench.reports()
            }
        default:
            throw CommandFailure("unknown benchmark \"\(signature.what)\"; there are: prediction, snmp, reports, generate, ingest, pages, scale-reports")
        }
    }
}

/// Replays every completed repair in time order: the ranking sees only the repairs before it, as it
/// would have when the call came in, and is scored against the part the technician then replaced.
struct PredictionBench {
    let db: any Database

    struct Result {
        var repairs = 0
        var top1 = 0
        var top3 = 0
        var baselineTop3 = 0
        var seconds = 0.0

        var lines: [String] {
            func pct(_ n: Int) -> String { repairs == 0 ? "—" : String(format: "%.1f%%", 100 * Double(n) / Double(repairs)) }
            return [
                "repairs replayed: \(repairs)",
                "ranked first:     \(top1) (\(pct(top1)))",
                "in the top 3:     \(top3) (\(pct(top3)))",
                "baseline top 3:   \(baselineTop3) (\(pct(baselineTop3)))  — the model's 3 most replaced parts, symptom ignored",
                String(format: "time:             %.2f s", seconds),
            ]
        }
    }

    func run() async throws -> Result {
        let started = Date()
        let visits = try await Visit.query(on: db).filter(\.$kind == "repair").filter(\.$status == "completed").all()
            .filter { $0.ticketID != nil && $0.finishedAt != nil }.sorted { $0.finishedAt! < $1.finishedAt! }
        guard !visits.isEmpty else {
            throw CommandFailure("no completed repairs to replay: run `fleetcare seed-demo` on an empty database first")
        }
        var tickets: [UUID: Ticket] = [:]
        for chunk in visits.compactMap(\.ticketID).chunked(into: 500) {
            for t in try await Ticket.query(on: db).filter(\.$id ~~ Array(chunk)).all() { tickets[t.id!] = t }
        }
        let devices = Dictionary(uniqueKeysWithValues: try await Device.query(on: db).all().map { ($0.id!, $0) })
        let lines = Dictionary(grouping: try await PartLine.query(on: db).all(), by: \.visitID)
        let parts = try await Part.query(on: db).all()
        let readings = Dictionary(grouping: try await MeterReadingRecord.query(on: db).sort(\.$takenAt).all(), by: { $0.$device.id })

        var result = Result()
        var history: [RepairRecord] = []
        var ownHistory: [UUID: [String]] = [:]
        var fittings: [UUID: [PartWear.Fitting]] = [:]
        for v in visits {
            guard let t = tickets[v.ticketID!], let device = devices[t.$device.id] else { continue }
            let replaced = Set((lines[v.id!] ?? []).map(\.partNumber))
            if !replaced.isEmpty {
                // What the desk knew when the call came: the readings and fittings before it.
                let fits = parts.filter { $0.fits(model: device.model) && $0.partKind != .consumable }
                let known = (readings[device.id!] ?? []).prefix { $0.takenAt < t.openedAt }.map(\.reading)
                let wear = PartWear.pagesSinceFitted(fits.map(\.partNumber), fittings: fittings[device.id!] ?? [], readings: known)
                let candidates = fits.map {
                    PartCandidate(partNumber: $0.partNumber, name: $0.name, kind: $0.partKind, ratedLifePages: $0.ratedLifePages,
                                  pagesSinceFitted: wear[$0.partNumber])
                }
                let ranked = LikelyPartRanking.rank(.init(model: device.model, symptom: t.symptom, conditions: device.conditions,
                                                          candidates: candidates, fleetRepairs: history,
                                                          ownReplacements: ownHistory[device.id!] ?? []))
                result.repairs += 1
                if let first = ranked.first, replaced.contains(first.partNumber) { result.top1 += 1 }
                if ranked.prefix(3).contains(where: { replaced.contains($0.partNumber) }) { result.top3 += 1 }
                var counts: [String: Int] = [:]
                for r in history where r.model == device.model { for p in r.partNumbers { counts[p, default: 0] += 1 } }
                let common = counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(3).map(\.key)
                if common.contains(where: replaced.contains) { result.baselineTop3 += 1 }
            }
            let names = (lines[v.id!] ?? []).map(\.partName)
            history.append(RepairRecord(model: device.model, symptom: t.symptom, partNumbers: Array(replaced), partNames: names))
            ownHistory[device.id!, default: []] += Array(replaced)
            fittings[device.id!, default: []] += (lines[v.id!] ?? []).map {
                PartWear.Fitting(partNumber: $0.partNumber, at: v.finishedAt!, counter: $0.counterAtFitting)
            }
        }
        result.seconds = Date().timeIntervalSince(started)
        return result
    }
}

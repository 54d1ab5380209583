import FleetCore
import Fluent
import Foundation
import PrinterSNMP
import Vapor

/// `fleetcare collect`: reads the printers' meters over SNMP and stores them; with `--push`, runs as the
/// agent on a client's network and sends them to the server.
struct CollectCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "file", short: "f", help: "CSV of printers to poll: address (or ipAddress), optional port, community, version")
        var file: String?
        @Option(name: "range", help: "Addresses to sweep, comma-separated: 10.0.0.0/24, 10.0.1.5-10.0.1.40")
        var range: String?
        @Option(name: "customer", help: "Without --file/--range: only this customer's devices (id)")
        var customer: String?
        @Option(name: "push", help: "Agent mode: the FleetCare server to send readings to (https://…)")
        var push: String?
        @Option(name: "token", help: "Agent mode: the site's agent token (or FLEETCARE_AGENT_TOKEN)")
        var token: String?
        @Option(name: "outbox", help: "Agent mode: where unsent readings wait (default fleetcare-outbox.jsonl)")
        var outbox: String?
        @Option(name: "concurrency", help: "Printers read at once (default 64)")
        var concurrency: Int?
        @Option(name: "timeout", help: "Seconds to wait for each try (default 2)")
        var timeout: Int?
        @Option(name: "retries", help: "Tries after the first (default 1)")
        var retries: Int?
        @Option(name: "community", help: "Community for --range and for file rows without one (default public)")
        var community: String?
        @Option(name: "port", help: "UDP port for --range and file rows without one (default 161)")
        var port: Int?
        @Option(name: "snmp-version", help: "1 or 2c for --range and file rows without one (default 2c)")
        var snmpVersion: String?
    }

    var help: String { "Reads page counters and supplies from the printers over SNMP (or, with --push, sends them from a client's site)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let config = app.fleetConfiguration
        var settings = CollectSettings(concurrency: config.snmpConcurrency, timeout: .seconds(config.snmpTimeoutSeconds),
                                       retries: config.snmpRetries)
        if let c = signature.concurrency {
            guard (1...1_024).contains(c) else { throw CommandFailure("--concurrency must be 1-1024") }
            settings.concurrency = c
        }
        if let t = signature.timeout {
            guard (1...30).contains(t) else { throw CommandFailure("--timeout must be 1-30 seconds") }
            settings.timeout = .seconds(t)
        }
        if let r = signature.retries {
            guard (0...5).contains(r) else { throw CommandFailure("--retries must be 0-5") }
            settings.retries = r
        }
        var defaults = CollectTarget(address: "")
        if let c = signature.community { defaults.community = c }
        if let p = signature.port {
            guard (1...65_535).contains(p) else { throw CommandFailure("--port must be 1-65535") }
            defaults.port = p
        }
        if let v = signature.snmpVersion {
            guard let version = SNMPVersion(name: v) else { throw CommandFailure("--snmp-version must be 1 or 2c") }
            defaults.version = version
        }

        var listed: [CollectTarget] = []
        if let file = signature.file {
            guard let data = FileManager.default.contents(atPath: file) else { throw CommandFailure("cannot read \(file)") }
            listed = try MeterCollector.targets(csv: try DeviceImporter.text(from: Array(data)), defaults: defaults)
        }
        var ranges: [AddressRange] = []
        for part in (signature.range ?? "").split(separator: ",") {
            guard let r = AddressRange(String(part)) else { throw CommandFailure("--range: \"\(part)\" is not an address, a/bits or a-b range") }
            guard r.count <= 65_536 else { throw CommandFailure("--range: \(part) has \(r.count) addresses; sweep at most a /16 at a time") }
            ranges.append(r)
        }
        let swept = ranges.lazy.flatMap { $0 }.map { address -> CollectTarget in
            var t = defaults
            t.address = address
            return t
        }
        let console = context.console
        let collector = MeterCollector(settings: settings)
        let started = ContinuousClock.now
        var lastPrinted = ContinuousClock.now
        let progress: (CollectSummary) -> Void = { s in
            guard ContinuousClock.now - lastPrinted > .milliseconds(250) else { return }
            lastPrinted = ContinuousClock.now
            console.output("\u{1B}[2K\rpolled \(s.polled): read \(s.read), unreachable \(s.unreachable)".consoleText(), newLine: false)
        }

        if let server = signature.push {
            guard server.hasPrefix("https://") || server.hasPrefix("http://") else { throw CommandFailure("--push needs the server's URL, https://…") }
            guard let token = signature.token ?? ProcessInfo.processInfo.environment["FLEETCARE_AGENT_TOKEN"], !token.isEmpty else {
                throw CommandFailure("--push needs --token (or FLEETCARE_AGENT_TOKEN): an agent token an admin made for this site")
            }
            guard !listed.isEmpty || !ranges.isEmpty else {
                throw CommandFailure("an agent reads the printers in --file or --range (it can read nothing from the server)")
            }
            let outbox = AgentOutbox(path: signature.outbox ?? "fleetcare-outbox.jsonl")
            let waiting = try outbox.load().count
            var summary = try await collector.run([AnySequence(listed), AnySequence(swept)].joined(), deliver: { batch in
                try outbox.append(batch)
                return ReadingBatchResult()
            }, progress: progress)
            console.print("\u{1B}[2K\r", newLine: false)
            let pusher = ReadingPusher(client: app.client, server: server, token: token)
            var pending = try outbox.load()
            do {
                while !pending.isEmpty {
                    let batch = Array(pending.prefix(500))
                    summary.add(try await pusher.push(batch))
                    pending.removeFirst(batch.count)
                    try outbox.replace(with: pending)
                }
            } catch {
                console.print(Self.report(summary, elapsed: ContinuousClock.now - started))
                throw CommandFailure("\(error); \(pending.count) reading(s) kept in \(outbox.path) to send next time")
            }
            console.print(Self.report(summary, elapsed: ContinuousClock.now - started)
                          + (waiting > 0 ? "\n\(waiting) reading(s) from earlier runs sent too" : ""))
            return
        }

        let db = app.db
        var targets: [CollectTarget] = listed
        if listed.isEmpty, ranges.isEmpty {
            var customer: UUID?
            if let c = signature.customer {
                guard let id = UUID(uuidString: c), try await Customer.find(id, on: db) != nil else { throw CommandFailure("--customer: no customer \(c)") }
                customer = id
            }
            targets = try await MeterCollector.databaseTargets(db, customer: customer)
            guard !targets.isEmpty else { throw CommandFailure("no device has an IP address to poll; set ipAddress on the devices, or use --file/--range") }
        }
        let book = ReadingBook(db: db, sender: .collector, lowTonerPercent: config.lowTonerPercent, timeZone: config.timeZone)
        let summary = try await collector.run([AnySequence(targets), AnySequence(swept)].joined(), deliver: { try await book.record($0) }, progress: progress)
        console.print("\u{1B}[2K\r", newLine: false)
        console.print(Self.report(summary, elapsed: ContinuousClock.now - started))
    }

    static func report(_ s: CollectSummary, elapsed: Duration) -> String {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        var lines = [String(format: "%@ in %.1f s", s.line, seconds)]
        lines += s.problems.prefix(5).map { "  \($0)" }
        if s.problems.count > 5 { lines.append("  …") }
        return lines.joined(separator: "\n")
    }
}

import FleetCore
import Foundation
import PrinterSNMP

/// A printer to poll, as a device record, a file or an address range names it.
struct CollectTarget: Sendable, Equatable {
    var address: String
    var port: Int = 161
    var community: String = "public"
    var version: SNMPVersion = .v2c
}

/// How the collector talks to printers.
struct CollectSettings: Sendable {
    var concurrency = 64
    var timeout: Duration = .seconds(2)
    var retries = 1
    /// Readings handed on together (one transaction, or one HTTP request).
    var batchSize = 200
}

/// What a collection run did, for the summary line and the job record.
struct CollectSummary: Sendable, Equatable {
    var polled = 0
    var read = 0
    var unreachable = 0
    var stored = 0
    var duplicates = 0
    var unmatched = 0
    var refused = 0
    var moved = 0
    var lowToner = 0
    /// The first few failures, in words, so a summary can show why.
    var problems: [String] = []

    mutating func add(_ r: ReadingBatchResult) {
        stored += r.accepted
        duplicates += r.duplicates
        unmatched += r.rejected.filter { $0.code == "unknown_device" }.count
        refused += r.rejected.filter { $0.code != "unknown_device" }.count
        moved += r.relocated
        lowToner += r.lowToner
        for x in r.rejected where x.code != "unknown_device" { note("reading \(x.index): \(x.code): \(x.message)") }
    }

    mutating func note(_ problem: String) {
        if problems.count < 10 { problems.append(problem) }
    }

    var line: String {
        "polled \(polled): read \(read), unreachable \(unreachable), unmatched \(unmatched), moved \(moved); "
            + "stored \(stored), duplicates \(duplicates), refused \(refused), low toner \(lowToner)"
    }
}

/// Polls printers and hands their readings on in batches: to the database, or to an agent's outbox.
struct MeterCollector {
    var settings = CollectSettings()

    /// Polls every target with `settings.concurrency` in flight; `deliver` gets batches of readings and says
    /// what became of them; `progress` is told after each printer.
    func run<Targets: Sequence>(
        _ targets: Targets,
        now: @escaping @Sendable () -> Date = { Date() },
        deliver: ([ReadingInput]) async throws -> ReadingBatchResult,
        progress: (CollectSummary) -> Void = { _ in }
    ) async throws -> CollectSummary where Targets.Element == CollectTarget {
        let client = try await SNMPClient.make()
        var summary = CollectSummary()
        var pending: [ReadingInput] = []
        var failure: (any Error)?
        let s = settings
        let tagged = targets.lazy.map { t in
            ((), SNMPTarget(host: t.address, port: t.port, community: t.community, version: t.version, timeout: s.timeout, retries: s.retries))
        }
        await FleetScanner(client: client, concurrency: settings.concurrency).scan(tagged) { _, target, result in
            summary.polled += 1
            switch result {
            case let .success(reading):
                if let input = Self.input(from: reading, takenAt: now()) {
                    summary.read += 1
                    pending.append(input)
                } else {
                    summary.unreachable += 1
                    summary.note("\(target.name): answered, but has no page counter")
                }
            case let .failure(error):
                summary.unreachable += 1
                summary.note(error.description)
            }
            if pending.count >= settings.batchSize, failure == nil {
                do { summary.add(try await deliver(pending)) } catch { failure = error }
                pending.removeAll(keepingCapacity: true)
            }
            progress(summary)
        }
        try? await client.close()
        if let failure { throw failure }
        if !pending.isEmpty { summary.add(try await deliver(pending)) }
        return summary
    }

    /// A printer's answer as the readings API takes it: matched on the server by serial number, then address.
    static func input(from r: PrinterReading, takenAt: Date) -> ReadingInput? {
        guard let total = r.totalPages else { return nil }
        return ReadingInput(
            deviceId: nil, serialNumber: r.serialNumber, make: nil,
            takenAt: MeterReading.moment(takenAt),
            source: ReadingSource.snmp.rawValue, totalPages: total, monoPages: r.monoPages, colorPages: r.colorPages,
            counterReset: nil,
            supplies: r.supplies.map { SupplyReading(name: $0.description, kind: $0.kind.rawValue, levelPercent: $0.level.percent) },
            address: r.address, sysLocation: r.sysLocation)
    }

    /// Targets from a CSV file: an `address` (or `ipAddress`, as the device export has) column, and optionally
    /// `port`/`snmpPort`, `community`/`snmpCommunity`, `version` (1 or 2c). Rows without an address are skipped.
    static func targets(csv text: String, defaults: CollectTarget) throws -> [CollectTarget] {
        let rows = try CSVText.records(text)
        guard let header = rows.first?.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) else { return [] }
        func column(_ names: String...) -> Int? { names.lazy.compactMap { header.firstIndex(of: $0.lowercased()) }.first }
        guard let addressColumn = column("address", "ipAddress") else {
            throw CommandFailure("the file needs an address (or ipAddress) column")
        }
        let portColumn = column("port", "snmpPort"), communityColumn = column("community", "snmpCommunity"), versionColumn = column("version")
        var out: [CollectTarget] = []
        for (i, row) in rows.dropFirst().enumerated() {
            if row.count > header.count, row[header.count...].contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                throw CommandFailure("line \(i + 2): \(row.count) fields but the header has \(header.count) columns")
            }
            func field(_ c: Int?) -> String? {
                guard let c, c < row.count else { return nil }
                let v = row[c].trimmingCharacters(in: .whitespaces)
                return v.isEmpty ? nil : v
            }
            guard let address = field(addressColumn) else { continue }
            guard NetworkAddress.isValidIP(address) else { throw CommandFailure("line \(i + 2): \"\(address)\" is not an IP address") }
            var t = defaults
            t.address = address
            if let p = field(portColumn) {
                guard let port = Int(p), (1...65_535).contains(port) else { throw CommandFailure("line \(i + 2): port \"\(p)\" is not 1-65535") }
                t.port = port
            }
            if let c = field(communityColumn) { t.community = c }
            if let v = field(versionColumn) {
                guard let version = SNMPVersion(name: v) else { throw CommandFailure("line \(i + 2): version \"\(v)\" is not 1 or 2c") }
                t.version = version
            }
            out.append(t)
        }
        return out
    }
}

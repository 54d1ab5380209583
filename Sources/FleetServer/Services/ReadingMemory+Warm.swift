import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// A server's `ReadingMemory` learns its devices from the batches it stores, so after every start (a deploy, a
/// restart) each collector's first round looked up every device and its newest reading again: at 50,000 devices
/// the first round ran at 16,000 readings a second against 22,000 for the next ones. The server now reads them all
/// once as it starts, beside its first requests, in one read transaction; a batch that commits first makes the
/// memory start from that batch instead, as it always did.
extension ReadingMemory {
    /// Every device and its newest stored reading, read at one count of the ledger.
    static func read(on db: any Database) async throws -> (facts: Facts, at: ReadingLedger.Mark)? {
        try await db.transaction { tx in
            // The count first: the transaction's first read fixes what it sees, so the facts are exact at this count.
            guard let mark = try await ReadingLedger.mark(on: tx) else { return nil }
            var facts = Facts()
            var ids: [UUID] = []
            for device in try await MeterDevice.all(on: tx) {
                guard let id = device.id else { continue }
                ids.append(id)
                facts.byID[id] = device
                facts.bySerial[device.serialNumber, default: []].append(device)
                facts.newest[id] = Newest(row: nil)
            }
            // Each device's newest: one step back along the (device, time) index per device, for a thousand devices
            // at a time, so that the rows read at once stay few. Readings that share the newest moment (two sources)
            // are ordered as a batch's own lookup orders them, and the last is kept.
            let columns = ReadingRow.columns.map { "r." + $0 }.joined(separator: ", ")
            for chunk in ids.chunked(into: 1_000) {
                let group: [any Encodable & Sendable] = Array(chunk)
                var newest: [UUID: [ReadingRow]] = [:]
                for row in try await tx.sql.cells(SQLQueryString("""
                    SELECT \(unsafeRaw: columns) FROM devices d JOIN meter_readings r ON r.device_id = d.id
                    AND r.taken_at = (SELECT MAX(m.taken_at) FROM meter_readings m WHERE m.device_id = d.id)
                    WHERE d.id IN (\(binds: group))
                    """)).map(ReadingRow.init) {
                    newest[row.deviceID, default: []].append(row)
                }
                for (id, rows) in newest { facts.newest[id] = Newest(row: rows.sorted { $0.takenAt < $1.takenAt }.last) }
            }
            return (facts, mark)
        }
    }

    /// Takes in facts read at `mark` that cover the whole database, unless a batch has moved the memory past that count
    /// already or they are more than it holds. Returns whether it took them.
    @discardableResult
    func warmed(_ facts: Facts, at mark: ReadingLedger.Mark) -> Bool {
        guard facts.count <= capacity else { return false }
        return learn(facts, at: mark)
    }
}

/// Fills the reading memory as the server starts (SQLite only), without holding up its start or its requests.
struct ReadingMemoryWarmup: LifecycleHandler {
    let task = NIOLockedValueBox<Task<Void, Never>?>(nil)

    func didBootAsync(_ app: Application) async throws {
        task.withLockedValue { t in
            t = Task {
                let started = Date()
                do {
                    guard let (facts, mark) = try await ReadingMemory.read(on: app.db) else { return }
                    let seconds = String(format: "%.1f", Date().timeIntervalSince(started))
                    if ReadingMemory.shared.warmed(facts, at: mark) {
                        app.logger.notice("reading memory: \(facts.newest.count) devices and their newest readings, read in \(seconds) s")
                    } else {
                        app.logger.notice("reading memory: not filled (\(facts.newest.count) devices read in \(seconds) s; batches came first or they are more than it holds)")
                    }
                } catch {
                    if !Task.isCancelled { app.logger.warning("reading memory: not filled: \(String(describing: error))") }
                }
            }
        }
    }

    /// Waits for the reading to end (for tests).
    func finished() async {
        await task.withLockedValue { $0 }?.value
    }

    func shutdownAsync(_ app: Application) async {
        let running = task.withLockedValue { t in
            defer { t = nil }
            return t
        }
        running?.cancel()
        await running?.value
    }
}

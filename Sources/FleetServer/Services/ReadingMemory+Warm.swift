import Fluent
import Foundation
import NIOPosix
import SQLiteNIO
import SQLKit
import Vapor

/// A server's `ReadingMemory` learns its devices from the batches it stores, so after every start (a deploy, a
/// restart) each collector's first round looked up every device and its newest reading again: at 50,000 devices
/// the first round ran at 16,000 readings a second against 22,000 for the next ones. The server now reads them all
/// once as it starts, in one read transaction on a connection of its own; a batch that commits first makes the
/// memory start from that batch instead, as it always did.
extension ReadingMemory {
    /// Every device and its newest stored reading, read at one count of the ledger, in one transaction on `connection`;
    /// nil where the database has no ledger.
    static func read(on connection: any SQLiteDatabase) async throws -> (facts: Facts, at: ReadingLedger.Mark)? {
        func cells(_ sql: String, _ binds: [SQLiteData] = []) async throws -> [Cells] {
            try await connection.query(sql, binds).map(Cells.init(sqlite:))
        }
        _ = try await connection.query("BEGIN", [])
        do {
            // The count first: the transaction's first read fixes what it sees, so the facts are exact at this count.
            guard let ledger = try await cells("SELECT ledger, seq FROM \(CreateReadingLedger.table) WHERE id = 1").first else {
                _ = try await connection.query("COMMIT", [])
                return nil
            }
            let mark = ReadingLedger.Mark(ledger: try ledger.value("ledger"), seq: try ledger.value("seq"))
            var facts = Facts()
            var ids: [UUID] = []
            for row in try await cells("SELECT \(MeterDevice.columns.joined(separator: ", ")) FROM \(Device.schema)") {
                let device = try MeterDevice(row)
                guard let id = device.id else { continue }
                ids.append(id)
                facts.byID[id] = device
                facts.bySerial[device.serialNumber, default: []].append(device)
                facts.newest[id] = Newest.noReading
            }
            // Each device's newest: one step back along the (device, time) index per device, for a thousand devices
            // at a time, so that the rows read at once stay few. Readings that share the newest moment (two sources)
            // are ordered as a batch's own lookup orders them, and the last is kept.
            let columns = ReadingRow.columns.map { "r." + $0 }.joined(separator: ", ")
            for chunk in ids.chunked(into: 1_000) {
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
                var newest: [UUID: [ReadingRow]] = [:]
                for row in try await cells("""
                    SELECT \(columns) FROM devices d JOIN meter_readings r ON r.device_id = d.id
                    AND r.taken_at = (SELECT MAX(m.taken_at) FROM meter_readings m WHERE m.device_id = d.id)
                    WHERE d.id IN (\(marks))
                    """, chunk.map { SQLiteData.id($0) }).map(ReadingRow.init) {
                    newest[row.deviceID, default: []].append(row)
                }
                for (id, rows) in newest { facts.newest[id] = Newest(row: rows.sorted { $0.takenAt < $1.takenAt }.last) }
            }
            _ = try await connection.query("COMMIT", [])
            return (facts, mark)
        } catch {
            _ = try? await connection.query("ROLLBACK", [])
            throw error
        }
    }
}

/// Fills the reading memory as the server starts (SQLite files only). It reads on a connection and thread of its own,
/// as the checkpointer does: on one of the pool's (one per event loop) the requests of that loop would wait for it.
struct ReadingMemoryWarmup: LifecycleHandler {
    let path: String
    let task = BackgroundTask()

    func didBootAsync(_ app: Application) async throws {
        let path = path
        task.start {
            let started = Date()
            let pool = NIOThreadPool(numberOfThreads: 1)
            pool.start()
            defer { pool.shutdownGracefully { _ in } }
            do {
                let connection = try await SQLiteConnection.open(storage: .file(path: path), threadPool: pool, logger: app.logger,
                                                                 on: app.eventLoopGroup.any())
                let read: (facts: ReadingMemory.Facts, at: ReadingLedger.Mark)?
                do {
                    read = try await ReadingMemory.read(on: connection)
                    try await connection.close()
                } catch {
                    try? await connection.close()
                    throw error
                }
                guard let (facts, mark) = read else { return }
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

    /// Waits for the reading to end (for tests).
    func finished() async {
        await task.finished()
    }

    func shutdownAsync(_ app: Application) async {
        await task.stop()
    }
}

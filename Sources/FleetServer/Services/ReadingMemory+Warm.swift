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
        _ = try await connection.query("BEGIN", [])
        do {
            // The count first: the transaction's first read fixes what it sees, so the facts are exact at this count.
            guard let mark = try await ReadingLedger.mark(on: connection) else {
                _ = try await connection.query("COMMIT", [])
                return nil
            }
            var facts = Facts()
            var ids: [UUID] = []
            for device in try await connection.cells(connection.sql().select().columns(MeterDevice.columns.map { SQLColumn($0) })
                .from(Device.schema).query).map(MeterDevice.init) {
                guard let id = device.id else { continue }
                ids.append(id)
                facts.byID[id] = device
                facts.bySerial[device.serialNumber, default: []].append(device)
                facts.newest[id] = Newest.noReading
            }
            // A thousand devices a query, so that the rows read at once stay few. Where two readings share the newest
            // moment (two sources), the last the query gives is kept.
            for chunk in ids.chunked(into: 1_000) {
                for row in try await connection.cells(ReadingRow.newest(of: chunk)).map(ReadingRow.init) {
                    facts.newest[row.deviceID] = Newest(row: row)
                }
            }
            _ = try await connection.query("COMMIT", [])
            return (facts, mark)
        } catch {
            _ = try? await connection.query("ROLLBACK", [])
            throw error
        }
    }
}

/// Fills the reading memory as the server starts (SQLite files only), on a connection and thread of its own
/// (`OwnSQLiteConnection`), as the checkpointer does.
struct ReadingMemoryWarmup: LifecycleHandler {
    let path: String
    let task = BackgroundTask()

    func didBootAsync(_ app: Application) async throws {
        let path = path
        task.start {
            let started = Date()
            do {
                let own = try await OwnSQLiteConnection.open(path: path, app)
                let read: (facts: ReadingMemory.Facts, at: ReadingLedger.Mark)?
                do {
                    read = try await ReadingMemory.read(on: own.connection)
                    await own.close()
                } catch {
                    await own.close()
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

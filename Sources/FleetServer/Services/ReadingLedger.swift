import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import SQLiteKit

/// Lets a batch of readings on SQLite read what it needs (its devices, their stored neighbours) before it takes the
/// single writer, so that the writer only stores: the reads of one batch overlap the writes of the one before it.
///
/// The database counts the writes such a read could miss (`CreateReadingLedger`): each batch of readings adds one,
/// and triggers add one for every change to a device or a stored reading. This process remembers which devices each
/// of its own batches wrote. A batch read at count `c` that takes the writer at count `w` kept valid reads exactly
/// when every write between was one of this process's committed batches and none of them had any of its devices;
/// otherwise (another process, a device edited, a batch rolled back, too long ago) it reads again inside the writer.
final class ReadingLedger: Sendable {
    static let shared = ReadingLedger()

    /// Where the database stands: which ledger (each database has its own) and how many writes it has counted.
    struct Mark: Sendable {
        let ledger: String
        let seq: Int64
    }

    /// A count read from the ledger's row.
    private static func mark(_ row: Cells) throws -> Mark {
        Mark(ledger: try row.value("ledger"), seq: try row.value("seq"))
    }

    private struct Batch {
        let devices: Set<UUID>
        var committed: Bool
    }

    /// Per ledger, this process's recent batches by their number.
    private let batches = NIOLockedValueBox<[String: [Int64: Batch]]>([:])
    /// How many of a ledger's batches are remembered; a read older than that is simply read again.
    static let remembered: Int64 = 256

    /// The ledger's count now, within the caller's transaction; nil where there is no ledger (PostgreSQL).
    static func mark(on db: any Database) async throws -> Mark? {
        try await mark(markQuery, on: db)
    }

    /// The ledger's count on a connection of the server's own, outside Fluent's pool (`ReadingMemoryWarmup`).
    static func mark(on connection: any SQLiteDatabase) async throws -> Mark? {
        try await connection.cells(SQLRaw(markQuery)).first.map(mark)
    }

    private static let markQuery = "SELECT ledger, seq FROM \(CreateReadingLedger.table) WHERE id = 1"

    /// Counts a batch of readings, within its write transaction; returns the count that is this batch's number.
    @discardableResult
    static func advance(on db: any Database) async throws -> Mark? {
        try await mark("UPDATE \(CreateReadingLedger.table) SET seq = seq + 1 WHERE id = 1 RETURNING ledger, seq", on: db)
    }

    private static func mark(_ statement: String, on db: any Database) async throws -> Mark? {
        guard let sql = db as? any SQLDatabase, sql.dialect.name == "sqlite",
              let row = try await sql.cells(SQLRaw(statement)).first else { return nil }
        return try mark(row)
    }

    /// Whether reads made at `read` still hold for `devices` in the write numbered `write`.
    func unchanged(_ devices: Set<UUID>, since read: Mark, upTo write: Mark) -> Bool {
        guard read.ledger == write.ledger, read.seq < write.seq, write.seq - read.seq <= Self.remembered else { return false }
        return batches.withLockedValue { all in
            guard let known = all[write.ledger] else { return write.seq == read.seq + 1 }
            for n in (read.seq + 1)..<write.seq {
                guard let b = known[n], b.committed, b.devices.isDisjoint(with: devices) else { return false }
            }
            return true
        }
    }

    /// Notes the devices of the batch numbered `mark`, inside its write transaction; it counts once `committed`.
    func writing(_ devices: Set<UUID>, as mark: Mark) {
        batches.withLockedValue { all in
            all[mark.ledger, default: [:]][mark.seq] = Batch(devices: devices, committed: false)
            if all[mark.ledger]!.count > 2 * Self.remembered {
                all[mark.ledger] = all[mark.ledger]!.filter { $0.key > mark.seq - Self.remembered }
            }
        }
    }

    /// The batch numbered `mark` committed; called while the writer is still held, before the next batch checks.
    func committed(_ mark: Mark) {
        batches.withLockedValue { all in all[mark.ledger]?[mark.seq]?.committed = true }
    }
}

import Fluent
import FluentSQLiteDriver
import Foundation
import SQLKit

extension Database {
    /// A transaction that writes. On SQLite, writers of this process take turns: SQLite lets one connection write
    /// at a time, and a transaction that read first and then finds another connection has committed cannot
    /// upgrade to writing (SQLITE_BUSY, which waiting does not cure), so two requests writing at once would
    /// fail one of them. Another process on the same file can still cause that: the transaction is then tried
    /// again from the start, a few times. Inside a transaction it simply runs. PostgreSQL needs none of this.
    /// `committed` runs once the transaction has committed (not when the call joined an enclosing one), while this
    /// process's next writer on SQLite still waits.
    func writeTransaction<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T,
                                       committed: (@Sendable (T) -> Void)? = nil) async throws -> T {
        if inTransaction { return try await transaction(body) }
        guard (self as? any SQLDatabase)?.dialect.name == "sqlite" else {
            let result = try await transaction(body)
            committed?(result)
            return result
        }
        var attempt = 0
        while true {
            do {
                return try await SQLiteWriters.shared.run {
                    let result = try await self.transaction { tx in
                        // SQLite sets every connection's checkpoint length as it opens, after any hook of ours could.
                        try await tx.sql.run(SQLRaw("PRAGMA wal_autocheckpoint = \(WALCheckpointer.commitCheckpointPages)"))
                        return try await body(tx)
                    }
                    committed?(result)
                    return result
                }
            } catch let e as SQLiteError where [.busy, .busyInSnapshot, .locked].contains(e.reason) && attempt < 5 {
                attempt += 1
                try await Task.sleep(for: .milliseconds(20 * attempt))
            }
        }
    }
}

/// One writer at a time, first come first served.
actor SQLiteWriters {
    static let shared = SQLiteWriters()
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        if busy {
            await withCheckedContinuation { waiting.append($0) }
        } else {
            busy = true
        }
        defer {
            if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
        }
        return try await body()
    }
}

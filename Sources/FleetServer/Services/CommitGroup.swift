import Fluent
import FluentSQLiteDriver
import Foundation
import NIOConcurrencyHelpers
import SQLKit

/// Group commit for SQLite: write transactions of one database that wait for the single writer at the same time
/// run one after another inside one transaction, and commit together.
///
/// A commit appends the transaction's pages to the log and waits for the disk (a third of a batch of readings'
/// time in the writer), and every transaction pays it however little it wrote. When collectors send batches faster
/// than one writer stores them, they queue for the writer anyway; stored as one transaction, they share a commit.
/// Each still gets its own result, and its `committed` hook runs in order once all have committed, while the writer
/// is still held. If any of them fails, the shared transaction is rolled back and each is run again alone, so that
/// one bad write takes none of the others with it.
///
/// Only for writes that may be repeated after a rollback and do not depend on committing alone: a reading batch
/// advances the reading ledger and checks what it read against it, in the transaction it writes in.
actor CommitGroup {
    /// Per database, named by its reading ledger (`ReadingLedger.Mark.ledger`): only one database's writes group.
    private static let groups = NIOLockedValueBox<[String: CommitGroup]>([:])

    static func of(_ ledger: String) -> CommitGroup {
        groups.withLockedValue { all in
            if let g = all[ledger] { return g }
            // The tests open many databases. Forgetting a group in use only means that its database's writes
            // group in two queues for a while; they still take turns at the writer.
            if all.count >= 16 { all.removeAll() }
            let g = CommitGroup()
            all[ledger] = g
            return g
        }
    }

    /// Transactions waiting to be run, and whether one of their callers is running them.
    private var pending: [any GroupedWrite] = []
    private var leading = false

    /// The group whose transaction the current task's write runs in, if any: what `ReadingLedger` counts as
    /// written before it in the same transaction.
    @TaskLocal static var current: UUID?

    /// Runs `body` in a write transaction on SQLite, shared with others that wait for the writer at the same time.
    func write<T: Sendable>(on db: any Database, _ body: @escaping @Sendable (any Database) async throws -> T,
                            committed: (@Sendable (T) -> Void)? = nil) async throws -> T {
        let job = Job(body: body, committed: committed)
        pending.append(job)
        if !leading {
            leading = true
            // The caller leads: it runs what is waiting (its own among them), and hands on to a new task if more came.
            await lead(on: db)
        }
        return try await job.result()
    }

    private func lead(on db: any Database) async {
        let jobs = pending
        pending = []
        await Self.run(jobs, on: db)
        if pending.isEmpty {
            leading = false
        } else {
            Task { await self.lead(on: db) }
        }
    }

    private static func run(_ jobs: [any GroupedWrite], on db: any Database) async {
        guard jobs.count > 1 else {
            for job in jobs { await job.runAlone(on: db) }
            return
        }
        do {
            try await db.writeTransaction({ tx in
                try await Self.$current.withValue(UUID()) {
                    for job in jobs { try await job.run(on: tx) }
                }
            }, committed: { _ in
                for job in jobs { job.committed() }
            })
            for job in jobs { job.finish() }
        } catch {
            // Rolled back together: each alone, so that only the one at fault fails.
            for job in jobs { await job.runAlone(on: db) }
        }
    }

    /// One caller's transaction, its result, and the caller waiting for it.
    final class Job<T: Sendable>: GroupedWrite, @unchecked Sendable {
        let body: @Sendable (any Database) async throws -> T
        let hook: (@Sendable (T) -> Void)?
        private enum State {
            case open(stored: T?, waiting: CheckedContinuation<T, any Error>?)
            case done(Result<T, any Error>)
        }
        private let state = NIOLockedValueBox<State>(.open(stored: nil, waiting: nil))

        init(body: @escaping @Sendable (any Database) async throws -> T, committed: (@Sendable (T) -> Void)?) {
            self.body = body
            hook = committed
        }

        func run(on tx: any Database) async throws {
            let value = try await body(tx)
            state.withLockedValue { if case let .open(_, waiting) = $0 { $0 = .open(stored: value, waiting: waiting) } }
        }

        func committed() {
            if case let .open(stored?, _) = state.withLockedValue({ $0 }) { hook?(stored) }
        }

        func finish() {
            let value: T? = state.withLockedValue { if case let .open(stored, _) = $0 { return stored } else { return nil } }
            if let value { deliver(.success(value)) }
        }

        func runAlone(on db: any Database) async {
            do {
                deliver(.success(try await db.writeTransaction(body, committed: hook)))
            } catch {
                deliver(.failure(error))
            }
        }

        private func deliver(_ result: Result<T, any Error>) {
            let waiting = state.withLockedValue { s -> CheckedContinuation<T, any Error>? in
                guard case let .open(_, waiting) = s else { return nil }
                s = .done(result)
                return waiting
            }
            waiting?.resume(with: result)
        }

        func result() async throws -> T {
            try await withCheckedThrowingContinuation { c in
                let done: Result<T, any Error>? = state.withLockedValue { s in
                    switch s {
                    case let .done(r): return r
                    case let .open(stored, _):
                        s = .open(stored: stored, waiting: c)
                        return nil
                    }
                }
                if let done { c.resume(with: done) }
            }
        }
    }
}

/// A transaction waiting in a `CommitGroup`, whatever its result's type.
protocol GroupedWrite: Sendable {
    func run(on tx: any Database) async throws
    func committed()
    func finish()
    func runAlone(on db: any Database) async
}

import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Testing

@testable import FleetServer

@Suite("Writes that wait for SQLite's writer together commit together")
struct CommitGroupTests {
    struct Refused: Error {}

    @Test("Writes queued behind a slow one share one transaction; one that fails is rolled back alone and the others commit once each")
    func groupedAndIsolated() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try await withFileApp("\(dir)/fleet.sqlite") { app in
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.raw("CREATE TABLE grouped (n INTEGER NOT NULL)").run()
            let group = CommitGroup.of(UUID().text)
            let seen = NIOLockedValueBox<[Int: [UUID?]]>([:])
            let hooks = NIOLockedValueBox<[Int]>([])
            @Sendable func write(_ n: Int, sleep: Bool = false, fail: Bool = false) async throws -> Int {
                try await group.write(on: app.db, { tx in
                    seen.withLockedValue { $0[n, default: []].append(CommitGroup.current) }
                    try await tx.sql.raw("INSERT INTO grouped (n) VALUES (\(bind: n))").run()
                    if sleep { try await Task.sleep(for: .milliseconds(700)) }
                    if fail { throw Refused() }
                    return n * 10
                }, committed: { value in hooks.withLockedValue { $0.append(value) } })
            }
            async let first = write(1, sleep: true)
            try await Task.sleep(for: .milliseconds(100))
            // These arrive while the first holds the writer: they wait, and then run as one transaction.
            let results = await withTaskGroup(of: (Int, Result<Int, any Error>).self) { tasks in
                for n in 2...6 {
                    tasks.addTask {
                        do { return (n, .success(try await write(n, fail: n == 4))) } catch { return (n, .failure(error)) }
                    }
                    // In this order.
                    try? await Task.sleep(for: .milliseconds(40))
                }
                var all: [Int: Result<Int, any Error>] = [:]
                for await (n, r) in tasks { all[n] = r }
                return all
            }
            #expect(try await first == 10)
            for n in [2, 3, 5, 6] { #expect((try? results[n]?.get()) == n * 10, "write \(n)") }
            #expect(throws: Refused.self) { try results[4]?.get() }

            // Each committed write's row is there once; the refused one left nothing.
            let rows = try await sql.raw("SELECT n FROM grouped ORDER BY n").all().map { try $0.decode(column: "n", as: Int.self) }
            #expect(rows == [1, 2, 3, 5, 6])
            #expect(hooks.withLockedValue { $0 }.sorted() == [10, 20, 30, 50, 60])
            // The first ran alone; the queued ones were first tried in one shared transaction.
            // The first ran alone. The queued ones ran in one shared transaction up to the refused one, which rolled
            // it back; then each ran alone.
            let runs = seen.withLockedValue { $0 }
            #expect(runs[1] == [nil])
            let shared = try #require(runs[2]?.first ?? nil, "\(runs)")
            #expect(runs[3] == [shared, nil] && runs[4] == [shared, nil] && runs[2] == [shared, nil], "\(runs)")
            #expect(runs[5] == [nil] && runs[6] == [nil], "\(runs)")
        }
    }
}

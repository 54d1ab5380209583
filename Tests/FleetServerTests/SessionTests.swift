import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import FleetServer

@Suite("Sessions")
struct QuietSessionsTests {
    /// A session store that counts its writes.
    final class CountingStore: SessionDriver, @unchecked Sendable {
        var stored = SessionData(initialData: ["user": "u1"])
        var updates = 0

        func createSession(_ data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
            stored = data
            return request.eventLoop.makeSucceededFuture(SessionID(string: "new"))
        }

        func readSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<SessionData?> {
            request.eventLoop.makeSucceededFuture(stored)
        }

        func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
            updates += 1
            stored = data
            return request.eventLoop.makeSucceededFuture(sessionID)
        }

        func deleteSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<Void> {
            request.eventLoop.makeSucceededVoidFuture()
        }
    }

    @Test("A session read and left unchanged is not written back; a changed one is, once per change")
    func unchangedNotWritten() async throws {
        try await withFleetApp { app in
            let store = CountingStore()
            let sessions = QuietSessions(base: store)
            let id = SessionID(string: "s1")
            func request() -> Request { Request(application: app, on: app.eventLoopGroup.next()) }

            let viewing = request()
            let read = try #require(try await sessions.readSession(id, for: viewing).get())
            _ = try await sessions.updateSession(id, to: read, for: viewing).get()
            #expect(store.updates == 0, "a page view leaves the session as it was")

            let switching = request()
            var changed = try #require(try await sessions.readSession(id, for: switching).get())
            changed["language"] = "en"
            _ = try await sessions.updateSession(id, to: changed, for: switching).get()
            #expect(store.updates == 1)
            _ = try await sessions.updateSession(id, to: changed, for: switching).get()
            #expect(store.updates == 1, "written once")
            #expect(store.stored["language"] == "en")

            // A request that never read the session (a new one, say) always writes.
            _ = try await sessions.updateSession(id, to: changed, for: request()).get()
            #expect(store.updates == 2)
        }
    }

    @Test("Through the pages: page views after signing in write nothing to the session store, and keep the sign-in")
    func throughPages() async throws {
        try await withFleetApp { app in
            _ = try await Fixture.make(app)
            let sql = try #require(app.db as? any SQLDatabase)
            // What changes each time a session row is written: a trigger's count on SQLite, the row version on PostgreSQL.
            func writes() async throws -> String {
                if TestDatabase.usesPostgres {
                    return try await sql.raw("SELECT xmin::text AS x FROM _fluent_sessions").all()
                        .map { try $0.decode(column: "x", as: String.self) }.joined(separator: ",")
                }
                return String(try await sql.raw("SELECT COUNT(*) AS n FROM session_writes").all()[0].decode(column: "n", as: Int.self))
            }
            if !TestDatabase.usesPostgres {
                try await sql.raw("CREATE TABLE session_writes (n INTEGER)").run()
                for event in ["INSERT", "UPDATE"] {
                    try await sql.raw("CREATE TRIGGER session_\(unsafeRaw: event) AFTER \(unsafeRaw: event) ON _fluent_sessions BEGIN INSERT INTO session_writes VALUES (1); END").run()
                }
            }
            let browser = Browser(app)
            _ = try await browser.get("/sign-in")
            let beforeSignIn = try await writes()
            try await browser.signIn("admin@test.example")
            let signedIn = try await writes()
            #expect(signedIn != beforeSignIn, "signing in makes a new session, and it is stored")
            for path in ["/devices", "/board", "/devices"] {
                let page = try await browser.get(path)
                #expect(page.status == .ok, "\(path) is shown to the signed-in admin")
            }
            #expect(try await writes() == signedIn, "page views leave the stored session alone")
        }
    }
}

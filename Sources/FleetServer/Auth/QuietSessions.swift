import Fluent
import Vapor

/// Fluent's session store without the write Vapor asks for after every request. `SessionsMiddleware` saves a
/// session on each response even when nothing in it changed: on SQLite every page view took the one writer (an
/// UPDATE and a commit) behind the page's own reads. A session read in this request and unchanged since is not
/// written again; a new, changed or deleted session goes to the store as before. Sessions carry no server-side
/// expiry (the cookie's 14 days start again with each response), so the skipped write loses nothing.
struct QuietSessions: SessionDriver {
    let base: any SessionDriver

    /// The session data as read at the start of this request.
    private struct AsRead: StorageKey {
        typealias Value = SessionData
    }

    func createSession(_ data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        base.createSession(data, for: request)
    }

    func readSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<SessionData?> {
        base.readSession(sessionID, for: request).map { data in
            request.storage[AsRead.self] = data
            return data
        }
    }

    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        if request.storage[AsRead.self] == data { return request.eventLoop.makeSucceededFuture(sessionID) }
        return base.updateSession(sessionID, to: data, for: request).map { id in
            request.storage[AsRead.self] = data
            return id
        }
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<Void> {
        request.storage[AsRead.self] = nil
        return base.deleteSession(sessionID, for: request)
    }
}

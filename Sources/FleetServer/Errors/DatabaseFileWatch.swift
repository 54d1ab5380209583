import NIOConcurrencyHelpers
import Vapor
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Notices the SQLite file being removed or replaced under a running server. SQLite keeps writing to the file it
/// opened, which no path leads to any more: every write would succeed and be lost at the next start. So each request
/// first compares the file at the path with the one opened (device and inode, one `stat`); while they differ the
/// server answers `503 database_unavailable`, the health check included, and logs an error naming the path.
struct DatabaseFileWatch: AsyncMiddleware {
    /// The identity of a file: which device, which inode.
    struct Identity: Equatable {
        let device: UInt64
        let inode: UInt64

        init?(path: String) {
            var s = stat()
            guard stat(path, &s) == 0 else { return nil }
            device = UInt64(s.st_dev)
            inode = UInt64(s.st_ino)
        }
    }

    let path: String
    let opened: Identity
    /// Whether the file was found missing on the last look, so that the error is logged once a loss, not per request.
    private let missing = NIOLockedValueBox(false)

    /// Watches `path` as it is now, the file the server's connections opened; nil when there is no file to watch.
    init?(path: String) {
        guard let identity = Identity(path: path) else { return nil }
        self.path = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        self.opened = identity
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let present = Identity(path: path) == opened
        let changed = missing.withLockedValue { wasMissing in
            defer { wasMissing = !present }
            return wasMissing == present
        }
        if !present {
            if changed {
                request.logger.error("the database file \(path) was removed or replaced while the server runs; answering 503 until it is back (restart the server from a backup: `fleetcare restore`)")
            }
            throw DatabaseOutage.error
        }
        if changed { request.logger.notice("the database file \(path) is back") }
        return try await next.respond(to: request)
    }
}

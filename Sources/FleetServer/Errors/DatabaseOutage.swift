import AsyncKit
import FluentPostgresDriver
import FluentSQLiteDriver
import NIOCore
import NIOPosix
import Vapor
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Tells the database being out of reach (down, restarting, refusing connections, locked past its timeout) from a
/// fault of the request or the code: the first is `503 database_unavailable` with `Retry-After`, and the pool
/// reconnects on its own once the database is back.
enum DatabaseOutage {
    static let retryAfterSeconds = 5

    static let error = APIError(.serviceUnavailable, code: "database_unavailable",
                                message: "the database cannot be reached just now; nothing was changed, try again shortly")

    static func matches(_ error: any Error) -> Bool {
        switch error {
        case let e as PSQLError:
            switch e.code {
            case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed,
                 .sslUnsupported, .failedToAddSSLHandler:
                return true
            case .server:
                // Class 08 (connection exception), 53 (insufficient resources), 57P (operator intervention:
                // shutdown, crash recovery, cannot connect now), 55000 (the database refuses connections).
                let state = e.serverInfo?[.sqlState] ?? ""
                return state.hasPrefix("08") || state.hasPrefix("53") || state.hasPrefix("57P") || state == "55000"
            default:
                return false
            }
        case let e as SQLiteError:
            switch e.reason {
            case .busy, .locked, .cantOpen, .ioError, .busyTimeout, .busyInRecovery, .busyInSnapshot: return true
            default: return false
            }
        case is ConnectionPoolTimeoutError, is NIOConnectionError:
            return true
        case let e as ConnectionPoolError:
            if case .shutdown = e { return false }   // the server itself is stopping
            return true
        case let e as ChannelError:
            if case .connectTimeout = e { return true }
            return false
        case let e as IOError:
            return [ECONNREFUSED, ECONNRESET, EHOSTUNREACH, ENETUNREACH, ETIMEDOUT, EPIPE].contains(e.errnoCode)
        default:
            return false
        }
    }
}

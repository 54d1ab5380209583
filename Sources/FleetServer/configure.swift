import CSQLiteTuning
import FleetCore
import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import SQLKit
import Vapor

/// Builds the whole application from a configuration value: storage, sessions, routes, commands.
public func configure(_ app: Application, _ config: AppConfiguration) async throws {
    app.fleetConfiguration = config
    app.http.server.configuration.hostname = config.hostname
    app.http.server.configuration.port = config.port
    // SIGTERM stops taking connections and lets the requests in flight finish, up to this long.
    app.http.server.configuration.shutdownTimeout = .seconds(Int64(config.shutdownGraceSeconds))
    app.routes.defaultMaxBodySize = ByteCount(value: config.maxBodyBytes)

    switch config.storage {
    case let .sqliteFile(path):
        // Before the first connection opens: the setting applies to connections as they open.
        fleetcare_sqlite_tune_connections(Int32(config.sqliteCacheMiB * 1024), config.sqliteSync.level)
        app.databases.use(.sqlite(.file(path)), as: .sqlite)
        AuditLog.register(on: app.databases, id: .sqlite)
        DeviceStatusFollowsTickets.register(on: app.databases, id: .sqlite)
    case .sqliteMemory:
        app.databases.use(.sqlite(.memory), as: .sqlite)
        AuditLog.register(on: app.databases, id: .sqlite)
        DeviceStatusFollowsTickets.register(on: app.databases, id: .sqlite)
    case let .postgres(url):
        do {
            // More than the driver's one connection per event loop: the scheduled collection holds one for its
            // advisory lock while it writes on others, and requests keep being served meanwhile.
            app.databases.use(try .postgres(url: url, maxConnectionsPerEventLoop: 4), as: .psql)
            AuditLog.register(on: app.databases, id: .psql)
            DeviceStatusFollowsTickets.register(on: app.databases, id: .psql)
        } catch {
            throw ConfigurationError(variable: "DATABASE_URL", message: "could not be used: \(error)")
        }
    }
    // Vapor stops lifecycle handlers (Fluent's pools among them) before the server it serves from, so a request in
    // flight at SIGTERM would find its database gone. Registered after Fluent, this one stops first: the server drains.
    app.lifecycle.use(DrainServerFirst())
    app.passwords.use(.bcrypt(cost: config.bcryptCost))

    app.sessions.use { app in QuietSessions(base: app.fluent.sessions.driver()) }
    app.sessions.configuration.cookieName = "fleetcare_session"
    app.sessions.configuration.cookieFactory = { id in
        HTTPCookies.Value(string: id.string, maxAge: 14 * 86_400, path: "/",
                          isSecure: config.secureCookies, isHTTPOnly: true, sameSite: .lax)
    }

    app.middleware = Middlewares()
    app.middleware.use(RouteLoggingMiddleware(logLevel: .info))
    app.middleware.use(FleetErrorMiddleware(environment: app.environment))
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(BodyLimitMiddleware(maxBytes: config.maxBodyBytes))
    app.middleware.use(NulURLMiddleware())
    NulGuard.install()

    FleetMigrations.register(on: app)
    if case .sqliteFile = config.storage, let sql = app.db as? any SQLDatabase {
        // WAL lets readers carry on while a writer commits; the setting persists in the file.
        try await sql.raw("PRAGMA journal_mode=WAL").run()
    }
    if case let .sqliteFile(path) = config.storage, let watch = DatabaseFileWatch(path: path) {
        app.middleware.use(watch)
    }
    if config.autoMigrate {
        // Instances started together take turns: the first migrates and creates the first admin, the others find it done.
        try await SingleInstance.serialized(app, lockKey: SingleInstance.migrationLockKey) {
            try await app.autoMigrate()
            try await AdminBootstrap.run(config, on: app)
        }
    }

    try routes(app)
    let serving = [nil, "serve"].contains(app.environment.arguments.dropFirst().first)
    if let every = config.collectEvery, serving {
        // Look again well inside the interval: another instance may have run it, or this one restarted.
        app.lifecycle.use(RepeatingJob(name: "meter collection", every: min(every, .seconds(900))) { app in
            _ = try await ScheduledCollection.runIfDue(app, every: every)
        })
    }
    if serving, case let .sqliteFile(path) = config.storage {
        // Held for the life of the process, so that `restore` knows not to swap the file under a running server.
        let lock = try ServerLock(databasePath: path)
        if !lock.holdShared() { app.logger.warning("could not lock \(path).lock; `fleetcare restore` will not see this server") }
        app.storage[ServerLockKey.self] = lock
    }
    if serving, case let .sqliteFile(path) = config.storage {
        app.lifecycle.use(WALCheckpointer(path: path))
        app.lifecycle.use(ReadingMemoryWarmup(path: path))
    }
    if serving {
        app.lifecycle.use(RepeatingJob(name: "reminders", every: .seconds(3_600)) { app in try await Reminders.runIfDaytime(app) })
    }
    if let every = config.deliverEvery, serving {
        app.lifecycle.use(RepeatingJob(name: "message delivery", every: every) { app in _ = try await DeliveryWorker.runOnce(app) })
    }
    app.asyncCommands.use(CreateUserCommand(), as: "create-user")
    app.asyncCommands.use(SeedDemoCommand(), as: "seed-demo")
    app.asyncCommands.use(ImportCommand(), as: "import")
    app.asyncCommands.use(BenchCommand(), as: "bench")
    app.asyncCommands.use(CollectCommand(), as: "collect")
    app.asyncCommands.use(BackupCommand(), as: "backup")
    app.asyncCommands.use(RestoreCommand(), as: "restore")
}

struct ServerLockKey: StorageKey {
    typealias Value = ServerLock
}

extension Application {
    private struct ConfigurationKey: StorageKey {
        typealias Value = AppConfiguration
    }

    /// The configuration the app was built with.
    public var fleetConfiguration: AppConfiguration {
        get { storage[ConfigurationKey.self] ?? AppConfiguration() }
        set { storage[ConfigurationKey.self] = newValue }
    }
}

/// Creates the first admin from the environment when nobody can sign in yet.
enum AdminBootstrap {
    static func run(_ config: AppConfiguration, on app: Application) async throws {
        guard let email = config.adminEmail, let password = config.adminPassword else { return }
        guard try await User.query(on: app.db).count() == 0 else { return }
        let hash = try await app.password.async.hash(password)
        try await User(email: email.lowercased(), name: "Administrator", role: .admin, customerID: nil, passwordHash: hash)
            .create(on: app.db)
        app.logger.notice("created the first admin \(email)")
    }
}

/// On shutdown, stops the HTTP server (new connections refused, requests in flight answered, up to the grace period)
/// before the handlers registered earlier, the database pools among them, are shut down.
struct DrainServerFirst: LifecycleHandler {
    func shutdownAsync(_ app: Application) async {
        await app.server.shutdown()
    }
}

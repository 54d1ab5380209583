import FleetCore
import FleetServer
import Foundation
import Logging
import NIOCore
import NIOPosix
import Vapor

/// `fleetcare serve | migrate | create-user | import | seed-demo | collect | bench | backup | restore`

// The server runs Swift's tasks on NIO's event loops, the threads that also serve its sockets: a request's handler
// then no longer hops to Swift's own thread pool and back around every await (a twelfth of a page's time went to
// switching threads). It must be done first, on the main thread. Other commands keep Swift's pool: some wait on
// child processes and files, which must not hold up an event loop.
if [nil, "serve"].contains(CommandLine.arguments.dropFirst().first) {
    NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
}
var env = try Environment.detect()
try LoggingSystem.bootstrap(from: &env)

let configuration: AppConfiguration
do {
    configuration = try AppConfiguration.fromEnvironment(ProcessInfo.processInfo.environment)
} catch {
    FileHandle.standardError.write(Data("fleetcare: invalid configuration: \(error)\n".utf8))
    exit(2)
}

let app = try await Application.make(env)
do {
    var config = configuration
    // `migrate` is the explicit step; every other command brings the schema up to date itself.
    if env.arguments.dropFirst().first == "migrate" { config.autoMigrate = false }
    // The collector agent runs on a client's network and keeps nothing but its outbox, and the SNMP
    // benchmark reads simulated printers: neither needs a database. The reports benchmark opens its own.
    let rest = env.arguments.dropFirst()
    if rest.first == "collect" && rest.contains(where: { $0 == "--push" || $0.hasPrefix("--push=") })
        || rest.starts(with: ["bench", "snmp"]) || rest.starts(with: ["bench", "reports"])
        // `restore` replaces the database file: it must not have it open.
        || rest.first == "restore" {
        config.storage = .sqliteMemory
        config.autoMigrate = false
    }
    try await configure(app, config)
    try await app.execute()
} catch {
    let message: String
    switch error {
    case let e as FieldError: message = "\(e.field): \(e.message)"
    case let e as any AbortError: message = e.reason
    default: message = String(describing: error)
    }
    FileHandle.standardError.write(Data("fleetcare: \(message)\n".utf8))
    try? await app.asyncShutdown()
    exit(1)
}
try await app.asyncShutdown()

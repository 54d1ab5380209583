import FleetCore
import Fluent
import FluentPostgresDriver
import Foundation
import NIOCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import FleetServer

/// Where the server tests keep their data: a clean in-memory SQLite database per test by default,
/// or a fresh PostgreSQL database per test when `FLEETCARE_TEST_POSTGRES_URL` is set (as `.ci/run` does).
enum TestDatabase {
    static let postgresURL = ProcessInfo.processInfo.environment["FLEETCARE_TEST_POSTGRES_URL"]
        .flatMap { $0.isEmpty ? nil : $0 }

    static var usesPostgres: Bool { postgresURL != nil }
}

/// Warnings and errors only: request logs would bury the test results.
private let quietLogging: Void = {
    LoggingSystem.bootstrap { label in
        var handler = StreamLogHandler.standardError(label: label)
        handler.logLevel = .warning
        return handler
    }
}()

/// Runs `body` against a freshly configured and migrated app, and tears it down.
func withFleetApp(_ body: (Application) async throws -> Void) async throws {
    _ = quietLogging
    var config = AppConfiguration.testing()
    var dropDatabase: (() async throws -> Void)?
    if let base = TestDatabase.postgresURL {
        let name = "fc_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        try await PostgresAdmin.run(base, "CREATE DATABASE \(name)")
        var components = URLComponents(string: base)!
        components.path = "/\(name)"
        config.storage = .postgres(url: components.string!)
        dropDatabase = { try await PostgresAdmin.run(base, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
    }
    let app = try await Application.make(.testing)
    do {
        try await configure(app, config)
        try await body(app)
    } catch {
        try? await app.asyncShutdown()
        try? await dropDatabase?()
        throw error
    }
    try await app.asyncShutdown()
    try await dropDatabase?()
}

/// Creates and drops the per-test PostgreSQL databases through the server's own driver.
enum PostgresAdmin {
    static func run(_ url: String, _ sql: String) async throws {
        _ = quietLogging
        let app = try await Application.make(.testing)
        do {
            app.databases.use(try .postgres(url: url), as: .psql)
            try await (app.db as! any SQLDatabase).raw(SQLQueryString(sql)).run()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}

/// A signed-in API client for tests.
struct APIClient {
    let app: Application
    let token: String?

    func request(_ method: HTTPMethod, _ path: String, json: String? = nil, body: String? = nil,
                 contentType: String? = nil, headers extra: HTTPHeaders = [:]) async throws -> TestingHTTPResponse {
        var headers = extra
        if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        var buffer: ByteBuffer?
        if let json {
            headers.contentType = .json
            buffer = ByteBuffer(string: json)
        } else if let body {
            if let contentType { headers.replaceOrAdd(name: .contentType, value: contentType) }
            buffer = ByteBuffer(string: body)
        }
        let request = TestingHTTPRequest(method: method, url: URI(path: path), headers: headers,
                                         body: buffer ?? ByteBuffer())
        return try await app.testing().performTest(request: request)
    }

    func get(_ path: String) async throws -> TestingHTTPResponse { try await request(.GET, path) }

    func post(_ path: String, _ json: String) async throws -> TestingHTTPResponse { try await request(.POST, path, json: json) }

    func patch(_ path: String, _ json: String) async throws -> TestingHTTPResponse { try await request(.PATCH, path, json: json) }

    /// One field of each of the signed-in user's notifications, newest first (`textEn`, `kind`, ...).
    func notices(_ field: String) async throws -> [String] {
        try await get("/api/v1/notifications").items.compactMap { $0[field] as? String }
    }

    /// The JSON body as a dictionary.
    func object(_ response: TestingHTTPResponse) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any] ?? [:]
    }
}

extension TestingHTTPResponse {
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any]) ?? [:]
    }

    var text: String { String(buffer: body) }

    var errorCode: String? { (json["error"] as? [String: Any])?["code"] as? String }

    var items: [[String: Any]] { json["items"] as? [[String: Any]] ?? [] }
}

/// A small fleet for tests: two customers with a site each, staff of every role and a client user of each customer.
struct Fixture {
    let app: Application
    let admin: APIClient
    let dispatcher: APIClient
    let technician: APIClient
    let clientA: APIClient
    let clientB: APIClient
    let customerA: String
    let customerB: String
    let siteA: String
    let siteB: String

    static let password = "correct horse"

    static func make(_ app: Application) async throws -> Fixture {
        let db = app.db
        let hasher = app.password.async
        let admin = try await UserAccounts.create(email: "admin@test.example", password: password, name: "Admin",
                                                  role: .admin, customerID: nil, on: db, hasher: hasher)
        _ = admin
        let adminClient = try await login(app, "admin@test.example")
        let a = try await adminClient.post("/api/v1/customers", #"{"name":"Bank A","phone":"021-1111"}"#).json["id"] as! String
        let b = try await adminClient.post("/api/v1/customers", #"{"name":"Hospital B"}"#).json["id"] as! String
        let siteA = try await adminClient.post("/api/v1/customers/\(a)/sites", #"{"name":"HQ"}"#).json["id"] as! String
        let siteB = try await adminClient.post("/api/v1/customers/\(b)/sites", #"{"name":"Main building"}"#).json["id"] as! String
        for (email, role, customer) in [("dispatch@test.example", "dispatcher", nil), ("tech@test.example", "technician", nil),
                                        ("client-a@test.example", "client", a), ("client-b@test.example", "client", b)] {
            let customerField = customer.map { #","customerId":"\#($0)""# } ?? ""
            let r = try await adminClient.post("/api/v1/users",
                #"{"email":"\#(email)","password":"\#(password)","name":"\#(role) user","role":"\#(role)"\#(customerField)}"#)
            #expect(r.status == .created)
        }
        return Fixture(app: app, admin: adminClient, dispatcher: try await login(app, "dispatch@test.example"),
                       technician: try await login(app, "tech@test.example"),
                       clientA: try await login(app, "client-a@test.example"), clientB: try await login(app, "client-b@test.example"),
                       customerA: a, customerB: b, siteA: siteA, siteB: siteB)
    }

    static func login(_ app: Application, _ email: String) async throws -> APIClient {
        let r = try await APIClient(app: app, token: nil).post("/api/v1/auth/login", #"{"email":"\#(email)","password":"\#(password)"}"#)
        guard let token = r.json["token"] as? String else {
            throw TestFailure("login of \(email) failed: \(r.status) \(r.text)")
        }
        return APIClient(app: app, token: token)
    }

    /// Registers a device and returns its id.
    @discardableResult
    func device(customer: String? = nil, site: String? = nil, serial: String, make: String = "HP",
                model: String = "LaserJet Pro M404dn", extra: String = "") async throws -> String {
        let r = try await admin.post("/api/v1/devices", #"""
        {"customerId":"\#(customer ?? customerA)","serialNumber":"\#(serial)","make":"\#(make)","model":"\#(model)",
         "location":{"siteId":"\#(site ?? siteA)","floor":"2","room":"204","department":"Finance"}\#(extra)}
        """#)
        guard r.status == .created, let id = r.json["id"] as? String else {
            throw TestFailure("device \(serial) not created: \(r.status) \(r.text)")
        }
        return id
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

import Fluent
import FleetCore
import Testing
import Vapor
import VaporTesting

@testable import FleetServer

@Suite("Accounts and sign-in")
struct AuthTests {
    @Test("Login returns a token and the user; the token opens the API")
    func login() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let anonymous = APIClient(app: app, token: nil)
            let r = try await anonymous.post("/api/v1/auth/login", #"{"email":"CLIENT-A@test.example","password":"correct horse"}"#)
            #expect(r.status == .ok)
            let user = r.json["user"] as? [String: Any]
            #expect(user?["role"] as? String == "client")
            #expect(user?["customerId"] as? String == f.customerA)
            let me = try await APIClient(app: app, token: r.json["token"] as? String).get("/api/v1/auth/me")
            #expect(me.json["email"] as? String == "client-a@test.example")
        }
    }

    @Test("A wrong password, a missing token and a made-up token are 401 with the error body")
    func unauthorized() async throws {
        try await withFleetApp { app in
            _ = try await Fixture.make(app)
            let anonymous = APIClient(app: app, token: nil)
            let wrong = try await anonymous.post("/api/v1/auth/login", #"{"email":"admin@test.example","password":"nope nope"}"#)
            #expect(wrong.status == .unauthorized)
            #expect(wrong.errorCode == "invalid_credentials")
            let missing = try await anonymous.get("/api/v1/devices")
            #expect(missing.status == .unauthorized)
            #expect(missing.errorCode == "unauthorized")
            let madeUp = try await APIClient(app: app, token: "not-a-token").get("/api/v1/devices")
            #expect(madeUp.status == .unauthorized)
        }
    }

    @Test("Logging out ends the token")
    func logout() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            #expect(try await f.dispatcher.request(.POST, "/api/v1/auth/logout").status == .noContent)
            #expect(try await f.dispatcher.get("/api/v1/customers").status == .unauthorized)
        }
    }

    @Test("Passwords are stored as bcrypt hashes")
    func bcrypt() async throws {
        try await withFleetApp { app in
            _ = try await Fixture.make(app)
            let user = try await User.query(on: app.db).filter(\.$email == "admin@test.example").first()!
            #expect(user.passwordHash.hasPrefix("$2b$"))
            #expect(!user.passwordHash.contains("correct horse"))
        }
    }

    @Test("Only admins create users; a client user needs a customer and staff must not have one")
    func userRules() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let body = #"{"email":"new@test.example","password":"long enough","name":"New","role":"technician"}"#
            #expect(try await f.dispatcher.post("/api/v1/users", body).status == .forbidden)
            let noCustomer = try await f.admin.post("/api/v1/users",
                #"{"email":"c@test.example","password":"long enough","name":"C","role":"client"}"#)
            #expect(noCustomer.status == .unprocessableEntity)
            #expect((noCustomer.json["error"] as? [String: Any])?["field"] as? String == "customerId")
            let staffWithCustomer = try await f.admin.post("/api/v1/users",
                #"{"email":"d@test.example","password":"long enough","name":"D","role":"dispatcher","customerId":"\#(f.customerA)"}"#)
            #expect(staffWithCustomer.status == .unprocessableEntity)
            #expect(try await f.admin.post("/api/v1/users", body).status == .created)
            let again = try await f.admin.post("/api/v1/users", body)
            #expect(again.status == .conflict)
            #expect(again.errorCode == "duplicate_email")
            let list = try await f.admin.get("/api/v1/users")
            #expect(list.json["total"] as? Int == 6)
        }
    }

    @Test("The first admin comes from the environment only when nobody exists yet")
    func bootstrapAdmin() async throws {
        let env = ["FLEETCARE_ADMIN_EMAIL": "boss@test.example", "FLEETCARE_ADMIN_PASSWORD": "first password"]
        var config = try AppConfiguration.fromEnvironment(env)
        #expect(config.adminEmail == "boss@test.example")
        config.storage = .sqliteMemory
        config.bcryptCost = 4
        let app = try await Application.make(.testing)
        try await configure(app, config)
        try await AdminBootstrap.run(config, on: app)
        #expect(try await User.query(on: app.db).count() == 1)
        #expect(try await User.query(on: app.db).first()?.userRole == .admin)
        try await app.asyncShutdown()
    }

    @Test("An invalid configuration value stops start-up naming its variable", arguments: [
        ("FLEETCARE_PORT", "eighty"), ("DATABASE_URL", "mysql://x"), ("FLEETCARE_TIME_ZONE", "Mars/Olympus"),
        ("FLEETCARE_AUTO_MIGRATE", "perhaps"), ("FLEETCARE_ADMIN_EMAIL", "not-an-email"), ("FLEETCARE_SQLITE_CACHE_MB", "1"),
        ("FLEETCARE_SQLITE_SYNC", "off"),
    ])
    func configurationErrors(variable: String, value: String) {
        do {
            _ = try AppConfiguration.fromEnvironment([variable: value])
            Issue.record("\(variable)=\(value) was accepted")
        } catch {
            #expect(error.variable == variable)
        }
    }

    @Test("With no configuration: SQLite file fleetcare.sqlite, port 8080")
    func defaults() throws {
        let config = try AppConfiguration.fromEnvironment([:])
        #expect(config.storage == .sqliteFile(path: "fleetcare.sqlite"))
        #expect(config.port == 8080)
        #expect(config.sqliteCacheMiB == 32)
        #expect(try AppConfiguration.fromEnvironment(["FLEETCARE_SQLITE_CACHE_MB": "256"]).sqliteCacheMiB == 256)
        #expect(config.sqliteSync == .normal)
        #expect(try AppConfiguration.fromEnvironment(["FLEETCARE_SQLITE_SYNC": "FULL"]).sqliteSync == .full)
        #expect(try AppConfiguration.fromEnvironment(["FLEETCARE_DATABASE_PATH": "/tmp/x.db"]).storage == .sqliteFile(path: "/tmp/x.db"))
        #expect(try AppConfiguration.fromEnvironment(["DATABASE_URL": "postgres://u@localhost:5432/fc"]).storage
            == .postgres(url: "postgres://u@localhost:5432/fc"))
    }
}

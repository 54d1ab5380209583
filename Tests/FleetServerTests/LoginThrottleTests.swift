import FleetCore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import FleetServer

@Suite("Sign-in against password guessing")
struct LoginThrottleTests {
    static func login(_ app: Application, _ email: String, _ password: String, from address: String) async throws -> TestingHTTPResponse {
        try await APIClient(app: app, token: nil).request(.POST, "/api/v1/auth/login", json: #"{"email":"\#(email)","password":"\#(password)"}"#,
                                                          headers: ["X-Forwarded-For": address])
    }

    @Test("Five wrong passwords lock the account for fifteen minutes, even for the right one; others are not affected")
    func perAccount() async throws {
        try await withFleetApp { app in
            app.fleetConfiguration.trustForwardedFor = true
            _ = try await Fixture.make(app)
            for _ in 1...5 {
                let r = try await Self.login(app, "client-a@test.example", "guess", from: "203.0.113.5")
                #expect(r.status == .unauthorized)
            }
            let locked = try await Self.login(app, "client-a@test.example", Fixture.password, from: "198.51.100.1")
            #expect(locked.status == .tooManyRequests)
            #expect(locked.errorCode == "too_many_attempts")
            #expect(try await Self.login(app, "client-b@test.example", Fixture.password, from: "203.0.113.5").status == .ok,
                    "another account from the same address still signs in")
            #expect(try await LoginAttempt.query(on: app.db).filter(\.$succeeded == false).count() == 5)

            // The web form is guarded by the same count.
            let browser = Browser(app)
            let page = try await browser.post("/sign-in", ["email": "client-a@test.example", "password": Fixture.password])
            #expect(page.status == .tooManyRequests)
            #expect(page.text.contains("too many failed sign-ins"))

            // Fifteen minutes on, the account opens again.
            for attempt in try await LoginAttempt.query(on: app.db).all() {
                attempt.at = attempt.at.addingTimeInterval(-16 * 60)
                try await attempt.save(on: app.db)
            }
            #expect(try await Self.login(app, "client-a@test.example", Fixture.password, from: "198.51.100.1").status == .ok)
        }
    }

    @Test("One address trying many accounts is stopped after twenty failures; other addresses sign in")
    func perAddress() async throws {
        try await withFleetApp { app in
            app.fleetConfiguration.trustForwardedFor = true
            _ = try await Fixture.make(app)
            for i in 1...20 {
                #expect(try await Self.login(app, "nobody\(i)@test.example", "guess", from: "192.0.2.77").status == .unauthorized)
            }
            #expect(try await Self.login(app, "admin@test.example", Fixture.password, from: "192.0.2.77").status == .tooManyRequests)
            #expect(try await Self.login(app, "admin@test.example", Fixture.password, from: "192.0.2.78").status == .ok)
        }
    }
}

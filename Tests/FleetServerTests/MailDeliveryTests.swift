import FleetCore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import FleetServer

/// A real SMTP server on loopback (aiosmtpd, which `.ci/run` installs and starts) and the Maildir it writes to.
let mailServer: (host: String, port: Int, maildir: String)? = {
    let env = ProcessInfo.processInfo.environment
    guard let v = env["FLEETCARE_TEST_SMTP"], let colon = v.lastIndex(of: ":"), let port = Int(v[v.index(after: colon)...]),
          let dir = env["FLEETCARE_TEST_MAILDIR"] else { return nil }
    return (String(v[..<colon]), port, dir)
}()

@Suite("Notifications by e-mail")
struct MailDeliveryTests {
    @Test("A notice is e-mailed through a real SMTP server, in Persian and English, with its link",
          .enabled(if: mailServer != nil, "FLEETCARE_TEST_SMTP is not set: e-mail delivery against aiosmtpd skipped (.ci/run starts it)"))
    func throughSMTP() async throws {
        let server = try #require(mailServer)
        try await withFleetApp { app in
            let to = "it-\(UUID().uuidString.prefix(8).lowercased())@bank.example"
            app.fleetConfiguration.publicURL = "https://service.example.ir"
            app.fleetConfiguration.smtp = SMTPSettings(host: server.host, port: server.port, from: "noreply@service.example.ir",
                                                       fromName: "پارس سرویس")
            let s = try await ServiceFixture.make(app)
            let me = try await User.query(on: app.db).filter(\.$email == "client-a@test.example").first()!
            me.email = to
            try await me.save(on: app.db)
            #expect(try await s.f.clientA.patch("/api/v1/auth/me", #"{"notifyEmail":true}"#).json["notifyEmail"] as? Bool == true)
            let ticket = try await s.openTicket("paper jam").json
            #expect(try await DeliveryWorker.runOnce(app) == .init(sent: 1, retrying: 0, failed: 0))

            let dir = URL(fileURLWithPath: server.maildir).appendingPathComponent("new")
            var found: String?
            for _ in 0..<300 where found == nil {   // the server writes the file as it answers; give it a moment
                for name in (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [] {
                    let text = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
                    if text.contains("To: <\(to)>") { found = text }
                }
                if found == nil { try await Task.sleep(for: .milliseconds(100)) }
            }
            let mail = try #require(found, "no message to \(to) in \(dir.path)")
            let number = ticket["number"] as! Int
            let subject = "درخواست #\(PersianDigits.fromASCII(String(number))): بررسی از راه دور"
            #expect(mail.contains("Subject: =?UTF-8?B?\(Data(subject.utf8).base64EncodedString())?="))
            #expect(mail.contains("From: =?UTF-8?B?"))
            let parts = mail.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n")
            let body = String(data: Data(base64Encoded: parts.dropFirst().joined().replacingOccurrences(of: "\n", with: ""))!, encoding: .utf8)
            #expect(body == "\(subject)\n\nTicket #\(number): Remote triage\n\nhttps://service.example.ir/tickets/\((ticket["id"] as! String).uppercased())")
        }
    }

    @Test("With no mail server answering, the message waits and is tried again; the request never waited for it")
    func serverDown() async throws {
        try await withFleetApp { app in
            // A port nothing listens on: the connection is refused at once.
            app.fleetConfiguration.smtp = SMTPSettings(host: "127.0.0.1", port: 9, from: "noreply@service.example.ir", fromName: "x")
            let s = try await ServiceFixture.make(app)
            #expect(try await s.f.clientA.patch("/api/v1/auth/me", #"{"notifyEmail":true}"#).status == .ok)
            _ = try await s.openTicket("paper jam")
            #expect(try await DeliveryWorker.runOnce(app) == .init(sent: 0, retrying: 1, failed: 0))
            let waiting = try #require(try await Delivery.query(on: app.db).filter(\.$channel == "email").first())
            #expect(waiting.status == "pending")
            #expect(waiting.attempts == 1)
            #expect(waiting.lastError?.isEmpty == false)
        }
    }
}

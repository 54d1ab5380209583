import FleetCore
import Fluent
import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Sends the messages that are due, outside any request: each success is marked sent, each failure is tried again
/// later (1, 5, 30 minutes, 2 and 6 hours), and after the last try it is marked failed with the error, for admins.
enum DeliveryWorker {
    static let lockKey: Int64 = 0x466C_6565_7444_6C76

    struct Summary: Sendable, Equatable {
        var sent = 0
        var retrying = 0
        var failed = 0
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// One pass over what is due, on one instance at a time.
    static func runOnce(_ app: Application, now: Date = Date()) async throws -> Summary {
        try await SingleInstance.run(app, lockKey: lockKey, busy: Summary()) { try await sendDue(app, now: now) }
    }

    static func sendDue(_ app: Application, now: Date) async throws -> Summary {
        var summary = Summary()
        let due = try await Delivery.query(on: app.db).filter(\.$status == DeliveryStatus.pending.rawValue)
            .filter(\.$nextAttemptAt <= now).sort(\.$nextAttemptAt).limit(100).all()
        for d in due {
            do {
                try await send(d, app)
                d.status = DeliveryStatus.sent.rawValue
                d.sentAt = Date()
                d.lastError = nil
                summary.sent += 1
            } catch {
                d.attempts += 1
                d.lastError = String(describing: error).prefix(500).description
                if let delay = DeliveryRetry.delay(afterAttempt: d.attempts) {
                    d.nextAttemptAt = now.addingTimeInterval(delay)
                    summary.retrying += 1
                } else {
                    d.status = DeliveryStatus.failed.rawValue
                    summary.failed += 1
                    app.logger.error("message to \(d.address) given up after \(d.attempts) tries: \(d.lastError ?? "")")
                }
            }
            try await d.save(on: app.db)
        }
        return summary
    }

    static func send(_ d: Delivery, _ app: Application) async throws {
        let link = try await Notice.find(d.noticeID, on: app.db)?.link
        switch DeliveryChannel(rawValue: d.channel) {
        case .sms:
            guard let gateway = app.fleetConfiguration.smsGateway else {
                throw Failure(description: "no SMS gateway is configured (FLEETCARE_SMS_URL)")
            }
            let text = d.body + (link.map { "\n" + app.fleetConfiguration.publicBaseURL + $0 } ?? "")
            let to = (try? PhoneNumber(d.address))?.iranianMobile ?? d.address
            let r = gateway.request(to: to, text: text)
            var headers = HTTPHeaders()
            if let type = r.contentType { headers.replaceOrAdd(name: .contentType, value: type) }
            var request = ClientRequest(method: HTTPMethod(rawValue: r.method.rawValue), url: URI(string: r.url), headers: headers,
                                        body: r.body.map { ByteBuffer(string: $0) })
            request.timeout = .seconds(10)
            let response = try await app.client.send(request)
            guard (200..<300).contains(response.status.code) else {
                let said = response.body.map { String(buffer: $0).prefix(200) } ?? ""
                throw Failure(description: "the SMS gateway answered \(response.status.code) \(said)")
            }
        case .email:
            guard let smtp = app.fleetConfiguration.smtp else {
                throw Failure(description: "no mail server is configured (FLEETCARE_SMTP_HOST)")
            }
            let subject = d.body.split(separator: "\n").first.map(String.init) ?? ""
            let body = d.body + (link.map { "\n\n" + app.fleetConfiguration.publicBaseURL + $0 } ?? "")
            try await SMTPClient(settings: smtp).send(MailMessage(fromAddress: smtp.from, fromName: smtp.fromName, to: d.address,
                                                                  subject: subject, body: body))
        case nil:
            throw Failure(description: "unknown channel \(d.channel)")
        }
    }
}

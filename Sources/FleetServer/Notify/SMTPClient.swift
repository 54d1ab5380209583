import FleetCore
import Foundation
import NIOCore
import NIOExtras
import NIOPosix
import NIOSSL

/// Where e-mail notifications leave from.
public struct SMTPSettings: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var from: String
    public var fromName: String
    public var username: String?
    public var password: String?
    /// TLS from the first byte (SMTPS, usually port 465); otherwise plain SMTP, for a relay on the same network.
    public var tls: Bool

    public init(host: String, port: Int, from: String, fromName: String, username: String? = nil, password: String? = nil, tls: Bool = false) {
        self.host = host
        self.port = port
        self.from = from
        self.fromName = fromName
        self.username = username
        self.password = password
        self.tls = tls
    }
}

/// A small SMTP client (RFC 5321): EHLO, AUTH PLAIN when credentials are set, one message to one recipient.
struct SMTPClient {
    let settings: SMTPSettings
    var timeout: Duration = .seconds(30)

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    func send(_ message: MailMessage) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await exchange(message) }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw Failure(description: "the mail server at \(settings.host):\(settings.port) did not answer within \(timeout)")
            }
            try await group.next()
            group.cancelAll()
        }
    }

    private func exchange(_ message: MailMessage) async throws {
        let settings = self.settings
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(10))
            .connect(host: settings.host, port: settings.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if settings.tls {
                        let context = try NIOSSLContext(configuration: .makeClientConfiguration())
                        try channel.pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: context, serverHostname: settings.host))
                    }
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineBasedFrameDecoder()))
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        try await channel.executeThenClose { inbound, outbound in
            var lines = inbound.makeAsyncIterator()
            /// A reply's code, after reading its continuation lines (`250-…`) to the last (`250 …`).
            func reply(_ expected: Set<Int>, after step: String) async throws {
                var text = ""
                while true {
                    guard let line = try await lines.next() else { throw Failure(description: "the mail server closed the connection after \(step)") }
                    text = String(buffer: line)
                    if text.count < 4 || text[text.index(text.startIndex, offsetBy: 3)] != "-" { break }
                }
                guard let code = Int(text.prefix(3)), expected.contains(code) else {
                    throw Failure(description: "the mail server answered \"\(text.prefix(200))\" to \(step)")
                }
            }
            func command(_ line: String, _ expected: Set<Int>, shown: String? = nil) async throws {
                try await outbound.write(ByteBuffer(string: line + "\r\n"))
                try await reply(expected, after: shown ?? line)
            }
            try await reply([220], after: "connecting")
            try await command("EHLO fleetcare", [250])
            if let user = settings.username, let password = settings.password {
                let token = Data("\0\(user)\0\(password)".utf8).base64EncodedString()
                try await command("AUTH PLAIN \(token)", [235], shown: "AUTH PLAIN")
            }
            try await command("MAIL FROM:<\(settings.from)>", [250])
            try await command("RCPT TO:<\(message.to)>", [250, 251])
            try await command("DATA", [354])
            try await outbound.write(ByteBuffer(string: MailMessage.dotStuffed(message.rendered) + ".\r\n"))
            try await reply([250], after: "the message")
            try? await command("QUIT", [221])
        }
    }
}

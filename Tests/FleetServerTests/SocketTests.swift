import FleetCore
import Foundation
import Testing
import Vapor
#if canImport(Glibc)
import Glibc
#endif

@testable import FleetServer

/// What only a real socket shows: a browser streams a large form in pieces, and a header is bytes on the wire.
@Suite("Over a socket: streamed forms, header injection, the database file removed", .serialized)
struct SocketTests {
    static let admin = (email: "admin@socket.example", password: "socket-password-1")

    /// Runs `body` against a new server on an SQLite file in a folder of its own, with a client for it.
    static func withServer(_ body: (_ server: ServerProcess, _ wire: Wire, _ dir: String) async throws -> Void) async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let client = try await Wire.makeClientApp()
        defer { Task { try? await client.asyncShutdown() } }
        let server = try await ServerProcess.start(["FLEETCARE_DATABASE_PATH": "\(dir)/fleet.sqlite", "FLEETCARE_ADMIN_EMAIL": admin.email,
                                                    "FLEETCARE_ADMIN_PASSWORD": admin.password], directory: dir)
        defer { Task { await server.stop() } }
        try await body(server, Wire(client, base: server.base), dir)
    }

    @Test("A signed-in form of 4 KB or 64 KB, sent in 1 KB pieces as a browser streams it, is taken, not refused as a forgery",
          arguments: [4_096, 65_536])
    func streamedForm(size: Int) async throws {
        try await Self.withServer { server, wire, _ in
            try await wire.signInPage(Self.admin.email, Self.admin.password)
            let page = try await wire.send(.GET, "/customers/new", headers: ["Accept": "text/html"])
            guard let token = page.text.firstMatch(of: /name="_csrf" value="([^"]+)"/)?.1 else { throw TestFailure("no form token") }

            // A 300-letter Persian address, and a drawn signature's worth of data to reach the size.
            let address = String(repeating: "خیابان آزادی ", count: 25).prefix(300).trimmingCharacters(in: .whitespaces)
            var fields = [("name", "بانک ملت شعبه مرکزی"), ("address", String(address)), ("_csrf", String(token))]
            let base = RawHTTP.form(fields).utf8.count
            fields.append(("signature", "data:image/png;base64," + String(repeating: "A", count: max(0, size - base - 40))))
            let body = Array(RawHTTP.form(fields).utf8)
            #expect(abs(body.count - size) < 100)
            let cookie = wire.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
            let reply = try await RawHTTP.exchange(port: server.port, head: """
                POST /customers/new HTTP/1.1\r
                Host: 127.0.0.1\r
                Accept: text/html\r
                Content-Type: application/x-www-form-urlencoded\r
                Content-Length: \(body.count)\r
                Cookie: \(cookie)\r
                Connection: close\r
                \r

                """, body: body)
            #expect(reply.hasPrefix("HTTP/1.1 303"), "\(reply.prefix(400))")
            try await wire.login(Self.admin.email, Self.admin.password)
            let names = try await wire.send(.GET, "/api/v1/customers").json["items"] as? [[String: Any]] ?? []
            #expect(names.contains { $0["name"] as? String == "بانک ملت شعبه مرکزی" && $0["address"] as? String == String(address) },
                    "\(names.map { ($0["name"] ?? "", ($0["address"] as? String)?.count ?? 0) })")
        }
    }

    @Test("Line breaks in back= and next= put no header of the sender's on the wire")
    func noHeaderInjection() async throws {
        try await Self.withServer { server, _, _ in
            for path in ["/language/en?back=/%0D%0ASet-Cookie:%20evil=1%0D%0AX-Injected:%201",
                         "/language/fa?back=/%0AX-Injected:%201", "/language/en?back=/%09/evil.example"] {
                let reply = try await RawHTTP.exchange(port: server.port, head: "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", body: [])
                let head = reply.components(separatedBy: "\r\n\r\n")[0].components(separatedBy: "\r\n")
                #expect(head.first?.hasPrefix("HTTP/1.1 303") == true, "\(reply.prefix(300))")
                #expect(head.contains("location: /") || head.contains("Location: /"), "\(head)")
                #expect(!head.contains { $0.lowercased().hasPrefix("x-injected") || $0.contains("evil") }, "\(head)")
            }
        }
    }

    @Test("The database file removed under a running server: 503 database_unavailable, health says so, the log names the path")
    func databaseFileRemoved() async throws {
        try await Self.withServer { server, wire, dir in
            try await wire.login(Self.admin.email, Self.admin.password)
            #expect(try await wire.send(.POST, "/api/v1/customers", body: #"{"name":"Before"}"#).status == .created)
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: "\(dir)/fleet.sqlite\(suffix)") }

            let after = try await wire.send(.POST, "/api/v1/customers", body: #"{"name":"After"}"#)
            #expect(after.status == .serviceUnavailable)
            #expect(after.errorCode == "database_unavailable")
            #expect(after.headers.first(name: .retryAfter) != nil)
            let health = try await wire.send(.GET, "/api/v1/health")
            #expect(health.status == .serviceUnavailable)
            #expect(health.errorCode == "database_unavailable")
            try await server.waitForLog("\(dir)/fleet.sqlite was removed or replaced")
            #expect(server.log.contains("[ ERROR ]"), "\(server.log.suffix(1_000))")
        }
    }
}

/// A bare HTTP/1.1 exchange on a socket: the head, then the body in pieces with a pause between, then all of the reply.
enum RawHTTP {
    static func form(_ fields: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        allowed.insert(charactersIn: "-._~")
        return fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
    }

    static func exchange(port: Int, head: String, body: [UInt8], piece: Int = 1_024) async throws -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestFailure("socket: \(errno)") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw TestFailure("connect: \(errno)") }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        try sendAll(fd, Array(head.utf8))
        var offset = 0
        while offset < body.count {
            try await Task.sleep(for: .milliseconds(5))
            let end = min(offset + piece, body.count)
            try sendAll(fd, Array(body[offset..<end]))
            offset = end
        }
        var reply: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            reply += buffer[0..<n]
        }
        return String(decoding: reply, as: UTF8.self)
    }

    private static func sendAll(_ fd: Int32, _ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw TestFailure("send: \(errno)") }
            sent += n
        }
    }
}

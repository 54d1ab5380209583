import Foundation
import NIOConcurrencyHelpers
import Testing
import Vapor

@testable import FleetServer

/// A real `fleetcare serve` child process, for what only a process shows: signals, a kill, several instances.
/// Uses the binary `swift build` (and `swift test`) leaves in `.build/debug`.
final class ServerProcess: @unchecked Sendable {
    let process: Process
    let logPath: String
    private(set) var port = 0

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static var binary: String { packageRoot.appendingPathComponent(".build/debug/fleetcare").path }

    /// Starts `serve` on a free port with `environment` on top of a quiet, fast-hashing base, and waits until it answers.
    static func start(_ environment: [String: String], directory: String, name: String = "server") async throws -> ServerProcess {
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw TestFailure("\(binary) is missing: `swift build` builds it (and `swift test` does too)")
        }
        let logPath = "\(directory)/\(name).log"
        FileManager.default.createFile(atPath: logPath, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["serve", "--hostname", "127.0.0.1", "--port", "0"]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("FLEETCARE_") && $0.key != "DATABASE_URL" }
        env["FLEETCARE_BCRYPT_COST"] = "4"
        env["FLEETCARE_DELIVERY_EVERY_SECONDS"] = "0"
        env["LOG_LEVEL"] = "notice"
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        process.standardOutput = log
        process.standardError = log
        try process.run()
        let server = ServerProcess(process: process, logPath: logPath)
        do {
            try await server.waitForPort()
        } catch {
            server.signal(SIGKILL)
            throw error
        }
        return server
    }

    private init(process: Process, logPath: String) {
        self.process = process
        self.logPath = logPath
    }

    /// A server no test holds any more is not left running, however the test ended.
    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    var base: String { "http://127.0.0.1:\(port)" }

    /// Reads the port from "Server started on http://127.0.0.1:PORT".
    private func waitForPort(timeout: Duration = .seconds(90)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let m = log.firstMatch(of: /Server started on http:\/\/127\.0\.0\.1:(\d+)/), let p = Int(m.1) {
                port = p
                return
            }
            guard process.isRunning else { throw TestFailure("the server exited (\(process.terminationStatus)) before listening:\n\(log)") }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TestFailure("the server did not start listening:\n\(log)")
    }

    func signal(_ sig: Int32) { kill(process.processIdentifier, sig) }

    /// Waits until the server's log shows `text` (a request line, at LOG_LEVEL=info).
    func waitForLog(_ text: String, timeout: Duration = .seconds(60)) async throws {
        let deadline = ContinuousClock.now + timeout
        while !log.contains(text) {
            guard ContinuousClock.now < deadline, process.isRunning else { throw TestFailure("the log never showed \(text):\n\(log.suffix(2_000))") }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Waits for the process to end and gives its exit status, or nil if it is still running after `timeout`.
    func waitForExit(timeout: Duration = .seconds(30)) async throws -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            guard ContinuousClock.now < deadline else { return nil }
            try await Task.sleep(for: .milliseconds(50))
        }
        return process.terminationStatus
    }

    /// Stops it however it is: politely, then not.
    func stop() async {
        guard process.isRunning else { return }
        signal(SIGTERM)
        if (try? await waitForExit(timeout: .seconds(20))) == nil {
            signal(SIGKILL)
            _ = try? await waitForExit(timeout: .seconds(5))
        }
    }
}

/// An HTTP client for servers in other processes: keeps a bearer token or the cookies of a browser session.
final class Wire: @unchecked Sendable {
    let app: Application
    var base: String
    var token: String?
    var cookies: [String: String] = [:]

    struct Reply {
        let status: HTTPResponseStatus
        let headers: HTTPHeaders
        let text: String
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]) ?? [:] }
        var errorCode: String? { (json["error"] as? [String: Any])?["code"] as? String }
    }

    init(_ app: Application, base: String) {
        self.app = app
        self.base = base
    }

    /// An app used only for its HTTP client, which must not follow redirects (sign-in answers 303).
    static func makeClientApp() async throws -> Application {
        let app = try await Application.make(.testing)
        app.http.client.configuration.redirectConfiguration = .disallow
        app.http.client.configuration.timeout = .init(connect: .seconds(5), read: .seconds(120))
        return app
    }

    func send(_ method: HTTPMethod, _ path: String, body: String? = nil, contentType: String = "application/json",
              headers extra: HTTPHeaders = [:]) async throws -> Reply {
        var headers = extra
        if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        if !cookies.isEmpty { headers.replaceOrAdd(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")) }
        if body != nil { headers.replaceOrAdd(name: .contentType, value: contentType) }
        let response = try await app.client.send(ClientRequest(method: method, url: URI(string: base + path), headers: headers,
                                                               body: body.map { ByteBuffer(string: $0) }))
        for header in response.headers[.setCookie] {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            if pair.count == 2 { cookies[String(pair[0])] = String(pair[1]) }
        }
        return Reply(status: response.status, headers: response.headers, text: response.body.map { String(buffer: $0) } ?? "")
    }

    func login(_ email: String, _ password: String) async throws {
        let r = try await send(.POST, "/api/v1/auth/login", body: #"{"email":"\#(email)","password":"\#(password)"}"#)
        guard let t = r.json["token"] as? String else { throw TestFailure("login failed: \(r.status) \(r.text)") }
        token = t
    }

    /// Signs in through the page, as a browser does: the form token first, then the form.
    func signInPage(_ email: String, _ password: String) async throws {
        let page = try await send(.GET, "/sign-in", headers: ["Accept": "text/html"])
        guard let m = page.text.firstMatch(of: /name="_csrf" value="([^"]+)"/) else { throw TestFailure("no form token: \(page.text)") }
        var c = URLComponents()
        c.queryItems = [.init(name: "email", value: email), .init(name: "password", value: password), .init(name: "_csrf", value: String(m.1))]
        let r = try await send(.POST, "/sign-in", body: c.percentEncodedQuery!.replacingOccurrences(of: "+", with: "%2B"), contentType: "application/x-www-form-urlencoded",
                               headers: ["Accept": "text/html"])
        guard r.status == .seeOther else { throw TestFailure("page sign-in: \(r.status) \(r.text.prefix(300))") }
    }
}

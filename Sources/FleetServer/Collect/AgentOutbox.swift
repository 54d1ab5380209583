import Foundation
import Vapor

/// The agent's readings not yet accepted by the server, one JSON object per line. Readings are written here
/// as soon as they are read and removed only once the server has answered for them, so a dead link or a
/// crash loses nothing; the server ignores a reading it already has, so a lost answer costs no double count.
struct AgentOutbox {
    let path: String

    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.dateEncodingStrategy = .iso8601
        e.outputFormatting = [.sortedKeys]
        return e
    }()

    static let decoder: JSONDecoder = {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return d
    }()

    func load() throws -> [ReadingInput] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        var out: [ReadingInput] = []
        for (i, line) in data.split(separator: UInt8(ascii: "\n")).enumerated() where !line.isEmpty {
            do {
                out.append(try Self.decoder.decode(ReadingInput.self, from: Data(line)))
            } catch {
                throw CommandFailure("\(path) line \(i + 1) is not a reading (\(error)); move the file aside to start afresh")
            }
        }
        return out
    }

    func append(_ readings: [ReadingInput]) throws {
        guard !readings.isEmpty else { return }
        var data = Data()
        for r in readings {
            data.append(try Self.encoder.encode(r))
            data.append(UInt8(ascii: "\n"))
        }
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil) else { throw CommandFailure("cannot create \(path)") }
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: data)
        try handle.synchronize()
    }

    /// Keeps only `remaining`, atomically: the file is either the old list or the new one.
    func replace(with remaining: [ReadingInput]) throws {
        let temp = path + ".tmp"
        try? FileManager.default.removeItem(atPath: temp)
        var data = Data()
        for r in remaining {
            data.append(try Self.encoder.encode(r))
            data.append(UInt8(ascii: "\n"))
        }
        try data.write(to: URL(fileURLWithPath: temp))
        if rename(temp, path) != 0 { throw CommandFailure("cannot replace \(path): \(String(cString: strerror(errno)))") }
    }
}

/// Sends readings to a FleetCare server with a site agent's token.
struct ReadingPusher {
    let client: any Client
    let server: String
    let token: String

    func push(_ readings: [ReadingInput]) async throws -> ReadingBatchResult {
        let base = server.hasSuffix("/") ? String(server.dropLast()) : server
        let response: ClientResponse
        do {
            response = try await client.post(URI(string: base + "/api/v1/readings"),
                                             headers: ["Authorization": "Bearer \(token)"]) { req in
                try req.content.encode(ReadingBatch(readings: readings), as: .json)
            }
        } catch {
            throw CommandFailure("cannot reach \(base): \(error)")
        }
        switch response.status {
        case .ok:
            return try response.content.decode(ReadingBatchResult.self)
        case .unauthorized:
            throw CommandFailure("\(base) refused the agent token (revoked, mistyped, or for another server)")
        default:
            let detail = (try? response.content.decode(ErrorBody.self)).map { "\($0.error.code): \($0.error.message)" }
                ?? response.body.map { String(buffer: $0) } ?? ""
            throw CommandFailure("\(base) answered \(response.status.code) \(detail)")
        }
    }
}

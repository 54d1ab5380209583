import FleetCore
import Fluent
import Foundation
import PrinterSNMP
import Testing
import Vapor
import VaporTesting

@testable import FleetServer

/// The simulated fleet `.ci/run` serves: the shared mono HP at .1, then Tests/Fixtures/snmp/NN-*.snmprec at .NN.
let simulatedFleet: (base: String, port: Int)? = {
    guard let v = ProcessInfo.processInfo.environment["FLEETCARE_TEST_SNMPSIM"], let colon = v.lastIndex(of: ":"),
          let port = Int(v[v.index(after: colon)...]) else { return nil }
    return (v[..<colon].split(separator: ".").dropLast().joined(separator: "."), port)
}()

@Suite("Collecting meters: files, the agent's outbox")
struct CollectFileTests {
    @Test("Targets come from a CSV with address or the export's ipAddress column; a bad row names its line")
    func targetsFromCSV() throws {
        let defaults = CollectTarget(address: "", port: 16108, community: "site-ro")
        let t = try MeterCollector.targets(csv: "serialNumber,ipAddress,snmpPort,snmpCommunity\nA,10.0.0.5,,\nB,,,\nC,10.0.0.6,1161,priv\n", defaults: defaults)
        #expect(t == [CollectTarget(address: "10.0.0.5", port: 16108, community: "site-ro"),
                      CollectTarget(address: "10.0.0.6", port: 1161, community: "priv")])
        #expect(throws: CommandFailure.self) { try MeterCollector.targets(csv: "address\nprinter-3\n", defaults: defaults) }
        let v1 = try MeterCollector.targets(csv: "address,version\n10.0.0.7,1\n", defaults: defaults)
        #expect(v1.first?.version == .v1)
    }

    @Test("The outbox keeps readings across runs, and replacing it leaves exactly what was not sent")
    func outbox() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("outbox-\(UUID()).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let box = AgentOutbox(path: path)
        #expect(try box.load().isEmpty)
        let at = Date(timeIntervalSince1970: 1_790_000_000)
        let readings = (1...3).map { i in
            ReadingInput(serialNumber: "S\(i)", takenAt: at, source: "snmp", totalPages: Int64(i * 100),
                         supplies: [SupplyReading(name: "Black", kind: "toner", levelPercent: 40)], address: "10.0.0.\(i)")
        }
        try box.append(Array(readings.prefix(2)))
        try box.append([readings[2]])
        #expect(try box.load().map(\.serialNumber) == ["S1", "S2", "S3"])
        #expect(try box.load().first?.takenAt == at)
        try box.replace(with: [readings[2]])
        #expect(try box.load().map(\.totalPages) == [300])
        try "not json\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: CommandFailure.self) { try box.load() }
    }
}

@Suite("Collecting meters from simulated printers",
       .enabled(if: simulatedFleet != nil, "FLEETCARE_TEST_SNMPSIM is not set: collector tests against snmpsim skipped (.ci/run starts it)"))
struct CollectSimulatedTests {
    func address(_ octet: Int) -> String { "\(simulatedFleet!.base).\(octet)" }
    var port: Int { simulatedFleet!.port }

    @Test("Into the database: matched by serial then address, a moved printer noticed, the dead and the unknown counted")
    func intoDatabase() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let mono = try await f.device(serial: "PHBQJ12345", extra: #","ipAddress":"\#(address(1))","snmpPort":\#(port)"#)
            let color = try await f.device(serial: "CNBRM4790X", model: "Color LaserJet Pro M479fdw",
                                           extra: #","color":true,"ipAddress":"\#(address(2))","snmpPort":\#(port)"#)
            // The Kyocera's record has an old address: its serial still finds it, and the new address is noticed.
            let kyocera = try await f.device(serial: "W4H8Z01234", make: "Kyocera", model: "TASKalfa 2553ci",
                                             extra: #","color":true,"ipAddress":"10.99.0.3","snmpPort":\#(port)"#)
            let targets = [1, 2, 3, 4, 250].map { CollectTarget(address: address($0), port: port) }
                + [CollectTarget(address: address(2), port: port, community: "wrong")]
            let book = ReadingBook(db: app.db, sender: .collector)
            // Generous: the simulator is a Python process sharing two busy cores with the whole suite.
            let collector = MeterCollector(settings: CollectSettings(concurrency: 8, timeout: .seconds(3), retries: 1))
            let summary = try await collector.run(targets, deliver: { try await book.record($0) })
            #expect(summary.polled == 6)
            #expect(summary.read == 4)
            #expect(summary.unreachable == 2, "the dead address and the wrong community")
            #expect(summary.unmatched == 1, "the Xerox has no record")
            #expect(summary.stored == 3)
            #expect(summary.moved == 1)
            #expect(summary.lowToner == 2, "the HP's cyan at 8% and the Kyocera's yellow at 5%")

            let c = try await f.admin.get("/api/v1/devices/\(color)").json["lastReading"] as? [String: Any]
            #expect(c?["totalPages"] as? Int == 48_210)
            #expect(c?["monoPages"] as? Int == 31_176)
            #expect(c?["colorPages"] as? Int == 17_034)
            #expect((c?["supplies"] as? [[String: Any]])?.map { $0["levelPercent"] as? Int } == [64, 8, 51, 77])
            let k = try await f.admin.get("/api/v1/devices/\(kyocera)").json["lastReading"] as? [String: Any]
            #expect(k?["totalPages"] as? Int == 231_877)
            #expect(k?["address"] as? String == address(3))
            #expect(try await f.admin.get("/api/v1/devices/\(mono)/readings").json["total"] as? Int == 1)
            let alerts = try await f.dispatcher.get("/api/v1/alerts").items
            #expect(alerts.contains { $0["kind"] as? String == "lowToner" && ($0["message"] as? String)?.hasPrefix("Cyan Cartridge HP W2031X at 8%") == true })
            #expect(alerts.contains { $0["kind"] as? String == "relocated" && $0["deviceId"] as? String == kyocera })
        }
    }

    @Test("As an agent: readings wait in the outbox while the server is away, then go once; sending again counts duplicates")
    func agent() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            try await f.device(serial: "PHBQJ12345")
            try await f.device(serial: "CNBRM4790X", extra: #","color":true"#)
            let token = try await f.admin.post("/api/v1/sites/\(f.siteA)/agent-tokens", "{}").json["token"] as! String
            try await app.server.start(address: .hostname("127.0.0.1", port: 0))
            let serverPort = try #require(app.http.server.shared.localAddress?.port)

            let path = FileManager.default.temporaryDirectory.appendingPathComponent("agent-\(UUID()).jsonl").path
            defer { try? FileManager.default.removeItem(atPath: path) }
            let box = AgentOutbox(path: path)
            let collector = MeterCollector(settings: CollectSettings(concurrency: 4, timeout: .seconds(3), retries: 1))
            let read = try await collector.run([1, 2].map { CollectTarget(address: address($0), port: port) },
                                               deliver: { try box.append($0); return ReadingBatchResult() })
            #expect(read.read == 2)
            #expect(try box.load().count == 2)

            app.http.client.configuration.timeout.connect = .seconds(1)  // the client retries a refused connection until then
            let away = ReadingPusher(client: app.client, server: "http://127.0.0.1:1", token: token)
            await #expect(throws: CommandFailure.self) { _ = try await away.push(try box.load()) }
            #expect(try box.load().count == 2, "nothing is lost while the server is away")

            let pusher = ReadingPusher(client: app.client, server: "http://127.0.0.1:\(serverPort)", token: token)
            let first = try await pusher.push(try box.load())
            #expect(first.accepted == 2)
            let again = try await pusher.push(try box.load())
            #expect(again.accepted == 0)
            #expect(again.duplicates == 2)
            let wrong = ReadingPusher(client: app.client, server: "http://127.0.0.1:\(serverPort)", token: "fca_not-a-token")
            await #expect(throws: CommandFailure.self) { _ = try await wrong.push(try box.load()) }
            await app.server.shutdown()
        }
    }
}

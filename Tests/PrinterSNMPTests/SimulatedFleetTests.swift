import Foundation
import PrinterSNMP
import Testing

/// `.ci/run` serves Tests/Fixtures/snmp/NN-name.snmprec at the simulator's network address with NN as the last octet.
func simulatedAddress(_ octet: Int) -> SNMPTarget {
    let host = simulator!.host.split(separator: ".").dropLast().joined(separator: ".") + ".\(octet)"
    return SNMPTarget(host: host, port: simulator!.port, timeout: .seconds(2), retries: 1)
}

@Suite("Reading simulated printers of several vendors",
       .enabled(if: simulator != nil, "FLEETCARE_TEST_SNMPSIM is not set: simulated-fleet tests skipped (.ci/run starts snmpsim and sets it)"))
struct SimulatedFleetTests {
    @Test("Over the network, each printer reads exactly as its file says", arguments: [
        (2, "02-hp-color"), (3, "03-kyocera-color"), (4, "04-xerox-mono"),
    ])
    func readsLikeTheFile(octet: Int, file: String) async throws {
        let client = try await SNMPClient.make()
        defer { Task { try? await client.close() } }
        let target = simulatedAddress(octet)
        var expected = try Snmprec(named: file).reading
        expected.address = target.host
        #expect(try await client.readPrinter(target) == expected)
        var v1 = target
        v1.version = .v1
        #expect(try await client.readPrinter(v1) == expected, "v1 (GETNEXT, noSuchName for the absent vendor OIDs) reads the same")
    }

    @Test("A fleet scan: every live printer read, the dead address and the wrong community each a timeout")
    func scan() async throws {
        let client = try await SNMPClient.make()
        defer { Task { try? await client.close() } }
        var targets: [(String, SNMPTarget)] = [1, 2, 3, 4].map { ("live-\($0)", simulatedAddress($0)) }
        var dead = simulatedAddress(250)
        dead.timeout = .milliseconds(500)
        var wrong = simulatedAddress(2)
        wrong.community = "not-public"
        wrong.timeout = .milliseconds(500)
        targets += [("dead", dead), ("wrong-community", wrong)]
        var read: [String: PrinterReading] = [:]
        var failed: [String: SNMPError] = [:]
        await FleetScanner(client: client, concurrency: 8).scan(targets) { tag, _, result in
            switch result {
            case let .success(r): read[tag] = r
            case let .failure(e): failed[tag] = e
            }
        }
        #expect(read.mapValues(\.serialNumber) == ["live-1": "PHBQJ12345", "live-2": "CNBRM4790X", "live-3": "W4H8Z01234", "live-4": "X3B405777"])
        #expect(failed == ["dead": .timeout(target: dead.name, tries: 2), "wrong-community": .timeout(target: wrong.name, tries: 2)])
    }
}

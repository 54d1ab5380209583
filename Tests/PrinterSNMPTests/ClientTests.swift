import Foundation
import PrinterSNMP
import Testing

/// The simulated HP printer of ../shared/fixtures/snmp, as `host:port`, when `.ci/run` has started snmpsim.
let simulator: (host: String, port: Int)? = {
    guard let v = ProcessInfo.processInfo.environment["FLEETCARE_TEST_SNMPSIM"], let colon = v.lastIndex(of: ":"),
          let port = Int(v[v.index(after: colon)...]) else { return nil }
    return (String(v[..<colon]), port)
}()

@Suite("SNMP client")
struct ClientTests {
    @Test("Nobody answering is a timeout that names the device and the likely causes, after every try")
    func deadAddress() async throws {
        let client = try await SNMPClient.make()
        let target = SNMPTarget(host: "127.0.10.250", port: 16108, timeout: .milliseconds(200), retries: 1)
        let started = ContinuousClock.now
        do {
            _ = try await client.get(["1.3.6.1.2.1.1.5.0"], from: target)
            Issue.record("a dead address answered")
        } catch let error as SNMPError {
            #expect(error == .timeout(target: "127.0.10.250:16108", tries: 2))
            #expect(error.description == "127.0.10.250:16108: no answer after 2 tries (device off or unreachable, no SNMP agent, or wrong community)")
        }
        #expect(ContinuousClock.now - started >= .milliseconds(400))
        try await client.close()
    }

    @Test("Dead addresses wait side by side, as many at once as the scanner allows and no more", arguments: [16, 5])
    func deadInParallel(concurrency: Int) async throws {
        let client = try await SNMPClient.make()
        let targets = (200..<216).map { i in ((), SNMPTarget(host: "127.0.10.\(i)", port: 16108, timeout: .milliseconds(300), retries: 0)) }
        var failures = 0
        await FleetScanner(client: client, concurrency: concurrency).scan(targets) { _, _, result in
            if case .failure(.timeout) = result { failures += 1 }
        }
        #expect(failures == 16)
        #expect(client.peakInFlight == concurrency)
        try await client.close()
    }

    @Test("A host that is not an address is refused before anything is sent")
    func badAddress() async throws {
        let client = try await SNMPClient.make()
        await #expect(throws: SNMPError.badAddress(target: "printer.example:161")) {
            _ = try await client.get(["1.3.6.1.2.1.1.5.0"], from: SNMPTarget(host: "printer.example"))
        }
        try await client.close()
    }
}

@Suite("SNMP client against a simulated printer",
       .enabled(if: simulator != nil, "FLEETCARE_TEST_SNMPSIM is not set: simulated-printer tests skipped (.ci/run starts snmpsim and sets it)"))
struct SimulatedPrinterTests {
    var target: SNMPTarget { SNMPTarget(host: simulator!.host, port: simulator!.port, timeout: .seconds(2), retries: 1) }

    @Test("GET reads the name and the page counter")
    func get() async throws {
        let client = try await SNMPClient.make()
        let binds = try await client.get(["1.3.6.1.2.1.1.5.0", "1.3.6.1.2.1.43.10.2.1.4.1.1"], from: target)
        #expect(binds.map(\.value.text) == ["PRN-0001", nil])
        #expect(binds[1].value.number == 123_456)
        try await client.close()
    }

    @Test("Walking the supply levels with GETBULK (v2c) and with GETNEXT (v1) gives the same rows")
    func walk() async throws {
        let client = try await SNMPClient.make()
        let column: OID = "1.3.6.1.2.1.43.11.1.1.9"
        let bulk = try await client.walk(column, from: target)
        var v1 = target
        v1.version = .v1
        let next = try await client.walk(column, from: v1)
        #expect(bulk.map(\.oid.description) == ["1.3.6.1.2.1.43.11.1.1.9.1.1", "1.3.6.1.2.1.43.11.1.1.9.1.2"])
        #expect(bulk.map(\.value) == [.integer(42), .integer(-3)])
        #expect(next == bulk)
        try await client.close()
    }

    @Test("A wrong community gets no answer at all: a timeout naming the device")
    func wrongCommunity() async throws {
        let client = try await SNMPClient.make()
        var wrong = target
        wrong.community = "private-guess"
        wrong.timeout = .milliseconds(300)
        await #expect(throws: SNMPError.timeout(target: wrong.name, tries: 2)) {
            _ = try await client.get(["1.3.6.1.2.1.1.5.0"], from: wrong)
        }
        try await client.close()
    }

    @Test("Two hundred requests in flight on one socket each get their own answer")
    func concurrent() async throws {
        let client = try await SNMPClient.make()
        let t = target
        let names = try await withThrowingTaskGroup(of: String?.self) { group in
            for _ in 0..<200 { group.addTask { try await client.get(["1.3.6.1.2.1.1.5.0"], from: t).first?.value.text } }
            var all: [String?] = []
            for try await n in group { all.append(n) }
            return all
        }
        #expect(names.count == 200)
        #expect(Set(names) == ["PRN-0001"])
        try await client.close()
    }
}

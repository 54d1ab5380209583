import Foundation
import PrinterSNMP

/// `fleetcare bench snmp`: a simulated fleet read by the concurrent scanner, beside the simple approach
/// (one request at a time) and beside the simulator's own request rate.
struct SNMPBench {
    var fleet = SimulatedFleet()
    /// snmpsim's `snmpsim-command-responder-lite`; nil with `attach`: a simulator already serves the fleet.
    var simulator: String?
    var concurrency = 64
    var timeout: Duration = .seconds(2)
    var retries = 1
    /// Printers read one at a time for the comparison (the same mix of live and dead); 0: the whole fleet.
    var sequentialSample = 100
    /// snmpsim answers on one core; several processes share the fleet so the simulator can use the machine.
    var simulatorProcesses = min(2, ProcessInfo.processInfo.activeProcessorCount)

    func run(_ say: (String) -> Void) async throws {
        var processes: [Process] = []
        var workDir: URL?
        defer {
            // snmpsim ignores SIGTERM once it has dropped to nobody: it must be killed.
            for p in processes where p.isRunning {
                kill(p.processIdentifier, SIGKILL)
                p.waitUntilExit()
            }
            if let d = workDir { try? FileManager.default.removeItem(at: d) }
        }
        if let simulator {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fleetcare-bench-\(UUID().uuidString.prefix(8))")
            workDir = dir
            for part in 0..<simulatorProcesses {
                let data = dir.appendingPathComponent("data-\(part)")
                let flags = try fleet.write(to: data, part: part, of: simulatorProcesses)
                let cache = dir.appendingPathComponent("cache-\(part)")
                try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
                var arguments = ["--data-dir=\(data.path)", "--cache-dir=\(cache.path)", "--log-level=error"]
                if getuid() == 0 {
                    // snmpsim refuses to run as root: it drops to nobody, who must read the data and write the cache.
                    try FileManager.default.setAttributes([.ownerAccountName: "nobody"], ofItemAtPath: cache.path)
                    for path in [dir.path, data.path, data.appendingPathComponent("public").path] {
                        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
                    }
                    arguments += ["--process-user=nobody", "--process-group=nogroup"]
                }
                let p = Process()
                p.executableURL = URL(fileURLWithPath: simulator)
                p.arguments = arguments + flags
                let log = dir.appendingPathComponent("simulator-\(part).log")
                FileManager.default.createFile(atPath: log.path, contents: nil)
                p.standardOutput = try FileHandle(forWritingTo: log)
                p.standardError = try FileHandle(forWritingTo: log)
                try p.run()
                processes.append(p)
            }
            say("simulator: \(fleet.served.count) printers on \(fleet.address(0))… port \(fleet.port), \(fleet.printers - fleet.served.count) addresses unserved, \(simulatorProcesses) snmpsim process(es)")
        }
        let client = try await SNMPClient.make()
        defer { Task { try? await client.close() } }
        let served = fleet.served
        for part in 0..<max(1, processes.count) {
            let last = served.enumerated().last { $0.offset % max(1, processes.count) == part }!.element
            try await waitForSimulator(client, last: last, process: processes.isEmpty ? nil : processes[part])
        }

        let capacity = try await simulatorRate(client, served: served)
        say(String(format: "simulator capacity: %.0f one-object GETs/s (64 in flight for 3 s, before the scan)", capacity))

        let rssBefore = Self.memory("VmRSS")
        let targets = (0..<fleet.printers).map { i in
            (i, SNMPTarget(host: fleet.address(i), port: fleet.port, timeout: timeout, retries: retries))
        }
        let sentBefore = client.requestsSent
        let cpuBefore = Self.cpuSeconds()
        var read = 0, unreachable = 0, wrong: [String] = []
        let started = ContinuousClock.now
        await FleetScanner(client: client, concurrency: concurrency).scan(targets) { i, _, result in
            switch result {
            case let .success(r):
                read += 1
                if r.serialNumber != String(format: "BENCH%05d", i) || r.totalPages == nil { wrong.append(fleet.address(i)) }
            case .failure: unreachable += 1
            }
        }
        let wall = Self.seconds(ContinuousClock.now - started)
        let requests = client.requestsSent - sentBefore
        let peak = Self.memory("VmHWM")
        let cpu = Self.cpuSeconds() - cpuBefore
        let simMemory = processes.isEmpty ? nil : processes.compactMap { Self.memory("VmRSS", pid: $0.processIdentifier) }.reduce(0, +)

        let sample = sequentialSample == 0 || sequentialSample >= fleet.printers
            ? Array(0..<fleet.printers)
            : stride(from: 0, to: fleet.printers, by: max(1, fleet.printers / sequentialSample)).map { $0 }
        let one = ContinuousClock.now
        await FleetScanner(client: client, concurrency: 1).scan(sample.map { targets[$0] }) { _, _, _ in }
        let sequentialMeasured = Self.seconds(ContinuousClock.now - one)
        let sequential = sequentialMeasured * Double(fleet.printers) / Double(sample.count)

        say(String(format: "printers: %d (%d live, %d unreachable); read %d, unreachable %d, misread %d",
                   fleet.printers, served.count, fleet.printers - served.count, read, unreachable, wrong.count))
        say(String(format: "concurrent (%d in flight, timeout %.0f s, %d retry): %.2f s wall, %.0f devices read/s, %d requests = %.0f requests/s (%.0f%% of the simulator's capacity)",
                   concurrency, Self.seconds(timeout), retries, wall, Double(read) / wall, requests, Double(requests) / wall,
                   100 * Double(requests) / wall / capacity))
        say(String(format: "poller CPU: %.2f s user+system during the %.2f s scan (%.0f%% of one core): the simulator, not the poller, sets the pace", cpu, wall, 100 * cpu / wall))
        say(String(format: "peak memory: %.1f MB (VmHWM of this process; %.1f MB before the scan)%@", Double(peak ?? 0) / 1_048_576,
                   Double(rssBefore ?? 0) / 1_048_576, simMemory.map { String(format: "; simulator %.1f MB", Double($0) / 1_048_576) } ?? ""))
        say(String(format: "one at a time: %.1f s %@", sequential,
                   sample.count == fleet.printers ? "(measured on the whole fleet)"
                       : String(format: "(measured %.1f s on %d printers of the same mix, scaled to %d)", sequentialMeasured, sample.count, fleet.printers)))
        say(String(format: "speed-up: %.1f×", sequential / wall))
        say("targets: \(wall < 10 ? "✓" : "✗") under 10 s · \((peak ?? .max) < 100 << 20 ? "✓" : "✗") under 100 MB · \(sequential / wall >= 20 ? "✓" : "✗") at least 20× · \(wrong.isEmpty && read == served.count ? "✓" : "✗") every live printer read right")
    }

    func waitForSimulator(_ client: SNMPClient, last: Int, process: Process?) async throws {
        let probe = SNMPTarget(host: fleet.address(last), port: fleet.port, timeout: .milliseconds(500), retries: 0)
        let deadline = ContinuousClock.now + .seconds(180)
        while ContinuousClock.now < deadline {
            if let p = process, !p.isRunning { throw CommandFailure("the simulator exited (status \(p.terminationStatus)); is it snmpsim-command-responder-lite?") }
            if (try? await client.get([PrinterMIB.sysName], from: probe)) != nil { return }
            try await Task.sleep(for: .milliseconds(500))
        }
        throw CommandFailure("no simulator answers at \(probe.name)")
    }

    /// What the simulator alone can answer: one-object GETs, as many as it takes, for three seconds.
    func simulatorRate(_ client: SNMPClient, served: [Int]) async throws -> Double {
        let deadline = ContinuousClock.now + .seconds(3)
        let started = ContinuousClock.now
        let fleet = self.fleet
        let answered = await withTaskGroup(of: Int.self) { group in
            for lane in 0..<64 {
                group.addTask {
                    var n = 0, k = lane
                    while ContinuousClock.now < deadline {
                        let t = SNMPTarget(host: fleet.address(served[k % served.count]), port: fleet.port, timeout: .seconds(2), retries: 0)
                        if (try? await client.get([PrinterMIB.sysName], from: t)) != nil { n += 1 }
                        k += 64
                    }
                    return n
                }
            }
            return await group.reduce(0, +)
        }
        return Double(answered) / Self.seconds(ContinuousClock.now - started)
    }

    static func cpuSeconds() -> Double {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    static func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }

    /// A field of /proc/PID/status in bytes (Linux).
    static func memory(_ field: String, pid: Int32? = nil) -> Int? {
        let path = pid.map { "/proc/\($0)/status" } ?? "/proc/self/status"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }) else { return nil }
        return line.split(separator: " ").compactMap { Int($0) }.first.map { $0 * 1024 }
    }

    /// Where snmpsim's lite responder is: FLEETCARE_SNMPSIM, the venv `.ci/run` makes, or the PATH.
    static func findSimulator() -> String? {
        let env = ProcessInfo.processInfo.environment
        var candidates = [env["FLEETCARE_SNMPSIM"], "/tmp/fleetcare-snmpsim/bin/snmpsim-command-responder-lite"].compactMap { $0 }
        candidates += (env["PATH"] ?? "").split(separator: ":").map { "\($0)/snmpsim-command-responder-lite" }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

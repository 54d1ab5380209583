/// Reads many printers at once with a bounded number in flight, so a fleet with dead addresses costs a
/// timeout in parallel rather than one after another, and memory does not grow with the fleet: targets
/// are drawn from the sequence as slots free up and each result is handed over as soon as it is known.
public struct FleetScanner: Sendable {
    public let client: SNMPClient
    /// How many printers are read at the same time.
    public var concurrency: Int

    public init(client: SNMPClient, concurrency: Int = 64) {
        self.client = client
        self.concurrency = max(1, concurrency)
    }

    /// Reads every target; `onResult` is called once per target, in completion order, never concurrently.
    public func scan<Targets: Sequence, Tag: Sendable>(
        _ targets: Targets,
        onResult: (Tag, SNMPTarget, Result<PrinterReading, SNMPError>) async -> Void
    ) async where Targets.Element == (Tag, SNMPTarget) {
        let client = self.client
        await withTaskGroup(of: (Tag, SNMPTarget, Result<PrinterReading, SNMPError>).self) { group in
            var iterator = targets.makeIterator()
            var inFlight = 0
            func startNext() -> Bool {
                guard let (tag, target) = iterator.next() else { return false }
                group.addTask {
                    do {
                        return (tag, target, .success(try await client.readPrinter(target)))
                    } catch let e as SNMPError {
                        return (tag, target, .failure(e))
                    } catch {
                        return (tag, target, .failure(.malformedReply(target: target.name, detail: "\(error)")))
                    }
                }
                return true
            }
            while inFlight < concurrency, startNext() { inFlight += 1 }
            while let (tag, target, result) = await group.next() {
                inFlight -= 1
                await onResult(tag, target, result)
                if startNext() { inFlight += 1 }
            }
        }
    }
}

/// IPv4 addresses to sweep: `10.0.0.0/24` (hosts only), `10.0.0.5-10.0.0.40`, or one address. Lazy, so a
/// /16 is not held in memory.
public struct AddressRange: Sequence, Sendable, Equatable, CustomStringConvertible {
    public let first: UInt32
    public let last: UInt32

    public init(first: UInt32, last: UInt32) {
        self.first = first
        self.last = last
    }

    public init?(_ text: String) {
        let t = text.filter { !$0.isWhitespace }
        if let slash = t.firstIndex(of: "/") {
            guard let base = AddressRange.parse(t[..<slash]), let bits = Int(t[t.index(after: slash)...]), (8...32).contains(bits) else { return nil }
            let mask: UInt32 = bits == 32 ? .max : ~(UInt32.max >> UInt32(bits))
            let network = base & mask
            let broadcast = network | ~mask
            if bits >= 31 { self.init(first: network, last: broadcast) } else { self.init(first: network + 1, last: broadcast - 1) }
        } else if let dash = t.firstIndex(of: "-") {
            guard let a = AddressRange.parse(t[..<dash]), let b = AddressRange.parse(t[t.index(after: dash)...]), a <= b else { return nil }
            self.init(first: a, last: b)
        } else {
            guard let a = AddressRange.parse(Substring(t)) else { return nil }
            self.init(first: a, last: a)
        }
    }

    public var count: Int { Int(last - first) + 1 }

    public var description: String { "\(AddressRange.format(first))-\(AddressRange.format(last))" }

    public func makeIterator() -> AnyIterator<String> {
        var next: UInt64 = UInt64(first)
        let end = UInt64(last)
        return AnyIterator {
            guard next <= end else { return nil }
            defer { next += 1 }
            return AddressRange.format(UInt32(next))
        }
    }

    static func parse(_ s: Substring) -> UInt32? {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var v: UInt32 = 0
        for p in parts {
            guard let n = UInt8(p) else { return nil }
            v = v << 8 | UInt32(n)
        }
        return v
    }

    static func format(_ v: UInt32) -> String {
        "\(v >> 24).\(v >> 16 & 0xff).\(v >> 8 & 0xff).\(v & 0xff)"
    }
}

import Foundation
import Testing

@testable import FleetCore

@Suite("Time-ordered ids")
struct TimeOrderedIDTests {
    @Test("A version 7 UUID: its milliseconds first, so later ids sort after earlier ones, as text and as bytes")
    func ordered() {
        let start = Date(timeIntervalSince1970: 1_795_000_000.123)
        let ids = (0..<200).map { UUID.timeOrdered(at: start.addingTimeInterval(Double($0) * 0.002)) }
        #expect(ids.map(\.uuidString) == ids.map(\.uuidString).sorted())
        #expect(Set(ids).count == 200)
        let first = ids[0].uuidString
        #expect(first.hasPrefix(String(format: "%012llX", UInt64(1_795_000_000_123)).prefix(8)))
        #expect(Array(first)[14] == "7", "version 7: \(first)")
        #expect("89AB".contains(Array(first)[19]), "the RFC variant: \(first)")
        // Two ids in the same millisecond still differ.
        #expect(UUID.timeOrdered(at: start) != UUID.timeOrdered(at: start))
    }
}

@Suite("Fixed formats")
struct FixedFormatTests {
    @Test("Padded numbers and one decimal print as %0Nd and %.1f do")
    func likePrintf() {
        for n in [0, 7, 42, 999, 1405, 12345, -3, -45] {
            #expect(FixedFormat.padded(n, width: 2) == String(format: "%02d", n))
            #expect(FixedFormat.padded(n, width: 4) == String(format: "%04d", n))
        }
        for x in [0, 0.04, 0.05, 0.25, 0.35, 1.25, 2.5, 12.345, 99.95, 230, 627.4999, -0.04, -1.25, -12.06, 1e9 + 0.5, 56.7] {
            #expect(FixedFormat.oneDecimal(x) == String(format: "%.1f", x), "\(x)")
        }
    }
}

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

    @Test("A run of ids for one moment from one draw: each a version 7 UUID, all different, in the order made, and apart from the next run's")
    func run() {
        let start = Date(timeIntervalSince1970: 1_795_000_000.123)
        let ids = UUID.timeOrdered(count: 1_000, at: start)
        #expect(ids.count == 1_000)
        #expect(Set(ids).count == 1_000)
        #expect(ids.map(\.text) == ids.map(\.text).sorted(), "in the order made")
        for id in ids {
            let text = Array(id.text)
            #expect(id.text.hasPrefix(String(format: "%012llX", UInt64(1_795_000_000_123)).prefix(8)))
            #expect(text[14] == "7" && "89AB".contains(text[19]), "version 7 and the RFC variant: \(id.text)")
        }
        #expect(Set(ids).isDisjoint(with: UUID.timeOrdered(count: 1_000, at: start)))
        #expect(UUID.timeOrdered(count: 0).isEmpty)
    }

    @Test("UUIDs compared as bytes sort as their text does")
    func textOrder() {
        var ids = (0..<500).map { _ in UUID() } + [UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
                                                   UUID(uuid: (255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255)),
                                                   UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9)),
                                                   UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0, 0, 0, 0))]
        ids.shuffle()
        #expect(ids.sorted(by: UUID.textOrder).map(\.uuidString) == ids.map(\.uuidString).sorted())
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

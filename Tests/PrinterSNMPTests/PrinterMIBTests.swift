import Foundation
@testable import PrinterSNMP
import Testing

/// A `.snmprec` file read the way an agent would answer: the scalars by GET, the columns by walking.
struct Snmprec {
    let values: [(OID, SNMPValue)]

    init(named name: String) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/snmp/\(name).snmprec")
        let text = try String(contentsOf: url, encoding: .utf8)
        values = text.split(separator: "\n").compactMap { line in
            let f = line.split(separator: "|", maxSplits: 2, omittingEmptySubsequences: false)
            guard f.count == 3, let oid = OID(dotted: String(f[0])) else { return nil }
            let v = String(f[2])
            switch f[1] {
            case "2": return (oid, .integer(Int64(v)!))
            case "4": return (oid, .octets(Array(v.utf8)))
            case "4x": return (oid, .octets(stride(from: 0, to: v.count, by: 2).map { i in
                UInt8(v.dropFirst(i).prefix(2), radix: 16)! }))
            case "6": return (oid, .oid(OID(dotted: v)!))
            case "65": return (oid, .counter32(UInt64(v)!))
            case "66": return (oid, .gauge32(UInt64(v)!))
            case "67": return (oid, .timeTicks(UInt64(v)!))
            default: return nil
            }
        }
    }

    var reading: PrinterReading {
        var scalars: [OID: SNMPValue] = [:]
        for (oid, value) in values where PrinterMIB.scalars.contains(oid) { scalars[oid] = value }
        var columns: [OID: [VarBind]] = [:]
        for column in PrinterMIB.columns {
            let rows = values.filter { $0.0.hasPrefix(column) && $0.0 != column }.map { VarBind(oid: $0.0, value: $0.1) }
            if !rows.isEmpty { columns[column] = rows }
        }
        return PrinterMIB.interpret(address: "127.0.0.1", scalars: scalars, columns: columns)
    }
}

@Suite("Printer reading from the MIBs")
struct PrinterMIBTests {
    @Test("A colour HP: identity, counters split by HP's own OIDs, four toners with their colours, one nearly out")
    func hpColor() throws {
        let r = try Snmprec(named: "02-hp-color").reading
        #expect(r.serialNumber == "CNBRM4790X")
        #expect(r.sysName == "PRN-COLOR-01")
        #expect(r.sysLocation == "Building B / Floor 1 / Marketing")
        #expect(r.uptimeSeconds == 3_600)
        #expect(r.status == .printing)
        #expect(r.errors.isEmpty)
        #expect(r.totalPages == 48_210)
        #expect(r.colorPages == 17_034)
        #expect(r.monoPages == 31_176)
        #expect(r.counterSource == "hp")
        #expect(r.supplies.map(\.color) == ["black", "cyan", "magenta", "yellow"])
        #expect(r.supplies.map(\.level) == [.percent(64), .percent(8), .percent(51), .percent(77)])
        #expect(r.supplies.allSatisfy { $0.kind == .toner })
    }

    @Test("A Kyocera: black and colour from its OIDs make the total; -2 and -3 levels and an unknown capacity stay what they mean")
    func kyocera() throws {
        let r = try Snmprec(named: "03-kyocera-color").reading
        #expect(r.monoPages == 150_000)
        #expect(r.colorPages == 81_877)
        #expect(r.totalPages == 231_877)
        #expect(r.markerLifeCount == 231_877)
        #expect(r.sysLocation == nil)
        #expect(r.errors == [.jammed])
        #expect(r.supplies.map(\.level) == [.percent(45), .unknown, .someRemaining, .percent(5), .percent(35)])
        #expect(r.supplies[4].kind == .wasteToner)
        #expect(r.supplies[4].fills)
        #expect(r.supplies[4].color == nil)
        #expect(r.alerts == [PrinterAlert(code: 1104, description: "Yellow toner is low", severity: 4)])
    }

    @Test("A Xerox on device index 2 with a counter above 2^31: read whatever the indices")
    func xerox() throws {
        let r = try Snmprec(named: "04-xerox-mono").reading
        #expect(r.serialNumber == "X3B405777")
        #expect(r.totalPages == 3_000_000_000)
        #expect(r.monoPages == 3_000_000_000)
        #expect(r.colorPages == 0)
        #expect(r.status == .idle)
        #expect(r.supplies == [PrinterSupply(index: "2.1", kind: .toner, description: "Black Toner Cartridge 106R03583",
                                             color: "black", level: .someRemaining)])
    }

    @Test("The shared mono HP: total from HP's counter, drum level 'some remaining', low-toner bit and alert")
    func hpMono() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/fixtures/snmp/hp-m428-mono.snmprec")
        try #require(FileManager.default.fileExists(atPath: url.path), "the shared fixtures are beside the clone")
        try FileManager.default.copyItem(at: url, to: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/snmp/.hp-mono-copy.snmprec"))
        defer { try? FileManager.default.removeItem(at: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/snmp/.hp-mono-copy.snmprec")) }
        let r = try Snmprec(named: ".hp-mono-copy").reading
        #expect(r.serialNumber == "PHBQJ12345")
        #expect(r.totalPages == 123_456)
        #expect(r.colorPages == nil)
        #expect(r.errors == [.lowToner])
        #expect(r.supplies.map(\.level) == [.percent(42), .someRemaining])
        #expect(r.supplies.map(\.kind) == [.toner, .drum])
        #expect(r.alerts.map(\.code) == [1104])
    }

    @Test("Levels: percent of capacity, rounded; empty is 0% whatever the capacity; negatives keep their meaning")
    func levels() {
        #expect(SupplyLevel(level: 9_000, maxCapacity: 20_000) == .percent(45))
        #expect(SupplyLevel(level: 1, maxCapacity: 3) == .percent(33))
        #expect(SupplyLevel(level: 0, maxCapacity: -2) == .percent(0))
        #expect(SupplyLevel(level: 50, maxCapacity: -1) == .unknown)
        #expect(SupplyLevel(level: 150, maxCapacity: 100) == .percent(100))
        #expect(SupplyLevel(level: -1, maxCapacity: 100) == .other)
        #expect(SupplyLevel(level: -2, maxCapacity: 100) == .unknown)
        #expect(SupplyLevel(level: -3, maxCapacity: 100) == .someRemaining)
    }

    @Test("Error bits count from the top bit of the first byte")
    func errorBits() {
        #expect(PrinterErrorBit.decode([0x20]) == [.lowToner])
        #expect(PrinterErrorBit.decode([0x84, 0x02]) == [.lowPaper, .jammed, .overduePreventMaint])
        #expect(PrinterErrorBit.decode([]) == [])
    }

    @Test("Address ranges: CIDR hosts, dashed ranges and single addresses; bad text is refused")
    func ranges() {
        #expect(Array(AddressRange("10.0.0.0/30")!) == ["10.0.0.1", "10.0.0.2"])
        #expect(AddressRange("192.168.1.0/24")!.count == 254)
        #expect(Array(AddressRange("127.0.10.254-127.0.11.1")!) == ["127.0.10.254", "127.0.10.255", "127.0.11.0", "127.0.11.1"])
        #expect(Array(AddressRange("10.1.2.3")!) == ["10.1.2.3"])
        #expect(AddressRange("10.0.0.9-10.0.0.1") == nil)
        #expect(AddressRange("10.0.0/24") == nil)
        #expect(AddressRange("printer") == nil)
    }
}

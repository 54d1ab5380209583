import Foundation

/// A fleet of simulated printers for snmpsim's lite responder: file N of `DATA/public` is served on the
/// N-th endpoint. Four kinds in turn (mono HP, colour HP, colour Kyocera, mono Xerox), each printer with its
/// own serial number, name, location and counters; every tenth address is left unserved, i.e. unreachable.
struct SimulatedFleet {
    var printers = 1_000
    var unreachablePercent = 10
    var port = 17_161

    /// The address of printer `i`: 127.1.x.y, away from the test fixtures on 127.0.10.x.
    func address(_ i: Int) -> String { "127.1.\(i / 250).\(i % 250 + 1)" }

    func isUnreachable(_ i: Int) -> Bool {
        guard unreachablePercent > 0 else { return false }
        return i % 100 < unreachablePercent
    }

    var served: [Int] { (0..<printers).filter { !isUnreachable($0) } }

    /// Writes the data directory of simulator process `part` of `parts` (printers dealt out in turn);
    /// returns its endpoint flags in file order.
    func write(to data: URL, part: Int = 0, of parts: Int = 1) throws -> [String] {
        let dir = data.appendingPathComponent("public")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var flags: [String] = []
        for (n, i) in served.enumerated().filter({ $0.offset % parts == part }).map(\.element).enumerated() {
            try Self.snmprec(i).write(to: dir.appendingPathComponent("1.3.6.1.6.1.1.\(n).snmprec"), atomically: false, encoding: .utf8)
            flags.append("--agent-udpv4-endpoint=\(address(i)):\(port)")
        }
        return flags
    }

    /// One printer's records, sorted by OID as snmpsim wants them.
    static func snmprec(_ i: Int) -> String {
        let serial = String(format: "BENCH%05d", i)
        let total = 10_000 + i * 137
        let system = [
            "1.3.6.1.2.1.1.3.0|67|\(360_000 + i)", "1.3.6.1.2.1.1.5.0|4|PRN-\(i)", "1.3.6.1.2.1.1.6.0|4|Floor \(i % 12) / Room \(i % 40)",
        ]
        var lines: [String]
        switch i % 4 {
        case 0:
            lines = ["1.3.6.1.2.1.1.1.0|4|HP LaserJet Pro M404dn (bench)", "1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.11.2.3.9.1"] + system + [
                "1.3.6.1.2.1.25.3.5.1.1.1|2|3", "1.3.6.1.2.1.25.3.5.1.2.1|4x|00", "1.3.6.1.2.1.43.5.1.1.17.1|4|\(serial)",
                "1.3.6.1.2.1.43.10.2.1.3.1.1|2|7", "1.3.6.1.2.1.43.10.2.1.4.1.1|65|\(total)",
            ] + supplies(dev: 1, [("Black Cartridge HP CF259A", 3, 1, 100, (i * 7) % 100)]) + ["1.3.6.1.2.1.43.12.1.1.4.1.1|4|black",
                "1.3.6.1.4.1.11.2.3.9.4.2.1.4.1.2.5.0|2|\(total)"]
        case 1:
            let color = total / 3
            lines = ["1.3.6.1.2.1.1.1.0|4|HP Color LaserJet M479fdw (bench)", "1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.11.2.3.9.1"] + system + [
                "1.3.6.1.2.1.25.3.5.1.1.1|2|4", "1.3.6.1.2.1.25.3.5.1.2.1|4x|0000", "1.3.6.1.2.1.43.5.1.1.17.1|4|\(serial)",
                "1.3.6.1.2.1.43.10.2.1.3.1.1|2|7", "1.3.6.1.2.1.43.10.2.1.4.1.1|65|\(total)",
            ] + supplies(dev: 1, [("Black W2030X", 21, 1, 100, (i * 3) % 100), ("Cyan W2031X", 21, 2, 100, (i * 5) % 100),
                                  ("Magenta W2033X", 21, 3, 100, (i * 11) % 100), ("Yellow W2032X", 21, 4, 100, (i * 13) % 100)])
                + ["1.3.6.1.2.1.43.12.1.1.4.1.1|4|black", "1.3.6.1.2.1.43.12.1.1.4.1.2|4|cyan", "1.3.6.1.2.1.43.12.1.1.4.1.3|4|magenta",
                   "1.3.6.1.2.1.43.12.1.1.4.1.4|4|yellow",
                   "1.3.6.1.4.1.11.2.3.9.4.2.1.4.1.2.5.0|2|\(total)", "1.3.6.1.4.1.11.2.3.9.4.2.1.4.1.2.7.0|2|\(color)"]
        case 2:
            let color = total / 4
            lines = ["1.3.6.1.2.1.1.1.0|4|KYOCERA TASKalfa 2553ci (bench)", "1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.1347.41"] + system + [
                "1.3.6.1.2.1.25.3.5.1.1.1|2|3", "1.3.6.1.2.1.25.3.5.1.2.1|4x|0000", "1.3.6.1.2.1.43.5.1.1.17.1|4|\(serial)",
                "1.3.6.1.2.1.43.10.2.1.3.1.1|2|7", "1.3.6.1.2.1.43.10.2.1.4.1.1|65|\(total)",
            ] + supplies(dev: 1, [("TK-8345K", 3, 1, 20_000, (i * 97) % 20_000), ("TK-8345C", 3, 2, 12_000, -2),
                                  ("TK-8345M", 3, 3, 12_000, -3), ("TK-8345Y", 3, 4, 12_000, (i * 31) % 12_000),
                                  ("Waste Toner Box", 4, 0, 100, i % 100)])
                + ["1.3.6.1.2.1.43.12.1.1.4.1.1|4|black", "1.3.6.1.2.1.43.12.1.1.4.1.2|4|cyan", "1.3.6.1.2.1.43.12.1.1.4.1.3|4|magenta",
                   "1.3.6.1.2.1.43.12.1.1.4.1.4|4|yellow",
                   "1.3.6.1.4.1.1347.42.3.1.2.1.1.1.1|65|\(total - color)", "1.3.6.1.4.1.1347.42.3.1.2.1.1.1.3|65|\(color)"]
        default:
            let big = 2_147_483_648 + total
            lines = ["1.3.6.1.2.1.1.1.0|4|Xerox VersaLink B405 (bench)", "1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.253.8.62.1.23.2.1.1"] + system + [
                "1.3.6.1.2.1.25.3.5.1.1.2|2|3", "1.3.6.1.2.1.25.3.5.1.2.2|4x|00", "1.3.6.1.2.1.43.5.1.1.17.2|4|\(serial)",
                "1.3.6.1.2.1.43.10.2.1.3.2.1|2|7", "1.3.6.1.2.1.43.10.2.1.4.2.1|65|\(big)",
            ] + supplies(dev: 2, [("Black Toner 106R03583", 3, 1, -2, -3)]) + ["1.3.6.1.2.1.43.12.1.1.4.2.1|4|black",
                "1.3.6.1.4.1.253.8.53.13.2.1.6.1.20.1|65|\(big)", "1.3.6.1.4.1.253.8.53.13.2.1.6.1.20.33|65|0",
                "1.3.6.1.4.1.253.8.53.13.2.1.6.1.20.34|65|\(big)"]
        }
        func key(_ line: String) -> [Int] { line.prefix { $0 != "|" }.split(separator: ".").compactMap { Int($0) } }
        return lines.sorted { key($0).lexicographicallyPrecedes(key($1)) }.joined(separator: "\n") + "\n"
    }

    /// Supply rows: (description, type, colorant index, max capacity, level); class 4 (fills) for waste.
    static func supplies(dev: Int, _ rows: [(String, Int, Int, Int, Int)]) -> [String] {
        var out: [String] = []
        for (n, r) in rows.enumerated() {
            let i = "\(dev).\(n + 1)"
            out += [
                "1.3.6.1.2.1.43.11.1.1.3.\(i)|2|\(r.2)", "1.3.6.1.2.1.43.11.1.1.4.\(i)|2|\(r.1 == 4 ? 4 : 3)",
                "1.3.6.1.2.1.43.11.1.1.5.\(i)|2|\(r.1)", "1.3.6.1.2.1.43.11.1.1.6.\(i)|4|\(r.0)",
                "1.3.6.1.2.1.43.11.1.1.8.\(i)|2|\(r.3)", "1.3.6.1.2.1.43.11.1.1.9.\(i)|2|\(r.4)",
            ]
        }
        return out
    }
}

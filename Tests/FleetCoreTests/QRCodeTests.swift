@testable import FleetCore
import Foundation
import Testing

@Suite("QR code encoder")
struct QRCodeTests {
    /// A symbol made by other encoders (qrcode, with qrcodegen choosing masks; `scripts/qr-reference.py` writes the file).
    struct Reference {
        let version: Int
        let forcedMask: Int?
        let mask: Int
        let payload: [UInt8]
        let rows: [[Bool]]
    }

    static let references: [Reference] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/qr/qr-reference.txt")
        let lines = (try? String(contentsOf: url, encoding: .utf8))?.split(separator: "\n").filter { !$0.hasPrefix("#") } ?? []
        var out: [Reference] = []
        var i = 0
        while i < lines.count {
            let head = lines[i].split(separator: " ")
            let version = Int(head[0])!
            let size = version * 4 + 17
            let payload = stride(from: 0, to: head[3].count, by: 2).map { k -> UInt8 in
                let s = head[3].index(head[3].startIndex, offsetBy: k)
                return UInt8(head[3][s..<head[3].index(s, offsetBy: 2)], radix: 16)!
            }
            let rows = lines[(i + 1)...(i + size)].map { hex -> [Bool] in
                let bits = hex.flatMap { c -> [Bool] in
                    let v = Int(String(c), radix: 16)!
                    return (0..<4).map { (v >> (3 - $0)) & 1 == 1 }
                }
                return Array(bits.prefix(size))
            }
            out.append(Reference(version: version, forcedMask: head[1] == "auto" ? nil : Int(head[1]), mask: Int(head[2])!,
                                 payload: payload, rows: rows))
            i += size + 1
        }
        return out
    }()

    @Test("The reference file holds every version at level M and six symbols with the mask left to the encoder")
    func referencesLoaded() {
        #expect(Set(Self.references.filter { $0.forcedMask != nil }.map(\.version)) == Set(1...40))
        #expect(Self.references.filter { $0.forcedMask == nil }.count == 6)
    }

    @Test("Every version 1-40 at level M, module for module as the reference encoder drew it", arguments: 1...40)
    func everyVersion(version: Int) throws {
        let ref = try #require(Self.references.first { $0.version == version && $0.forcedMask != nil })
        let symbol = try QRCode.encode(bytes: ref.payload, correction: .medium, minVersion: version, mask: ref.forcedMask)
        #expect(symbol.version == version)
        #expect(symbol.size == version * 4 + 17)
        let wrong = (0..<symbol.size).flatMap { y in (0..<symbol.size).filter { x in symbol.isDark(x: x, y: y) != ref.rows[y][x] }.map { "(\($0), \(y))" } }
        #expect(wrong.count == 0, "version \(version): \(wrong.count) modules differ, first at \(wrong.first ?? "")")
    }

    @Test("With the mask left open, the penalty score picks the reference's mask and the same symbol")
    func chosenMask() throws {
        for ref in Self.references where ref.forcedMask == nil {
            let symbol = try QRCode.encode(bytes: ref.payload, correction: .medium)
            #expect(symbol.version == ref.version, "\(String(decoding: ref.payload, as: UTF8.self))")
            #expect(symbol.mask == ref.mask, "\(String(decoding: ref.payload, as: UTF8.self))")
            #expect(symbol.modules == ref.rows)
        }
    }

    @Test("Reed-Solomon: the standard's example, 01234567 in version 1-M, gives its ten error correction codewords")
    func reedSolomon() {
        // ISO/IEC 18004 Annex I: the data codewords of "01234567" (numeric mode) and their check codewords.
        let data: [UInt8] = [0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11]
        let ecc = ReedSolomon.remainder(data, generator: ReedSolomon.generator(degree: 10))
        #expect(ecc == [0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55])
    }

    @Test("Format information as the standard's table lists it; version information for version 7")
    func formatAndVersionBits() {
        #expect(QRCode.formatInformation(.medium, mask: 0) == 0b101010000010010)
        #expect(QRCode.formatInformation(.low, mask: 0) == 0b111011111000100)
        #expect(QRCode.formatInformation(.high, mask: 7) == 0b000100000111011)
        #expect(QRCode.versionInformation(7) == 0b000111110010010100)
        #expect(QRCode.alignmentPositions(7) == [6, 22, 38])
        #expect(QRCode.alignmentPositions(32) == [6, 34, 60, 86, 112, 138])
    }

    @Test("A label's link fits a small symbol; too much for version 40 is refused with the capacity")
    func sizes() throws {
        let link = try QRCode.encode("https://fleetcare.example/f/Vq3xT0r9mB2pZc8LkW1nY4sAe7HdJ6uG")
        #expect(link.version == 4)
        #expect(link.errorCorrection == .medium)
        #expect(throws: QRCode.EncodingError.tooLong(bytes: 2_400, capacity: 2_331)) {
            try QRCode.encode(bytes: [UInt8](repeating: 65, count: 2_400))
        }
    }

    @Test("The SVG path draws each run of dark modules once, offset by the quiet zone")
    func svgPath() throws {
        let symbol = try QRCode.encode("HELLO")
        let path = symbol.svgPath(border: 4)
        // The top row starts with the finder's seven dark modules.
        #expect(path.hasPrefix("M4 4h7v1h-7z"))
        let darkModules = symbol.modules.reduce(0) { $0 + $1.filter { $0 }.count }
        let drawn = path.split(separator: "M").map { cmd -> Int in Int(cmd.split(separator: "h")[1].split(separator: "v")[0])! }.reduce(0, +)
        #expect(drawn == darkModules)
    }
}

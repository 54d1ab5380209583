import Foundation

/// A QR code symbol (ISO/IEC 18004) holding bytes in byte mode: what a device's label carries so that a phone
/// camera opens the device's fault page. Versions 1-40, any error correction level (labels use M, which
/// survives about 15% of the symbol scratched or stained), the mask chosen by the standard's penalty score.
public struct QRCode: Sendable, Equatable {
    /// How much of the symbol may be lost and still read: about 7%, 15%, 25% and 30%.
    public enum ErrorCorrection: Int, Sendable, CaseIterable {
        case low = 0, medium, quartile, high

        /// The two bits the format information carries for the level.
        var formatBits: Int { [1, 0, 3, 2][rawValue] }
    }

    public enum EncodingError: Error, Equatable {
        /// More bytes than the largest symbol allowed holds at this level.
        case tooLong(bytes: Int, capacity: Int)
    }

    /// 1 to 40; a symbol is 17 + 4 × version modules wide.
    public let version: Int
    public let errorCorrection: ErrorCorrection
    /// 0 to 7.
    public let mask: Int
    public var size: Int { version * 4 + 17 }
    /// Row by row, `true` for a dark module; no quiet zone.
    public let modules: [[Bool]]

    /// Whether the module in column `x`, row `y` is dark.
    public func isDark(x: Int, y: Int) -> Bool { modules[y][x] }

    /// Encodes `text` as UTF-8 in the smallest version that holds it. `mask` forces a mask pattern (for
    /// comparing with other encoders); by default the one with the lowest penalty is chosen.
    public static func encode(_ text: String, correction: ErrorCorrection = .medium, minVersion: Int = 1, maxVersion: Int = 40,
                              mask: Int? = nil) throws -> QRCode {
        try encode(bytes: Array(text.utf8), correction: correction, minVersion: minVersion, maxVersion: maxVersion, mask: mask)
    }

    public static func encode(bytes: [UInt8], correction: ErrorCorrection = .medium, minVersion: Int = 1, maxVersion: Int = 40,
                              mask: Int? = nil) throws -> QRCode {
        precondition((1...40).contains(minVersion) && minVersion <= maxVersion && maxVersion <= 40, "versions are 1 to 40")
        precondition(mask.map { (0...7).contains($0) } ?? true, "masks are 0 to 7")
        var version = minVersion
        while true {
            let used = 4 + characterCountBits(version) + 8 * bytes.count
            if used <= dataCodewords(version, correction) * 8 { break }
            if version == maxVersion {
                throw EncodingError.tooLong(bytes: bytes.count, capacity: (dataCodewords(maxVersion, correction) * 8 - 4 - characterCountBits(maxVersion)) / 8)
            }
            version += 1
        }

        // Mode indicator, count, the bytes, a terminator of up to four zeros, zeros to a byte, then pad bytes.
        var bits = BitBuffer()
        bits.append(0b0100, count: 4)
        bits.append(bytes.count, count: characterCountBits(version))
        for b in bytes { bits.append(Int(b), count: 8) }
        let capacity = dataCodewords(version, correction) * 8
        bits.append(0, count: min(4, capacity - bits.count))
        bits.append(0, count: (8 - bits.count % 8) % 8)
        var data = bits.bytes
        var pad: UInt8 = 0xEC
        while data.count * 8 < capacity {
            data.append(pad)
            pad ^= 0xEC ^ 0x11
        }

        var symbol = Canvas(version: version)
        symbol.drawFunctionPatterns(correction: correction)
        symbol.drawCodewords(interleaved(data, version: version, correction: correction))
        let chosen = mask ?? (0..<8).min { a, b in
            symbol.masked(a, correction: correction).penalty < symbol.masked(b, correction: correction).penalty
        }!
        let final = symbol.masked(chosen, correction: correction)
        return QRCode(version: version, errorCorrection: correction, mask: chosen, modules: final.modules)
    }

    /// The dark modules as one SVG path in module units, the quiet zone of `border` modules included in the
    /// coordinates: draw it in a `viewBox="0 0 (size + 2 × border) (size + 2 × border)"`.
    public func svgPath(border: Int = 4) -> String {
        var path = ""
        for y in 0..<size {
            var x = 0
            while x < size {
                guard modules[y][x] else { x += 1; continue }
                let start = x
                while x < size, modules[y][x] { x += 1 }
                path += "M\(start + border) \(y + border)h\(x - start)v1h-\(x - start)z"
            }
        }
        return path
    }

    // MARK: Tables of the standard

    /// Error correction codewords in each block, by level and version (index 0 unused).
    static let eccCodewordsPerBlock: [[Int]] = [
        [-1, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
        [-1, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28],
        [-1, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
        [-1, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
    ]

    /// Error correction blocks, by level and version (index 0 unused).
    static let errorCorrectionBlocks: [[Int]] = [
        [-1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25],
        [-1, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49],
        [-1, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68],
        [-1, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81],
    ]

    static func characterCountBits(_ version: Int) -> Int { version < 10 ? 8 : 16 }

    /// Modules left for codewords once the function patterns and format and version information are drawn.
    static func rawDataModules(_ version: Int) -> Int {
        var n = (16 * version + 128) * version + 64
        if version >= 2 {
            let align = version / 7 + 2
            n -= (25 * align - 10) * align - 55
            if version >= 7 { n -= 36 }
        }
        return n
    }

    static func dataCodewords(_ version: Int, _ correction: ErrorCorrection) -> Int {
        rawDataModules(version) / 8
            - eccCodewordsPerBlock[correction.rawValue][version] * errorCorrectionBlocks[correction.rawValue][version]
    }

    /// Centres of the alignment patterns along each axis.
    static func alignmentPositions(_ version: Int) -> [Int] {
        guard version > 1 else { return [] }
        let count = version / 7 + 2
        let step = (version * 8 + count * 3 + 5) / (count * 4 - 4) * 2
        let size = version * 4 + 17
        return [6] + (0..<(count - 1)).reversed().map { size - 7 - $0 * step }
    }

    /// The data split into blocks, each followed by its Reed-Solomon codewords, read out column by column.
    static func interleaved(_ data: [UInt8], version: Int, correction: ErrorCorrection) -> [UInt8] {
        let blockCount = errorCorrectionBlocks[correction.rawValue][version]
        let eccLength = eccCodewordsPerBlock[correction.rawValue][version]
        let raw = rawDataModules(version) / 8
        let shortBlocks = blockCount - raw % blockCount
        let shortLength = raw / blockCount
        let generator = ReedSolomon.generator(degree: eccLength)
        var blocks: [[UInt8]] = []
        var k = 0
        for i in 0..<blockCount {
            let length = shortLength - eccLength + (i < shortBlocks ? 0 : 1)
            let chunk = Array(data[k..<(k + length)])
            k += length
            // A short block gets a placeholder where the long ones have their extra data codeword.
            let placeholder: [UInt8] = i < shortBlocks ? [0] : []
            blocks.append(chunk + placeholder + ReedSolomon.remainder(chunk, generator: generator))
        }
        var out: [UInt8] = []
        out.reserveCapacity(raw)
        for i in 0...shortLength {
            for (j, block) in blocks.enumerated() where i != shortLength - eccLength || j >= shortBlocks {
                out.append(block[i])
            }
        }
        return out
    }

    /// The bits of the 15-bit format information for a level and mask, with its BCH code and XOR mask.
    static func formatInformation(_ correction: ErrorCorrection, mask: Int) -> Int {
        let data = correction.formatBits << 3 | mask
        var rem = data
        for _ in 0..<10 { rem = (rem << 1) ^ ((rem >> 9) * 0x537) }
        return (data << 10 | rem) ^ 0x5412
    }

    /// The 18-bit version information of versions 7 and up.
    static func versionInformation(_ version: Int) -> Int {
        var rem = version
        for _ in 0..<12 { rem = (rem << 1) ^ ((rem >> 11) * 0x1F25) }
        return version << 12 | rem
    }
}

/// Bits written most significant first.
private struct BitBuffer {
    private(set) var bits: [Bool] = []
    var count: Int { bits.count }

    mutating func append(_ value: Int, count: Int) {
        for i in stride(from: count - 1, through: 0, by: -1) { bits.append((value >> i) & 1 == 1) }
    }

    var bytes: [UInt8] {
        stride(from: 0, to: bits.count, by: 8).map { start in
            (0..<8).reduce(UInt8(0)) { b, i in b << 1 | (start + i < bits.count && bits[start + i] ? 1 : 0) }
        }
    }
}

/// Reed-Solomon over GF(2^8) with the QR polynomial x^8 + x^4 + x^3 + x^2 + 1.
enum ReedSolomon {
    static func multiply(_ x: UInt8, _ y: UInt8) -> UInt8 {
        var z = 0
        for i in stride(from: 7, through: 0, by: -1) {
            z = (z << 1) ^ ((z >> 7) * 0x11D)
            z ^= ((Int(y) >> i) & 1) * Int(x)
        }
        return UInt8(z)
    }

    /// The generator polynomial's coefficients, highest power first, its leading 1 left out.
    static func generator(degree: Int) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: degree)
        result[degree - 1] = 1
        var root: UInt8 = 1
        for _ in 0..<degree {
            for j in 0..<degree {
                result[j] = multiply(result[j], root)
                if j + 1 < degree { result[j] ^= result[j + 1] }
            }
            root = multiply(root, 0x02)
        }
        return result
    }

    static func remainder(_ data: [UInt8], generator: [UInt8]) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: generator.count)
        for b in data {
            let factor = b ^ result.removeFirst()
            result.append(0)
            for i in result.indices { result[i] ^= multiply(generator[i], factor) }
        }
        return result
    }
}

/// A symbol being drawn: modules, and which of them belong to function patterns (never masked or overwritten).
private struct Canvas {
    let version: Int
    let size: Int
    var modules: [[Bool]]
    var isFunction: [[Bool]]

    init(version: Int) {
        self.version = version
        size = version * 4 + 17
        modules = Array(repeating: Array(repeating: false, count: size), count: size)
        isFunction = modules
    }

    mutating func setFunction(_ x: Int, _ y: Int, _ dark: Bool) {
        modules[y][x] = dark
        isFunction[y][x] = true
    }

    mutating func drawFunctionPatterns(correction: QRCode.ErrorCorrection) {
        for i in 0..<size {
            setFunction(6, i, i % 2 == 0)
            setFunction(i, 6, i % 2 == 0)
        }
        for (x, y) in [(3, 3), (size - 4, 3), (3, size - 4)] {
            for dy in -4...4 {
                for dx in -4...4 where (0..<size).contains(x + dx) && (0..<size).contains(y + dy) {
                    let d = max(abs(dx), abs(dy))
                    setFunction(x + dx, y + dy, d != 2 && d != 4)
                }
            }
        }
        let positions = QRCode.alignmentPositions(version)
        let n = positions.count
        for i in 0..<n {
            for j in 0..<n where !(i == 0 && j == 0) && !(i == 0 && j == n - 1) && !(i == n - 1 && j == 0) {
                for dy in -2...2 {
                    for dx in -2...2 { setFunction(positions[i] + dx, positions[j] + dy, max(abs(dx), abs(dy)) != 1) }
                }
            }
        }
        drawFormat(correction: correction, mask: 0)   // reserves the area; redrawn once the mask is known
        if version >= 7 {
            let bits = QRCode.versionInformation(version)
            for i in 0..<18 {
                let dark = (bits >> i) & 1 == 1
                let a = size - 11 + i % 3, b = i / 3
                setFunction(a, b, dark)
                setFunction(b, a, dark)
            }
        }
    }

    mutating func drawFormat(correction: QRCode.ErrorCorrection, mask: Int) {
        let bits = QRCode.formatInformation(correction, mask: mask)
        func bit(_ i: Int) -> Bool { (bits >> i) & 1 == 1 }
        for i in 0...5 { setFunction(8, i, bit(i)) }
        setFunction(8, 7, bit(6))
        setFunction(8, 8, bit(7))
        setFunction(7, 8, bit(8))
        for i in 9..<15 { setFunction(14 - i, 8, bit(i)) }
        for i in 0..<8 { setFunction(size - 1 - i, 8, bit(i)) }
        for i in 8..<15 { setFunction(8, size - 15 + i, bit(i)) }
        setFunction(8, size - 8, true)   // the dark module
    }

    /// Codewords in the standard's zigzag: two-module columns from the right, up then down, skipping column 6.
    mutating func drawCodewords(_ data: [UInt8]) {
        var i = 0
        var right = size - 1
        while right >= 1 {
            if right == 6 { right = 5 }
            for vertical in 0..<size {
                for j in 0..<2 {
                    let x = right - j
                    let upward = (right + 1) & 2 == 0
                    let y = upward ? size - 1 - vertical : vertical
                    if !isFunction[y][x] && i < data.count * 8 {
                        modules[y][x] = (data[i >> 3] >> (7 - (i & 7))) & 1 == 1
                        i += 1
                    }
                }
            }
            right -= 2
        }
    }

    static func maskCondition(_ mask: Int, _ x: Int, _ y: Int) -> Bool {
        switch mask {
        case 0: (x + y) % 2 == 0
        case 1: y % 2 == 0
        case 2: x % 3 == 0
        case 3: (x + y) % 3 == 0
        case 4: (x / 3 + y / 2) % 2 == 0
        case 5: x * y % 2 + x * y % 3 == 0
        case 6: (x * y % 2 + x * y % 3) % 2 == 0
        default: ((x + y) % 2 + x * y % 3) % 2 == 0
        }
    }

    func masked(_ mask: Int, correction: QRCode.ErrorCorrection) -> Canvas {
        var c = self
        for y in 0..<size {
            for x in 0..<size where !isFunction[y][x] && Self.maskCondition(mask, x, y) { c.modules[y][x].toggle() }
        }
        c.drawFormat(correction: correction, mask: mask)
        return c
    }

    /// The standard's penalty: runs of five or more, 2×2 blocks, finder-like 1:1:3:1:1 patterns, dark/light balance.
    var penalty: Int {
        var result = 0
        func line(_ at: (Int) -> Bool) {
            var runDark = false, run = 0
            var history = [Int](repeating: 0, count: 7)
            func push(_ length: Int) {
                history.removeLast()
                history.insert(history[0] == 0 ? length + size : length, at: 0)   // light border before the first run
            }
            func finders() -> Int {
                let n = history[1]
                let core = n > 0 && history[2] == n && history[3] == n * 3 && history[4] == n && history[5] == n
                return (core && history[0] >= n * 4 && history[6] >= n ? 1 : 0) + (core && history[6] >= n * 4 && history[0] >= n ? 1 : 0)
            }
            for i in 0..<size {
                if at(i) == runDark {
                    run += 1
                    if run == 5 { result += 3 } else if run > 5 { result += 1 }
                } else {
                    push(run)
                    if !runDark { result += finders() * 40 }
                    runDark = at(i)
                    run = 1
                }
            }
            if runDark {
                push(run)
                run = 0
            }
            push(run + size)   // light border after the last run
            result += finders() * 40
        }
        for y in 0..<size { line { modules[y][$0] } }
        for x in 0..<size { line { modules[$0][x] } }
        for y in 0..<(size - 1) {
            for x in 0..<(size - 1) {
                let c = modules[y][x]
                if c == modules[y][x + 1] && c == modules[y + 1][x] && c == modules[y + 1][x + 1] { result += 3 }
            }
        }
        let dark = modules.reduce(0) { $0 + $1.filter { $0 }.count }
        let total = size * size
        let k = (abs(dark * 20 - total * 10) + total - 1) / total - 1
        return result + k * 10
    }
}

import Foundation

/// A UUID to and from its 36-character text, as `uuidString` and `UUID(uuidString:)` give it, without the C
/// library's formatted I/O they go through on Linux (about 400 ns each way): a device list page reads and writes
/// several hundred ids.
extension UUID {
    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// The upper-case text, the same as `uuidString`.
    public var text: String {
        withUnsafeBytes(of: uuid) { bytes in
            String(unsafeUninitializedCapacity: 36) { out in
                var o = 0
                for (i, byte) in bytes.enumerated() {
                    if i == 4 || i == 6 || i == 8 || i == 10 { out[o] = UInt8(ascii: "-"); o += 1 }
                    out[o] = UUID.hexDigits[Int(byte >> 4)]
                    out[o + 1] = UUID.hexDigits[Int(byte & 0x0F)]
                    o += 2
                }
                return 36
            }
        }
    }

    /// Reads the 8-4-4-4-12 hexadecimal form in either case; nil for anything else, as `UUID(uuidString:)`.
    public init?(text: some StringProtocol) {
        var uuid: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        // Straight from the text's bytes where they lie together (a native String's do), else from a copy.
        let parsed = text.utf8.withContiguousStorageIfAvailable { UUID.parse($0, into: &uuid) }
            ?? Array(text.utf8).withUnsafeBufferPointer { UUID.parse($0, into: &uuid) }
        guard parsed else { return nil }
        self.init(uuid: uuid)
    }

    private static func parse(_ text: UnsafeBufferPointer<UInt8>, into uuid: inout uuid_t) -> Bool {
        let dash = UInt8(ascii: "-")
        guard text.count == 36, text[8] == dash, text[13] == dash, text[18] == dash, text[23] == dash else { return false }
        return withUnsafeMutableBytes(of: &uuid) { out in
            var i = 0, o = 0
            while i < 36 {
                if i == 8 || i == 13 || i == 18 || i == 23 { i += 1; continue }
                guard let high = hexValue(text[i]), let low = hexValue(text[i + 1]) else { return false }
                out[o] = high << 4 | low
                o += 1
                i += 2
            }
            return true
        }
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

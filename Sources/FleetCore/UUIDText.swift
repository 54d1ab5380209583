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
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16)
        var high: UInt8?
        var position = 0
        for c in text.utf8 {
            defer { position += 1 }
            if position == 8 || position == 13 || position == 18 || position == 23 {
                guard c == UInt8(ascii: "-") else { return nil }
                continue
            }
            let value: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): value = c - UInt8(ascii: "A") + 10
            default: return nil
            }
            guard position < 36 else { return nil }
            if let h = high {
                bytes.append(h << 4 | value)
                high = nil
            } else {
                high = value
            }
        }
        guard position == 36, bytes.count == 16 else { return nil }
        self.init(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                         bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}

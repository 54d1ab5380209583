import Foundation

extension UUID {
    /// A version 7 UUID (RFC 9562): 48 bits of Unix milliseconds, then random bits. Ids made one after another sort
    /// one after another, so a table's primary-key index is appended to at its end rather than written all over:
    /// at millions of meter readings, random ids made each insert touch a page nobody had touched for months.
    public static func timeOrdered(at date: Date = Date()) -> UUID {
        let ms = UInt64(max(0, date.timeIntervalSince1970 * 1_000))
        // Two draws of 64 bits: each draw is a system call on Linux, and a batch of readings makes a thousand ids.
        var random = SystemRandomNumberGenerator()
        let a: UInt64 = random.next(), b: UInt64 = random.next()
        return version7(ms: ms, a, b)
    }

    /// `count` version 7 UUIDs for one moment from a single random draw: the first random, each next one the one
    /// before plus one in its 62 low bits (RFC 9562's monotonic random method). They are as unique as one id made
    /// at random, sort in the order made, and cost two system calls for the lot where one at a time costs two each.
    public static func timeOrdered(count: Int, at date: Date = Date()) -> [UUID] {
        let ms = UInt64(max(0, date.timeIntervalSince1970 * 1_000))
        var random = SystemRandomNumberGenerator()
        let a: UInt64 = random.next()
        // Room below the top of the 62 bits for the whole run, so that adding never carries into the variant.
        let low: UInt64 = random.next(upperBound: (UInt64(1) << 62) - UInt64(max(count, 1)))
        return (0..<max(count, 0)).map { version7(ms: ms, a, low + UInt64($0)) }
    }

    /// 48 bits of milliseconds, the version, 12 bits of `a`, the variant, then the 62 low bits of `b`.
    private static func version7(ms: UInt64, _ a: UInt64, _ b: UInt64) -> UUID {
        func byte(_ v: UInt64, _ i: UInt64) -> UInt8 { UInt8(truncatingIfNeeded: v >> (56 - 8 * i)) }
        return UUID(uuid: (byte(ms, 2), byte(ms, 3), byte(ms, 4), byte(ms, 5), byte(ms, 6), byte(ms, 7),
                           0x70 | (byte(a, 0) & 0x0F),   // version 7
                           byte(a, 1),
                           0x80 | (byte(b, 0) & 0x3F),   // RFC 4122 variant
                           byte(b, 1), byte(b, 2), byte(b, 3), byte(b, 4), byte(b, 5), byte(b, 6), byte(b, 7)))
    }

    /// Orders UUIDs as their text does (`text`, `uuidString`: upper-case hexadecimal in fixed places), by their
    /// bytes: comparing two 64-bit halves instead of two strings.
    public static func textOrder(_ x: UUID, _ y: UUID) -> Bool {
        func halves(_ u: UUID) -> (UInt64, UInt64) {
            withUnsafeBytes(of: u.uuid) { ($0.loadUnaligned(as: UInt64.self).bigEndian, $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self).bigEndian) }
        }
        return halves(x) < halves(y)
    }
}

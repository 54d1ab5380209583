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
        func byte(_ v: UInt64, _ i: UInt64) -> UInt8 { UInt8(truncatingIfNeeded: v >> (56 - 8 * i)) }
        return UUID(uuid: (byte(ms, 2), byte(ms, 3), byte(ms, 4), byte(ms, 5), byte(ms, 6), byte(ms, 7),
                           0x70 | (byte(a, 0) & 0x0F),   // version 7
                           byte(a, 1),
                           0x80 | (byte(a, 2) & 0x3F),   // RFC 4122 variant
                           byte(a, 3), byte(a, 4), byte(a, 5), byte(a, 6), byte(a, 7), byte(b, 0), byte(b, 1)))
    }
}

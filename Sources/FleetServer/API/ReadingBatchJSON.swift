import FleetCore
import Foundation
import NIOCore

/// Reads the usual body of `POST /api/v1/readings` straight from its bytes.
///
/// A collector sends a thousand readings at a time, and the JSON decoder (Codable's keyed containers, a dictionary
/// of each object's keys, an ISO 8601 parser) took a tenth of the server's time under a stream of batches. This
/// reader knows the one shape the collectors send: the keys of `ReadingInput` and `SupplyReading`, text without
/// escapes, whole numbers, and moments as `2026-11-25T08:30:00Z`. At anything else (an escape, a key it does not
/// know or sees twice, a fraction or exponent, another form of date, text that is not UTF-8, something after the
/// end) it gives up and returns nil, and the body goes to the JSON decoder as before, which then accepts or
/// refuses it with its own errors. So it never accepts what the decoder refuses, nor reads anything otherwise:
/// `ReadingBatchJSONTests` holds it to that.
enum ReadingBatchJSON {
    static func parse(_ body: ByteBuffer) -> ReadingBatch? {
        body.withUnsafeReadableBytes { raw in
            var reader = Reader(bytes: raw.bindMemory(to: UInt8.self))
            return reader.batch()
        }
    }

    static func parse(_ text: String) -> ReadingBatch? {
        parse(ByteBuffer(string: text))
    }

    /// A list of supplies as stored (`[{"kind":"toner","levelPercent":60,"name":"Black Toner"}]`), on the same terms:
    /// nil for anything but the plain form, which then goes to the JSON decoder.
    static func supplies(_ text: String) -> [SupplyReading]? {
        var text = text
        return text.withUTF8 { bytes in
            var reader = Reader(bytes: bytes)
            guard let list = reader.list({ $0.supply() }) else { return nil }
            reader.skipSpace()
            return reader.i == bytes.count ? list : nil
        }
    }

    /// Supplies as the meter book stores them: JSON that the JSON decoder and `supplies(_:)` both read back as
    /// `list`. Written by hand, where a JSONEncoder per reading was a fortieth of a batch: keys in one order, a
    /// missing level left out (as the encoder leaves it), and in text only `"`, `\\` and control characters escaped.
    static func text(_ list: [SupplyReading]) -> String {
        var out = "["
        for (n, s) in list.enumerated() {
            out += (n == 0 ? "{" : ",{") + "\"kind\":\"" + JSONText.escaped(s.kind) + "\""
            if let level = s.levelPercent { out += ",\"levelPercent\":" + String(level) }
            out += ",\"name\":\"" + JSONText.escaped(s.name) + "\"}"
        }
        return out + "]"
    }

    private struct Reader {
        static let readingKeys = ["deviceId", "serialNumber", "make", "takenAt", "source", "totalPages", "monoPages", "colorPages",
                                  "duplexPages", "counterReset", "supplies", "address", "sysLocation"]
        static let supplyKeys = ["name", "kind", "levelPercent"]

        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        mutating func batch() -> ReadingBatch? {
            guard take(.openBrace), string() == "readings", take(.colon), let readings = list({ $0.reading() }),
                  take(.closeBrace) else { return nil }
            skipSpace()
            return i == bytes.count ? ReadingBatch(readings: readings) : nil
        }

        mutating func reading() -> ReadingInput? {
            var deviceId: UUID?, serialNumber: String?, make: String?, takenAt: Date?, source: String?, totalPages: Int64?
            var monoPages: Int64?, colorPages: Int64?, counterReset: Bool?, duplexPages: Int64?, supplies: [SupplyReading]?
            var address: String?, sysLocation: String?
            let read = object(keys: Self.readingKeys) { r, key in
                switch key {
                case "deviceId": return r.optional(&deviceId) { $0.string().flatMap { UUID(text: $0) } }
                case "serialNumber": return r.optional(&serialNumber) { $0.string() }
                case "make": return r.optional(&make) { $0.string() }
                case "takenAt": takenAt = r.string().flatMap(Moment.parse); return takenAt != nil
                case "source": source = r.string(); return source != nil
                case "totalPages": totalPages = r.integer(); return totalPages != nil
                case "monoPages": return r.optional(&monoPages) { $0.integer() }
                case "colorPages": return r.optional(&colorPages) { $0.integer() }
                case "duplexPages": return r.optional(&duplexPages) { $0.integer() }
                case "counterReset": return r.optional(&counterReset) { $0.boolean() }
                case "supplies": return r.optional(&supplies) { $0.list { $0.supply() } }
                case "address": return r.optional(&address) { $0.string() }
                case "sysLocation": return r.optional(&sysLocation) { $0.string() }
                default: return false
                }
            }
            guard read, let takenAt, let source, let totalPages else { return nil }
            return ReadingInput(deviceId: deviceId, serialNumber: serialNumber, make: make, takenAt: takenAt, source: source,
                                totalPages: totalPages, monoPages: monoPages, colorPages: colorPages, counterReset: counterReset,
                                duplexPages: duplexPages, supplies: supplies, address: address, sysLocation: sysLocation)
        }

        mutating func supply() -> SupplyReading? {
            var name: String?, kind: String?, level: Int64?
            let read = object(keys: Self.supplyKeys) { r, key in
                switch key {
                case "name": name = r.string(); return name != nil
                case "kind": kind = r.string(); return kind != nil
                case "levelPercent": return r.optional(&level) { $0.integer() }
                default: return false
                }
            }
            guard read, let name, let kind else { return nil }
            return SupplyReading(name: name, kind: kind, levelPercent: level.map { Int($0) })
        }

        // MARK: Structure

        /// An object whose keys are all among `keys`, none twice; `field` reads the value of each and says whether it could.
        mutating func object(keys: [String], _ field: (inout Reader, String) -> Bool) -> Bool {
            guard take(.openBrace) else { return false }
            if take(.closeBrace) { return true }
            var seen: UInt32 = 0
            repeat {
                guard let key = string(), let bit = keys.firstIndex(of: key), seen & 1 << bit == 0, take(.colon),
                      field(&self, key) else { return false }
                seen |= 1 << bit
            } while take(.comma)
            return take(.closeBrace)
        }

        /// An array of what `element` reads.
        mutating func list<T>(_ element: (inout Reader) -> T?) -> [T]? {
            guard take(.openBracket) else { return nil }
            var items: [T] = []
            if take(.closeBracket) { return items }
            repeat {
                guard let item = element(&self) else { return nil }
                items.append(item)
            } while take(.comma)
            return take(.closeBracket) ? items : nil
        }

        /// `null`, leaving `out` nil, or what `value` reads; false where it is neither.
        mutating func optional<T>(_ out: inout T?, _ value: (inout Reader) -> T?) -> Bool {
            if null() { return true }
            out = value(&self)
            return out != nil
        }

        // MARK: Tokens

        mutating func skipSpace() {
            while i < bytes.count {
                let c = bytes[i]
                guard c == .space || c == .newline || c == .carriageReturn || c == .tab else { return }
                i += 1
            }
        }

        /// Steps over `byte` (after any space) if it comes next.
        mutating func take(_ byte: UInt8) -> Bool {
            skipSpace()
            guard i < bytes.count, bytes[i] == byte else { return false }
            i += 1
            return true
        }

        /// Text without escapes or control characters, in valid UTF-8; nil for anything else.
        mutating func string() -> String? {
            guard take(.quote) else { return nil }
            let start = i
            while i < bytes.count {
                let c = bytes[i]
                if c == .quote {
                    let text = String(validating: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
                    i += 1
                    return text
                }
                if c == .backslash || c < 0x20 { return nil }
                i += 1
            }
            return nil
        }

        mutating func null() -> Bool { word("null") }

        mutating func boolean() -> Bool? {
            if word("true") { return true }
            if word("false") { return false }
            return nil
        }

        mutating func word(_ w: StaticString) -> Bool {
            skipSpace()
            let n = w.utf8CodeUnitCount
            guard i + n <= bytes.count else { return false }
            for k in 0..<n where bytes[i + k] != w.utf8Start[k] { return false }
            // A word runs into the next token only through a letter or digit, which JSON would refuse.
            if i + n < bytes.count, bytes[i + n].isLetterOrDigit { return false }
            i += n
            return true
        }

        /// A whole number in JSON's own form (no leading zeros, no "-0"), fraction- and exponent-free, in range.
        mutating func integer() -> Int64? {
            skipSpace()
            var negative = false
            if i < bytes.count, bytes[i] == .minus { negative = true; i += 1 }
            guard i < bytes.count, bytes[i].isDigit else { return nil }
            if bytes[i] == .zero, i + 1 < bytes.count, bytes[i + 1].isDigit { return nil }
            var value: Int64 = 0
            while i < bytes.count, bytes[i].isDigit {
                let (times, o1) = value.multipliedReportingOverflow(by: 10)
                let (plus, o2) = times.addingReportingOverflow(Int64(bytes[i] - .zero))
                guard !o1, !o2 else { return nil }
                value = plus
                i += 1
            }
            // A fraction or exponent (or anything JSON would refuse) is the decoder's to judge.
            if i < bytes.count, bytes[i] == .dot || bytes[i].isLetterOrDigit { return nil }
            if negative { return value == 0 ? nil : -value }
            return value
        }
    }
}

private extension UInt8 {
    static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t"), newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
    static let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\"), colon = UInt8(ascii: ":"), comma = UInt8(ascii: ",")
    static let openBrace = UInt8(ascii: "{"), closeBrace = UInt8(ascii: "}"), openBracket = UInt8(ascii: "["), closeBracket = UInt8(ascii: "]")
    static let minus = UInt8(ascii: "-"), dot = UInt8(ascii: "."), zero = UInt8(ascii: "0")

    var isDigit: Bool { self >= .zero && self <= UInt8(ascii: "9") }
    var isLetterOrDigit: Bool { isDigit || (self | 0x20 >= UInt8(ascii: "a") && self | 0x20 <= UInt8(ascii: "z")) }
}

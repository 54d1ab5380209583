import FleetCore
import Foundation
import Testing
import Vapor

@testable import FleetServer

@Suite("Reading batches read straight from their bytes")
struct ReadingBatchJSONTests {
    /// What the server's JSON decoder makes of a body, nil where it refuses it.
    func decoded(_ text: String) -> ReadingBatch? {
        try? NulGuard.strictJSON.decode(ReadingBatch.self, from: Data(text.utf8))
    }

    /// A body in the collectors' shape, with random spacing, key order, nulls and omissions, Persian text and ids in
    /// either case.
    func randomBody() -> String {
        func space() -> String { ["", " ", "\n  ", "\t", "\r\n"].randomElement()! }
        func object(_ pairs: [(String, String)]) -> String {
            "{" + space() + pairs.shuffled().map { "\"\($0.0)\"" + space() + ":" + space() + $0.1 }.joined(separator: space() + "," + space()) + space() + "}"
        }
        let texts = ["HP", "Canon iR-ADV C5535", "طبقه دوم، اتاق ۱۲", "Black Toner", "", "Ünïcödé ✓", "a/b"]
        func text() -> String { "\"" + texts.randomElement()! + "\"" }
        func number() -> String { String(Int64.random(in: -5...Int64.max / 2)) }
        var readings: [String] = []
        for _ in 0..<Int.random(in: 0...6) {
            let at = Date(timeIntervalSince1970: Double(Int.random(in: -2_000_000_000...4_000_000_000)))
            var pairs = [("takenAt", "\"" + ISO8601DateFormatter().string(from: at) + "\""), ("source", text()), ("totalPages", number())]
            let id = UUID()
            let optional: [(String, () -> String)] = [
                ("deviceId", { "\"" + (Bool.random() ? id.uuidString : id.uuidString.lowercased()) + "\"" }),
                ("serialNumber", text), ("make", text), ("monoPages", number), ("colorPages", number), ("duplexPages", number),
                ("counterReset", { Bool.random() ? "true" : "false" }), ("address", text), ("sysLocation", text),
                ("supplies", {
                    "[" + (0..<Int.random(in: 0...3)).map { _ in
                        var s = [("name", text()), ("kind", text())]
                        if Bool.random() { s.append(("levelPercent", Bool.random() ? String(Int.random(in: -3...120)) : "null")) }
                        return object(s)
                    }.joined(separator: ",") + "]"
                }),
            ]
            for (key, value) in optional {
                switch Int.random(in: 0..<3) {
                case 0: pairs.append((key, value()))
                case 1: pairs.append((key, "null"))
                default: break
                }
            }
            readings.append(object(pairs))
        }
        return object([("readings", "[" + space() + readings.joined(separator: "," + space()) + space() + "]")])
    }

    @Test("Bodies in the collectors' shape are read exactly as the JSON decoder reads them")
    func sameAsDecoder() throws {
        for _ in 0..<500 {
            let body = randomBody()
            let fast = try #require(ReadingBatchJSON.parse(body), "\(body)")
            #expect(fast == decoded(body), "\(body)")
        }
    }

    @Test("Every moment of the form it reads is the instant the decoder gives")
    func moments() throws {
        let formatter = ISO8601DateFormatter()
        // The accepted days: 1900-01-01 to 2200-12-31.
        var instants = (0..<3_000).map { _ in Date(timeIntervalSince1970: Double(Int.random(in: -2_208_988_800...7_289_654_399))) }
        // Month ends, leap days, the turn of centuries.
        instants += ["1900-02-28T23:59:59Z", "1900-03-01T00:00:00Z", "2000-02-29T12:00:00Z", "2024-02-29T00:00:00Z",
                     "2026-12-31T23:59:59Z", "2100-03-01T00:00:00Z", "2200-12-31T23:59:59Z"].map { formatter.date(from: $0)! }
        for instant in instants {
            let body = #"{"readings":[{"takenAt":"\#(formatter.string(from: instant))","source":"snmp","totalPages":1}]}"#
            #expect(ReadingBatchJSON.parse(body)?.readings.first?.takenAt == instant, "\(body)")
            #expect(decoded(body)?.readings.first?.takenAt == instant)
        }
    }

    @Test("What it is not sure of goes to the decoder: escapes, unknown or repeated keys, fractions, other dates, bad text", arguments: [
        #"{"readings":[{"takenAt":"2026-11-25T08:30:00Z","source":"sn\"mp","totalPages":1}]}"#,
        #"{"readings":[{"takenAt":"2026-11-25T08:30:00Z","source":"sn\u0000mp","totalPages":1}]}"#,
        #"{"readings":[{"takenAt":"2026-11-25T08:30:00Z","source":"snmp","totalPages":1,"extra":1}]}"#,
        #"{"readings":[{"takenAt":"2026-11-25T08:30:00Z","source":"snmp","totalPages":1,"totalPages":2}]}"#,
        #"{"readings":[{"takenAt":"2026-11-25T08:30:00Z","source":"snmp","totalPages":1.0}]}"#,
        #"{"readings":[{"takenAt":"2026-11-25T08:30:00Z","source":"snmp","totalPages":1e3}]}"#,
        #"{"readings":[{"takenAt":"2026-11-25T08:30:00Z","source":"snmp","totalPages":-0}]}"#,
        #"{"readings":[{"takenAt":"2026-11-25T08:30:00Z","source":"snmp","totalPages":01}]}"#,
        #"{"readings":[{"takenAt":"2026-11-25T08:30:00Z","source":"snmp","totalPages":9223372036854775808}]}"#,
        #"{"readings":[{"takenAt":"2026-02-30T08:30:00Z","source":"snmp","totalPages":1}]}"#,
        #"{"readings":[{"takenAt":"2026-11-25T24:00:00Z","source":"snmp","totalPages":1}]}"#,
        #"{"readings":[{"takenAt":null,"source":"snmp","totalPages":1}]}"#,
        #"{"readings":[{"source":"snmp","totalPages":1}]}"#,
        #"{"readings":[{"takenAt":"2026-11-25T08:30:00Z","source":"snmp","totalPages":1,"deviceId":"not-an-id"}]}"#,
        #"{"readings":[{"takenAt":"2026-11-25T08:30:00Z","source":"snmp","totalPages":1,"counterReset":1}]}"#,
        #"{"readings":[{"takenAt":"2026-11-25T08:30:00Z","source":"snmp","totalPages":1,"supplies":[{"name":"x"}]}]}"#,
        #"{"readings":[{"takenAt":"2026-11-25T08:30:00Z","source":"snmp","totalPages":1,"supplies":[{"name":"x","kind":"toner","levelPercent":5.5}]}]}"#,
        #"{"readings":[{"takenAt":"2026-11-25T08:30:00Z","source":"snmp","totalPages":1}]} x"#,
        #"{"readings":[{"takenAt":"2026-11-25T08:30:00Z","source":"snmp","totalPages":1},]}"#,
        #"{"readings":[{"takenAt":"2026-11-25T08:30:00Z","source":"snmp","totalPages":1}],"more":[]}"#,
        #"{"readings":[{"takenAt":"2026-11-25T08:30:00Z","source":"snmp","totalPages":nulls}]}"#,
        "{\"readings\":[{\"takenAt\":\"2026-11-25T08:30:00Z\",\"source\":\"sn\tmp\",\"totalPages\":1}]}",
        #"{"readings":{}}"#, #"{}"#, "", "[]", "null",
    ])
    func givesUp(body: String) {
        #expect(ReadingBatchJSON.parse(body) == nil)
    }

    @Test("A fraction of a second or an offset from UTC is read as the decoder reads it; a day out of range by neither", arguments: [
        ("2026-11-25T08:30:00.5Z", 1_795_595_400.5), ("2026-11-25T12:00:00+03:30", 1_795_595_400), ("2201-01-01T00:00:00Z", nil),
    ] as [(String, Double?)])
    func otherMoments(text: String, seconds: Double?) {
        let body = #"{"readings":[{"takenAt":"\#(text)","source":"snmp","totalPages":1}]}"#
        #expect(ReadingBatchJSON.parse(body)?.readings.first?.takenAt == seconds.map(Date.init(timeIntervalSince1970:)))
        #expect(decoded(body)?.readings.first?.takenAt == seconds.map(Date.init(timeIntervalSince1970:)))
    }

    @Test("Text that is not UTF-8 goes to the decoder, which refuses it")
    func notUTF8() {
        var body = ByteBuffer(string: #"{"readings":[{"takenAt":"2026-11-25T08:30:00Z","source":"sn"#)
        body.writeBytes([0xFF, 0xFE])
        body.writeString(#"mp","totalPages":1}]}"#)
        #expect(ReadingBatchJSON.parse(body) == nil)
        #expect((try? JSONDecoder.custom(dates: .iso8601).decode(ReadingBatch.self, from: Data(buffer: body))) == nil)
    }

    @Test("Supplies as the meter book stores them read back the same, straight from the text or through the decoder")
    func storedSupplies() throws {
        let names = ["Black Toner", "Cyan Cartridge", "کارتریج مشکی", "Drum Unit", "Toner \"K\"", "a/b", "", "back\\slash",
                     "tab\there", "line\nbreak", "\u{1}\u{1F}\u{7F}", "emoji 🖨️", "\r"]
        for _ in 0..<300 {
            let list = (0..<Int.random(in: 0...5)).map { _ in
                SupplyReading(name: names.randomElement()!, kind: ["toner", "drum", "ink", "fuser", "ink \"x\""].randomElement()!,
                              levelPercent: Bool.random() ? Int.random(in: -1...100) : nil)
            }
            // As the meter book writes them, and as a JSON encoder would (stored by earlier versions).
            for stored in [ReadingBatchJSON.text(list), String(decoding: try JSONEncoder().encode(list), as: UTF8.self)] {
                let plain = !stored.contains("\\")
                let read = ReadingBatchJSON.supplies(stored)
                #expect(plain ? read == list : read == nil, "\(stored)")
                #expect(try JSONDecoder().decode([SupplyReading].self, from: Data(stored.utf8)) == list, "\(stored)")
            }
        }
        #expect(ReadingBatchJSON.supplies("[]") == [])
        #expect(ReadingBatchJSON.supplies("[] x") == nil)
        #expect(ReadingBatchJSON.supplies("null") == nil)
    }
}

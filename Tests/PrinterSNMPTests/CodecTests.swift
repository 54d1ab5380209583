import PrinterSNMP
import Testing

func hex(_ s: String) -> [UInt8] {
    let clean = s.filter { !$0.isWhitespace }
    return stride(from: 0, to: clean.count, by: 2).map {
        let i = clean.index(clean.startIndex, offsetBy: $0)
        return UInt8(clean[i..<clean.index(i, offsetBy: 2)], radix: 16)!
    }
}

@Suite("SNMP codec")
struct CodecTests {
    @Test("GET sysDescr.0, v2c, community public: byte for byte what snmpget sends")
    func getRequest() throws {
        let r = SNMPRequest(version: .v2c, community: "public", type: .get, requestID: 1, oids: ["1.3.6.1.2.1.1.1.0"])
        #expect(try r.encoded() == hex("""
            30 26 02 01 01 04 06 70 75 62 6c 69 63 a0 19 02 01 01 02 01 00 02 01 00
            30 0e 30 0c 06 08 2b 06 01 02 01 01 01 00 05 00
            """))
    }

    @Test("GETNEXT in v1 changes only the version and the PDU tag")
    func getNextV1() throws {
        let r = SNMPRequest(version: .v1, community: "public", type: .getNext, requestID: 1, oids: ["1.3.6.1.2.1.1.1.0"])
        #expect(try r.encoded() == hex("""
            30 26 02 01 00 04 06 70 75 62 6c 69 63 a1 19 02 01 01 02 01 00 02 01 00
            30 0e 30 0c 06 08 2b 06 01 02 01 01 01 00 05 00
            """))
    }

    @Test("GETBULK carries non-repeaters and max-repetitions where errors would be")
    func getBulk() throws {
        let r = SNMPRequest(version: .v2c, community: "public", type: .getBulk, requestID: 300,
                            oids: ["1.3.6.1.2.1.43.11.1.1.9"], nonRepeaters: 0, maxRepetitions: 20)
        // request-id 300 is 02 02 01 2c; the OID 1.3.6.1.2.1.43.11.1.1.9 is 06 0a 2b 06 01 02 01 2b 0b 01 01 09
        #expect(try r.encoded() == hex("""
            30 29 02 01 01 04 06 70 75 62 6c 69 63 a5 1c 02 02 01 2c 02 01 00 02 01 14
            30 10 30 0e 06 0a 2b 06 01 02 01 2b 0b 01 01 09 05 00
            """))
    }

    /// A response with a Counter32 above 2^31 sent in four bytes with the top bit set, a string,
    /// a supply level of -3 ("some remaining") and noSuchObject.
    static let response = hex("""
        30 64 02 01 01 04 06 70 75 62 6c 69 63 a2 57 02 01 2a 02 01 00 02 01 00 30 4c
        30 14 06 0c 2b 06 01 02 01 2b 0a 02 01 04 01 01 41 04 80 00 00 01
        30 14 06 08 2b 06 01 02 01 01 05 00 04 08 50 52 4e 2d 30 30 30 31
        30 11 06 0c 2b 06 01 02 01 2b 0b 01 01 09 01 02 02 01 fd
        30 0b 06 07 2b 06 01 04 01 0b 02 80 00
        """)

    @Test("A response decodes into its bindings, with every value typed")
    func decodeResponse() throws {
        let r = try SNMPResponse.decode(Self.response)
        #expect(r.version == .v2c)
        #expect(r.community == "public")
        #expect(r.requestID == 42)
        #expect(r.errorStatus == 0)
        #expect(r.varBinds.map(\.oid.description) == ["1.3.6.1.2.1.43.10.2.1.4.1.1", "1.3.6.1.2.1.1.5.0",
                                                     "1.3.6.1.2.1.43.11.1.1.9.1.2", "1.3.6.1.4.1.11.2"])
        #expect(r.varBinds[0].value == .counter32(2_147_483_649))
        #expect(r.varBinds[1].value.text == "PRN-0001")
        #expect(r.varBinds[2].value == .integer(-3))
        #expect(r.varBinds[3].value == .noSuchObject)
        #expect(r.varBinds[3].value.isException)
    }

    @Test("Counter32 above 2^31 in five bytes reads the same as in four with the top bit set")
    func lenientCounter() throws {
        var five = Self.response
        // Replace "41 04 80 00 00 01" with "41 05 00 80 00 00 01", growing every enclosing length by one.
        let at = five.firstIndex(of: 0x41)!
        five.replaceSubrange(at..<(at + 6), with: hex("41 05 00 80 00 00 01"))
        for (i, v) in [(1, 0x65), (14, 0x58), (25, 0x4d), (27, 0x15)] { five[i] = UInt8(v) }
        let r = try SNMPResponse.decode(five)
        #expect(r.varBinds[0].value == .counter32(2_147_483_649))
    }

    @Test("Garbage, a truncated datagram and a request in place of a response are errors, not crashes", arguments: [
        hex("00 01 02"), Array(CodecTests.response.prefix(40)), hex("30 03 02 01 01"),
        try! SNMPRequest(version: .v2c, community: "public", type: .get, requestID: 1, oids: ["1.3.6.1.2.1.1.1.0"]).encoded(),
    ])
    func malformed(bytes: [UInt8]) {
        #expect(throws: SNMPDecodingError.self) { try SNMPResponse.decode(bytes) }
    }

    @Test("OIDs order as the MIB tree does, and a walk knows when it left its column")
    func oids() {
        let column: OID = "1.3.6.1.2.1.43.11.1.1.9"
        #expect(OID(dotted: "1.3.6.1.2.1.43.11.1.1.9.1.2")!.hasPrefix(column))
        #expect(!OID(dotted: "1.3.6.1.2.1.43.11.1.1.10.1.1")!.hasPrefix(column))
        #expect(OID(dotted: "1.3.6.1.2.1.43.11.1.1.9.1.10")! > OID(dotted: "1.3.6.1.2.1.43.11.1.1.9.1.2")!)
        #expect(OID(dotted: "1.3.x") == nil)
    }
}

import SwiftASN1

/// The SNMP versions FleetCare speaks to printers.
public enum SNMPVersion: Int, Sendable, CaseIterable {
    case v1 = 0
    case v2c = 1

    /// As people write it in a file or on the command line: `1`, `v1`, `2`, `2c`, `v2c`.
    public init?(name: String) {
        switch name.lowercased() {
        case "1", "v1": self = .v1
        case "2", "2c", "v2c": self = .v2c
        default: return nil
        }
    }
}

/// The PDU types used to read printers.
public enum PDUType: UInt, Sendable {
    case get = 0
    case getNext = 1
    case response = 2
    case getBulk = 5
}

/// An object identifier as numbers: `1.3.6.1.2.1.1.5.0`.
public struct OID: Hashable, Sendable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let components: [UInt]

    public init(_ components: [UInt]) { self.components = components }

    /// Parses the dotted form; nil for anything else.
    public init?(dotted: String) {
        let parts = dotted.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2 else { return nil }
        var c: [UInt] = []
        for p in parts {
            guard let n = UInt(p) else { return nil }
            c.append(n)
        }
        components = c
    }

    public init(stringLiteral value: String) { self.init(dotted: value)! }

    public var description: String { components.map(String.init).joined(separator: ".") }

    /// Whether `self` lies under `prefix` in the tree (a table walk stays inside its column).
    public func hasPrefix(_ prefix: OID) -> Bool {
        components.count >= prefix.components.count && Array(components.prefix(prefix.components.count)) == prefix.components
    }

    public func appending(_ more: UInt...) -> OID { OID(components + more) }

    public static func < (a: OID, b: OID) -> Bool { a.components.lexicographicallyPrecedes(b.components) }
}

/// A value in a variable binding.
public enum SNMPValue: Equatable, Sendable {
    case integer(Int64)
    case octets([UInt8])
    case oid(OID)
    case null
    case ipAddress([UInt8])
    case counter32(UInt64)
    case gauge32(UInt64)
    case timeTicks(UInt64)
    case counter64(UInt64)
    case opaque([UInt8])
    case noSuchObject
    case noSuchInstance
    case endOfMibView

    /// A number, whatever integer type the agent chose.
    public var number: Int64? {
        switch self {
        case let .integer(v): return v
        case let .counter32(v), let .gauge32(v), let .timeTicks(v), let .counter64(v): return Int64(clamping: v)
        default: return nil
        }
    }

    /// Text, for OCTET STRINGs; invalid UTF-8 is repaired rather than refused.
    public var text: String? {
        guard case let .octets(b) = self else { return nil }
        let trimmed = b.last == 0 ? Array(b.prefix { $0 != 0 }) : b
        return String(decoding: trimmed, as: UTF8.self)
    }

    /// The agent has no such object or instance, or the walk ran off the end.
    public var isException: Bool {
        self == .noSuchObject || self == .noSuchInstance || self == .endOfMibView
    }
}

public struct VarBind: Equatable, Sendable {
    public let oid: OID
    public let value: SNMPValue

    public init(oid: OID, value: SNMPValue) {
        self.oid = oid
        self.value = value
    }
}

/// A request to an agent.
public struct SNMPRequest: Equatable, Sendable {
    public var version: SNMPVersion
    public var community: String
    public var type: PDUType
    public var requestID: Int32
    public var oids: [OID]
    /// GETBULK only.
    public var nonRepeaters: Int = 0
    public var maxRepetitions: Int = 0

    public init(version: SNMPVersion, community: String, type: PDUType, requestID: Int32, oids: [OID],
                nonRepeaters: Int = 0, maxRepetitions: Int = 0) {
        self.version = version
        self.community = community
        self.type = type
        self.requestID = requestID
        self.oids = oids
        self.nonRepeaters = nonRepeaters
        self.maxRepetitions = maxRepetitions
    }

    /// The message as BER (DER, which is valid BER), ready for a UDP datagram.
    public func encoded() throws -> [UInt8] {
        var s = DER.Serializer()
        try s.appendConstructedNode(identifier: .sequence) { s in
            try s.serialize(version.rawValue)
            try s.serialize(ASN1OctetString(contentBytes: ArraySlice(community.utf8)))
            try s.appendConstructedNode(identifier: ASN1Identifier(tagWithNumber: type.rawValue, tagClass: .contextSpecific)) { s in
                try s.serialize(Int(requestID))
                try s.serialize(type == .getBulk ? nonRepeaters : 0)
                try s.serialize(type == .getBulk ? maxRepetitions : 0)
                try s.appendConstructedNode(identifier: .sequence) { s in
                    for oid in oids {
                        try s.appendConstructedNode(identifier: .sequence) { s in
                            try s.serialize(try ASN1ObjectIdentifier(elements: oid.components))
                            try s.serialize(ASN1Null())
                        }
                    }
                }
            }
        }
        return s.serializedBytes
    }
}

/// An agent's answer.
public struct SNMPResponse: Equatable, Sendable {
    public let version: SNMPVersion
    public let community: String
    public let requestID: Int32
    public let errorStatus: Int
    public let errorIndex: Int
    public let varBinds: [VarBind]

    /// Decodes a response datagram. Integers of the application types are read leniently: agents
    /// send Counter32 above 2^31 in five bytes, or in four with the top bit set, and both mean the same.
    public static func decode(_ bytes: [UInt8]) throws(SNMPDecodingError) -> SNMPResponse {
        do {
            let root = try BER.parse(bytes)
            guard root.identifier == .sequence, case let .constructed(top) = root.content else {
                throw SNMPDecodingError("the message is not a SEQUENCE")
            }
            var it = top.makeIterator()
            guard let v = it.next(), let c = it.next(), let pdu = it.next() else { throw SNMPDecodingError("the message is incomplete") }
            guard let version = SNMPVersion(rawValue: Int(try signed(v))) else { throw SNMPDecodingError("unknown SNMP version") }
            guard c.identifier == .octetString, case let .primitive(community) = c.content else {
                throw SNMPDecodingError("the community is not an OCTET STRING")
            }
            guard pdu.identifier == ASN1Identifier(tagWithNumber: PDUType.response.rawValue, tagClass: .contextSpecific),
                  case let .constructed(fields) = pdu.content else {
                throw SNMPDecodingError("the PDU is not a Response")
            }
            var f = fields.makeIterator()
            guard let id = f.next(), let status = f.next(), let index = f.next(), let list = f.next(),
                  case let .constructed(binds) = list.content else { throw SNMPDecodingError("the PDU is incomplete") }
            var varBinds: [VarBind] = []
            for bind in binds {
                guard case let .constructed(pair) = bind.content else { throw SNMPDecodingError("a variable binding is not a SEQUENCE") }
                var p = pair.makeIterator()
                guard let name = p.next(), let value = p.next() else { throw SNMPDecodingError("a variable binding is incomplete") }
                let oid = try ASN1ObjectIdentifier(berEncoded: name)
                varBinds.append(VarBind(oid: OID(oid.oidComponents), value: try decodeValue(value)))
            }
            return SNMPResponse(version: version, community: String(decoding: community, as: UTF8.self),
                                requestID: Int32(truncatingIfNeeded: try signed(id)), errorStatus: Int(try signed(status)),
                                errorIndex: Int(try signed(index)), varBinds: varBinds)
        } catch let e as SNMPDecodingError {
            throw e
        } catch {
            throw SNMPDecodingError("malformed BER: \(error)")
        }
    }

    static func decodeValue(_ node: ASN1Node) throws -> SNMPValue {
        let id = node.identifier
        guard case let .primitive(content) = node.content else { throw SNMPDecodingError("a value is constructed") }
        switch (id.tagClass, id.tagNumber) {
        case (.universal, 2): return .integer(try signed(node))
        case (.universal, 4): return .octets(Array(content))
        case (.universal, 5): return .null
        case (.universal, 6): return .oid(OID(try ASN1ObjectIdentifier(berEncoded: node).oidComponents))
        case (.application, 0): return .ipAddress(Array(content))
        case (.application, 1): return .counter32(try unsigned(content))
        case (.application, 2): return .gauge32(try unsigned(content))
        case (.application, 3): return .timeTicks(try unsigned(content))
        case (.application, 4): return .opaque(Array(content))
        case (.application, 6): return .counter64(try unsigned(content))
        case (.contextSpecific, 0): return .noSuchObject
        case (.contextSpecific, 1): return .noSuchInstance
        case (.contextSpecific, 2): return .endOfMibView
        default: return .opaque(Array(content))
        }
    }

    /// A two's-complement INTEGER of up to eight bytes.
    static func signed(_ node: ASN1Node) throws -> Int64 {
        guard case let .primitive(b) = node.content, !b.isEmpty, b.count <= 8 else { throw SNMPDecodingError("an INTEGER is malformed") }
        var v: Int64 = b.first! & 0x80 != 0 ? -1 : 0
        for byte in b { v = (v << 8) | Int64(byte) }
        return v
    }

    /// An unsigned application integer, leniently: leading zero bytes and a set top bit are both fine.
    static func unsigned(_ b: ArraySlice<UInt8>) throws -> UInt64 {
        let digits = b.drop { $0 == 0 }
        guard digits.count <= 8 else { throw SNMPDecodingError("an unsigned integer is longer than 64 bits") }
        return digits.reduce(0) { ($0 << 8) | UInt64($1) }
    }
}

/// A reply that is not SNMP as FleetCare reads it.
public struct SNMPDecodingError: Error, Equatable, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ d: String) { description = d }
}

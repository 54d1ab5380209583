import Vapor

/// A JSON value with ordered object keys, for writing the OpenAPI document by hand.
indirect enum JSONValue: Encodable, Sendable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    case int(Int)
    case bool(Bool)
    case null

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: Encoder) throws {
        switch self {
        case let .object(pairs):
            var c = encoder.container(keyedBy: Key.self)
            for (k, v) in pairs { try c.encode(v, forKey: Key(k)) }
        case let .array(items):
            var c = encoder.unkeyedContainer()
            for i in items { try c.encode(i) }
        case let .string(s):
            var c = encoder.singleValueContainer(); try c.encode(s)
        case let .int(i):
            var c = encoder.singleValueContainer(); try c.encode(i)
        case let .bool(b):
            var c = encoder.singleValueContainer(); try c.encode(b)
        case .null:
            var c = encoder.singleValueContainer(); try c.encodeNil()
        }
    }

    subscript(key: String) -> JSONValue? {
        guard case let .object(pairs) = self else { return nil }
        return pairs.first { $0.0 == key }?.1
    }
}

/// Schema shorthands.
enum Schema {
    static let string = JSONValue.object([("type", .string("string"))])
    static let uuid = JSONValue.object([("type", .string("string")), ("format", .string("uuid"))])
    static let integer = JSONValue.object([("type", .string("integer"))])
    static let number = JSONValue.object([("type", .string("number"))])
    static let boolean = JSONValue.object([("type", .string("boolean"))])
    static let day = JSONValue.object([("type", .string("string")), ("format", .string("date"))])
    static let instant = JSONValue.object([("type", .string("string")), ("format", .string("date-time"))])

    static func ref(_ name: String) -> JSONValue { .object([("$ref", .string("#/components/schemas/\(name)"))]) }
    static func array(_ items: JSONValue) -> JSONValue { .object([("type", .string("array")), ("items", items)]) }
    static func enumeration(_ values: [String]) -> JSONValue {
        .object([("type", .string("string")), ("enum", .array(values.map(JSONValue.string)))])
    }
    static func nullable(_ s: JSONValue) -> JSONValue { .object([("anyOf", .array([s, .object([("type", .string("null"))])]))]) }
    static func text(max: Int) -> JSONValue { .object([("type", .string("string")), ("maxLength", .int(max))]) }

    static func object(_ properties: [(String, JSONValue)], required: [String] = [], additional: Bool = true) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("type", .string("object")), ("properties", .object(properties))]
        if !required.isEmpty { pairs.append(("required", .array(required.map(JSONValue.string)))) }
        if !additional { pairs.append(("additionalProperties", .bool(false))) }
        return .object(pairs)
    }

    static func page(of item: String) -> JSONValue {
        object([("items", array(ref(item))), ("total", integer)], required: ["items", "total"])
    }
}

/// One operation of the document.
struct Operation: Sendable {
    enum Body: Sendable { case none, json(JSONValue), csv }

    let method: String
    let path: String
    let summary: String
    let tag: String
    var query: [(String, JSONValue)] = []
    var body: Body = .none
    var success: (code: Int, schema: JSONValue?) = (200, nil)
    var successType: String = "application/json"
    /// The same answer is also given as CSV (`format=csv`).
    var alsoCSV = false
    var errors: [Int] = [400, 401, 404, 422]
    var secured = true

    /// The operations that answer without touching the database.
    static let withoutDatabase: Set<String> = ["/api/v1/health", "/api/v1/openapi.json"]

    var pathParameters: [String] {
        path.split(separator: "/").compactMap { $0.hasPrefix("{") ? String($0.dropFirst().dropLast()) : nil }
    }

    var json: JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("summary", .string(summary)),
            ("operationId", .string(method + path.replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "{", with: "").replacingOccurrences(of: "}", with: "")
                .replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: ".", with: "_"))),
            ("tags", .array([.string(tag)])),
        ]
        var params: [JSONValue] = pathParameters.map {
            .object([("name", .string($0)), ("in", .string("path")), ("required", .bool(true)), ("schema", Schema.uuid)])
        }
        params += query.map { .object([("name", .string($0.0)), ("in", .string("query")), ("required", .bool(false)), ("schema", $0.1)]) }
        if !params.isEmpty { pairs.append(("parameters", .array(params))) }
        switch body {
        case .none: break
        case let .json(schema):
            pairs.append(("requestBody", .object([("required", .bool(true)),
                ("content", .object([("application/json", .object([("schema", schema)]))]))])))
        case .csv:
            pairs.append(("requestBody", .object([("required", .bool(true)),
                ("content", .object([("text/csv", .object([("schema", Schema.string)]))]))])))
        }
        var responses: [(String, JSONValue)] = []
        let ok: JSONValue = success.schema.map { schema in
            .object([("description", .string("success")),
                     ("content", .object([(successType, .object([("schema", schema)]))]
                                         + (alsoCSV ? [("text/csv", .object([("schema", Schema.string)]))] : [])))])
        } ?? .object([("description", .string("success"))])
        responses.append((String(success.code), ok))
        var codes = secured ? errors + [401] : errors
        // Any body may be too large (413) or sent without its content type (415); any database work may find
        // the database out of reach (503 database_unavailable).
        if case .none = body {} else { codes += [413, 415] }
        if !Self.withoutDatabase.contains(path) { codes.append(503) }
        for code in Set(codes).sorted() where responses.allSatisfy({ $0.0 != String(code) }) {
            responses.append((String(code), .object([("description", .string(HTTPResponseStatus(statusCode: code).reasonPhrase)),
                ("content", .object([("application/json", .object([("schema", Schema.ref("Error"))]))]))])))
        }
        pairs.append(("responses", .object(responses)))
        if secured { pairs.append(("security", .array([.object([("bearer", .array([]))])]))) }
        return .object(pairs)
    }
}

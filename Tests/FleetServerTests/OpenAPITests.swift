import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import FleetServer

@Suite("The OpenAPI document")
struct OpenAPITests {
    @Test("Every API route is described, and nothing is described that does not exist")
    func describesEveryRoute() async throws {
        try await withFleetApp { app in
            let routes = Set(app.routes.all.compactMap { route -> String? in
                let path = "/" + route.path.map { c -> String in
                    switch c {
                    case let .parameter(name): return "{\(name)}"
                    default: return c.description
                    }
                }.joined(separator: "/")
                guard path.hasPrefix("/api/") else { return nil }
                return route.method.rawValue.lowercased() + " " + path
            })
            let described = Set(OpenAPISpec.operations.map { $0.method + " " + $0.path })
            #expect(routes.subtracting(described).isEmpty, "routes missing from the document: \(routes.subtracting(described).sorted())")
            #expect(described.subtracting(routes).isEmpty, "described but not routed: \(described.subtracting(routes).sorted())")
            #expect(routes.count >= 20)
        }
    }

    @Test("The document is served as OpenAPI 3.1 and every $ref resolves")
    func served() async throws {
        try await withFleetApp { app in
            let r = try await APIClient(app: app, token: nil).get("/api/v1/openapi.json")
            #expect(r.status == .ok)
            #expect(r.json["openapi"] as? String == "3.1.0")
            let schemas = Set(((r.json["components"] as? [String: Any])?["schemas"] as? [String: Any] ?? [:]).keys)
            let refs = Set(r.text.matches(of: /#\/components\/schemas\/([A-Za-z]+)/).map { String($0.1) })
            #expect(!refs.isEmpty)
            #expect(refs.subtracting(schemas).isEmpty, "unresolved: \(refs.subtracting(schemas))")
            let paths = r.json["paths"] as? [String: Any] ?? [:]
            #expect(paths["/api/v1/devices/{deviceID}/history"] != nil)
        }
    }
}

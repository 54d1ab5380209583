import FleetCore
import Vapor

extension API {
    /// `GET /api/v1/openapi.json`: the OpenAPI 3.1 description of every endpoint.
    enum OpenAPIController {
        @Sendable static func document(req: Request) async throws -> Response {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.withoutEscapingSlashes]
            let response = Response(status: .ok, body: .init(data: try encoder.encode(OpenAPISpec.document)))
            response.headers.contentType = .json
            return response
        }
    }
}

/// The API's OpenAPI 3.1 document. A test fails when a route exists that is not described here.
enum OpenAPISpec {
    static let paging: [(String, JSONValue)] = [
        ("limit", .object([("type", .string("integer")), ("minimum", .int(0)), ("maximum", .int(500))])),
        ("offset", .object([("type", .string("integer")), ("minimum", .int(0))])),
    ]
    static let deviceFilters: [(String, JSONValue)] = [
        ("customerId", Schema.uuid), ("siteId", Schema.uuid), ("department", Schema.string),
        ("status", Schema.enumeration(["active", "inRepair", "retired"])), ("q", Schema.string),
        ("loaner", Schema.enumeration(["true", "false"])),
    ]

    static let operations: [Operation] = [
        Operation(method: "get", path: "/api/v1/openapi.json", summary: "This document", tag: "meta",
                  success: (200, .object([("type", .string("object"))])), errors: [], secured: false),
        Operation(method: "get", path: "/api/v1/health", summary: "Liveness", tag: "meta",
                  success: (200, Schema.object([("status", Schema.string)], required: ["status"])), errors: [], secured: false),
        Operation(method: "post", path: "/api/v1/auth/login", summary: "Sign in for a bearer token", tag: "auth",
                  body: .json(Schema.ref("LoginInput")), success: (200, Schema.ref("LoginResult")), errors: [400, 401, 422],
                  secured: false),
        Operation(method: "post", path: "/api/v1/auth/logout", summary: "End this token", tag: "auth",
                  success: (204, nil), errors: []),
        Operation(method: "get", path: "/api/v1/auth/me", summary: "The signed-in user", tag: "auth",
                  success: (200, Schema.ref("User")), errors: []),
        Operation(method: "post", path: "/api/v1/users", summary: "Create a user (admin)", tag: "users",
                  body: .json(Schema.ref("UserInput")), success: (201, Schema.ref("User")), errors: [400, 403, 409, 422]),
        Operation(method: "get", path: "/api/v1/users", summary: "List users (admin)", tag: "users",
                  query: paging, success: (200, Schema.page(of: "User")), errors: [403, 422]),
        Operation(method: "post", path: "/api/v1/customers", summary: "Create a customer", tag: "fleet",
                  body: .json(Schema.ref("CustomerInput")), success: (201, Schema.ref("Customer")), errors: [400, 403, 409, 422]),
        Operation(method: "get", path: "/api/v1/customers", summary: "List customers", tag: "fleet",
                  query: paging + [("q", Schema.string)], success: (200, Schema.page(of: "Customer")), errors: [422]),
        Operation(method: "get", path: "/api/v1/customers/{customerID}", summary: "A customer with its sites", tag: "fleet",
                  success: (200, Schema.ref("Customer")), errors: [404]),
        Operation(method: "patch", path: "/api/v1/customers/{customerID}", summary: "Edit a customer", tag: "fleet",
                  body: .json(Schema.ref("CustomerInput")), success: (200, Schema.ref("Customer")),
                  errors: [400, 403, 404, 409, 422]),
        Operation(method: "post", path: "/api/v1/customers/{customerID}/sites", summary: "Add a site", tag: "fleet",
                  body: .json(Schema.ref("SiteInput")), success: (201, Schema.ref("Site")), errors: [400, 403, 404, 409, 422]),
        Operation(method: "get", path: "/api/v1/customers/{customerID}/sites", summary: "A customer's sites", tag: "fleet",
                  query: paging, success: (200, Schema.page(of: "Site")), errors: [404, 422]),
        Operation(method: "patch", path: "/api/v1/sites/{siteID}", summary: "Edit a site", tag: "fleet",
                  body: .json(Schema.ref("SiteInput")), success: (200, Schema.ref("Site")), errors: [400, 403, 404, 409, 422]),
        Operation(method: "get", path: "/api/v1/device-models", summary: "The model catalog", tag: "fleet",
                  query: paging + [("q", Schema.string)], success: (200, Schema.page(of: "DeviceModel")), errors: [422]),
        Operation(method: "post", path: "/api/v1/device-models", summary: "Add a model to the catalog (admin)", tag: "fleet",
                  body: .json(Schema.ref("DeviceModelInput")), success: (201, Schema.ref("DeviceModel")),
                  errors: [400, 403, 409, 422]),
        Operation(method: "post", path: "/api/v1/devices", summary: "Register a device", tag: "fleet",
                  body: .json(Schema.ref("DeviceInput")), success: (201, Schema.ref("DeviceRecord")),
                  errors: [400, 403, 409, 422]),
        Operation(method: "get", path: "/api/v1/devices", summary: "List and search devices", tag: "fleet",
                  query: paging + deviceFilters, success: (200, Schema.page(of: "Device")), errors: [422]),
        Operation(method: "post", path: "/api/v1/devices/import", summary: "Import devices from CSV: all rows or none",
                  tag: "fleet", body: .csv,
                  success: (200, Schema.object([("imported", Schema.integer)], required: ["imported"])),
                  errors: [400, 403, 413, 415, 422]),
        Operation(method: "get", path: "/api/v1/devices/export", summary: "Devices as CSV", tag: "fleet",
                  query: deviceFilters, success: (200, Schema.string), successType: "text/csv", errors: [422]),
        Operation(method: "get", path: "/api/v1/devices/{deviceID}", summary: "The device record", tag: "fleet",
                  success: (200, Schema.ref("DeviceRecord")), errors: [404]),
        Operation(method: "patch", path: "/api/v1/devices/{deviceID}", summary: "Edit a device; location changes are moves",
                  tag: "fleet", body: .json(Schema.ref("DevicePatch")), success: (200, Schema.ref("DeviceRecord")),
                  errors: [400, 403, 404, 409, 422]),
        Operation(method: "get", path: "/api/v1/devices/{deviceID}/history", summary: "The device's history, newest first",
                  tag: "fleet", query: paging, success: (200, Schema.page(of: "HistoryItem")), errors: [404, 422]),
        Operation(method: "get", path: "/api/v1/plans", summary: "Contract plans: the six built-in and custom ones", tag: "contracts",
                  success: (200, Schema.page(of: "Plan")), errors: []),
        Operation(method: "post", path: "/api/v1/plans", summary: "Add a plan (admin)", tag: "contracts",
                  body: .json(Schema.ref("PlanInput")), success: (201, Schema.ref("Plan")), errors: [400, 403, 409, 422]),
        Operation(method: "patch", path: "/api/v1/plans/{code}", summary: "Edit a plan (admin); existing contracts keep their terms",
                  tag: "contracts", body: .json(Schema.ref("PlanInput")), success: (200, Schema.ref("Plan")),
                  errors: [400, 403, 404, 422]),
        Operation(method: "post", path: "/api/v1/contracts", summary: "Create a contract from a plan with overrides", tag: "contracts",
                  body: .json(Schema.ref("ContractInput")), success: (201, Schema.ref("Contract")), errors: [400, 403, 409, 422]),
        Operation(method: "get", path: "/api/v1/contracts", summary: "List contracts", tag: "contracts",
                  query: paging + [("customerId", Schema.uuid)], success: (200, Schema.page(of: "Contract")), errors: [422]),
        Operation(method: "get", path: "/api/v1/contracts/{contractID}", summary: "A contract with its terms, devices and history",
                  tag: "contracts", success: (200, Schema.ref("Contract")), errors: [404]),
        Operation(method: "patch", path: "/api/v1/contracts/{contractID}", summary: "Change dates or overrides; the schedule follows",
                  tag: "contracts", body: .json(Schema.ref("ContractPatch")), success: (200, Schema.ref("Contract")),
                  errors: [400, 403, 404, 409, 422]),
        Operation(method: "get", path: "/api/v1/contracts/{contractID}/schedule", summary: "The planned PM visits", tag: "contracts",
                  success: (200, Schema.page(of: "ScheduleItem")), errors: [404]),
        Operation(method: "post", path: "/api/v1/contracts/{contractID}/renew", summary: "The next period's contract", tag: "contracts",
                  success: (201, Schema.ref("Contract")), errors: [403, 404, 409, 422]),
        Operation(method: "post", path: "/api/v1/contracts/{contractID}/devices", summary: "Add devices mid-term", tag: "contracts",
                  body: .json(Schema.ref("DeviceIds")), success: (200, Schema.ref("Contract")), errors: [400, 403, 404, 409, 422]),
        Operation(method: "post", path: "/api/v1/contracts/{contractID}/devices/remove", summary: "Remove devices mid-term",
                  tag: "contracts", body: .json(Schema.ref("DeviceIds")), success: (200, Schema.ref("Contract")),
                  errors: [400, 403, 404, 422]),
        Operation(method: "post", path: "/api/v1/contracts/{contractID}/activate", summary: "Activate a draft", tag: "contracts",
                  success: (200, Schema.ref("Contract")), errors: [403, 404, 409]),
        Operation(method: "post", path: "/api/v1/contracts/{contractID}/terminate", summary: "End a contract today", tag: "contracts",
                  success: (200, Schema.ref("Contract")), errors: [403, 404, 409]),
        Operation(method: "get", path: "/api/v1/holidays", summary: "The holidays PM visits avoid", tag: "contracts",
                  success: (200, Schema.page(of: "Holiday")), errors: []),
        Operation(method: "post", path: "/api/v1/holidays", summary: "Add a holiday (admin)", tag: "contracts",
                  body: .json(Schema.ref("HolidayInput")), success: (201, Schema.ref("Holiday")), errors: [400, 403, 422]),
        Operation(method: "delete", path: "/api/v1/holidays/{holidayID}", summary: "Remove a holiday (admin)", tag: "contracts",
                  success: (204, nil), errors: [403, 404]),
        Operation(method: "get", path: "/api/v1/devices/{deviceID}/coverage", summary: "Who pays for a request on this device",
                  tag: "contracts",
                  query: [("request", Schema.enumeration(["repairVisit", "pmVisit", "part", "toner", "loaner", "remoteSession"])),
                          ("partKind", Schema.enumeration(PartKind.allCases.map(\.rawValue))), ("on", Schema.day)],
                  success: (200, Schema.ref("Coverage")), errors: [404, 422]),
    ]

    static var schemas: [(String, JSONValue)] {
        typealias S = Schema
        let optionalText = S.nullable(S.text(max: 120))
        let conditions = S.object([
            ("temperatureC", S.nullable(S.number)), ("humidityPercent", S.nullable(S.number)),
            ("dust", S.nullable(S.enumeration(DustLevel.allCases.map(\.rawValue)))),
            ("powerProtection", S.nullable(S.enumeration(PowerProtection.allCases.map(\.rawValue)))),
            ("notes", S.nullable(S.text(max: 2000))),
        ])
        let assignedUser = S.object([("name", S.text(max: 120)), ("email", S.nullable(S.string)),
                                     ("department", optionalText)], required: ["name"])
        let deviceProperties: [(String, JSONValue)] = [
            ("id", S.uuid), ("customerId", S.nullable(S.uuid)), ("customerName", S.nullable(S.string)),
            ("loaner", S.boolean), ("serialNumber", S.string), ("make", S.string), ("model", S.string),
            ("color", S.boolean), ("status", S.enumeration(["active", "inRepair", "retired"])),
            ("assetTag", S.nullable(S.string)),
            ("location", S.object([("siteId", S.nullable(S.uuid)), ("siteName", S.nullable(S.string)),
                                   ("floor", S.nullable(S.string)), ("room", S.nullable(S.string)),
                                   ("department", S.nullable(S.string))])),
            ("assignedUser", S.nullable(assignedUser)), ("ipAddress", S.nullable(S.string)), ("snmpPort", S.integer),
            ("snmpCommunity", S.string), ("conditions", conditions), ("installedOn", S.nullable(S.day)),
            ("purchasePriceRials", S.nullable(S.integer)),
            ("specs", S.nullable(S.object([("kind", S.string), ("monthlyDutyPages", S.nullable(S.integer)),
                                           ("pagesPerMinute", S.nullable(S.integer))]))),
            ("createdAt", S.nullable(S.instant)), ("updatedAt", S.nullable(S.instant)),
        ]
        let deviceRequired = ["id", "loaner", "serialNumber", "make", "model", "color", "status", "location",
                              "snmpPort", "snmpCommunity", "conditions"]
        return [
            ("Error", S.object([("error", S.object([
                ("code", S.string), ("message", S.string), ("field", S.nullable(S.string)),
                ("rows", S.nullable(S.array(S.object([("line", S.integer), ("message", S.string)], required: ["line", "message"])))),
            ], required: ["code", "message"]))], required: ["error"])),
            ("LoginInput", S.object([("email", S.string), ("password", S.string)], required: ["email", "password"])),
            ("LoginResult", S.object([("token", S.string), ("expiresAt", S.instant), ("user", S.ref("User"))],
                                     required: ["token", "expiresAt", "user"])),
            ("User", S.object([("id", S.uuid), ("email", S.string), ("name", S.string),
                               ("role", S.enumeration(Role.allCases.map(\.rawValue))), ("customerId", S.nullable(S.uuid))],
                              required: ["id", "email", "name", "role"])),
            ("UserInput", S.object([("email", S.string), ("password", S.string), ("name", S.string),
                                    ("role", S.enumeration(Role.allCases.map(\.rawValue))), ("customerId", S.nullable(S.uuid))],
                                   required: ["email", "password", "name", "role"])),
            ("CustomerInput", S.object([("name", S.text(max: 120)), ("phone", S.nullable(S.text(max: 40))),
                                        ("address", S.nullable(S.text(max: 500)))], required: ["name"])),
            ("Customer", S.object([("id", S.uuid), ("name", S.string), ("phone", S.nullable(S.string)),
                                   ("address", S.nullable(S.string)), ("sites", S.nullable(S.array(S.ref("Site")))),
                                   ("deviceCount", S.nullable(S.integer))], required: ["id", "name"])),
            ("SiteInput", S.object([("name", S.text(max: 120)), ("address", S.nullable(S.text(max: 500)))], required: ["name"])),
            ("Site", S.object([("id", S.uuid), ("customerId", S.uuid), ("name", S.string), ("address", S.nullable(S.string))],
                              required: ["id", "customerId", "name"])),
            ("DeviceModel", S.object([("id", S.uuid), ("make", S.string), ("model", S.string), ("kind", S.string),
                                      ("color", S.boolean), ("monthlyDutyPages", S.nullable(S.integer)),
                                      ("pagesPerMinute", S.nullable(S.integer))],
                                     required: ["id", "make", "model", "kind", "color"])),
            ("DeviceModelInput", S.object([("make", S.string), ("model", S.string),
                                           ("kind", S.enumeration(["printer", "copier", "mfp"])), ("color", S.boolean),
                                           ("monthlyDutyPages", S.nullable(S.integer)), ("pagesPerMinute", S.nullable(S.integer))],
                                          required: ["make", "model", "kind", "color"])),
            ("Device", S.object(deviceProperties, required: deviceRequired)),
            ("DeviceRecord", S.object(deviceProperties + [
                ("lastReading", S.nullable(S.object([("takenAt", S.instant), ("source", S.string), ("totalPages", S.integer)]))),
                ("openTickets", S.array(S.object([("id", S.uuid), ("stage", S.string), ("openedAt", S.instant)]))),
            ], required: deviceRequired + ["openTickets"])),
            ("DeviceInput", S.object([
                ("customerId", S.nullable(S.uuid)), ("loaner", S.nullable(S.boolean)), ("serialNumber", S.text(max: 64)),
                ("make", S.text(max: 120)), ("model", S.text(max: 120)), ("color", S.nullable(S.boolean)),
                ("status", S.nullable(S.enumeration(["active", "inRepair", "retired"]))), ("assetTag", optionalText),
                ("location", S.nullable(S.object([("siteId", S.nullable(S.uuid)), ("floor", optionalText), ("room", optionalText),
                                                  ("department", optionalText)]))),
                ("assignedUser", S.nullable(assignedUser)), ("ipAddress", S.nullable(S.string)),
                ("snmpPort", S.nullable(S.integer)), ("snmpCommunity", S.nullable(S.text(max: 64))),
                ("conditions", S.nullable(conditions)), ("installedOn", S.nullable(S.string)),
                ("purchasePriceRials", S.nullable(S.integer)),
            ], required: ["serialNumber", "make", "model"])),
            ("DevicePatch", S.object([
                ("serialNumber", S.text(max: 64)), ("make", S.text(max: 120)), ("model", S.text(max: 120)),
                ("color", S.boolean), ("status", S.enumeration(["active", "inRepair", "retired"])), ("assetTag", optionalText),
                ("location", S.object([("siteId", S.uuid), ("floor", optionalText), ("room", optionalText),
                                       ("department", optionalText)])),
                ("assignedUser", S.nullable(assignedUser)), ("ipAddress", S.nullable(S.string)),
                ("snmpPort", S.integer), ("snmpCommunity", S.nullable(S.text(max: 64))),
                ("conditions", S.nullable(conditions)), ("installedOn", S.nullable(S.string)),
                ("purchasePriceRials", S.nullable(S.integer)),
            ])),
            ("Billing", S.object([("model", S.enumeration(BillingModel.allCases.map(\.rawValue))),
                                  ("monthlyFeePerDeviceRials", S.integer), ("includedPagesPerDevice", S.integer),
                                  ("monoPageRials", S.integer), ("colorPageRials", S.integer)],
                                 required: ["model", "monthlyFeePerDeviceRials", "includedPagesPerDevice", "monoPageRials", "colorPageRials"])),
            ("ContractTerms", S.object([("pmVisitsPerYear", S.integer), ("responseHours", S.integer),
                                        ("partsCoverage", S.enumeration(PartsCoverage.allCases.map(\.rawValue))),
                                        ("tonerIncluded", S.boolean), ("remoteSupport", S.boolean), ("residentTechnician", S.boolean),
                                        ("loanerDevices", S.integer), ("partWarrantyMonths", S.integer), ("billing", S.ref("Billing"))],
                                       required: ["pmVisitsPerYear", "responseHours", "partsCoverage", "tonerIncluded", "remoteSupport",
                                                  "residentTechnician", "loanerDevices", "partWarrantyMonths", "billing"])),
            ("TermOverrides", S.object([("pmVisitsPerYear", S.integer), ("responseHours", S.integer),
                                        ("partsCoverage", S.enumeration(PartsCoverage.allCases.map(\.rawValue))),
                                        ("tonerIncluded", S.boolean), ("remoteSupport", S.boolean), ("residentTechnician", S.boolean),
                                        ("loanerDevices", S.integer), ("partWarrantyMonths", S.integer),
                                        ("billing", S.object([("model", S.enumeration(BillingModel.allCases.map(\.rawValue))),
                                                              ("monthlyFeePerDeviceRials", S.integer), ("includedPagesPerDevice", S.integer),
                                                              ("monoPageRials", S.integer), ("colorPageRials", S.integer)]))])),
            ("Plan", S.object([("id", S.uuid), ("code", S.string), ("nameFa", S.string), ("nameEn", S.string), ("builtIn", S.boolean),
                               ("terms", S.ref("ContractTerms"))], required: ["id", "code", "nameFa", "nameEn", "builtIn", "terms"])),
            ("PlanInput", S.object([("code", S.nullable(S.string)), ("nameFa", S.string), ("nameEn", S.string),
                                    ("terms", S.ref("ContractTerms"))], required: ["nameFa", "nameEn", "terms"])),
            ("ContractInput", S.object([("customerId", S.uuid), ("planCode", S.string), ("startsOn", S.string), ("endsOn", S.string),
                                        ("deviceIds", S.array(S.uuid)), ("overrides", S.nullable(S.ref("TermOverrides"))),
                                        ("status", S.nullable(S.enumeration(["draft", "active"])))],
                                       required: ["customerId", "planCode", "startsOn", "endsOn", "deviceIds"])),
            ("ContractPatch", S.object([("startsOn", S.nullable(S.string)), ("endsOn", S.nullable(S.string)),
                                        ("overrides", S.nullable(S.ref("TermOverrides")))])),
            ("DeviceIds", S.object([("deviceIds", S.array(S.uuid))], required: ["deviceIds"])),
            ("Contract", S.object([
                ("id", S.uuid), ("customerId", S.uuid), ("customerName", S.nullable(S.string)), ("planCode", S.string),
                ("planName", S.string), ("status", S.enumeration(["draft", "active", "expired", "terminated"])),
                ("startsOn", S.day), ("endsOn", S.day), ("terms", S.ref("ContractTerms")), ("overrides", S.ref("TermOverrides")),
                ("deviceIds", S.array(S.uuid)), ("deviceCount", S.integer), ("warnings", S.array(S.string)),
                ("renewedFromId", S.nullable(S.uuid)),
                ("history", S.nullable(S.array(S.object([("at", S.instant), ("kind", S.string), ("summary", S.string),
                                                         ("actor", S.nullable(S.string))])))),
            ], required: ["id", "customerId", "planCode", "planName", "status", "startsOn", "endsOn", "terms", "overrides",
                          "deviceIds", "deviceCount", "warnings"])),
            ("ScheduleItem", S.object([("date", S.day), ("number", S.integer), ("contractYear", S.integer), ("numberInYear", S.integer),
                                       ("secondOfPeriod", S.boolean), ("done", S.boolean), ("deviceIds", S.array(S.uuid)),
                                       ("visitId", S.nullable(S.uuid))],
                                      required: ["date", "number", "secondOfPeriod", "deviceIds"])),
            ("Holiday", S.object([("id", S.uuid), ("name", S.string), ("month", S.nullable(S.integer)), ("day", S.nullable(S.integer)),
                                  ("date", S.nullable(S.day))], required: ["id", "name"])),
            ("HolidayInput", S.object([("name", S.string), ("month", S.nullable(S.integer)), ("day", S.nullable(S.integer)),
                                       ("date", S.nullable(S.string))], required: ["name"])),
            ("Coverage", S.object([("charge", S.enumeration(["contract", "warranty", "billable"])), ("covered", S.boolean),
                                   ("reason", S.string), ("contractId", S.nullable(S.uuid))], required: ["charge", "covered", "reason"])),
            ("HistoryItem", S.object([
                ("at", S.instant), ("kind", S.enumeration(DeviceEventKind.allCases.map(\.rawValue))), ("summary", S.string),
                ("actor", S.nullable(S.string)), ("from", S.nullable(S.string)), ("to", S.nullable(S.string)),
                ("changes", S.nullable(S.array(S.object([("field", S.string), ("from", S.nullable(S.string)),
                                                         ("to", S.nullable(S.string))])))),
            ], required: ["at", "kind", "summary"])),
        ]
    }

    static let document: JSONValue = {
        var paths: [(String, [(String, JSONValue)])] = []
        for op in operations {
            if let i = paths.firstIndex(where: { $0.0 == op.path }) {
                paths[i].1.append((op.method, op.json))
            } else {
                paths.append((op.path, [(op.method, op.json)]))
            }
        }
        return .object([
            ("openapi", .string("3.1.0")),
            ("info", .object([("title", .string("FleetCare API")), ("version", .string("1.0.0")),
                              ("description", .string("Running an office-machine service business: fleet, contracts, service, meters and reports."))])),
            ("servers", .array([.object([("url", .string("/"))])])),
            ("paths", .object(paths.map { ($0.0, .object($0.1)) })),
            ("components", .object([
                ("schemas", .object(schemas)),
                ("securitySchemes", .object([("bearer", .object([("type", .string("http")), ("scheme", .string("bearer"))]))])),
            ])),
        ])
    }()
}

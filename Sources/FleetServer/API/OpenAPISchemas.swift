import FleetCore
import Vapor

/// The component schemas of the OpenAPI document, by part of the API.
extension OpenAPISpec {
    /// All of them, in this order.
    static var schemas: [(String, JSONValue)] {
        fleetSchemas + contractSchemas + serviceSchemas + recordSchemas
    }

    /// Errors, accounts, customers, sites, models and devices.
    static var fleetSchemas: [(String, JSONValue)] {
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
                               ("role", S.enumeration(Role.allCases.map(\.rawValue))), ("customerId", S.nullable(S.uuid)),
                               ("phone", S.nullable(S.string)), ("notifySms", S.boolean), ("notifyEmail", S.boolean)],
                              required: ["id", "email", "name", "role"])),
            ("UserInput", S.object([("email", S.string), ("password", S.string), ("name", S.string),
                                    ("role", S.enumeration(Role.allCases.map(\.rawValue))), ("customerId", S.nullable(S.uuid))],
                                   required: ["email", "password", "name", "role"])),
            ("CustomerInput", S.object([("name", S.text(max: 120)), ("phone", S.nullable(S.text(max: 40))),
                                        ("address", S.nullable(S.text(max: 500))),
                                        ("nationalId", S.nullable(S.string)), ("economicCode", S.nullable(S.string)),
                                        ("postalCode", S.nullable(S.string))], required: ["name"])),
            ("Customer", S.object([("id", S.uuid), ("name", S.string), ("phone", S.nullable(S.string)),
                                   ("address", S.nullable(S.string)), ("nationalId", S.nullable(S.string)),
                                   ("economicCode", S.nullable(S.string)), ("postalCode", S.nullable(S.string)),
                                   ("sites", S.nullable(S.array(S.ref("Site")))),
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
                ("lastReading", S.nullable(S.ref("Reading"))),
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
        ]
    }
}

import FleetCore
import Foundation
import Plot

/// Adding or editing a device. Without scripts: a new device's customer is chosen first,
/// and the page then offers that customer's sites.
enum DeviceFormPage {
    /// The form's values as text, as typed.
    struct Values: Sendable {
        var customerId = ""
        var siteId = ""
        var serialNumber = ""
        var make = ""
        var model = ""
        var color = ""
        var status = "active"
        var assetTag = ""
        var floor = ""
        var room = ""
        var department = ""
        var userName = ""
        var userEmail = ""
        var userDepartment = ""
        var ipAddress = ""
        var snmpPort = "161"
        var snmpCommunity = "public"
        var temperatureC = ""
        var humidityPercent = ""
        var dust = ""
        var powerProtection = ""
        var notes = ""
        var installedOn = ""
        var purchasePriceRials = ""

        static var fields: [(String, WritableKeyPath<Values, String>)] {
            [("customerId", \.customerId), ("siteId", \.siteId), ("serialNumber", \.serialNumber), ("make", \.make),
             ("model", \.model), ("color", \.color), ("status", \.status), ("assetTag", \.assetTag), ("floor", \.floor),
             ("room", \.room), ("department", \.department), ("userName", \.userName), ("userEmail", \.userEmail),
             ("userDepartment", \.userDepartment), ("ipAddress", \.ipAddress), ("snmpPort", \.snmpPort),
             ("snmpCommunity", \.snmpCommunity), ("temperatureC", \.temperatureC), ("humidityPercent", \.humidityPercent),
             ("dust", \.dust), ("powerProtection", \.powerProtection), ("notes", \.notes), ("installedOn", \.installedOn),
             ("purchasePriceRials", \.purchasePriceRials)]
        }

        init() {}

        /// The values of a posted form; fields it lacks keep their defaults.
        init(form: [String: String]) {
            for (name, path) in Self.fields {
                if let v = form[name] { self[keyPath: path] = v }
            }
        }
    }

    struct Model {
        var deviceID: UUID?
        var values: Values
        var customers: [(String, String)]
        var sites: [(String, String)]
        var makes: [String]
        var error: String?
    }

    static func render(_ m: Model, _ ctx: PageContext) -> HTML {
        let v = m.values
        let title = ctx.t(m.deviceID == nil ? .newDevice : .editDevice)
        let action = m.deviceID.map { SiteURL.editDevice($0).path } ?? SiteURL.newDevice.path
        let needsCustomer = m.deviceID == nil && v.customerId.isEmpty
        return Layout.page(title, ctx,
            .h1(.text(title)),
            Layout.errorBox(m.error),
            .if(needsCustomer,
                .form(.class("card"), .method(.get), .action(SiteURL.newDevice.path),
                    Layout.select(ctx.t(.customer), "customerId", selected: nil, options: m.customers, empty: ctx.t(.choose)),
                    .button(.type(.submit), .text(ctx.t(.next)))),
            else: .form(.class("card"), .method(.post), .action(action),
                Layout.csrf(ctx),
                .input(.type(.hidden), .name("customerId"), .value(Layout.attributeText(v.customerId))),
                .div(.class("grid2"),
                    .div(
                        Layout.select(ctx.t(.site), "siteId", selected: v.siteId, options: m.sites, empty: ctx.t(.choose)),
                        Layout.field(ctx.t(.serialNumber), "serialNumber", value: v.serialNumber, required: true),
                        Layout.field(ctx.t(.make), "make", value: v.make, required: true,
                                     attributes: [.attribute(named: "list", value: "makes")]),
                        .datalist(.id("makes"), .forEach(m.makes) { .option(.value(Layout.attributeText($0))) }),
                        Layout.field(ctx.t(.model), "model", value: v.model, required: true),
                        Layout.select(ctx.t(.color), "color", selected: v.color,
                                      options: [("true", ctx.t(.colorDevice)), ("false", ctx.t(.monoDevice))], empty: "—"),
                        Layout.select(ctx.t(.status), "status", selected: v.status,
                                      options: DeviceStatus.allCases.map { ($0.rawValue, ctx.t(L10n.status($0.rawValue))) }, empty: nil),
                        Layout.field(ctx.t(.assetTag), "assetTag", value: v.assetTag),
                        Layout.field(ctx.t(.installedOn), "installedOn", value: v.installedOn, hint: ctx.t(.dateHint)),
                        Layout.field(ctx.t(.purchasePrice), "purchasePriceRials", value: v.purchasePriceRials,
                                     attributes: [.attribute(named: "inputmode", value: "numeric")])
                    ),
                    .div(
                        Layout.field(ctx.t(.floor), "floor", value: v.floor),
                        Layout.field(ctx.t(.room), "room", value: v.room),
                        Layout.field(ctx.t(.department), "department", value: v.department),
                        Layout.field(ctx.t(.assignedUser), "userName", value: v.userName),
                        Layout.field(ctx.t(.userEmail), "userEmail", value: v.userEmail, type: .email),
                        Layout.field(ctx.t(.userDepartment), "userDepartment", value: v.userDepartment),
                        Layout.field(ctx.t(.ipAddress), "ipAddress", value: v.ipAddress),
                        Layout.field(ctx.t(.snmpPort), "snmpPort", value: v.snmpPort,
                                     attributes: [.attribute(named: "inputmode", value: "numeric")]),
                        Layout.field(ctx.t(.snmpCommunity), "snmpCommunity", value: v.snmpCommunity)
                    )
                ),
                .h2(.text(ctx.t(.conditions))),
                .div(.class("grid2"),
                    .div(
                        Layout.field(ctx.t(.temperature), "temperatureC", value: v.temperatureC,
                                     attributes: [.attribute(named: "inputmode", value: "decimal")]),
                        Layout.field(ctx.t(.humidity), "humidityPercent", value: v.humidityPercent,
                                     attributes: [.attribute(named: "inputmode", value: "decimal")])
                    ),
                    .div(
                        Layout.select(ctx.t(.dust), "dust", selected: v.dust,
                                      options: DustLevel.allCases.map { ($0.rawValue, ctx.t(L10n.dust($0))) }, empty: "—"),
                        Layout.select(ctx.t(.power), "powerProtection", selected: v.powerProtection,
                                      options: PowerProtection.allCases.map { ($0.rawValue, ctx.t(L10n.power($0))) }, empty: "—")
                    )
                ),
                Layout.field(ctx.t(.notes), "notes", value: v.notes),
                .div(.class("actions"),
                    .button(.type(.submit), .text(ctx.t(.save))),
                    .a(.href(m.deviceID.map { SiteURL.device($0).path } ?? SiteURL.devices.path), .text(ctx.t(.cancel))))
            ))
        )
    }
}

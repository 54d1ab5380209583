import FleetCore
import Foundation
import Plot

/// The customer list.
enum CustomersPage {
    struct Row {
        let id: UUID
        let name: String
        let phone: String?
        let devices: Int
    }

    static func render(_ rows: [Row], canEdit: Bool, _ ctx: PageContext) -> HTML {
        let f = ctx.format
        return Layout.page(ctx.t(.customers), ctx,
            .h1(.text(ctx.t(.customers))),
            .if(canEdit, .div(.class("actions"), .a(.class("button"), .href(SiteURL.newCustomer.path), .text(ctx.t(.newCustomer))))),
            .if(rows.isEmpty, .p(.class("hint"), .text(ctx.t(.noneYet))), else:
                .table(
                    .thead(.tr(.th(.text(ctx.t(.name))), .th(.text(ctx.t(.phone))), .th(.text(ctx.t(.devices))))),
                    .tbody(.forEach(rows) { r in
                        .tr(.td(.a(.href(SiteURL.customer(r.id).path), .text(r.name))),
                            .td(.span(.dir(.leftToRight), .text(f.digits(r.phone ?? "")))),
                            .td(.text(f.number(r.devices))))
                    })
                )
            )
        )
    }
}

/// One customer: contact details and sites with their device counts.
enum CustomerPage {
    struct SiteRow {
        let id: UUID
        let name: String
        let address: String?
        let devices: Int
    }

    struct Model {
        let id: UUID
        let name: String
        let phone: String?
        let address: String?
        let sites: [SiteRow]
        let devices: Int
        let canEdit: Bool
    }

    static func render(_ m: Model, _ ctx: PageContext) -> HTML {
        let f = ctx.format
        return Layout.page(m.name, ctx,
            .h1(.text(m.name)),
            .div(.class("actions"),
                .if(m.canEdit, .a(.class("button"), .href(SiteURL.editCustomer(m.id).path), .text(ctx.t(.editCustomer)))),
                .if(m.canEdit, .a(.class("button"), .href(SiteURL.newSite(customer: m.id).path), .text(ctx.t(.addSite)))),
                .a(.href(SiteURL.devices.with([("customerId", m.id.uuidString)])),
                   .text("\(ctx.t(.customerDevices)) (\(f.number(m.devices)))")),
                .a(.href(SiteURL.labels.with([("customerId", m.id.uuidString)])), .text(ctx.t(LabelText.printLabels)))
            ),
            .div(.class("card"), .element(named: "dl", nodes: [
                .class("facts"),
                .element(named: "dt", text: ctx.t(.phone)), .element(named: "dd", nodes: [.span(.dir(.leftToRight), .text(f.digits(m.phone ?? "—")))]),
                .element(named: "dt", text: ctx.t(.address)), .element(named: "dd", text: m.address ?? "—"),
            ])),
            .h2(.text(ctx.t(.sites))),
            .if(m.sites.isEmpty, .p(.class("hint"), .text(ctx.t(.noneYet))), else:
                .table(
                    .thead(.tr(.th(.text(ctx.t(.siteName))), .th(.text(ctx.t(.address))), .th(.text(ctx.t(.devices))), .th())),
                    .tbody(.forEach(m.sites) { s in
                        .tr(.td(.a(.href(SiteURL.devices.with([("customerId", m.id.uuidString), ("siteId", s.id.uuidString)])),
                                   .text(s.name))),
                            .td(.text(s.address ?? "")),
                            .td(.text(f.number(s.devices))),
                            .td(.if(m.canEdit, .a(.href(SiteURL.editSite(s.id).path), .text(ctx.t(.edit))))))
                    })
                )
            )
        )
    }
}

/// Adding or editing a customer.
enum CustomerFormPage {
    struct Model {
        var id: UUID?
        var name = ""
        var phone = ""
        var address = ""
        var nationalId = ""
        var economicCode = ""
        var postalCode = ""
        var error: String?
    }

    static func render(_ m: Model, _ ctx: PageContext) -> HTML {
        let title = ctx.t(m.id == nil ? .newCustomer : .editCustomer)
        let action = m.id.map { SiteURL.editCustomer($0).path } ?? SiteURL.newCustomer.path
        return Layout.page(title, ctx,
            .h1(.text(title)),
            Layout.errorBox(m.error),
            .form(.class("card"), .method(.post), .action(action),
                Layout.csrf(ctx),
                Layout.field(ctx.t(.name), "name", value: m.name, required: true),
                Layout.field(ctx.t(.phone), "phone", value: m.phone, type: .tel),
                Layout.field(ctx.t(.address), "address", value: m.address),
                .h2(.text(ctx.t(BillingText.taxIdentity))),
                Layout.field(ctx.t(BillingText.nationalId), "nationalId", value: m.nationalId, attributes: [.attribute(named: "inputmode", value: "numeric")]),
                Layout.field(ctx.t(BillingText.economicCode), "economicCode", value: m.economicCode,
                             attributes: [.attribute(named: "inputmode", value: "numeric")]),
                Layout.field(ctx.t(BillingText.postalCode), "postalCode", value: m.postalCode, attributes: [.attribute(named: "inputmode", value: "numeric")]),
                .div(.class("actions"),
                    .button(.type(.submit), .text(ctx.t(.save))),
                    .a(.href(m.id.map { SiteURL.customer($0).path } ?? SiteURL.customers.path), .text(ctx.t(.cancel))))
            )
        )
    }
}

/// Adding or editing a site of a customer.
enum SiteFormPage {
    struct Model {
        var customerID: UUID
        var customerName: String
        var siteID: UUID?
        var name = ""
        var address = ""
        var error: String?
    }

    static func render(_ m: Model, _ ctx: PageContext) -> HTML {
        let title = ctx.t(m.siteID == nil ? .addSite : .editSite)
        let action = m.siteID.map { SiteURL.editSite($0).path } ?? SiteURL.newSite(customer: m.customerID).path
        return Layout.page(title, ctx,
            .h1(.text("\(title): \(m.customerName)")),
            Layout.errorBox(m.error),
            .form(.class("card"), .method(.post), .action(action),
                Layout.csrf(ctx),
                Layout.field(ctx.t(.siteName), "name", value: m.name, required: true),
                Layout.field(ctx.t(.address), "address", value: m.address),
                .div(.class("actions"),
                    .button(.type(.submit), .text(ctx.t(.save))),
                    .a(.href(SiteURL.customer(m.customerID).path), .text(ctx.t(.cancel))))
            )
        )
    }
}

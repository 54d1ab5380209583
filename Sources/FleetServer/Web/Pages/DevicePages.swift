import FleetCore
import Foundation
import Plot

/// The device list with search and filters.
enum DevicesPage {
    struct Options {
        var customers: [(String, String)] = []
        var sites: [(String, String)] = []
        var departments: [String] = []
    }

    struct Model {
        var filter: DeviceFilter
        var options: Options
        var rows: [DeviceDTO]
        var total: Int
        var offset: Int
        var limit: Int
        var canAdd: Bool
        var showCustomer: Bool
    }

    static func render(_ m: Model, _ ctx: PageContext) -> HTML {
        let f = ctx.format
        let query: [(String, String?)] = [
            ("customerId", m.filter.customerID?.uuidString), ("siteId", m.filter.siteID?.uuidString),
            ("department", m.filter.department), ("status", m.filter.status?.rawValue), ("q", m.filter.text),
        ]
        let statuses: [(String, String)] = DeviceStatus.allCases.map { ($0.rawValue, ctx.t(L10n.status($0.rawValue))) }
        return Layout.page(ctx.t(.devices), ctx,
            .h1(.text("\(ctx.t(.devices)) (\(f.number(m.total)))")),
            .form(.class("card filters"), .method(.get), .action(SiteURL.devices.path),
                .div(.class("field"), .label(.for("q"), .text(ctx.t(.search))),
                     .input(.id("q"), .name("q"), .type(.search), .value(Layout.attributeText(m.filter.text ?? "")), .placeholder(ctx.t(.searchHint)))),
                .if(m.showCustomer, Layout.select(ctx.t(.customer), "customerId", selected: m.filter.customerID?.uuidString,
                                                  options: m.options.customers, empty: ctx.t(.allCustomers))),
                Layout.select(ctx.t(.site), "siteId", selected: m.filter.siteID?.uuidString, options: m.options.sites,
                              empty: ctx.t(.allSites)),
                Layout.select(ctx.t(.department), "department", selected: m.filter.department,
                              options: m.options.departments.map { ($0, $0) }, empty: ctx.t(.allDepartments)),
                Layout.select(ctx.t(.status), "status", selected: m.filter.status?.rawValue, options: statuses,
                              empty: ctx.t(.allStatuses)),
                .button(.type(.submit), .text(ctx.t(.filter)))
            ),
            .div(.class("actions"),
                .if(m.canAdd, .a(.class("button"), .href(SiteURL.newDevice.with([("customerId", m.filter.customerID?.uuidString)])),
                                 .text(ctx.t(.newDevice)))),
                .a(.href(SiteURL.exportDevices.with(query)), .text(ctx.t(.exportCSV)))
            ),
            .if(m.rows.isEmpty, .p(.class("hint"), .text(ctx.t(.noDevices))), else:
                .table(.class("devices"),
                    .thead(.tr(.th(.text(ctx.t(.model))), .th(.text(ctx.t(.serialNumber))),
                               .if(m.showCustomer, .th(.text(ctx.t(.customer)))), .th(.text(ctx.t(.location))),
                               .th(.text(ctx.t(.assignedUser))), .th(.text(ctx.t(.status))))),
                    .tbody(.forEach(m.rows) { d in
                        .tr(.td(.a(.href(SiteURL.device(d.id).path), .bdi("\(d.make) \(d.model)"))),
                            .td(.leaf("span", dir: "ltr", d.serialNumber)),
                            .if(m.showCustomer, .leaf("td", d.customerName ?? ctx.t(.loanerPool))),
                            .leaf("td", f.digits(DeviceRecordPage.locationLine(d))),
                            .leaf("td", d.assignedUser?.name ?? ""),
                            .td(.leaf("span", class: "badge \(d.status)", ctx.t(L10n.status(d.status)))))
                    })
                )
            ),
            pager(m, query, ctx)
        )
    }

    static func pager(_ m: Model, _ query: [(String, String?)], _ ctx: PageContext) -> Node<HTML.BodyContext> {
        Layout.pager(SiteURL.devices, query, offset: m.offset, limit: m.limit, total: m.total, ctx)
    }
}

/// The device record: identity, placement, conditions, specs and the history timeline.
enum DeviceRecordPage {
    struct Model {
        let device: DeviceDTO
        let history: [HistoryItemDTO]
        let canEdit: Bool
        var lastReading: ReadingSummaryDTO? = nil
        /// The last twelve months' pages, oldest first.
        var months: [MonthPages] = []
        /// Whether the viewer may revoke the label's link, and whether it was just revoked.
        var canRevokeLabel = false
        var labelRevoked = false
    }

    struct MonthPages {
        let month: String
        let monoPages: Double
        let colorPages: Double
    }

    /// The history line in the page's language, from the entry's details where it has them.
    static func summary(_ item: HistoryItemDTO, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        if let event = item.event { return HistoryText.event(event, ctx) }
        guard let text = plainSummary(item, ctx) else {
            // An entry from before entries were values, whose sentence could not be read back: its text, marked.
            return .span(.class("untranslated"), .dir(.leftToRight), .attribute(named: "lang", value: "en"), .text(item.summary))
        }
        return .text(text)
    }

    /// Registrations, moves and edits, from their details; nil for any other entry.
    static func plainSummary(_ item: HistoryItemDTO, _ ctx: PageContext) -> String? {
        let f = ctx.format
        switch item.kind {
        case "created" where item.to == nil || item.to == DeviceRegistry.loanerPool:
            return ctx.language == .fa ? "ثبت در انبار دستگاه‌های امانی" : "Registered in the loaner pool"
        case "created" where item.to != nil:
            return "\(ctx.t(.registeredAt)) \(f.digits(item.to!))"
        case "moved" where item.from != nil && item.to != nil:
            return "\(ctx.t(.from)) \(f.digits(item.from!)) \(ctx.t(.to)) \(f.digits(item.to!))"
        case "edited":
            return ctx.t(.changed) + ": " + (item.changes ?? []).map { L10n.field($0.field).map(ctx.t) ?? $0.field }
                .joined(separator: ctx.language == .fa ? "، " : ", ")
        default:
            return nil
        }
    }

    /// The last counters and supply levels, as the device or a person last reported them.
    static func meterCard(_ r: ReadingSummaryDTO?, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        let f = ctx.format
        guard let r else {
            return .div(.class("card meter"), .h2(.text(ctx.t(.lastReading))), .p(.class("hint"), .text(ctx.t(.noReadingYet))))
        }
        func fact(_ label: L10n, _ value: Int64?) -> [Node<HTML.BodyContext>] {
            guard let value else { return [] }
            return [.element(named: "dt", text: ctx.t(label)), .element(named: "dd", text: f.number(Int(value)))]
        }
        return .div(.class("card meter"),
            .h2(.text(ctx.t(.lastReading))),
            .p(.class("hint"), .text("\(f.instant(r.takenAt)) · \(ctx.t(L10n.readingSource(r.source)))"
                + (r.counterReset ? " · \(ctx.t(.counterResetNote))" : ""))),
            .element(named: "dl", nodes: [.class("facts")] + fact(.totalPages, r.totalPages) + fact(.monoPages, r.monoPages)
                + fact(.colorPages, r.colorPages)),
            .if(!r.supplies.isEmpty, .group(
                .h3(.text(ctx.t(.supplies))),
                .ul(.class("supplies"), .forEach(r.supplies) { s in
                    .li(.class(LowToner.low([s]).isEmpty ? "" : "low"),
                        .span(.dir(.leftToRight), .text(s.name)),
                        .unwrap(s.levelPercent, { p in
                            .element(named: "meter", nodes: [.attribute(named: "min", value: "0"), .attribute(named: "max", value: "100"),
                                                             .attribute(named: "value", value: String(p))])
                        }, else: .span()),
                        .span(.class("level"), .text(s.levelPercent.map { ctx.language == .fa ? f.digits("\($0)") + "٪" : "\($0)%" } ?? ctx.t(.levelUnknown))))
                })
            ))
        )
    }

    static func locationLine(_ d: DeviceDTO) -> String {
        [d.location.siteName, d.location.floor, d.location.room, d.location.department]
            .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " / ")
    }

    static func render(_ m: Model, _ ctx: PageContext) -> HTML {
        let d = m.device
        let f = ctx.format
        func fact(_ label: L10n, _ value: String?, ltr: Bool = false) -> [Node<HTML.BodyContext>] {
            let text = (value?.isEmpty == false ? value : nil) ?? "—"
            return [.element(named: "dt", text: ctx.t(label)),
                    .element(named: "dd", nodes: [ltr ? .span(.dir(.leftToRight), .text(text)) : .text(text)])]
        }
        let c = d.conditions
        let identity: [Node<HTML.BodyContext>] = fact(.customer, d.customerName ?? ctx.t(.loanerPool))
            + fact(.serialNumber, d.serialNumber, ltr: true) + fact(.assetTag, d.assetTag)
            + fact(.color, ctx.t(d.color ? .colorDevice : .monoDevice))
            + fact(.installedOn, d.installedOn.map(f.day))
            + fact(.purchasePrice, d.purchasePriceRials.map(f.rials))
            + fact(.ipAddress, d.ipAddress.map { "\($0):\(d.snmpPort)" }, ltr: true)
        let placement: [Node<HTML.BodyContext>] = fact(.site, d.location.siteName) + fact(.floor, d.location.floor.map(f.digits))
            + fact(.room, d.location.room.map(f.digits)) + fact(.department, d.location.department)
            + fact(.assignedUser, d.assignedUser.map { u in [u.name, u.email, u.department].compactMap { $0 }.joined(separator: " · ") })
        let conditions: [Node<HTML.BodyContext>] = fact(.temperature, c.temperatureC.map(f.decimal))
            + fact(.humidity, c.humidityPercent.map(f.decimal))
            + fact(.dust, c.dust.map { ctx.t(L10n.dust($0)) }) + fact(.power, c.powerProtection.map { ctx.t(L10n.power($0)) })
            + fact(.notes, c.notes)
        let specs: [Node<HTML.BodyContext>] = fact(.kind, d.specs.map { ctx.t(L10n.kind($0.kind)) })
            + fact(.monthlyDuty, d.specs?.monthlyDutyPages.map(f.number))
            + fact(.speed, d.specs?.pagesPerMinute.map { "\(f.number($0)) \(ctx.t(.pagesPerMinuteUnit))" })

        return Layout.page("\(d.make) \(d.model)", ctx,
            .p(.class("hint"), .text(ctx.t(.deviceRecord))),
            .h1(.bdi("\(d.make) \(d.model)"), .text(" "), .span(.class("badge \(d.status)"), .text(ctx.t(L10n.status(d.status))))),
            .div(.class("actions"),
                .if(m.canEdit, .a(.class("button"), .href(SiteURL.editDevice(d.id).path), .text(ctx.t(.edit)))),
                .if(!d.loaner, .a(.class("button secondary"), .href(SiteURL.newTicket.with([("deviceId", d.id.uuidString)])),
                                  .text(ctx.t(.openTicketForDevice)))),
                .if(!d.loaner, .a(.class("button secondary"), .href(SiteURL.labels.with([("deviceId", d.id.uuidString)])),
                                  .text(ctx.t(LabelText.printLabel)))),
                .if(!d.loaner && m.canRevokeLabel,
                    .form(.class("inline"), .method(.post), .action(SiteURL.revokeLabel(d.id).path),
                          .attribute(named: "title", value: ctx.t(LabelText.revokeHint)),
                          Layout.csrf(ctx), .button(.type(.submit), .class("link"), .text(ctx.t(LabelText.revokeLabel))))),
                AuditPage.historyLink(d.id, ctx)),
            .if(m.labelRevoked, .p(.class("notice"), .text(ctx.t(LabelText.labelRevoked)))),
            .div(.class("grid2"),
                .div(.class("card"), .element(named: "dl", nodes: [.class("facts")] + identity)),
                .div(.class("card"), .h2(.text(ctx.t(.location))), .element(named: "dl", nodes: [.class("facts")] + placement)),
                .div(.class("card"), .h2(.text(ctx.t(.conditions))), .element(named: "dl", nodes: [.class("facts")] + conditions)),
                .div(.class("card"), .h2(.text(ctx.t(.specs))), .element(named: "dl", nodes: [.class("facts")] + specs)),
                meterCard(m.lastReading, ctx)
            ),
            .if(m.months.contains { $0.monoPages + $0.colorPages > 0 }, .div(.class("card"),
                .h2(.text(ctx.text(ChartText.devicePagesByMonth))),
                SVGChart.bars(m.months.map { .init(label: SVGChart.monthLabel($0.month, f), parts: [$0.monoPages] + (d.color ? [$0.colorPages] : [])) },
                              legend: [ctx.t(.monoPages)] + (d.color ? [ctx.t(.colorPages)] : []), title: ctx.text(ChartText.devicePagesByMonth),
                              format: f))),
            .h2(.text(ctx.t(.history))),
            .div(.class("card"), .ol(.class("timeline"), .forEach(m.history) { item in
                .li(.class(item.kind),
                    .span(.class("when"), .text(f.instant(item.at) + (item.actor.map { " · \(ctx.t(.by)) \($0)" } ?? ""))),
                    .strong(.text(ctx.t(L10n.event(item.kind)))),
                    .p(summary(item, ctx)),
                    .unwrap(item.changes) { changes in
                        .ul(.class("changes"), .forEach(changes) { ch in
                            .li(.text("\(L10n.field(ch.field).map(ctx.t) ?? ch.field): \(ctx.t(.from)) \(ctx.format.digits(ch.from ?? "—")) \(ctx.t(.to)) \(ctx.format.digits(ch.to ?? "—"))"))
                        })
                    })
            }))
        )
    }
}

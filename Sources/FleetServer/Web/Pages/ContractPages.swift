import FleetCore
import Foundation
import Plot

/// The contract list.
enum ContractsPage {
    static func render(_ contracts: [ContractDTO], canAdd: Bool, _ ctx: PageContext) -> HTML {
        let f = ctx.format
        return Layout.page(ctx.t(.contracts), ctx,
            .h1(.text(ctx.t(.contracts))),
            .if(canAdd, .div(.class("actions"), .a(.class("button"), .href(SiteURL.newContract.path), .text(ctx.t(.newContract))))),
            .if(contracts.isEmpty, .p(.class("hint"), .text(ctx.t(.noContracts))), else:
                .table(.class("devices"),
                    .thead(.tr(.th(.text(ctx.t(.customer))), .th(.text(ctx.t(.plan))), .th(.text(ctx.t(.period))),
                               .th(.text(ctx.t(.devices))), .th(.text(ctx.t(.status))))),
                    .tbody(.forEach(contracts) { c in
                        .tr(.td(.a(.href(SiteURL.contract(c.id).path), .text(c.customerName ?? ""))),
                            .td(.text(ContractPage.planName(c, ctx))),
                            .td(.text(ContractPage.period(c, ctx))),
                            .td(.text(f.number(c.deviceCount))),
                            .td(.span(.class("badge \(c.status.rawValue)"), .text(ctx.t(L10n.contractStatus(c.status.rawValue))))))
                    })
                )
            )
        )
    }
}

/// A new contract: customer first, then plan, period, customisation and devices.
enum ContractFormPage {
    struct DeviceOption {
        let id: UUID
        let label: String
        let selected: Bool
    }

    struct Model {
        var customers: [(String, String)]
        var customerID: UUID?
        var plans: [PlanDTO]
        var planCode: String
        var startsOn: String
        var endsOn: String
        var overrides: [String: String]
        var devices: [DeviceOption]
        var allDevices: Bool
        var preview: ContractTerms?
        var warnings: [ContractWarning]
        var error: String?
    }

    static func render(_ m: Model, _ ctx: PageContext) -> HTML {
        let plan = m.plans.first { $0.code == m.planCode } ?? m.plans.first
        let effective = m.preview ?? plan?.terms
        let planJSON = Dictionary(uniqueKeysWithValues: m.plans.map { ($0.code, TermsView.raw($0.terms)) })
        let data = (try? JSONSerialization.data(withJSONObject: ["plans": planJSON, "labels": TermsView.choices(ctx)],
                                                options: [.sortedKeys])).flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
        return Layout.page(ctx.t(.newContract), ctx,
            .h1(.text(ctx.t(.newContract))),
            Layout.errorBox(m.error),
            .if(m.customerID == nil,
                .form(.class("card"), .method(.get), .action(SiteURL.newContract.path),
                    Layout.select(ctx.t(.customer), "customerId", selected: nil, options: m.customers, empty: ctx.t(.choose)),
                    .button(.type(.submit), .text(ctx.t(.next)))),
            else: .form(.class("card"), .method(.post), .action(SiteURL.newContract.path), .data(named: "terms", value: "live"),
                Layout.csrf(ctx),
                .input(.type(.hidden), .name("customerId"), .value(m.customerID?.uuidString ?? "")),
                Layout.select(ctx.t(.plan), "planCode", selected: m.planCode,
                              options: m.plans.map { ($0.code, ctx.language == .fa ? $0.nameFa : $0.nameEn) }, empty: nil),
                .div(.class("grid2"),
                    Layout.field(ctx.t(.startsOn), "startsOn", value: m.startsOn, required: true, hint: ctx.t(.dateHint)),
                    Layout.field(ctx.t(.endsOn), "endsOn", value: m.endsOn, required: true, hint: ctx.t(.dateHint))),
                .h2(.text(ctx.t(.overrides))),
                .p(.class("hint"), .text(ctx.t(.overridesHint))),
                TermsView.fields(prefix: "o_", values: m.overrides, emptyMeansPlan: true, ctx),
                .h2(.text(ctx.t(.effectiveTerms))),
                .unwrap(effective) { TermsView.table($0, overridden: Set(m.overrides.filter { !$0.value.isEmpty }.keys), live: true, ctx) },
                .if(!m.warnings.isEmpty, .ul(.class("warnings"), .forEach(m.warnings) { .li(.text(ContractText.warning($0, ctx))) })),
                .h2(.text(ctx.t(.devices))),
                .div(.class("field check"),
                    .label(.input(.type(.checkbox), .name("allDevices"), .value("on"), .checked(m.allDevices)),
                           .text(" " + ctx.t(.allDevicesOfCustomer)))),
                .div(.class("checklist"), .forEach(m.devices) { d in
                    .label(.input(.type(.checkbox), .name("device_\(d.id.uuidString)"), .value("on"), .checked(d.selected)),
                           .text(" "), .bdi(d.label))
                }),
                .div(.class("actions"),
                    .button(.type(.submit), .name("action"), .value("save"), .text(ctx.t(.save))),
                    .button(.type(.submit), .class("secondary"), .name("action"), .value("preview"), .text(ctx.t(.preview))),
                    .a(.href(SiteURL.contracts.path), .text(ctx.t(.cancel))))
            )),
            .element(named: "script", nodes: [.attribute(named: "type", value: "application/json"), .id("plan-terms"), .raw(data)])
        )
    }
}

/// A contract: its terms, devices, schedule on a Solar Hijri calendar, and history.
enum ContractPage {
    struct DeviceRow {
        let id: UUID
        let label: String
        let location: String
    }

    struct Model {
        let contract: ContractDTO
        let devices: [DeviceRow]
        let schedule: [ScheduleItemDTO]
        let holidays: HolidayCalendar
        let canEdit: Bool
        /// The customer's devices outside the contract, offered for adding.
        var addable: [DeviceRow] = []
        /// The resident technician's name, and the technicians who can be named (id, name).
        var residentName: String? = nil
        var technicians: [(String, String)] = []
        /// The editor's fields as typed, when it came back refused, and why.
        var edit: [String: String] = [:]
        var editError: String? = nil
    }

    static func planName(_ c: ContractDTO, _ ctx: PageContext) -> String {
        BuiltInPlans.all.first { $0.code == c.planCode }.map { ctx.language == .fa ? $0.nameFa : $0.nameEn } ?? c.planName
    }

    static func period(_ c: ContractDTO, _ ctx: PageContext) -> String {
        let f = ctx.format
        let days = [c.startsOn, c.endsOn].compactMap(CalendarDay.init(iso:)).map(f.day)
        return days.joined(separator: " – ")
    }

    static func render(_ m: Model, _ ctx: PageContext) -> HTML {
        let c = m.contract
        let f = ctx.format
        let overridden = Set(TermsView.values(of: c.overrides).keys)
        return Layout.page("\(ctx.t(.contract)) \(c.customerName ?? "")", ctx,
            .p(.class("hint"), .text(ctx.t(.contract))),
            .h1(.text("\(c.customerName ?? "") · \(planName(c, ctx)) "),
                .span(.class("badge \(c.status.rawValue)"), .text(ctx.t(L10n.contractStatus(c.status.rawValue))))),
            .p(.text(period(c, ctx)), .text(" "), AuditPage.historyLink(c.id, ctx)),
            .if(m.canEdit, .div(.class("actions"),
                .if(c.status == .draft, action(c.id, "activate", .activate, ctx)),
                .if(c.status == .active || c.status == .expired, action(c.id, "renew", .renew, ctx)),
                .if(c.status == .active || c.status == .draft, action(c.id, "terminate", .terminate, ctx, secondary: true))
            )),
            .if(!c.warningCodes.isEmpty, .div(.class("card warn"), .h2(.text(ctx.t(.warnings))),
                                              .ul(.forEach(c.warningCodes) { .li(.text(ContractText.warning($0, ctx))) }))),
            .div(.class("grid2"),
                .div(.class("card"), .h2(.text(ctx.t(.terms))), TermsView.table(c.terms, overridden: overridden, ctx)),
                .div(.class("card"), .h2(.text(ctx.t(.schedule))),
                    .ol(.class("visits"), .forEach(m.schedule) { v in
                        .li(.class(v.done ? "done" : (v.secondOfPeriod ? "second" : "")),
                            .text("\(ctx.t(.pmVisit)) \(f.number(v.number)): \(CalendarDay(iso: v.date).map(f.day) ?? v.date)"),
                            .if(v.secondOfPeriod, .small(.class("hint"), .text(" · " + ctx.t(.secondPM)))),
                            .if(v.done, .small(.class("hint"), .text(" · " + ctx.t(.done)))))
                    }))
            ),
            .unwrap(m.residentName) { .p(.strong(.text(ctx.t(ContractText.residentTechnicianName) + ": ")), .text($0)) },
            .if(m.canEdit && (c.status == .active || c.status == .draft), editor(m, ctx)),
            .div(.class("months"), .forEach(months(c)) { month in calendar(month, m, ctx) }),
            .h2(.text("\(ctx.t(.devicesInContract)) (\(f.number(c.deviceCount)))")),
            .form(.method(.post), .action(SiteURL.contractAction(c.id, "remove-devices").path),
                Layout.csrf(ctx),
                .table(.class("devices"), .tbody(.forEach(m.devices) { d in
                    .tr(.td(.if(m.canEdit, .input(.type(.checkbox), .name("device_\(d.id.uuidString)"), .value("on")))),
                        .td(.a(.href(SiteURL.device(d.id).path), .bdi(d.label))),
                        .td(.text(f.digits(d.location))))
                })),
                .if(m.canEdit && !m.devices.isEmpty, .div(.class("actions"),
                    .button(.type(.submit), .class("secondary"), .text(ctx.t(.removeSelected)))))
            ),
            .if(m.canEdit && !m.addable.isEmpty, .details(
                .summary(.text(ctx.t(.addDevices))),
                .form(.method(.post), .action(SiteURL.contractAction(c.id, "add-devices").path),
                    Layout.csrf(ctx),
                    .div(.class("checklist"), .forEach(m.addable) { d in
                        .label(.input(.type(.checkbox), .name("device_\(d.id.uuidString)"), .value("on")), .text(" "), .bdi(d.label))
                    }),
                    .div(.class("actions"), .button(.type(.submit), .text(ctx.t(.addDevices)))))
            )),
            .unwrap(c.history) { history in
                .group(.h2(.text(ctx.t(.contractHistory))),
                       .div(.class("card"), .ol(.class("timeline"), .forEach(history) { e in
                           .li(.span(.class("when"), .text(f.instant(e.at) + (e.actor.map { " · \(ctx.t(.by)) \($0)" } ?? ""))),
                               .p(.unwrap(e.change, { .text(ContractText.change($0, ctx)) },
                                          else: .span(.class("untranslated"), .dir(.leftToRight), .attribute(named: "lang", value: "en"),
                                                      .text(e.summary)))))
                       })))
            }
        )
    }

    /// The period, the terms and the resident technician, changed after the contract was saved. Opens by itself
    /// when it came back refused, with what was typed and the reason.
    static func editor(_ m: Model, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        let c = m.contract
        let f = m.edit
        func day(_ iso: String) -> String {
            guard let d = CalendarDay(iso: iso) else { return iso }
            return ctx.language == .fa ? SolarHijriDay(d).description : d.description
        }
        let current = m.technicians.first { $0.0 == c.residentTechnicianId?.uuidString }?.0
        let overrides = f.isEmpty ? TermsView.values(of: c.overrides)
            : Dictionary(uniqueKeysWithValues: TermsView.keys.map { ($0, f["o_" + $0] ?? "") })
        let form: Node<HTML.BodyContext> = .form(.class("card"), .method(.post), .action(SiteURL.contractAction(c.id, "edit").path),
            Layout.csrf(ctx),
            Layout.errorBox(m.editError),
            .div(.class("grid2"),
                 Layout.field(ctx.t(.startsOn), "startsOn", value: f["startsOn"] ?? day(c.startsOn), required: true),
                 Layout.field(ctx.t(.endsOn), "endsOn", value: f["endsOn"] ?? day(c.endsOn), required: true)),
            TermsView.fields(prefix: "o_", values: overrides, emptyMeansPlan: true, ctx),
            Layout.select(ctx.t(ContractText.residentTechnicianName), "residentTechnicianId", selected: f["residentTechnicianId"] ?? current,
                          options: m.technicians, empty: ctx.t(ContractText.noResident)),
            .div(.class("actions"), .button(.type(.submit), .text(ctx.t(ContractText.saveChanges)))))
        return .element(named: "details", nodes: [.class("edit-contract"), .if(m.editError != nil, .attribute(named: "open", value: "open")),
                                                  .element(named: "summary", text: ctx.t(ContractText.editContract)), form])
    }

    static func action(_ id: UUID, _ name: String, _ label: L10n, _ ctx: PageContext, secondary: Bool = false) -> Node<HTML.BodyContext> {
        .form(.class("inline"), .method(.post), .action(SiteURL.contractAction(id, name).path),
              Layout.csrf(ctx),
              .button(.type(.submit), .class(secondary ? "secondary" : ""), .text(ctx.t(label))))
    }

    /// The Solar Hijri months the contract spans (two years at most on the page).
    static func months(_ c: ContractDTO) -> [SolarHijriDay] {
        guard let start = CalendarDay(iso: c.startsOn), let end = CalendarDay(iso: c.endsOn) else { return [] }
        var s = SolarHijriDay(start).firstOfMonth
        let e = SolarHijriDay(end)
        var result: [SolarHijriDay] = []
        while s <= e, result.count < 24 {
            result.append(s)
            s = s.firstOfNextMonth
        }
        return result
    }

    /// One month grid, Saturday first, PM days marked, Fridays and holidays shaded.
    static func calendar(_ month: SolarHijriDay, _ m: Model, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        let f = ctx.format
        let first = month.gregorian
        let length = SolarHijriDay.daysIn(month: month.month, year: month.year)
        let lead = (first.isoWeekday + 1) % 7
        let visits = Dictionary(m.schedule.map { ($0.date, $0) }, uniquingKeysWith: { a, _ in a })
        let cells: [CalendarDay?] = Array(repeating: nil, count: lead) + (0..<length).map { first.adding(days: $0) }
        let weeks = stride(from: 0, to: cells.count, by: 7).map { Array(cells[$0..<min($0 + 7, cells.count)]) }
        let names = ctx.t(.weekdaysShort).split(separator: " ").map(String.init)
        return .table(.class("month"),
            .caption(.text("\(f.monthName(month.month)) \(f.digits(String(month.year)))")),
            .thead(.tr(.forEach(names) { .th(.text($0)) })),
            .tbody(.forEach(weeks) { week in
                .tr(.forEach(week) { day in
                    guard let day else { return .td() }
                    var classes: [String] = []
                    if !m.holidays.isWorkingDay(day) { classes.append("off") }
                    if let v = visits[day.description] { classes.append(v.secondOfPeriod ? "pm second" : "pm") }
                    return .td(.class(classes.joined(separator: " ")),
                               .unwrap(visits[day.description]) { v in .attribute(named: "title", value: "\(ctx.t(.pmVisit)) \(f.number(v.number))") },
                               .text(f.number(SolarHijriDay(day).day)))
                })
            })
        )
    }
}

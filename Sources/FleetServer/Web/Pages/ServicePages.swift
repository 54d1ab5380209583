import FleetCore
import Foundation
import Plot

/// How long is left to respond, or how long ago the time ran out, in working hours.
enum SLAText {
    static func text(secondsLeft: Double, _ ctx: PageContext) -> String {
        let f = ctx.format
        let minutes = Int(abs(secondsLeft) / 60)
        let span = "\(f.number(minutes / 60)) \(ctx.t(.hoursShort)) \(f.number(minutes % 60)) \(ctx.t(.minutesShort))"
        return span + " " + ctx.t(secondsLeft >= 0 ? .slaLeft : .slaOverdue)
    }
}

/// The dispatcher's board: open tickets by stage, the most urgent first.
enum BoardPage {
    struct Card {
        let ticketID: UUID
        let number: Int
        let device: String
        let customer: String
        let symptom: String?
        let slaSecondsLeft: Double
        /// Someone has responded (dispatched or arrived): the clock stopped.
        let responded: Bool
        /// The response time was missed (`Ticket.responseBreached`), as the dashboard counts it.
        let late: Bool
        let covered: Bool
        let topPart: String?
        let viaResident: Bool
        var urgent = false
    }

    struct Column {
        let stage: String
        let cards: [Card]
    }

    static func render(_ columns: [Column], lateOnly: Bool, _ ctx: PageContext) -> HTML {
        let f = ctx.format
        return Layout.page(ctx.t(.board), ctx,
            .div(.class("title-row"),
                .h1(.text(ctx.t(.board))),
                .a(.class("button"), .href(SiteURL.newTicket.path), .text(ctx.t(.newCall)))),
            .p(.class("filters"),
                lateOnly ? .a(.href(SiteURL.board.path), .text(ctx.t(.allOpenTickets)))
                         : .a(.href(SiteURL.board.with([("late", "1")])), .text(ctx.t(.onlyLate)))),
            .div(.class("board"), .forEach(columns) { column in
                .section(.class("column"),
                    .h2(.text("\(ctx.t(L10n.stage(column.stage))) (\(f.number(column.cards.count)))")),
                    .if(column.cards.isEmpty, .p(.class("hint"), .text(ctx.t(.noTickets)))),
                    .forEach(column.cards) { c in
                        .a(.class("ticket-card" + (c.late ? " late" : "")), .href(SiteURL.ticket(c.ticketID).path),
                           .leaf("strong", "#\(f.number(c.number)) · \(c.symptom.map { CommonSymptoms.label($0, ctx.language) } ?? "")"),
                           .leaf("span", c.customer),
                           .leaf("bdi", class: "hint", c.device),
                           .leaf("span", class: "sla", c.responded ? ctx.t(c.late ? .respondedLate : .respondedInTime)
                                                                   : SLAText.text(secondsLeft: c.slaSecondsLeft, ctx)),
                           .leaf("span", class: "badge " + (c.covered ? "contract" : "billable"), ctx.t(c.covered ? .covered : .notCovered)),
                           .if(c.viaResident, .leaf("span", class: "badge", ctx.t(.residentQueue))),
                           .if(c.urgent, .leaf("span", class: "badge priority-urgent", ctx.t(L10n.priority(.urgent)))),
                           .unwrap(c.topPart) { .span(.class("hint"), .text("\(ctx.t(.likelyParts)): "), .bdi($0)) })
                    })
            })
        )
    }
}

/// One ticket: the call, its coverage and SLA, the likely parts, and what to do next.
enum TicketPage {
    struct Model {
        let ticket: TicketDTO
        let device: DeviceDTO
        let technicians: [(String, String)]
        let slaSecondsLeft: Double
        let visitID: UUID?
        let reportReady: Bool
        let canAct: Bool
        let defaultSchedule: String
        /// The people who reported the fault from the device's label, to call back.
        var faultReports: [FaultReportDTO] = []
        var attempts: [TriageAttemptDTO] = []
        var technicianName: String?
        /// The technician has arrived: the call can no longer be given to someone else.
        var arrived = false
        /// Loaners free to lend (staff only), the device's loan already out (its due day), the default due day.
        var loaners: [(String, String)] = []
        var loanOut: CalendarDay?
        var defaultDue = ""
        /// What was typed into the form that came back refused (`_form` names it), and why.
        var form: [String: String] = [:]
        var error: String?
    }

    static func render(_ m: Model, _ ctx: PageContext) -> HTML {
        let t = m.ticket, f = ctx.format
        let open = t.stage == "remoteTriage" || t.stage == "awaitingDispatch"
        return Layout.page("\(ctx.t(.ticket)) #\(t.number)", ctx,
            .p(.class("hint"), .text(ctx.t(.ticket))),
            .h1(.text("#\(f.number(t.number)) · \(t.symptom.map { CommonSymptoms.label($0, ctx.language) } ?? ctx.t(.ticket)) "),
                .span(.class("badge \(t.stage)"), .text(ctx.t(L10n.stage(t.stage))))),
            .div(.class("grid2"),
                .div(.class("card"), .element(named: "dl", nodes: [.class("facts"),
                    .element(named: "dt", text: ctx.t(.devices)),
                    .element(named: "dd", nodes: [.a(.href(SiteURL.device(m.device.id).path),
                                                      .bdi("\(m.device.make) \(m.device.model) · \(m.device.serialNumber)"))]),
                    .element(named: "dt", text: ctx.t(.customer)), .element(named: "dd", text: m.device.customerName ?? "—"),
                    .element(named: "dt", text: ctx.t(.location)), .element(named: "dd", text: f.digits(DeviceRecordPage.locationLine(m.device))),
                    .element(named: "dt", text: ctx.t(.channel)), .element(named: "dd", text: ctx.t(L10n.channel(t.channel))),
                    .element(named: "dt", text: ctx.t(.caller)),
                    .element(named: "dd", nodes: [.text(t.callerName ?? "—"), .unwrap(t.callerPhone) { phone in
                        .group(.text(" · "), .a(.href(Layout.attributeText("tel:\(phone)")), .span(.dir(.leftToRight), .text(f.digits(phone)))))
                    }]),
                    .element(named: "dt", text: ctx.t(.priority)),
                    .element(named: "dd", nodes: [.span(.class("badge priority-\(t.priority)"),
                                                        .text(TicketPriority(rawValue: t.priority).map { ctx.t(L10n.priority($0)) } ?? t.priority))]),
                    .element(named: "dt", text: ctx.t(.descriptionLabel)), .element(named: "dd", nodes: [.bdi(t.description)]),
                    .element(named: "dt", text: ctx.t(.covered)),
                    .element(named: "dd", nodes: [.span(.class("badge " + (t.covered ? "contract" : "billable")),
                                                        .text(ctx.t(t.covered ? .covered : .notCovered))), .br(), .small(.class("hint"), ReasonText.coverage(t, ctx))]),
                    .element(named: "dt", text: ctx.t(.technician)), .element(named: "dd", text: m.technicianName ?? "—"),
                    .element(named: "dt", text: ctx.t(.scheduledAt)), .element(named: "dd", text: t.scheduledAt.map(f.instant) ?? "—"),
                    .unwrap(m.loanOut) { due in .group(.element(named: "dt", text: ctx.t(.loaner)),
                                                       .element(named: "dd", text: "\(ctx.t(.dueOn)) \(f.day(due))")) },
                ])),
                .div(.class("card"),
                    .p(.class("sla" + (m.slaSecondsLeft < 0 && open ? " late" : "")),
                       .text(open ? SLAText.text(secondsLeft: m.slaSecondsLeft, ctx) : f.instant(t.slaDueAt))),
                    // The likely parts and their wear figures are the technicians' triage, not the client's reading.
                    .if(ctx.role != .client, .group(
                        .h2(.text(ctx.t(.likelyParts))),
                        .if(t.likelyParts.isEmpty, .p(.class("hint"), .text("—")), else:
                            .ol(.forEach(t.likelyParts) { p in
                                .li(.strong(.bdi(p.name)), .text(" "), .small(.dir(.leftToRight), .text(p.partNumber)), .br(),
                                    .small(.class("hint"), ReasonText.likely(p, ctx)))
                            }))))
                )
            ),
            .if(!m.faultReports.isEmpty, .div(.class("card"),
                .h2(.text(ctx.t(LabelText.reportedFromLabel))),
                .table(.tbody(.forEach(m.faultReports) { r in
                    .tr(.td(.text(f.instant(r.at))),
                        .td(.text(r.name), .br(), .a(.href(Layout.attributeText("tel:\(r.phone)")), .span(.dir(.leftToRight), .text(f.digits(r.phone))))),
                        .td(.text(r.symptom.map { CommonSymptoms.label($0, ctx.language) } ?? ""), .br(), .small(.bdi(r.description))))
                })))),
            .unwrap(t.remoteNotes) { .div(.class("card"), .h2(.text(ctx.t(.remoteNotes))), .p(.text($0))) },
            .if(m.reportReady, .unwrap(m.visitID) { .p(.a(.class("button"), .href(SiteURL.workReport($0).path), .text(ctx.t(.viewReport)))) }),
            Layout.errorBox(m.error),
            attempts(m, open: open, ctx),
            .if(m.canAct && open, .div(.class("grid2"),
                .form(.class("card"), .id("resolve"), .method(.post), .action(SiteURL.ticketAction(t.id, "resolve").path),
                    Layout.csrf(ctx),
                    .h2(.text(ctx.t(.resolveRemotely))),
                    .div(.class("field"), .label(.for("notes"), .text(ctx.t(.remoteNotes))),
                         .textarea(.id("notes"), .name("notes"), .required(true), .rows(3), .text(typed(m, "resolve", "notes") ?? ""))),
                    .button(.type(.submit), .text(ctx.t(.resolveRemotely)))),
                schedule(m, action: "dispatch", title: .dispatch, ctx))),
            .if(m.canAct && t.stage == "dispatched" && !m.arrived, schedule(m, action: "reschedule", title: .reassign, ctx)),
            .if(m.canAct && open || m.canAct && t.stage == "dispatched", loaner(m, ctx))
        )
    }

    /// A field's value as typed in the form `action` that came back refused.
    static func typed(_ m: Model, _ action: String, _ name: String) -> String? {
        m.form["_form"] == action ? m.form[name] : nil
    }

    /// The remote attempts so far and, while the call is in triage, the form for another.
    static func attempts(_ m: Model, open: Bool, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        let f = ctx.format
        let methods = TriageMethod.allCases.map { ($0.rawValue, ctx.t($0 == .phone ? L10n.byPhone : .byRemoteDesktop)) }
        return .if(!m.attempts.isEmpty || (m.canAct && open), .div(.class("card"), .id("attempts"),
            .h2(.text(ctx.t(.remoteAttempts))),
            .if(m.attempts.isEmpty, .p(.class("hint"), .text(ctx.t(.noAttemptsYet))), else:
                .ol(.class("attempts"), .forEach(m.attempts) { a in
                    .li(.strong(.text(ctx.t(a.method == TriageMethod.phone.rawValue ? L10n.byPhone : .byRemoteDesktop))),
                        .text(" · \(f.number(a.minutes)) \(ctx.t(.minutesShort)) · \(f.instant(a.at))"),
                        .unwrap(a.by) { .group(.text(" · "), .text($0)) },
                        .p(.text(a.tried)))
                })),
            .if(m.canAct && open, .form(.method(.post), .action(SiteURL.ticketAction(m.ticket.id, "attempt").path),
                Layout.csrf(ctx),
                .div(.class("grid2"),
                    Layout.select(ctx.t(.attemptMethod), "method", selected: typed(m, "attempt", "method") ?? "phone", options: methods, empty: nil),
                    Layout.field(ctx.t(.attemptMinutes), "minutes", value: typed(m, "attempt", "minutes"), type: .number, required: true,
                                 attributes: [.attribute(named: "min", value: "1"), .attribute(named: "inputmode", value: "numeric")])),
                .div(.class("field"), .label(.for("tried"), .text(ctx.t(.attemptTried)), .span(.class("req"), " *")),
                     .textarea(.id("tried"), .name("tried"), .required(true), .rows(2), .text(typed(m, "attempt", "tried") ?? ""))),
                .button(.type(.submit), .class("secondary"), .text(ctx.t(.logAttempt)))))))
    }

    /// Dispatch (or give to someone else, another time): a technician and a time.
    static func schedule(_ m: Model, action: String, title: L10n, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        let current = action == "reschedule" ? m.ticket.technicianId?.uuidString : nil
        return .form(.class("card"), .id(action), .method(.post), .action(SiteURL.ticketAction(m.ticket.id, action).path),
            Layout.csrf(ctx),
            .h2(.text(ctx.t(title))),
            Layout.select(ctx.t(.technician), "technicianId", selected: typed(m, action, "technicianId") ?? current,
                          options: m.technicians, empty: nil),
            Layout.field(ctx.t(.scheduledAt), "scheduledAt", value: typed(m, action, "scheduledAt") ?? m.defaultSchedule,
                         type: .datetimeLocal, required: true),
            .button(.type(.submit), .text(ctx.t(title))))
    }

    /// Lends a loaner for the call's machine while it is being repaired.
    static func loaner(_ m: Model, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        guard m.loanOut == nil, !m.loaners.isEmpty else { return .empty }
        return .form(.class("card"), .id("lend"), .method(.post), .action(SiteURL.ticketAction(m.ticket.id, "lend").path),
            Layout.csrf(ctx),
            .h2(.text(ctx.t(.lendLoaner))),
            Layout.select(ctx.t(.loaner), "loanerDeviceId", selected: typed(m, "lend", "loanerDeviceId"), options: m.loaners, empty: nil, data: true),
            Layout.field(ctx.t(.dueOn), "dueOn", value: typed(m, "lend", "dueOn") ?? m.defaultDue, type: .date, required: true),
            .button(.type(.submit), .class("secondary"), .text(ctx.t(.lend))))
    }
}

/// Taking a call about a device.
enum NewTicketPage {
    /// `form`: what was typed, when the page comes back with an error (nothing typed is lost).
    static func render(device: DeviceDTO, form: [String: String] = [:], error: String?, _ ctx: PageContext) -> HTML {
        let channels = ServiceDesk.channels.map { ($0, ctx.t(L10n.channel($0))) }
        let symptoms = CommonSymptoms.all.map { ($0.code, ctx.language == .fa ? $0.fa : $0.en) }
        let priorities = TicketPriority.allCases.map { ($0.rawValue, ctx.t(L10n.priority($0))) }
        let staff = ctx.role?.isStaff == true
        return Layout.page(ctx.t(.newTicket), ctx,
            .h1(.text(ctx.t(.newTicket))),
            .div(.class("card"),
                .p(.strong(.bdi("\(device.make) \(device.model)")), .text(" · "),
                   .span(.dir(.leftToRight), .text(([device.serialNumber] + [device.assetTag].compactMap { $0 }).joined(separator: " · ")))),
                .p(.class("hint"), .text(device.customerName ?? ""), .text(" · "), .text(ctx.format.digits(DeviceRecordPage.locationLine(device))),
                   .unwrap(device.assignedUser?.name) { .group(.text(" · "), .text($0)) }),
                .if(staff, .p(.a(.href(SiteURL.newTicket.path), .text(ctx.t(.otherDevice)))))),
            Layout.errorBox(error),
            .form(.class("card"), .method(.post), .action(SiteURL.newTicket.with([("deviceId", device.id.uuidString)])),
                Layout.csrf(ctx),
                .if(staff, .group(
                    .div(.class("grid2"),
                        Layout.field(ctx.t(.callerName), "callerName", value: form["callerName"], attributes: [.attribute(named: "autocomplete", value: "off")]),
                        Layout.field(ctx.t(.callerPhone), "callerPhone", value: form["callerPhone"], type: .tel,
                                     attributes: [.attribute(named: "dir", value: "ltr"), .attribute(named: "inputmode", value: "tel")])),
                    .div(.class("grid2"),
                        Layout.select(ctx.t(.channel), "channel", selected: form["channel"] ?? "phone", options: channels, empty: nil),
                        Layout.select(ctx.t(.priority), "priority", selected: form["priority"] ?? TicketPriority.normal.rawValue,
                                      options: priorities, empty: nil)))),
                Layout.select(ctx.t(.symptom), "symptom", selected: form["symptom"], options: symptoms, empty: "—"),
                .div(.class("field"), .label(.for("description"), .text(ctx.t(.descriptionLabel)), .span(.class("req"), " *")),
                     .textarea(.id("description"), .name("description"), .required(true), .rows(4), .text(form["description"] ?? ""))),
                .button(.type(.submit), .text(ctx.t(.newTicket))))
        )
    }
}

/// A technician's day: today's visits, with what each is about.
enum MyDayPage {
    struct Item {
        let visit: VisitDTO
        let customer: String
        /// Each device as (make, model and serial as printed on it; where it stands).
        let devices: [(label: String, location: String)]
        let symptom: String?
        let likelyParts: [LikelyPart]
        var arrivedAt: Date? = nil
        /// The first machine's make and model.
        var model = ""
        /// A PM visit's machines not yet recorded, of all of them.
        var left: (count: Int, of: Int)? = nil
    }

    static func render(_ items: [Item], _ ctx: PageContext) -> HTML {
        let f = ctx.format
        // The actions sit at the top of each card, under the time and the client: a PM visit's list of
        // machines (340 at the bank) folds away below them.
        return Layout.page(ctx.t(.myDay), ctx,
            .h1(.text(ctx.t(.myDay))),
            .if(items.isEmpty, .p(.class("hint"), .text(ctx.t(.noVisitsToday)))),
            .forEach(items) { i in
                .div(.class("card visit"), .data(named: "visit", value: i.visit.id.uuidString), .data(named: "kind", value: i.visit.kind),
                     .data(named: "at", value: ISO8601DateFormatter().string(from: i.visit.scheduledAt)),
                     .data(named: "model", value: Layout.attributeText(i.model)),
                    .h2(.text("\(f.instant(i.visit.scheduledAt)) · \(ctx.t(L10n.visit(i.visit.kind)))")),
                    .p(.strong(.text(i.customer))),
                    .div(.class("actions"),
                        .unwrap(i.arrivedAt, { .p(.class("hint on-site"), .text("\(ctx.t(.onSiteSince)) \(f.instant($0))")) },
                                else: .form(.class("arrive"), .method(.post), .action(SiteURL.arrive(i.visit.id).path), Layout.csrf(ctx),
                                            .button(.type(.submit), .class("big secondary"), .text(ctx.t(.arrived))))),
                        .a(.class("button big complete"), .href(SiteURL.completeVisit(i.visit.id).path), .text(ctx.t(.completeVisit)))),
                    .unwrap(i.left) { left in
                        .p(.class("pm-progress"), .text("\(ctx.t(PMText.left)): \(f.number(left.count)) / \(f.number(left.of))"))
                    },
                    .unwrap(i.symptom) { .p(.text("\(ctx.t(.symptom)): \(CommonSymptoms.label($0, ctx.language))")) },
                    .if(!i.likelyParts.isEmpty, .p(.class("hint"), .text("\(ctx.t(.likelyParts)): "),
                                                   .bdi(i.likelyParts.map(\.name).joined(separator: "، ")))),
                    devices(i, ctx))
            }
        )
    }

    static func devices(_ i: Item, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        let f = ctx.format
        let list: Node<HTML.BodyContext> = .ul(.forEach(i.devices) { d in .li(.bdi(d.label), .text(" · " + f.digits(d.location))) })
        guard i.devices.count > 3 else { return list }
        return .element(named: "details", nodes: [.element(named: "summary", text: "\(f.number(i.devices.count)) \(ctx.t(.devicesCount))"), list])
    }
}

/// Completing a visit on a phone: times, work, parts, and the client's confirmation and signature.
enum CompleteVisitPage {
    struct Model {
        let visit: VisitDTO
        let devices: [(String, String)]
        let parts: [(String, String)]
        let startedAt: String
        let finishedAt: String
        var checklist: [PMChecklist.Item] = []
        var form: [String: String] = [:]
        var error: String?
        /// The van lacked a part: offer to record it anyway (the override is logged).
        var stockShort = false
        /// Devices whose counter came in below their last reading: offer "the counter was reset".
        var counterBelowLast: Set<String> = []
    }

    static let partRows = 4

    static func render(_ m: Model, _ ctx: PageContext) -> HTML {
        Layout.page(ctx.t(.completeVisit), ctx,
            .h1(.text(ctx.t(.completeVisit))),
            Layout.errorBox(m.error),
            signOffForm(m, ctx, work: .group(
                checklist(m, ctx),
                .h2(.text(ctx.t(.meterReadings))),
                .forEach(m.devices) { d in meter(d, m, ctx) },
                .h2(.text(ctx.t(.partsUsed))),
                .forEach(Array(1...partRows)) { i in partRow(i, m, ctx) },
                .if(m.stockShort || m.form["allowNegativeStock"] == "on",
                    .div(.class("field check override"), .label(
                        .input(.type(.checkbox), .name("allowNegativeStock"), .value("on"), .checked(m.form["allowNegativeStock"] == "on")),
                        .text(" " + ctx.t(.recordAnyway))))))))
    }

    /// The visit's times and findings, `work` (a repair's parts and counters), and the client's confirmation with
    /// the drawn signature. A PM visit worked machine by machine signs off with no `work`.
    static func signOffForm(_ m: Model, _ ctx: PageContext, work: Node<HTML.FormContext> = .empty) -> Node<HTML.BodyContext> {
        .form(.class("card one-hand"), .method(.post), .action(SiteURL.completeVisit(m.visit.id).path), .data(named: "signature", value: "pad"),
            Layout.csrf(ctx),
            .div(.class("grid2"),
                Layout.field(ctx.t(.started), "startedAt", value: m.form["startedAt"] ?? m.startedAt, type: .datetimeLocal, required: true),
                Layout.field(ctx.t(.finished), "finishedAt", value: m.form["finishedAt"] ?? m.finishedAt, type: .datetimeLocal, required: true)),
            .div(.class("field"), .label(.for("findings"), .text(ctx.t(.findings)), .span(.class("req"), " *")),
                 .textarea(.id("findings"), .name("findings"), .required(true), .rows(4), .text(m.form["findings"] ?? ""))),
            work,
            .h2(.text(ctx.t(.clientConfirmation))),
            Layout.field(ctx.t(.signerName), "signerName", value: m.form["signerName"], required: true),
            stars(m, ctx),
            Layout.field(ctx.t(.comment), "comment", value: m.form["comment"]),
            .div(.class("field"), .label(.text(ctx.t(.signHere))),
                 .element(named: "canvas", nodes: [.id("signature-pad"), .attribute(named: "width", value: "600"),
                                                   .attribute(named: "height", value: "220")]),
                 .input(.type(.hidden), .name("signature"), .id("signature"), .value(keptSignature(m.form))),
                 .button(.type(.button), .class("link"), .id("signature-clear"), .text(ctx.t(.clearSignature)))),
            .button(.type(.submit), .class("big"), .text(ctx.t(.completeVisit))))
    }

    /// The counter read on one machine; "the counter was reset" beside it once it came in below the last reading.
    static func meter(_ d: (String, String), _ m: Model, _ ctx: PageContext) -> Node<HTML.FormContext> {
        let name = "meter_\(d.0)", reset = "counterReset_\(d.0)"
        return .div(.class("field"),
            .label(.for(name), .text(ctx.t(.totalPages) + " · "), .bdi(d.1)),
            .input(.id(name), .name(name), .type(.number), .value(Layout.attributeText(m.form[name] ?? "")),
                   .attribute(named: "inputmode", value: "numeric"), .attribute(named: "min", value: "0")),
            .if(m.counterBelowLast.contains(d.0) || m.form[reset] == "on",
                .label(.class("check"), .input(.type(.checkbox), .name(reset), .value("on"), .checked(m.form[reset] == "on")),
                       .text(" " + ctx.t(.counterWasReset)))))
    }

    /// A signature drawn before the form came back refused, to draw again (only a PNG data URL is kept).
    static func keptSignature(_ form: [String: String]) -> String {
        guard let s = form["signature"], s.hasPrefix("data:image/png;base64,") else { return "" }
        return Layout.attributeText(s)
    }

    static func partRow(_ i: Int, _ m: Model, _ ctx: PageContext) -> Node<HTML.FormContext> {
        let part: Node<HTML.FormContext> = Layout.select(ctx.t(.partNumber), "part\(i)", selected: m.form["part\(i)"],
                                                         options: m.parts, empty: "—", data: true)
        let device: Node<HTML.FormContext> = m.devices.count > 1
            ? Layout.select(ctx.t(.devices), "device\(i)", selected: m.form["device\(i)"], options: m.devices, empty: nil, data: true) : .empty
        let quantity: Node<HTML.FormContext> = Layout.field(ctx.t(.quantity), "qty\(i)", value: m.form["qty\(i)"] ?? "1", type: .number)
        let serial: Node<HTML.FormContext> = Layout.field(ctx.t(.partSerial), "serial\(i)", value: m.form["serial\(i)"],
                                                          attributes: [.dir(.leftToRight)])
        return .div(.class("part-row"), part, device, quantity, serial)
    }

    static func checklist(_ m: Model, _ ctx: PageContext) -> Node<HTML.FormContext> {
        guard !m.checklist.isEmpty else { return .empty }
        return .div(.class("field check"), .h2(.text(ctx.t(.pmChecklist))),
                    .forEach(m.checklist) { (item: PMChecklist.Item) -> Node<HTML.FormContext> in
                        .label(.input(.type(.checkbox), .name("check_" + item.code), .value("on"), .checked(m.form["check_" + item.code] == "on")),
                               .text(" " + (ctx.language == .fa ? item.fa : item.en)))
                    })
    }

    static func stars(_ m: Model, _ ctx: PageContext) -> Node<HTML.FormContext> {
        .div(.class("field"), .p(.strong(.text(ctx.t(.satisfaction)))),
             .div(.class("stars"), .forEach(Array(1...5)) { (n: Int) -> Node<HTML.FormContext> in
                 let checked = m.form["satisfaction"] == String(n)
                 return .label(.input(.type(.radio), .name("satisfaction"), .value(String(n)), .required(true), .checked(checked)),
                               .span(.text(ctx.format.number(n))))
             }))
    }
}

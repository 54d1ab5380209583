import FleetCore
import Foundation
import Plot

/// A PM visit on a phone: its machines in the order they are walked, each to record as serviced or not (and why),
/// then the client's sign-off once none is left.
enum PMVisitPage {
    struct Model {
        let visit: VisitDTO
        let customer: String
        let machines: [VisitDeviceDTO]
        /// The search typed over the list, if any.
        var query = ""
        /// The sign-off form: times, findings, signer, satisfaction, signature.
        var signOff: CompleteVisitPage.Model
    }

    static func render(_ m: Model, _ ctx: PageContext) -> HTML {
        let f = ctx.format
        let left = m.machines.filter { $0.outcome == "pending" }
        let done = m.machines.filter { $0.outcome == PMDeviceOutcome.done.rawValue }
        let skipped = m.machines.filter { $0.outcome == PMDeviceOutcome.skipped.rawValue }
        let shown = matching(m.query, m.machines)
        let shownLeft = shown.filter { $0.outcome == "pending" }
        return Layout.page(ctx.t(L10n.pmVisit), ctx,
            .h1(.text("\(ctx.t(L10n.pmVisit)) · \(m.customer)")),
            .p(.class("pm-progress"), .text(ctx.t(.progress(done: f.number(done.count), skipped: f.number(skipped.count),
                                                             left: f.number(left.count), total: f.number(m.machines.count))))),
            Layout.errorBox(m.signOff.error),
            .form(.class("search"), .method(.get), .action(SiteURL.completeVisit(m.visit.id).path),
                  .input(.type(.search), .name("q"), .value(Layout.attributeText(m.query)),
                         .attribute(named: "placeholder", value: ctx.t(PMText.findMachine)),
                         .attribute(named: "aria-label", value: ctx.t(PMText.findMachine))),
                  .button(.type(.submit), .class("secondary"), .text(ctx.t(PMText.find)))),
            .h2(.text("\(ctx.t(PMText.left)) (\(f.number(shownLeft.count)))")),
            .if(left.isEmpty, .p(.class("hint"), .text(ctx.t(PMText.noneLeft)))),
            .ul(.class("machines"), .forEach(shownLeft) { machine($0, m, ctx) }),
            folded(PMText.serviced, shown.filter { $0.outcome == PMDeviceOutcome.done.rawValue }, m, ctx),
            folded(PMText.notServiced, shown.filter { $0.outcome == PMDeviceOutcome.skipped.rawValue }, m, ctx),
            .h2(.id("sign-off"), .text(ctx.t(PMText.signOff))),
            .if(!left.isEmpty, .p(.class("hint"), .text(ctx.t(.leftBeforeSignOff(f.number(left.count)))))),
            CompleteVisitPage.signOffForm(m.signOff, ctx)
        )
    }

    /// The machines whose serial, model, place or recorded note holds every word typed.
    static func matching(_ query: String, _ machines: [VisitDeviceDTO]) -> [VisitDeviceDTO] {
        let words = PersianDigits.toASCII(query).lowercased().split(whereSeparator: \.isWhitespace)
        guard !words.isEmpty else { return machines }
        return machines.filter { d in
            let text = [d.serialNumber, d.make, d.model, d.location, d.note ?? ""].joined(separator: " ").lowercased()
            return words.allSatisfy { text.contains($0) }
        }
    }

    static func folded(_ title: PMText, _ list: [VisitDeviceDTO], _ m: Model, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        guard !list.isEmpty else { return .empty }
        return .element(named: "details", nodes: [
            .element(named: "summary", text: "\(ctx.t(title)) (\(ctx.format.number(list.count)))"),
            .ul(.class("machines"), .forEach(list) { machine($0, m, ctx) }),
        ])
    }

    /// One machine: what and where it is, its outcome, and a flag for parts past their rated life.
    static func machine(_ d: VisitDeviceDTO, _ m: Model, _ ctx: PageContext) -> Node<HTML.ListContext> {
        let f = ctx.format
        let outcome: Node<HTML.BodyContext>
        switch d.outcome {
        case PMDeviceOutcome.done.rawValue:
            outcome = .span(.class("badge pm-onTime"), .text(ctx.t(PMText.serviced) + (d.totalPages.map { " · \(f.number(Int($0)))" } ?? "")))
        case PMDeviceOutcome.skipped.rawValue:
            outcome = .span(.class("badge pm-missed"), .text(d.skipReason.map { ctx.t(PMText.reason($0)) } ?? ctx.t(PMText.notServiced)))
        default:
            outcome = .empty
        }
        let link: Node<HTML.BodyContext> = d.outcome == PMDeviceOutcome.done.rawValue
            ? .span(.bdi("\(d.make) \(d.model)"), .text(" · "), .bdi(d.serialNumber))
            : .a(.href(SiteURL.pmDevice(m.visit.id, d.deviceId).path), .bdi("\(d.make) \(d.model)"), .text(" · "), .bdi(d.serialNumber))
        return .li(.class("machine"), .data(named: "device", value: d.deviceId.uuidString), .data(named: "outcome", value: d.outcome),
                   link, .br(), .span(.class("hint"), .text(f.digits(d.location))), .text(" "), outcome,
                   .if(!d.wornParts.isEmpty && d.outcome == "pending",
                       .span(.class("badge worn"), .text(ctx.t(.wornCount(f.number(d.wornParts.count)))))))
    }
}

/// One machine of a PM visit: serviced with its counter, checklist and parts, or not serviced and why.
enum PMDevicePage {
    struct Model {
        let visit: VisitDTO
        let machine: VisitDeviceDTO
        let assignedUser: String?
        let lastCounter: Int64?
        let parts: [(String, String)]
        let checklist: [PMChecklist.Item]
        var form: [String: String] = [:]
        var error: String?
        var stockShort = false
        var counterBelowLast = false
        /// Whether the form is the first one shown (the checklist starts ticked: a PM does all of it).
        var fresh: Bool { form.isEmpty }
    }

    static let partRows = 3

    static func worn(_ w: WornPart, _ ctx: PageContext) -> Node<HTML.ListContext> {
        let percent = ctx.format.number(w.percentOfLife) + (ctx.language == .fa ? "٪" : "%")
        return .li(.bdi(w.partNumber), .text(" · " + ctx.t(PMText.wornPart(name: w.name, percent: percent))))
    }

    static func render(_ m: Model, _ ctx: PageContext) -> HTML {
        let f = ctx.format
        let d = m.machine
        let outcome = m.form["outcome"] ?? PMDeviceOutcome.done.rawValue
        return Layout.page("\(d.model) · \(d.serialNumber)", ctx,
            .p(.a(.href(SiteURL.completeVisit(m.visit.id).path), .text("← " + ctx.t(PMText.backToList)))),
            .h1(.bdi("\(d.make) \(d.model)"), .text(" · "), .bdi(d.serialNumber)),
            .p(.text(f.digits(d.location)), .unwrap(m.assignedUser) { .group(.text(" · "), .bdi($0)) }),
            .unwrap(m.lastCounter) { .p(.class("hint"), .text("\(ctx.t(PMText.lastCounter)): \(f.number(Int($0)))")) },
            .if(!d.wornParts.isEmpty, .div(.class("card warn worn"),
                .p(.strong(.text(ctx.t(PMText.wornParts)))),
                .ul(.forEach(d.wornParts) { worn($0, ctx) }))),
            Layout.errorBox(m.error),
            .form(.class("card one-hand pm-device"), .method(.post), .action(SiteURL.pmDevice(m.visit.id, d.deviceId).path),
                Layout.csrf(ctx),
                .div(.class("field outcome"), .p(.strong(.text(ctx.t(PMText.outcome)))),
                     .label(.input(.type(.radio), .name("outcome"), .value("done"), .checked(outcome == "done")),
                            .text(" " + ctx.t(PMText.serviced))),
                     .label(.input(.type(.radio), .name("outcome"), .value("skipped"), .checked(outcome == "skipped")),
                            .text(" " + ctx.t(PMText.notServiced)))),
                done(m, ctx),
                .div(.class("when-skipped"),
                    Layout.select(ctx.t(PMText.skipReason), "skipReason", selected: m.form["skipReason"],
                                  options: PMSkipReason.allCases.map { ($0.rawValue, ctx.t(PMText.reason($0))) }, empty: "—")),
                .div(.class("field"), .label(.for("note"), .text(ctx.t(PMText.note))),
                     .textarea(.id("note"), .name("note"), .rows(2), .text(m.form["note"] ?? ""))),
                .button(.type(.submit), .class("big"), .text(ctx.t(PMText.saveAndNext))))
        )
    }

    /// What a serviced machine records: its counter, the checklist, the parts fitted.
    static func done(_ m: Model, _ ctx: PageContext) -> Node<HTML.FormContext> {
        let counter: Node<HTML.FormContext> = .div(.class("field"),
            .label(.for("totalPages"), .text(ctx.t(PMText.totalCounter))),
            .input(.id("totalPages"), .name("totalPages"), .type(.text), .value(Layout.attributeText(m.form["totalPages"] ?? "")),
                   .attribute(named: "inputmode", value: "numeric")),
            .if(m.counterBelowLast || m.form["counterReset"] == "on",
                .label(.class("check"), .input(.type(.checkbox), .name("counterReset"), .value("on"), .checked(m.form["counterReset"] == "on")),
                       .text(" " + ctx.t(.counterWasReset)))))
        let checklist: Node<HTML.FormContext> = .div(.class("field check"), .h2(.text(ctx.t(.pmChecklist))),
            .forEach(m.checklist) { item in checkItem(item, m, ctx) })
        let override: Node<HTML.FormContext> = .if(m.stockShort || m.form["allowNegativeStock"] == "on",
            .div(.class("field check override"), .label(
                .input(.type(.checkbox), .name("allowNegativeStock"), .value("on"), .checked(m.form["allowNegativeStock"] == "on")),
                .text(" " + ctx.t(.recordAnyway)))))
        return .div(.class("when-done"), counter, checklist, .h2(.text(ctx.t(.partsUsed))),
                    .forEach(Array(1...partRows)) { i in partRow(i, m, ctx) }, override)
    }

    static func checkItem(_ item: PMChecklist.Item, _ m: Model, _ ctx: PageContext) -> Node<HTML.FormContext> {
        let name = "check_" + item.code
        return .label(.input(.type(.checkbox), .name(name), .value("on"), .checked(m.fresh || m.form[name] == "on")),
                      .text(" " + (ctx.language == .fa ? item.fa : item.en)))
    }

    static func partRow(_ i: Int, _ m: Model, _ ctx: PageContext) -> Node<HTML.FormContext> {
        let part: Node<HTML.FormContext> = Layout.select(ctx.t(.partNumber), "part\(i)", selected: m.form["part\(i)"], options: m.parts,
                                                         empty: "—", data: true)
        let quantity: Node<HTML.FormContext> = Layout.field(ctx.t(.quantity), "qty\(i)", value: m.form["qty\(i)"] ?? "1", type: .number)
        let serial: Node<HTML.FormContext> = Layout.field(ctx.t(.partSerial), "serial\(i)", value: m.form["serial\(i)"],
                                                          attributes: [.dir(.leftToRight)])
        return .div(.class("part-row"), part, quantity, serial)
    }
}

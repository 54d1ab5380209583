import FleetCore
import Foundation
import Plot

/// The printable work report: A4, the company's header, the client, the devices, the work, the
/// parts with who pays and their warranty, and the client's confirmation.
enum WorkReportPage {
    /// `canReview`: the viewer may approve or dispute it now (a client's report awaiting review); `error` says why the
    /// last review was refused.
    static func render(_ r: WorkReportDTO, servicePhone: String, _ ctx: PageContext, canReview: Bool = false,
                       error: String? = nil) -> HTML {
        let f = ctx.format
        let serials = Dictionary(uniqueKeysWithValues: r.devices.map { ($0.id, $0.serialNumber) })
        func fact(_ label: L10n, _ value: String?) -> [Node<HTML.BodyContext>] {
            [.element(named: "dt", text: ctx.t(label)), .element(named: "dd", text: value ?? "—")]
        }
        let stars = r.signOff.map { String(repeating: "★", count: $0.satisfaction) + String(repeating: "☆", count: 5 - $0.satisfaction) }
        return Layout.page(ctx.t(.workReport), ctx,
            Layout.printButton(ctx),
            .div(.class("report"),
                .div(.class("report-head"),
                    .div(.strong(.text(ctx.companyName)),
                         .if(!servicePhone.isEmpty, .group(.br(), .span(.dir(.leftToRight), .text(f.digits(servicePhone)))))),
                    .div(.h1(.text("\(ctx.t(.workReport)) · \(ctx.t(L10n.visit(r.kind)))")),
                         .unwrap(r.ticketNumber) { .p(.text("\(ctx.t(.ticketNumber)): \(f.number($0))")) })
                ),
                .element(named: "dl", nodes: [.class("facts")]
                    + fact(.customer, r.customerName) + fact(.technician, r.technician)
                    + fact(.started, r.startedAt.map(f.instant)) + fact(.finished, r.finishedAt.map(f.instant))),
                .h2(.text(ctx.t(.devices))),
                devices(r, ctx),
                .h2(.text(ctx.t(.workDone))),
                .p(.class("findings"), .text(r.findings ?? "")),
                .unwrap(r.checklist) { items in
                    .group(.h2(.text(ctx.t(.pmChecklist))),
                           .ul(.class("checklist-done"), .forEach(items) { i in
                               .li(.class(i.done ? "done" : "skipped"), .text((i.done ? "✓ " : "✗ ") + (ctx.language == .fa ? i.fa : i.en)))
                           }))
                },
                .h2(.text(ctx.t(.partsUsed))),
                .if(r.parts.isEmpty, .p(.class("hint"), .text(ctx.t(.noParts))), else:
                    .div(.class("scroll"), .table(.class("parts"),
                        // The part's own serial, then the machine it went into (by the machine's serial number).
                        .thead(.tr(.th(.text(ctx.t(.partsUsed))), .th(.text(ctx.t(.partSerial))), .th(.text(ctx.t(.fittedTo))),
                                   .th(.text(ctx.t(.quantity))),
                                   .th(.text(ctx.t(.charge))), .th(.text(ctx.t(.warrantyUntil))), .th(.text(ctx.t(.unitPrice))),
                                   .th(.text(ctx.t(.billed))))),
                        .tbody(.forEach(r.parts) { p in
                            .tr(.td(.bdi(p.name), .br(), .small(.dir(.leftToRight), .text(p.partNumber))),
                                .td(.span(.dir(.leftToRight), .text(p.serialNumber ?? "—"))),
                                .td(.span(.dir(.leftToRight), .text(serials[p.deviceId] ?? ""))),
                                .td(.text(f.number(p.quantity))),
                                .td(.span(.class("badge \(p.charge)"), .text(ctx.t(L10n.charge(p.charge))))),
                                .td(.text(CalendarDay(iso: p.warrantyUntil).map(f.day) ?? p.warrantyUntil)),
                                .td(.text(f.rials(p.unitPriceRials))),
                                .td(.text(f.rials(p.billedRials))))
                        }),
                        .tfoot(.tr(.th(.attribute(named: "colspan", value: "7"), .text(ctx.t(.total))),
                                   .th(.text(f.rials(r.billableTotalRials)))))
                    ))
                ),
                .if(!r.readings.isEmpty, .group(
                    .h2(.text(ctx.t(.meterReadings))),
                    .table(.class("readings"),
                        .thead(.tr(.th(.text(ctx.t(.serialNumber))), .th(.text(ctx.t(.totalPages))), .th(.text(ctx.t(.monoPages))),
                                   .th(.text(ctx.t(.colorPages))))),
                        .tbody(.forEach(r.readings) { m in
                            .tr(.td(.span(.dir(.leftToRight), .text(serials[m.deviceId] ?? ""))),
                                .td(.text(f.number(Int(m.totalPages)) + (m.counterReset ? " (\(ctx.t(.counterResetNote)))" : ""))),
                                .td(.text(m.monoPages.map { f.number(Int($0)) } ?? "—")),
                                .td(.text(m.colorPages.map { f.number(Int($0)) } ?? "—")))
                        }))
                )),
                .h2(.text(ctx.t(.clientConfirmation))),
                .element(named: "dl", nodes: [.class("facts")]
                    + fact(.signedBy, r.signOff?.signerName) + fact(.satisfaction, stars)
                    + fact(.notes, r.signOff?.comment)),
                .div(.class("signature"),
                     .unwrap(r.signOff?.signature) { .img(.src(Layout.attributeText($0)), .alt(ctx.t(.signature))) },
                     .span(.text(ctx.t(.signature)))),
                review(r, f, ctx)
            ),
            .if(canReview, reviewForms(r, error, ctx))
        )
    }

    /// Where the client's review stands, printed with the report.
    static func review<C: HTML.BodyContext>(_ r: WorkReportDTO, _ f: DisplayFormat, _ ctx: PageContext) -> Node<C> {
        switch r.approval.flatMap(WorkReportApproval.init(rawValue:)) {
        case nil: .empty
        case .pending: .p(.class("badge pending"), .text(ctx.t(ctx.role == .client ? PortalText.pendingReview : PortalText.pendingClientReview)))
        case let .some(state):
            .p(.span(.class("badge \(state.rawValue)"), .text(ctx.t(state == .approved ? PortalText.approvedOn : PortalText.disputedOn))),
               .text(" " + (r.approvalAt.map(f.instant) ?? "")),
               .unwrap(r.approvalComment) { .group(.br(), .text($0)) })
        }
    }

    static func reviewForms(_ r: WorkReportDTO, _ error: String?, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        .div(.class("card no-print"), .id("review"),
            .h2(.text(ctx.t(PortalText.review))),
            Layout.errorBox(error),
            .div(.class("grid2"),
                .form(.method(.post), .action(SiteURL.visitReview(r.visitId, "approve").path),
                    Layout.csrf(ctx),
                    Layout.field(ctx.t(PortalText.reviewComment), "comment", value: nil),
                    .button(.type(.submit), .text(ctx.t(PortalText.approve)))),
                .form(.method(.post), .action(SiteURL.visitReview(r.visitId, "dispute").path),
                    Layout.csrf(ctx),
                    .div(.class("field"),
                        .label(.for("dispute-comment"), .text(ctx.t(PortalText.reviewComment)), .span(.class("req"), " *")),
                        .textarea(.id("dispute-comment"), .name("comment"), .required(true), .rows(3)),
                        .small(.class("hint"), .text(ctx.t(PortalText.disputeHint)))),
                    .button(.type(.submit), .class("danger"), .text(ctx.t(PortalText.dispute))))))
    }

    /// The machines visited; for a PM recorded machine by machine, whether each was serviced (and its counter)
    /// or why not.
    static func devices(_ r: WorkReportDTO, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        let f = ctx.format
        let outcomes = r.devices.contains { $0.outcome != nil }
        func outcome(_ d: WorkReportDTO.DeviceLine) -> String {
            switch d.outcome {
            case .done: ctx.t(PMText.serviced) + (d.totalPages.map { " · \(ctx.t(PMText.totalCounter)) \(f.number(Int($0)))" } ?? "")
            case .skipped: ctx.t(PMText.notServiced) + (d.skipReason.map { ": " + ctx.t(PMText.reason($0)) } ?? "")
            case nil: "—"
            }
        }
        return .div(.class("scroll"), .table(.thead(.tr(.th(.text(ctx.t(.model))), .th(.text(ctx.t(.serialNumber))), .th(.text(ctx.t(.location))),
                                 .if(outcomes, .th(.text(ctx.t(PMText.outcome)))))),
                      .tbody(.forEach(r.devices) { d in
                          .tr(.td(.bdi("\(d.make) \(d.model)")), .td(.span(.dir(.leftToRight), .text(d.serialNumber))),
                              .td(.text(f.digits(d.location))), .if(outcomes, .td(.text(outcome(d)))))
                      })))
    }
}

import FleetCore
import Foundation
import Plot

/// The printable invoice in the layout of Iran's official sales invoice: seller and buyer with their national
/// ID, economic code, postal code and address; the lines in Rials; the subtotal, value added tax on its own
/// line and the total, also in words; the work reports that go with it; and both parties' signatures.
enum InvoicePage {
    /// What an admin may do with the invoice shown; nil when the page is only to be read or printed.
    struct Actions {
        var canIssue: Bool
        var canCredit: Bool
    }

    static func render(_ i: InvoiceDTO, _ ctx: PageContext, actions: Actions? = nil, error: String? = nil) -> HTML {
        let f = ctx.format
        let fa = ctx.language == .fa
        let title = i.kind == InvoiceKind.creditNote.rawValue ? ctx.t(BillingText.creditNoteTitle)
            : i.status == InvoiceStatus.draft.rawValue ? ctx.t(BillingText.draftInvoice) : ctx.t(BillingText.salesInvoiceTitle)
        func party(_ heading: BillingText, _ p: Party) -> Node<HTML.BodyContext> {
            // Identifiers and the phone are numbers to read digit by digit (never grouped), the address is as typed:
            // both are data in the page's text.
            func row(_ label: String, _ value: String?, ltr: Bool = false) -> [Node<HTML.BodyContext>] {
                [.element(named: "dt", text: label),
                 .element(named: "dd", nodes: [value.map { v in ltr ? .span(.dir(.leftToRight), .text(f.digits(v))) : .bdi(f.digits(v)) } ?? .text("—")])]
            }
            return .section(.class("party"), .h2(.text(ctx.t(heading))),
                .element(named: "dl", nodes: [.class("facts")]
                    + row(ctx.t(.name), p.name) + row(ctx.t(BillingText.nationalId), p.nationalId, ltr: true)
                    + row(ctx.t(BillingText.economicCode), p.economicCode, ltr: true) + row(ctx.t(BillingText.postalCode), p.postalCode, ltr: true)
                    + row(ctx.t(.address), p.address) + row(ctx.t(.phone), p.phone, ltr: true)))
        }
        let period = "\(f.day(i.from)) – \(f.day(i.to))"
        return Layout.page("\(title) \(i.number.map { f.digits(String($0)) } ?? "")", ctx,
            Layout.printButton(ctx),
            .div(.class("report invoice"),
                .div(.class("report-head"),
                    .div(.strong(.text(i.seller.name))),
                    .div(.h1(.text(title)),
                         .p(.text("\(ctx.t(BillingText.number)): \(i.number.map { f.digits(String($0)) } ?? "—")")),
                         .p(.text("\(ctx.t(BillingText.issuedOn)): \(i.issuedAt.map { f.day(CalendarDay($0, in: ctx.timeZone)) } ?? "—")")))
                ),
                .if(i.status == InvoiceStatus.draft.rawValue, .p(.class("notice no-print"), .text(ctx.t(BillingText.draftNotice)))),
                Layout.errorBox(error),
                .div(.class("parties"), party(.seller, i.seller), party(.buyer, i.buyer)),
                .p(.text("\(ctx.t(L10n.contract)): \(fa ? i.planNameFa : i.planNameEn) · \(ctx.t(BillingText.periodOfService)): \(period)")),
                .unwrap(i.reason) { .p(.text("\(ctx.t(BillingText.creditReason)): \($0)")) },
                .table(.class("invoice-lines"),
                    .thead(.tr(.th(.text(ctx.t(BillingText.row))), .th(.text(ctx.t(BillingText.descriptionOfGoods))),
                               .th(.text(ctx.t(L10n.quantity))), .th(.text(ctx.t(BillingText.unitPriceRials))),
                               .th(.text(ctx.t(BillingText.amountRials))))),
                    .tbody(.forEach(Array(i.lines.enumerated())) { n, line in
                        // A part's line names it as the catalog and the machine do: data, not the page's words.
                        .tr(.class(line.kind.rawValue), .td(.text(f.number(n + 1))),
                            .td(line.kind == .part ? .bdi(fa ? line.descriptionFa : line.description) : .text(fa ? line.descriptionFa : line.description)),
                            .td(.class("num"), .text(quantity(line.quantity, f))), .td(.class("num"), .text(f.number(line.unitRials))),
                            .td(.class("num"), .text(f.number(line.amountRials))))
                    }),
                    .tfoot(
                        .tr(.th(.attribute(named: "colspan", value: "4"), .text(ctx.t(BillingText.subtotal))),
                            .th(.class("num"), .text(f.number(i.totals.subtotalRials)))),
                        .tr(.th(.attribute(named: "colspan", value: "4"),
                                .text("\(ctx.t(BillingText.vat)) (\(f.decimal(i.totals.vatPercent))\(fa ? "٪" : "%"))")),
                            .th(.class("num"), .text(f.number(i.totals.vatRials)))),
                        .tr(.class("grand"), .th(.attribute(named: "colspan", value: "4"), .text(ctx.t(BillingText.payable))),
                            .th(.class("num"), .text(f.number(i.totals.totalRials))))
                    )
                ),
                .p(.text("\(ctx.t(BillingText.inWords)): \(i.totalInWordsFa) \(BillingText.rials.text(.fa))")),
                .h2(.text(ctx.t(BillingText.attachedWorkReports))),
                .if(i.attachments.isEmpty, .p(.class("hint"), .text(ctx.t(BillingText.noWorkReports))), else:
                    .ol(.class("attachments"), .forEach(i.attachments) { attachment($0, ctx) })),
                .if(!i.pendingWorkReports.isEmpty, .div(.class("no-print pending-reports"),
                    .h2(.text(ctx.t(BillingText.pendingWorkReports))),
                    .ul(.class("attachments pending"), .forEach(i.pendingWorkReports) { attachment($0, ctx) }))),
                .div(.class("signatures"),
                     .div(.class("signature"), .span(.text(ctx.t(BillingText.sellerSignature)))),
                     .div(.class("signature"), .span(.text(ctx.t(BillingText.buyerSignature)))))
            ),
            .unwrap(actions) { a in actionsBlock(i, a, ctx) }
        )
    }

    /// A work report by its visit, day, call and signer, with the client's review when it is not approved.
    static func attachment(_ a: InvoiceDTO.Attachment, _ ctx: PageContext) -> Node<HTML.ListContext> {
        let f = ctx.format
        let review = a.approval.flatMap { $0 == WorkReportApproval.approved.rawValue ? nil : WorkReportApproval(rawValue: $0) }
        return .li(.a(.href(SiteURL.workReport(a.visitId).path),
                      .text([ctx.t(L10n.visit(a.kind)), a.finishedAt.map(f.instant), a.ticketNumber.map { "\(ctx.t(.ticketNumber)) \(f.number($0))" },
                             a.signerName].compactMap { $0 }.joined(separator: " · "))),
                   .unwrap(review) { .span(.class("badge \($0.rawValue)"),
                                              .text(" " + ctx.t($0 == .pending ? PortalText.pendingClientReview : PortalText.disputedOn))) })
    }

    static func actionsBlock(_ i: InvoiceDTO, _ a: Actions, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        .div(.class("card no-print"),
            .if(i.status == InvoiceStatus.draft.rawValue, .group(
                .if(i.buyer.nationalId == nil && i.buyer.economicCode == nil, .p(.class("error"), .text(ctx.t(BillingText.missingBuyerDetails)))),
                .if(i.seller.nationalId == nil || i.seller.economicCode == nil || i.seller.address == nil,
                    .p(.class("error"), .text(ctx.t(BillingText.missingSellerDetails)))),
                .if(a.canIssue, .group(
                    .form(.class("inline"), .method(.post), .action(SiteURL.invoiceAction(i.id, "issue").path), Layout.csrf(ctx),
                          .button(.type(.submit), .text(ctx.t(BillingText.issue)))),
                    .form(.class("inline"), .method(.post), .action(SiteURL.invoiceAction(i.id, "delete").path), Layout.csrf(ctx),
                          .button(.type(.submit), .class("secondary"), .text(ctx.t(BillingText.deleteDraft))))))
            )),
            .if(a.canCredit && i.kind == InvoiceKind.invoice.rawValue && i.status == InvoiceStatus.issued.rawValue && i.creditedById == nil,
                .form(.method(.post), .action(SiteURL.invoiceAction(i.id, "credit-note").path), Layout.csrf(ctx),
                      Layout.field(ctx.t(BillingText.creditReason), "reason", value: nil, required: true),
                      .button(.type(.submit), .text(ctx.t(BillingText.makeCreditNote))))),
            .unwrap(i.creditedById) { .p(.a(.href(SiteURL.invoice($0).path), .text(ctx.t(BillingText.creditedBy)))) },
            .unwrap(i.creditsInvoiceId) { .p(.a(.href(SiteURL.invoice($0).path), .text(ctx.t(BillingText.credits)))) }
        )
    }

    /// Pages are whole; device-months keep up to four decimals.
    static func quantity(_ q: Double, _ f: DisplayFormat) -> String {
        if q == q.rounded() { return f.number(Int(q)) }
        var text = String(format: "%.4f", q)
        while text.hasSuffix("0") { text.removeLast() }
        return f.digits(f.language == .fa ? text.replacingOccurrences(of: ".", with: "٫") : text)
    }
}

/// The invoices of the company or of one client, and the admin's form for a contract's next invoice.
enum InvoiceListPage {
    struct Model {
        var invoices: [InvoiceDTO]
        /// Contracts an admin may invoice: id and label.
        var contracts: [(String, String)]
        var contractID: String?
        var from: String
        var to: String
        var error: String?
    }

    static func render(_ m: Model, _ ctx: PageContext) -> HTML {
        let f = ctx.format
        return Layout.page(ctx.t(BillingText.invoices), ctx,
            .h1(.text(ctx.t(BillingText.invoices))),
            Layout.errorBox(m.error),
            .if(ctx.role == .admin && !m.contracts.isEmpty,
                .form(.class("card"), .method(.post), .action(SiteURL.invoices.path), Layout.csrf(ctx),
                      Layout.select(ctx.t(L10n.contract), "contractId", selected: m.contractID, options: m.contracts, empty: ctx.t(.choose)),
                      Layout.field(ctx.t(.periodFrom), "from", value: m.from, required: true, hint: ctx.t(.dateHint)),
                      Layout.field(ctx.t(.periodTo), "to", value: m.to, required: true, hint: ctx.t(.dateHint)),
                      .button(.type(.submit), .text(ctx.t(BillingText.makeDraft))))),
            .if(m.invoices.isEmpty, .p(.class("hint"), .text(ctx.t(BillingText.noInvoices))), else:
                .table(
                    .thead(.tr(.th(.text(ctx.t(BillingText.number))), .th(.text(ctx.t(.customer))), .th(.text(ctx.t(.period))),
                               .th(.text(ctx.t(.status))), .th(.text(ctx.t(BillingText.payable))))),
                    .tbody(.forEach(m.invoices) { i in
                        .tr(.td(.a(.href(SiteURL.invoice(i.id).path), .text(i.number.map { f.digits(String($0)) } ?? ctx.t(L10n.statusDraft)))),
                            .td(.text(i.customerName)),
                            .td(.text("\(f.day(i.from)) – \(f.day(i.to))")),
                            .td(.text(i.kind == InvoiceKind.creditNote.rawValue ? ctx.t(BillingText.creditNote)
                                      : i.status == InvoiceStatus.draft.rawValue ? ctx.t(L10n.statusDraft) : ctx.t(BillingText.statusIssued))),
                            .td(.class("num"), .text(f.rials(i.totals.totalRials))))
                    })))
        )
    }
}

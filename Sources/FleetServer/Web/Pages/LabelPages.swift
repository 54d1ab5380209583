import FleetCore
import Foundation
import Plot

/// A sheet of device labels for A4 sticker paper: each with the QR link to the device's fault page, its asset
/// tag, what and where it is, and the service phone.
enum LabelSheetPage {
    struct Label {
        let deviceID: UUID
        /// The asset tag, or the serial number where there is none: what people read off the sticker.
        let title: String
        let device: String
        let place: String
        let link: String
    }

    struct Model {
        let heading: String
        let labels: [Label]
        let servicePhone: String
    }

    static func render(_ m: Model, _ ctx: PageContext) -> HTML {
        Layout.page(ctx.t(LabelText.labels), ctx,
            .div(.class("no-print"),
                .h1(.text("\(ctx.t(LabelText.labels)) · \(m.heading)")),
                .p(.class("hint"), .text(ctx.t(LabelText.sheetHint))),
                .div(.class("actions"),
                    .span(.text("\(ctx.format.number(m.labels.count)) \(ctx.t(.devices))")),
                    .button(.type(.button), .attribute(named: "data-print", value: "1"), .text(ctx.t(LabelText.print))))),
            .if(m.labels.isEmpty, .p(.text(ctx.t(LabelText.noLabelDevices)))),
            .div(.class("label-sheet"), .forEach(m.labels) { label in
                .div(.class("device-label"),
                    qr(label.link),
                    .div(.class("label-text"),
                        .strong(.attribute(named: "dir", value: "ltr"), .text(label.title)),
                        .span(.bdi(label.device)),
                        .span(.text(label.place)),
                        .span(.class("scan"), .text(ctx.t(LabelText.scanToReport))),
                        .if(!m.servicePhone.isEmpty,
                            .span(.text("\(ctx.t(LabelText.service)): "), .span(.attribute(named: "dir", value: "ltr"), .text(ctx.format.digits(m.servicePhone))))),
                        .span(.class("company"), .text(ctx.companyName))))
            })
        )
    }

    /// The link as an inline SVG QR symbol (level M, quiet zone of four modules), or nothing if it cannot be encoded.
    static func qr<C: HTML.BodyContext>(_ link: String) -> Node<C> {
        guard let symbol = try? QRCode.encode(link, correction: .medium) else { return .empty }
        let side = symbol.size + 8
        return .raw("""
            <svg class="qr" viewBox="0 0 \(side) \(side)" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="QR" \
            shape-rendering="crispEdges"><rect width="\(side)" height="\(side)" fill="#fff"/><path fill="#000" d="\(symbol.svgPath(border: 4))"/></svg>
            """)
    }
}

/// The page a device's label opens on a phone: no account, the device's name and place, and a short form.
enum FaultPage {
    enum State: Equatable {
        case form
        case received(LabelDesk.Outcome)
        case tooMany
    }

    struct Model {
        let token: String
        let device: String
        let assetTag: String?
        let place: String
        let servicePhone: String
        var state: State = .form
        var symptom: String? = nil
        var description: String? = nil
        var name: String? = nil
        var phone: String? = nil
        var error: String? = nil
    }

    static func render(_ m: Model, _ ctx: PageContext) -> HTML {
        let f = ctx.format
        let title = ctx.t(LabelText.reportFault)
        let phone: Node<HTML.BodyContext> = m.servicePhone.isEmpty ? .empty : .p(.class("hint"), .text("\(ctx.t(LabelText.callUs)): "),
                                               .a(.href("tel:\(m.servicePhone.filter { $0.isNumber || $0 == "+" })"),
                                                  .span(.attribute(named: "dir", value: "ltr"), .text(f.digits(m.servicePhone)))))
        let device: Node<HTML.BodyContext> = .div(.class("card"),
            .strong(.bdi(m.device)),
            .unwrap(m.assetTag) { .div(.class("hint"), .attribute(named: "dir", value: "ltr"), .text($0)) },
            .div(.text(m.place)))
        switch m.state {
        case let .received(outcome):
            let (text, number): (String, Int) = switch outcome {
            case let .opened(n): (ctx.t(LabelText.thanksOpened), n)
            case let .added(n): (ctx.t(LabelText.thanksAdded), n)
            }
            return Layout.page(title, ctx, .div(.class("fault-page"),
                .h1(.text(ctx.t(LabelText.thanksTitle))), device,
                .p(.class("notice"), .text(text)),
                .p(.text("\(ctx.t(LabelText.reference)): \(f.number(number))")), phone))
        case .tooMany:
            return Layout.page(title, ctx, .div(.class("fault-page"),
                .h1(.text(ctx.t(LabelText.tooManyTitle))), device, Layout.errorBox(ctx.t(LabelText.tooManyText)), phone))
        case .form:
            let symptoms = CommonSymptoms.all.map { ($0.code, ctx.language == .fa ? $0.fa : $0.en) }
            return Layout.page(title, ctx, .div(.class("fault-page"),
                .h1(.text(title)), device,
                .p(.text(ctx.t(LabelText.reportIntro))),
                Layout.errorBox(m.error),
                .form(.method(.post), .action(SiteURL.faultReport(m.token).path),
                    Layout.select(ctx.t(LabelText.whatIsWrong), "symptom", selected: m.symptom, options: symptoms,
                                  empty: ctx.t(LabelText.otherFault)),
                    .div(.class("field"),
                        .label(.for("description"), .text(ctx.t(LabelText.describe))),
                        .textarea(.id("description"), .name("description"), .attribute(named: "rows", value: "3"),
                                  .attribute(named: "maxlength", value: "1000"), .text(m.description ?? "")),
                        .small(.class("hint"), .text(ctx.t(LabelText.describeHint)))),
                    Layout.field(ctx.t(LabelText.yourName), "name", value: m.name, required: true,
                                 attributes: [.attribute(named: "autocomplete", value: "name"), .attribute(named: "maxlength", value: "100")]),
                    Layout.field(ctx.t(LabelText.yourPhone), "phone", value: m.phone, type: .tel, required: true,
                                 attributes: [.attribute(named: "autocomplete", value: "tel"), .attribute(named: "inputmode", value: "tel"),
                                              .attribute(named: "dir", value: "ltr")]),
                    .button(.type(.submit), .text(ctx.t(LabelText.send)))),
                phone))
        }
    }
}

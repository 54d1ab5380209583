import FleetCore
import Plot
import Vapor

/// The one base page that owns `<html>`: language, direction, header and navigation.
enum Layout {
    static func page(_ title: String, _ ctx: PageContext, _ content: Node<HTML.BodyContext>...) -> HTML {
        HTML(
            .lang(ctx.language == .fa ? .persian : .english),
            .attribute(named: "dir", value: ctx.language.isRightToLeft ? "rtl" : "ltr"),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .element(named: "title", text: "\(title) · \(ctx.t(.appName))"),
                .link(.rel(.stylesheet), .href(SiteURL.stylesheet.path)),
                .script(.src(SiteURL.script.path), .attribute(named: "defer", value: "defer"))
            ),
            .body(
                .header(.class("top"),
                    .a(.class("brand"), .href(SiteURL.home.path), .text(ctx.t(.appName))),
                    .if(ctx.role == .admin || ctx.role == .dispatcher,
                        .a(.class("button new-call"), .href(SiteURL.newTicket.path), .text(ctx.t(.newCall)))),
                    // On a phone the links fold under a "menu" summary; on a wider screen they are always shown.
                    .if(ctx.userName != nil, .element(named: "details", nodes: [.class("menu"),
                        .element(named: "summary", text: ctx.t(.menu)),
                        .nav(
                        .a(.href(SiteURL.customers.path), .text(ctx.t(.customers))),
                        .a(.href(SiteURL.devices.path), .text(ctx.t(.devices))),
                        .a(.href(SiteURL.contracts.path), .text(ctx.t(.contracts))),
                        .if(ctx.role == .admin || ctx.role == .dispatcher, .a(.href(SiteURL.dashboard.path), .text(ctx.t(DashboardText.dashboard)))),
                        .if(ctx.role == .admin || ctx.role == .dispatcher, .a(.href(SiteURL.board.path), .text(ctx.t(.board)))),
                        .if(ctx.role == .technician, .a(.href(SiteURL.myDay.path), .text(ctx.t(.myDay)))),
                        .if(ctx.role != .technician, .a(.href(SiteURL.tickets.path), .text(ctx.t(PortalText.calls)))),
                        .if(ctx.role?.isStaff == true, .a(.href(SiteURL.parts.path), .text(ctx.t(.parts)))),
                        .a(.href(SiteURL.loans.path), .text(ctx.t(.loans))),
                        .a(.href(SiteURL.consumptionReport.path), .text(ctx.t(.reports))),
                        .if(ctx.role != .technician, .a(.href(SiteURL.invoices.path), .text(ctx.t(BillingText.invoices)))),
                        .if(ctx.role?.isStaff == true, .a(.href(SiteURL.plans.path), .text(ctx.t(.plans)))),
                        .if(ctx.role?.isStaff == true, .a(.href(SiteURL.holidays.path), .text(ctx.t(.holidays)))),
                        .if(ctx.role == .admin, .a(.href(SiteURL.audit.path), .text(ctx.t(AuditText.auditLog))))
                    )])),
                    .div(.class("account"),
                        .a(.class("lang"), .href(SiteURL.language(ctx.language == .fa ? "en" : "fa").with([("back", ctx.currentPath)])),
                           .attribute(named: "hreflang", value: ctx.language == .fa ? "en" : "fa"),
                           .text(ctx.t(.switchLanguage))),
                        .unwrap(ctx.unread) { n in
                            .a(.class("bell"), .href(SiteURL.notifications.path), .attribute(named: "title", value: ctx.t(NoticeText.notifications)),
                               .raw(#"<svg class="bell-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1z"/></svg>"#),
                               .if(n > 0, .span(.class("count"), .text(ctx.format.number(n)))))
                        },
                        .unwrap(ctx.csrfToken.isEmpty ? nil : ctx.userName) { name in
                            .form(.class("inline"), .method(.post), .action(SiteURL.signOut.path),
                                .input(.type(.hidden), .name("_csrf"), .value(ctx.csrfToken)),
                                .span(.class("user"), .text(name)),
                                .button(.type(.submit), .class("link"), .text(ctx.t(.signOut))))
                        }
                    )
                ),
                .main(.group(content))
            )
        )
    }

    /// A labelled form field.
    static func field<C: HTML.BodyContext>(_ label: String, _ name: String, value: String?, type: HTMLInputType = .text,
                                           required: Bool = false, hint: String? = nil, hintIsData: Bool = false,
                                           attributes: [Attribute<HTML.InputContext>] = []) -> Node<C> {
        var attrs: [Attribute<HTML.InputContext>] = [.id(name), .name(name), .type(type), .value(attributeText(value ?? ""))]
        if required { attrs.append(.required(true)) }
        return .div(.class("field"),
            .label(.for(name), .text(label), .if(required, .span(.class("req"), " *"))),
            .selfClosedElement(named: "input", attributes: attrs + attributes),
            // A hint that is an example of the data itself (model names) is marked as such.
            .unwrap(hint) { .small(.class("hint"), .if(hintIsData, .dir(.leftToRight)), .text($0)) }
        )
    }

    /// "Previous · showing 51–100 of 420 · Next" under a paged list, keeping its filters.
    static func pager(_ url: SiteURL, _ query: [(String, String?)], offset: Int, limit: Int, total: Int,
                      _ ctx: PageContext) -> Node<HTML.BodyContext> {
        let f = ctx.format
        let shownTo = min(offset + limit, total)
        return .div(.class("pager"),
            .if(offset > 0, .a(.href(url.with(query + [("offset", String(max(0, offset - limit)))])), .text(ctx.t(.previous)))),
            .span(.class("hint"), .text("\(ctx.t(.showing)) \(f.number(total == 0 ? 0 : offset + 1))–\(f.number(shownTo)) \(ctx.t(.of)) \(f.number(total))")),
            .if(shownTo < total, .a(.href(url.with(query + [("offset", String(offset + limit))])), .text(ctx.t(.next))))
        )
    }

    /// A labelled select with an optional empty first choice. `data`: the choices are names from the records
    /// (machines, parts), shown left to right and marked as data rather than the page's own words.
    static func select<C: HTML.BodyContext>(_ label: String, _ name: String, selected: String?, options: [(String, String)],
                                            empty: String?, data: Bool = false) -> Node<C> {
        .div(.class("field"),
            .label(.for(name), .text(label)),
            .select(.id(name), .attribute(named: "name", value: name), .if(data, .dir(.leftToRight)),
                    self.options(options, selected: selected, empty: empty))
        )
    }

    /// A select's options, written straight to text as Plot would write them: Plot built and rendered each option
    /// through three generic nodes, and the device list offers every customer (150 at full size) on each view.
    static func options(_ options: [(String, String)], selected: String?, empty: String?) -> Node<HTML.SelectContext> {
        var html = ""
        html.reserveCapacity(64 * (options.count + 1))
        func add(_ value: String, _ text: String, _ isSelected: Bool) {
            // Plot writes an empty value as the attribute's bare name.
            html += value.isEmpty ? "<option value" : "<option value=\"" + attributeText(value) + "\""
            html += isSelected ? " selected=\"selected\">" : ">"
            html += HTMLEscape.escape(text, quotes: false)
            html += "</option>"
        }
        if let empty { add("", empty, false) }
        for (value, text) in options { add(value, text, value == selected) }
        return .raw(html)
    }

    /// Text for inside a double-quoted attribute. Plot writes attribute values exactly as given (it escapes only
    /// element text), so every value that may hold what someone typed goes through this.
    static func attributeText(_ s: String) -> String { HTMLEscape.escape(s, quotes: true) }

    /// "Print" for a page made to print (the work report, the invoice): the browser's own print dialog, which
    /// the stylesheet lays out on A4; the button itself does not print.
    static func printButton(_ ctx: PageContext) -> Node<HTML.BodyContext> {
        .p(.class("no-print actions"), .button(.type(.button), .class("secondary print"), .attribute(named: "data-print", value: "1"),
                                              .text(ctx.t(LabelText.print))))
    }

    static func csrf<C: HTML.BodyContext>(_ ctx: PageContext) -> Node<C> {
        .input(.type(.hidden), .name("_csrf"), .value(ctx.csrfToken))
    }

    static func errorBox<C: HTML.BodyContext>(_ message: String?) -> Node<C> {
        .unwrap(message) { .p(.class("error"), .attribute(named: "role", value: "alert"), .text($0)) }
    }
    /// A rendered page as a response.
    static func response(_ html: HTML, status: HTTPResponseStatus = .ok) -> Response {
        let response = Response(status: status, body: .init(string: html.render()))
        response.headers.contentType = .html
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}


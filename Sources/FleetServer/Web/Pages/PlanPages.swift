import FleetCore
import Plot

/// The plans and their terms side by side.
enum PlansPage {
    static func render(_ plans: [PlanDTO], canEdit: Bool, _ ctx: PageContext) -> HTML {
        Layout.page(ctx.t(.plans), ctx,
            .h1(.text(ctx.t(.plans))),
            .if(canEdit, .div(.class("actions"), .a(.class("button"), .href(SiteURL.newPlan.path), .text(ctx.t(.newPlan))))),
            .div(.class("scroll"), .table(.class("plans"),
                .thead(.tr(.th(), .forEach(plans) { p in
                    .th(.text(ctx.language == .fa ? p.nameFa : p.nameEn),
                        .if(canEdit, .group(.br(), .a(.class("hint"), .href(SiteURL.editPlan(p.code).path), .text(ctx.t(.edit))))))
                })),
                .tbody(.forEach(TermsView.keys) { key in
                    .tr(.th(.text(ctx.t(TermsView.label(key)))), .forEach(plans) { p in
                        .td(.text(TermsView.display(key, TermsView.raw(p.terms)[key] ?? "", ctx)))
                    })
                })
            ))
        )
    }
}

/// Adding or editing a plan.
enum PlanFormPage {
    struct Model {
        var code: String?
        var isNew: Bool
        var nameFa: String
        var nameEn: String
        var values: [String: String]
        var error: String?
    }

    static func render(_ m: Model, _ ctx: PageContext) -> HTML {
        let title = ctx.t(m.isNew ? .newPlan : .editPlan)
        return Layout.page(title, ctx,
            .h1(.text(title)),
            Layout.errorBox(m.error),
            .form(.class("card"), .method(.post), .action(m.isNew ? SiteURL.newPlan.path : SiteURL.editPlan(m.code ?? "").path),
                Layout.csrf(ctx),
                .if(m.isNew, Layout.field(ctx.t(.planCode), "code", value: m.code, required: true)),
                Layout.field(ctx.t(.nameFa), "nameFa", value: m.nameFa, required: true),
                Layout.field(ctx.t(.nameEn), "nameEn", value: m.nameEn, required: true),
                TermsView.fields(prefix: "t_", values: m.values, emptyMeansPlan: false, ctx),
                .div(.class("actions"),
                    .button(.type(.submit), .text(ctx.t(.save))),
                    .a(.href(SiteURL.plans.path), .text(ctx.t(.cancel))))
            )
        )
    }
}

import Plot

/// The sign-in form, the first page anyone sees.
enum SignInPage {
    struct Model {
        var email: String = ""
        var failed = false
    }

    static func render(_ m: Model, _ ctx: PageContext) -> HTML {
        Layout.page(ctx.t(.signIn), ctx,
            .div(.class("card signin"),
                .h1(.text(ctx.t(.signIn))),
                .if(m.failed, Layout.errorBox(ctx.t(.wrongCredentials))),
                .form(.method(.post), .action(SiteURL.signIn.path),
                    Layout.csrf(ctx),
                    Layout.field(ctx.t(.email), "email", value: m.email, type: .email, required: true,
                                 attributes: [.autocomplete(true)]),
                    Layout.field(ctx.t(.password), "password", value: nil, type: .password, required: true),
                    .button(.type(.submit), .text(ctx.t(.signIn)))
                )
            )
        )
    }
}

import Plot
import Vapor

/// What a browser sees when something is wrong.
enum ErrorPage {
    static func render(status: HTTPResponseStatus, message: String, _ ctx: PageContext) -> HTML {
        let text: String
        switch status.code {
        case 404: text = ctx.t(.notFound)
        case 403: text = ctx.t(.forbidden)
        default: text = message
        }
        return Layout.page(ctx.t(.errorTitle), ctx,
            .div(.class("card"),
                .h1(.text("\(ctx.t(.errorTitle)) \(ctx.format.digits(String(status.code)))")),
                .p(.text(text)),
                .a(.href(SiteURL.home.path), .text(ctx.t(.backHome)))
            )
        )
    }

    static func response(for error: APIError, request: Request) -> Response {
        let ctx = request.pageContext(withSession: false)
        let message = error.status == .internalServerError ? ctx.t(.errorTitle) : error.message
        return Layout.response(render(status: error.status, message: message, ctx), status: error.status)
    }
}

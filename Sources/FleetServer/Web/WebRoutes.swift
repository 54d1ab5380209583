import FleetCore
import Fluent
import Vapor

/// The HTML pages: sessions, the language switch, form protection, and every page's route.
enum WebRoutes {
    static func register(on app: Application) throws {
        app.get("styles.css") { _ -> Response in
            let r = Response(status: .ok, body: .init(string: Stylesheet.css))
            r.headers.contentType = HTTPMediaType(type: "text", subType: "css", parameters: ["charset": "utf-8"])
            r.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
            return r
        }
        app.get("app.js") { _ -> Response in
            let r = Response(status: .ok, body: .init(string: Script.js))
            r.headers.contentType = HTTPMediaType(type: "text", subType: "javascript", parameters: ["charset": "utf-8"])
            r.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
            return r
        }
        app.get(SiteURL.pattern(.language("")), use: WebAuth.switchLanguage)
        WebLabels.registerPublic(app)

        let web = app.grouped(app.sessions.middleware, User.sessionAuthenticator(), AuditActorMiddleware(), CSRFMiddleware(), UnreadNotices())
        web.get(SiteURL.pattern(.home), use: WebHome.home)
        web.get(SiteURL.pattern(.signIn), use: WebAuth.signInForm)
        web.post(SiteURL.pattern(.signIn), use: WebAuth.signIn)
        web.post(SiteURL.pattern(.signOut), use: WebAuth.signOut)

        let signedIn = web.grouped(RedirectToSignIn())
        signedIn.get(SiteURL.pattern(.customers), use: WebCustomers.list)
        signedIn.get(SiteURL.pattern(.newCustomer), use: WebCustomers.newForm)
        signedIn.post(SiteURL.pattern(.newCustomer), use: WebCustomers.create)
        signedIn.get(SiteURL.pattern(.customer(UUID())), use: WebCustomers.show)
        signedIn.get(SiteURL.pattern(.editCustomer(UUID())), use: WebCustomers.editForm)
        signedIn.post(SiteURL.pattern(.editCustomer(UUID())), use: WebCustomers.update)
        signedIn.get(SiteURL.pattern(.newSite(customer: UUID())), use: WebCustomers.newSiteForm)
        signedIn.post(SiteURL.pattern(.newSite(customer: UUID())), use: WebCustomers.createSite)
        signedIn.get(SiteURL.pattern(.editSite(UUID())), use: WebCustomers.editSiteForm)
        signedIn.post(SiteURL.pattern(.editSite(UUID())), use: WebCustomers.updateSite)
        signedIn.get(SiteURL.pattern(.devices), use: WebDevices.list)
        signedIn.get(SiteURL.pattern(.exportDevices), use: WebDevices.export)
        signedIn.get(SiteURL.pattern(.newDevice), use: WebDevices.newForm)
        signedIn.post(SiteURL.pattern(.newDevice), use: WebDevices.create)
        signedIn.get(SiteURL.pattern(.device(UUID())), use: WebDevices.show)
        signedIn.get(SiteURL.pattern(.editDevice(UUID())), use: WebDevices.editForm)
        signedIn.post(SiteURL.pattern(.editDevice(UUID())), use: WebDevices.update)
        WebContracts.register(signedIn)
        WebService.register(signedIn)
        WebPM.register(signedIn)
        WebPartsLoans.register(signedIn)
        WebReports.register(signedIn)
        WebInvoices.register(signedIn)
        WebLabels.register(signedIn)
        WebPortal.register(signedIn)
        WebNotices.register(signedIn)
        WebAudit.register(signedIn)
        signedIn.get(SiteURL.pattern(.dashboard)) { req async throws -> Response in
            Layout.response(DashboardPage.render(try await DashboardDTO.make(req), kind: req.query[String.self, at: "kind"],
                                                 req.pageContext()))
        }
        signedIn.get(SiteURL.pattern(.workReport(UUID()))) { req async throws -> Response in
            try await WebReview.page(req)
        }
        for action in ["approve", "dispute"] {
            signedIn.post(SiteURL.pattern(.visitReview(UUID(), action))) { req async throws -> Response in
                try await WebReview.review(req, approve: action == "approve")
            }
        }
    }
}

/// Sends a browser with no session to the sign-in page.
struct RedirectToSignIn: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.auth.has(User.self) else {
            return request.redirect(to: SiteURL.signIn.with([("next", request.url.path)]))
        }
        return try await next.respond(to: request)
    }
}

/// Signing in and out of the pages, and the language switch.
enum WebAuth {
    struct SignInForm: Content {
        let email: String?
        let password: String?
    }

    /// `GET /sign-in`
    @Sendable static func signInForm(req: Request) async throws -> Response {
        Layout.response(SignInPage.render(.init(), req.pageContext()))
    }

    /// `POST /sign-in`
    @Sendable static func signIn(req: Request) async throws -> Response {
        let form = try req.content.decode(SignInForm.self)
        guard let user = try await Credentials.verify(email: form.email ?? "", password: form.password ?? "", on: req) else {
            return Layout.response(SignInPage.render(.init(email: form.email ?? "", failed: true), req.pageContext()),
                                   status: .unauthorized)
        }
        // A new session id on sign-in, so a planted cookie cannot ride into the account:
        // the old record goes, and with no id the middleware stores the session under a new one.
        if let old = req.session.id {
            try await req.application.sessions.driver.deleteSession(old, for: req).get()
            req.session.id = nil
        }
        req.auth.login(user)
        req.session.authenticate(user)
        req.renewCSRFToken()
        let next = req.query[String.self, at: "next"].flatMap(localPath) ?? SiteURL.home.path
        let response = req.redirect(to: next)
        try await Credentials.rememberBrowser(email: user.email, on: req, response: response)
        return response
    }

    /// `POST /sign-out`
    @Sendable static func signOut(req: Request) async throws -> Response {
        req.auth.logout(User.self)
        req.session.destroy()
        // The sign-in page this leads to makes a new session, and with it a new form token.
        return req.redirect(to: SiteURL.signIn.path)
    }

    /// `GET /language/{fa|en}?back=`: remembers the choice for a year.
    @Sendable static func switchLanguage(req: Request) async throws -> Response {
        let language = Language(rawValue: req.parameters.get("code") ?? "") ?? .fa
        let back = req.query[String.self, at: "back"].flatMap(localPath) ?? SiteURL.home.path
        let response = req.redirect(to: back)
        response.cookies[Request.languageCookie] = HTTPCookies.Value(
            string: language.rawValue, maxAge: 365 * 86_400, path: "/",
            isSecure: req.application.fleetConfiguration.secureCookies, isHTTPOnly: true, sameSite: .lax)
        return response
    }

    /// Only paths on this site: `/` and then no second `/` (`//evil.example`), and no backslash, control character or
    /// white space anywhere. Browsers drop a tab or line break inside a URL (`/%09/evil.example` is `//evil.example`
    /// to them), and a line break in a `Location` header would start a header of the sender's choosing.
    static func localPath(_ text: String) -> String? {
        guard text.hasPrefix("/"), !text.hasPrefix("//"),
              !text.unicodeScalars.contains(where: { $0 == "\\" || $0.properties.generalCategory == .control || $0.properties.isWhitespace
                                                    || $0.properties.generalCategory == .format })
        else { return nil }
        return text
    }
}

/// The home page: a sign-in form for visitors, the fleet's numbers for users.
enum WebHome {
    @Sendable static func home(req: Request) async throws -> Response {
        guard let user = req.auth.get(User.self) else {
            return Layout.response(SignInPage.render(.init(), req.pageContext()))
        }
        let viewer = Viewer(user)
        if viewer.role == .client, let customerID = viewer.customerID {
            return try await WebPortal.home(req, customerID: customerID)
        }
        let base = DeviceFilter()
        func count(_ status: DeviceStatus? = nil, loaners: Bool? = nil) async throws -> Int {
            var f = base
            f.status = status
            f.loaners = loaners
            return try await f.query(on: req.db, viewer: viewer).count()
        }
        let customers: Int
        if case let .only(id) = viewer.customerScope(nil) {
            customers = try await Customer.query(on: req.db).filter(\.$id == id).count()
        } else {
            customers = try await Customer.query(on: req.db).count()
        }
        let moveEvents = try await DeviceEvent.query(on: req.db)
            .join(Device.self, on: \DeviceEvent.$device.$id == \Device.$id)
            .filter(\.$kind == DeviceEventKind.moved.rawValue)
            .group(.and) { g in
                if case let .only(id) = viewer.customerScope(nil) { g.filter(Device.self, \.$customer.$id == id) }
            }
            .sort(\.$at, .descending).limit(8).all()
        let moves = try moveEvents.map { e in
            let d = try e.joined(Device.self)
            return HomePage.Move(deviceID: d.id!, device: "\(d.make) \(d.model) · \(d.serialNumber)", at: e.at, summary: e.summary)
        }
        let model = HomePage.Model(customers: customers, devices: try await count(), active: try await count(.active),
                                   inRepair: try await count(.inRepair), retired: try await count(.retired),
                                   loaners: try await count(loaners: true), moves: moves)
        return Layout.response(HomePage.render(model, req.pageContext()))
    }
}

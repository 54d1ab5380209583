import Fluent
import Vapor

/// Registers the JSON API under `/api/v1` and the HTML pages.
func routes(_ app: Application) throws {
    let api = app.grouped("api", "v1")
    api.get("openapi.json", use: API.OpenAPIController.document)
    api.get("health", use: API.HealthController.health)
    api.post("auth", "login", use: API.AuthController.login)

    let authed = api.grouped(BearerTokenAuthenticator(), RequireUserMiddleware(), AuditActorMiddleware())
    authed.post("auth", "logout", use: API.AuthController.logout)
    authed.get("auth", "me", use: API.AuthController.me)
    authed.patch("auth", "me", use: API.AuthController.updateMe)
    authed.get("deliveries", use: API.NotificationsController.deliveries)
    authed.get("audit", use: API.AuditController.list)

    authed.post("users", use: API.UsersController.create)
    authed.get("users", use: API.UsersController.list)

    authed.post("customers", use: API.CustomersController.create)
    authed.get("customers", use: API.CustomersController.list)
    authed.get("customers", ":customerID", use: API.CustomersController.show)
    authed.patch("customers", ":customerID", use: API.CustomersController.update)
    authed.post("customers", ":customerID", "sites", use: API.CustomersController.createSite)
    authed.get("customers", ":customerID", "sites", use: API.CustomersController.sites)
    authed.patch("sites", ":siteID", use: API.CustomersController.updateSite)

    authed.get("device-models", use: API.DeviceModelsController.list)
    authed.post("device-models", use: API.DeviceModelsController.create)

    authed.post("devices", use: API.DevicesController.create)
    authed.get("devices", use: API.DevicesController.list)
    authed.on(.POST, "devices", "import", body: .collect(maxSize: ByteCount(value: app.fleetConfiguration.maxBodyBytes)),
              use: API.DeviceTransferController.importCSV)
    authed.get("devices", "export", use: API.DeviceTransferController.export)
    authed.get("devices", ":deviceID", use: API.DevicesController.show)
    authed.patch("devices", ":deviceID", use: API.DevicesController.update)
    authed.get("devices", ":deviceID", "history", use: API.DevicesController.history)
    authed.get("devices", ":deviceID", "label", use: API.LabelsController.label)
    authed.post("devices", ":deviceID", "label", "revoke", use: API.LabelsController.revoke)

    authed.get("plans", use: API.PlansController.list)
    authed.post("plans", use: API.PlansController.create)
    authed.patch("plans", ":code", use: API.PlansController.update)
    authed.post("contracts", use: API.ContractsController.create)
    authed.get("contracts", use: API.ContractsController.list)
    authed.get("contracts", ":contractID", use: API.ContractsController.show)
    authed.patch("contracts", ":contractID", use: API.ContractsController.update)
    authed.get("contracts", ":contractID", "schedule", use: API.ContractsController.schedule)
    authed.post("contracts", ":contractID", "renew", use: API.ContractsController.renew)
    authed.post("contracts", ":contractID", "devices", use: API.ContractsController.addDevices)
    authed.post("contracts", ":contractID", "devices", "remove", use: API.ContractsController.removeDevices)
    authed.post("contracts", ":contractID", "activate", use: API.ContractsController.activate)
    authed.post("contracts", ":contractID", "terminate", use: API.ContractsController.terminate)
    authed.get("holidays", use: API.HolidaysController.list)
    authed.post("holidays", use: API.HolidaysController.create)
    authed.delete("holidays", ":holidayID", use: API.HolidaysController.delete)
    authed.get("devices", ":deviceID", "coverage", use: API.CoverageController.decide)

    authed.post("parts", use: API.ServiceController.createPart)
    authed.get("parts", use: API.ServiceController.parts)
    authed.post("stock", "receive", use: API.ServiceController.receive)
    authed.get("stock", use: API.ServiceController.stock)
    authed.post("stock", "transfer", use: API.StockTransferController.transfer)
    authed.post("tickets", use: API.ServiceController.openTicket)
    authed.get("tickets", use: API.ServiceController.tickets)
    authed.get("tickets", ":ticketID", use: API.ServiceController.ticket)
    authed.post("tickets", ":ticketID", "resolve-remotely", use: API.ServiceController.resolveRemotely)
    authed.post("tickets", ":ticketID", "dispatch", use: API.ServiceController.dispatch)
    authed.post("tickets", ":ticketID", "attempts", use: API.ServiceController.logAttempt)
    authed.get("tickets", ":ticketID", "attempts", use: API.ServiceController.attempts)
    authed.post("tickets", ":ticketID", "reschedule", use: API.ServiceController.reschedule)
    authed.post("tickets", ":ticketID", "confirm", use: API.ServiceController.confirm)
    authed.post("tickets", ":ticketID", "close", use: API.ServiceController.close)
    authed.get("tickets", ":ticketID", "fault-reports", use: API.LabelsController.faultReports)
    authed.post("visits", ":visitID", "arrive", use: API.ServiceController.arrive)
    authed.post("visits", use: API.ServiceController.bookVisit)
    authed.get("visits", use: API.ServiceController.visits)
    authed.get("visits", ":visitID", use: API.ServiceController.visit)
    authed.post("visits", ":visitID", "complete", use: API.ServiceController.complete)
    authed.get("visits", ":visitID", "devices", use: API.PMVisitController.devices)
    authed.post("visits", ":visitID", "devices", ":deviceID", use: API.PMVisitController.record)
    authed.get("visits", ":visitID", "report", use: API.ServiceController.workReport)
    authed.post("visits", ":visitID", "approve", use: API.ServiceController.approve)
    authed.post("visits", ":visitID", "dispute", use: API.ServiceController.dispute)
    authed.get("reports", "consumption", use: API.ReportsController.consumptionReport)
    authed.get("reports", "reliability", use: API.ReportsController.reliabilityReport)
    authed.get("reports", "issued", use: API.ReportsController.issued)
    for kind in ServiceReportKind.allCases {
        authed.get("reports", PathComponent(stringLiteral: kind.rawValue), use: API.ServiceReportsController.handler(kind))
    }
    authed.get("dashboard", use: API.DashboardController.show)
    authed.post("invoices", use: API.InvoicesController.create)
    authed.get("invoices", use: API.InvoicesController.list)
    authed.get("invoices", ":invoiceID", use: API.InvoicesController.show)
    authed.delete("invoices", ":invoiceID", use: API.InvoicesController.delete)
    authed.post("invoices", ":invoiceID", "issue", use: API.InvoicesController.issue)
    authed.post("invoices", ":invoiceID", "credit-note", use: API.InvoicesController.creditNote)

    // Readings also take a site agent's token, which opens nothing else.
    api.grouped(AgentTokenAuthenticator(), BearerTokenAuthenticator())
        .on(.POST, "readings", body: .collect(maxSize: ByteCount(value: app.fleetConfiguration.maxBodyBytes)),
            use: API.MetersController.record)
    authed.get("devices", ":deviceID", "readings", use: API.MetersController.deviceReadings)
    authed.post("sites", ":siteID", "agent-tokens", use: API.MetersController.createToken)
    authed.get("agent-tokens", use: API.MetersController.tokens)
    authed.post("agent-tokens", ":tokenID", "revoke", use: API.MetersController.revokeToken)

    authed.get("notifications", use: API.NotificationsController.list)
    authed.get("notifications", "unread", use: API.NotificationsController.unread)
    authed.post("notifications", "read-all", use: API.NotificationsController.readAll)
    authed.post("notifications", ":noticeID", "read", use: API.NotificationsController.read)

    authed.post("loans", use: API.LoansController.lend)
    authed.get("loans", use: API.LoansController.list)
    authed.post("loans", ":loanID", "return", use: API.LoansController.giveBack)
    authed.post("devices", ":deviceID", "relocation-reports", use: API.AlertsController.reportRelocation)
    authed.get("alerts", use: API.AlertsController.list)
    authed.post("alerts", ":alertID", "confirm", use: API.AlertsController.confirm)
    authed.post("alerts", ":alertID", "dismiss", use: API.AlertsController.dismiss)

    try WebRoutes.register(on: app)
}

extension API {
    /// Liveness for load balancers and benchmarks.
    enum HealthController {
        struct Health: Content {
            let status: String
        }

        /// `GET /api/v1/health`: answers without touching the database.
        @Sendable static func health(req: Request) async throws -> Health {
            Health(status: "ok")
        }
    }
}

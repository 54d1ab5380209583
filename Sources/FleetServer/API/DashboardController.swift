import FleetCore
import Fluent
import SQLKit
import Vapor

/// The service company's morning view: what is open and what is late, across every client.
struct DashboardDTO: Content {
    let openTickets: Int
    let slaBreaches: Int
    let pmDueThisWeek: Int
    let lowToner: Int
    let overdueLoans: Int
    let contractsEnding60Days: Int
    /// Every open alert behind those numbers (and relocations, warranties ending, reports issued), newest first.
    let alerts: [AlertDTO]
    /// Customer names for the alerts' customer ids.
    let customers: [String: String]

    static func make(_ req: Request) async throws -> DashboardDTO {
        try req.viewer.require(.admin, .dispatcher)
        let alerts = try await API.AlertsController.open(req, scope: .all)
            .sorted { ($0.since ?? .distantPast) > ($1.since ?? .distantPast) }
        func count(_ kind: String) -> Int { alerts.filter { $0.kind == kind }.count }
        let open = TicketStage.rare(TicketStage.allCases.filter(\.isOpen), column: SQLColumn("stage"), on: try req.db.sql)
        let ids = Set(alerts.compactMap(\.customerId))
        let names = ids.isEmpty ? [:] : Dictionary(try await Customer.query(on: req.db).filter(\.$id ~~ ids).all().map { ($0.id!.uuidString, $0.name) }) { a, _ in a }
        return DashboardDTO(openTickets: try await Ticket.query(on: req.db).filter(.sql(open)).count(),
                            slaBreaches: count("slaBreached"), pmDueThisWeek: count("pmDue"), lowToner: count("lowToner"),
                            overdueLoans: count("loanOverdue"), contractsEnding60Days: count("contractEnding"),
                            alerts: alerts, customers: names)
    }
}

extension API {
    enum DashboardController {
        /// `GET /api/v1/dashboard` (admin, dispatcher)
        @Sendable static func show(req: Request) async throws -> DashboardDTO { try await DashboardDTO.make(req) }
    }
}

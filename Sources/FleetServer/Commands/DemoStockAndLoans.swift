import FleetCore
import Fluent
import Foundation

/// The demo's stock and loaners, so that a technician's van has the parts the calls need and the loans list and
/// the dashboard have something on them: the warehouse and each van stocked through the service desk as a
/// receipt, and two loaners out against machines with open calls, one of them past its return day.
struct DemoStockAndLoans {
    let db: any Database
    var timeZone: TimeZone = .tehran

    /// Each part in the warehouse, and in each technician's van (two of each, as a van carries).
    static let warehouseQuantity = 10
    static let vanQuantity = 2

    /// Returns the stock rows written and the loans made.
    func seed(technicianIDs: [UUID], now: Date = Date()) async throws -> (stock: Int, loans: Int) {
        var desk = ServiceDesk(db: db, actor: nil, timeZone: timeZone)
        desk.now = now
        let parts = try await Part.query(on: db).sort(\.$partNumber).all()
        let warehouse = try await desk.warehouse()
        var rows = 0
        for part in parts {
            try await desk.receive(part, quantity: Self.warehouseQuantity, at: warehouse)
            rows += 1
        }
        for technician in technicianIDs {
            let van = try await desk.vanLocation(for: technician)
            for part in parts {
                try await desk.receive(part, quantity: Self.vanQuantity, at: van)
                rows += 1
            }
        }
        return (rows, try await lend(now: now))
    }

    /// A loaner against each of the first two machines waiting for a technician: the first lent twelve days ago
    /// and due three days ago (overdue), the second lent today for a week. Calls still in remote triage keep no loaner.
    func lend(now: Date) async throws -> Int {
        let today = CalendarDay(now, in: timeZone)
        let open = try await Ticket.query(on: db).filter(\.$stage ~~ [TicketStage.dispatched.rawValue, TicketStage.onSite.rawValue])
            .sort(\.$number).all()
        let loaners = try await Device.query(on: db).filter(\.$isLoaner == true).sort(\.$serialNumber).all()
        let plans: [(lentDaysAgo: Int, dueInDays: Int)] = [(12, -3), (0, 7)]
        var made = 0
        for ((plan, ticket), loaner) in zip(zip(plans, open), loaners) {
            let lentOn = today.adding(days: -plan.lentDaysAgo)
            var desk = LoanDesk(db: db, actor: nil, today: lentOn)
            desk.now = lentOn.start(in: timeZone).addingTimeInterval(10 * 3_600)
            _ = try await desk.lend(LoanInput(loanerDeviceId: loaner.id!, forDeviceId: ticket.$device.id,
                                              dueOn: today.adding(days: plan.dueInDays).description))
            made += 1
        }
        return made
    }
}

import FleetCore
import Fluent
import Foundation

/// Lending a loaner from the pool against a client's device: the checks, the coverage decision, the loan and
/// both devices' history entries, in one transaction. `today` is the day of lending (the demo lends in the past).
struct LoanDesk {
    let db: any Database
    let actor: User?
    let today: CalendarDay
    var now = Date()

    /// The loan, and warnings that do not stop it (more loaners out than the contract allows).
    func lend(_ input: LoanInput) async throws -> (Loan, [String]) {
        guard let loaner = try await Device.find(input.loanerDeviceId, on: db), loaner.isLoaner else {
            throw APIError(.unprocessableEntity, code: "not_a_loaner", message: "device \(input.loanerDeviceId) is not in the loaner pool",
                           field: "loanerDeviceId")
        }
        guard let device = try await Device.find(input.forDeviceId, on: db), !device.isLoaner else {
            throw APIError(.unprocessableEntity, code: "unknown_device", message: "no client device has id \(input.forDeviceId)",
                           field: "forDeviceId")
        }
        let due = try DayInput.read(input.dueOn, field: "dueOn")
        guard due >= today else {
            throw FieldError(field: "dueOn", message: "dueOn must be a day from today on")
        }
        if try await Loan.query(on: db).filter(\.$loanerDeviceID == loaner.id!).filter(\.$returnedAt == nil).count() > 0 {
            throw APIError.conflict(code: "loaner_out", "\(loaner.serialNumber) is already lent out", field: "loanerDeviceId")
        }
        let contract = try await ContractBook.activeContract(for: device.id!, on: today, db: db)
        let out = try await Loan.query(on: db).filter(\.$customerID == device.$customer.id).filter(\.$returnedAt == nil).count()
        let decision = CoverageRule.decide(.loaner, contract: contract.map(ServiceDesk.active), on: today, loansOut: out)
        var warnings: [String] = []
        if let c = contract, out >= c.terms.loanerDevices {
            warnings.append("the contract allows \(c.terms.loanerDevices) loaner(s) at once; this is number \(out + 1)")
        }
        let loan = Loan()
        loan.loanerDeviceID = loaner.id!
        loan.forDeviceID = device.id!
        loan.customerID = device.$customer.id
        loan.lentOn = today.description
        loan.dueOn = due.description
        loan.charge = decision.charge.rawValue
        loan.chargeReason = decision.reason
        let actor = self.actor, now = self.now
        let events = [
            DeviceEvent(deviceID: loaner.id!, at: now, .lentAgainst(device: "\(device.make) \(device.model) (\(device.serialNumber))", until: due),
                        actor: actor),
            DeviceEvent(deviceID: device.id!, at: now, .loanerLent(loaner: "\(loaner.make) \(loaner.model) (\(loaner.serialNumber))", until: due),
                        actor: actor),
        ]
        try await db.writeTransaction { tx in
            try await loan.create(on: tx)
            for e in events { try await e.create(on: tx) }
        }
        return (loan, warnings)
    }
}

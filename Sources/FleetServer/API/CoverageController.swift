import FleetCore
import Fluent
import Vapor

extension API {
    /// Who pays for a request on a device: the contract, a part warranty, or the client.
    enum CoverageController {
        struct Decision: Content {
            let charge: CoverageDecision.Charge
            let covered: Bool
            let reason: String
            let contractId: UUID?
        }

        /// `GET /api/v1/devices/{id}/coverage?request=repairVisit|pmVisit|toner|loaner|remoteSession|part&partKind=&on=`
        @Sendable static func decide(req: Request) async throws -> Decision {
            let device = try await DevicesController.find(req)
            let request: ServiceRequest
            switch req.query[String.self, at: "request"] ?? "repairVisit" {
            case "repairVisit": request = .repairVisit
            case "pmVisit": request = .pmVisit
            case "toner": request = .toner
            case "loaner": request = .loaner
            case "remoteSession": request = .remoteSession
            case "part":
                guard let kind = PartKind(rawValue: req.query[String.self, at: "partKind"] ?? "") else {
                    throw APIError(.unprocessableEntity, code: "invalid_query", message: "partKind must be consumable, wear or spare", field: "partKind")
                }
                request = .part(kind)
            default:
                throw APIError(.unprocessableEntity, code: "invalid_query",
                               message: "request must be repairVisit, pmVisit, part, toner, loaner or remoteSession", field: "request")
            }
            var day = ContractsController.today(req)
            if let text = req.query[String.self, at: "on"] {
                day = try DayInput.read(text, field: "on")
            }
            let contract = try await ContractBook.activeContract(for: device.id!, on: day, db: req.db)
            let active = contract.map { c in
                ActiveContract(planName: c.planNameEn, planNameFa: c.planNameFa, terms: c.terms, startsOn: c.period.startsOn, endsOn: c.period.endsOn)
            }
            let decision = CoverageRule.decide(request, contract: active, on: day)
            return Decision(charge: decision.charge, covered: decision.covered, reason: decision.reason, contractId: contract?.id)
        }
    }
}

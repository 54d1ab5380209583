import FleetCore
import Fluent
import SQLKit

/// A contract's history (`ContractChange`) and its devices' histories (`DeviceHistoryEvent`) as values, a code
/// and its parameters, that the pages render in the reader's language, beside the English sentence the API has always
/// sent. Rows written before are read back from their sentence; one that is not a sentence FleetCare wrote keeps
/// only its text, and the pages show it as such.
struct UpdateEventsAddContractChange: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ContractEvent.schema).field("change", .json).update()
        try await database.schema(DeviceEvent.schema).field("what", .json).update()
        let plans = Dictionary(try await Plan.query(on: database).all().map { ($0.nameEn, PlanName(fa: $0.nameFa, en: $0.nameEn)) },
                               uniquingKeysWith: { a, _ in a })
        try await database.transaction { tx in
            for e in try await ContractEvent.query(on: tx).all() {
                guard let change = ContractChange.parse(e.summary, plans: plans) else { continue }
                e.change = change
                try await e.save(on: tx)
            }
            // Registrations, edits and moves keep their details; every other entry is read back from its sentence.
            let kinds = [DeviceEventKind.created, .edited, .moved].map(\.rawValue)
            for e in try await DeviceEvent.query(on: tx).filter(\.$kind !~ kinds).all() {
                guard let what = DeviceHistoryEvent.parse(e.summary, plans: plans) else { continue }
                e.what = what
                try await e.save(on: tx)
            }
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ContractEvent.schema).deleteField("change").update()
        try await database.schema(DeviceEvent.schema).deleteField("what").update()
    }
}

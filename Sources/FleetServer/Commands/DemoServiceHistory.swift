import FleetCore
import Fluent
import Foundation

/// A year of believable repairs for the demo fleet: each model has its parts, each symptom its
/// usual culprits, and dusty or hot rooms wear rollers and fusers faster.
struct DemoServiceHistory {
    let db: any Database

    /// The parts of a machine, by role: (code, Persian-English name, kind, rated life, price in Rials).
    static let roles: [(code: String, name: String, kind: PartKind, life: Int?, price: Int)] = [
        ("PR", "Pickup roller", .wear, 100_000, 25_000_000),
        ("SP", "Separation pad", .wear, 100_000, 12_000_000),
        ("FU", "Fuser", .wear, 150_000, 95_000_000),
        ("TR", "Transfer roller", .wear, 200_000, 30_000_000),
        ("FB", "Formatter board", .spare, nil, 180_000_000),
        ("LS", "Laser scanner", .spare, nil, 140_000_000),
        ("MM", "Main motor", .spare, nil, 70_000_000),
    ]

    /// Which part a symptom usually needs, by role code and weight.
    static let culprits: [String: [(String, Double)]] = [
        "paper jam": [("PR", 0.6), ("SP", 0.25), ("FU", 0.1), ("MM", 0.05)],
        "streaks": [("FU", 0.55), ("TR", 0.35), ("LS", 0.1)],
        "faded print": [("TR", 0.5), ("LS", 0.3), ("FU", 0.2)],
        "no power": [("FB", 0.7), ("MM", 0.3)],
        "noise": [("MM", 0.5), ("FU", 0.3), ("PR", 0.2)],
        "error code": [("FB", 0.4), ("LS", 0.4), ("MM", 0.2)],
    ]
    static let symptomWeights: [(String, Double)] = [("paper jam", 0.35), ("streaks", 0.2), ("faded print", 0.1),
                                                     ("no power", 0.1), ("noise", 0.1), ("error code", 0.15)]

    static func partNumber(_ role: String, model: DeviceModel) -> String {
        let tag = model.model.uppercased().filter { $0.isLetter || $0.isNumber }.suffix(6)
        return "\(model.make.prefix(2).uppercased())-\(role)-\(tag)"
    }

    /// Adds the catalog's parts and the year's repairs; returns how many repairs it wrote.
    func seed(rng: inout SeededGenerator, technicianIDs: [UUID], now: Date = Date()) async throws -> Int {
        let models = try await DeviceModel.query(on: db).all()
        var partsByModel: [String: [String: Part]] = [:]
        var parts: [Part] = []
        for m in models {
            for r in Self.roles {
                let p = Part()
                p.id = UUID()
                p.partNumber = Self.partNumber(r.code, model: m)
                p.name = r.name
                p.kind = r.kind.rawValue
                p.ratedLifePages = r.life
                p.priceRials = r.price
                p.compatibleModels = [m.model]
                parts.append(p)
                partsByModel[m.model, default: [:]][r.code] = p
            }
        }
        try await parts.create(on: db)

        let devices = try await Device.query(on: db).filter(\.$isLoaner == false).sort(\.$serialNumber).all()
        var tickets: [Ticket] = [], visits: [Visit] = [], lines: [PartLine] = []
        var number = 0
        for d in devices {
            guard let catalog = partsByModel[d.model] else { continue }
            let dusty = d.dust == DustLevel.high.rawValue
            let hot = (d.temperatureC ?? 22) > 28
            let repairs = Int(rng.next() % 3) + (dusty || hot ? 1 : 0)
            for _ in 0..<repairs {
                let symptom = Self.pick(Self.symptomWeights, &rng)
                var weights = Self.culprits[symptom]!
                weights = weights.map { code, w in
                    var w = w
                    if dusty, code == "PR" || code == "SP" || code == "TR" { w *= 1.5 }
                    if hot, code == "FU" { w *= 1.5 }
                    return (code, w)
                }
                guard let part = catalog[Self.pick(weights, &rng)] else { continue }
                let opened = now.addingTimeInterval(-Double(rng.next() % (360 * 86_400)) - 86_400)
                let finished = opened.addingTimeInterval(Double(4 + rng.next() % 40) * 3600)
                number += 1
                let t = Ticket()
                t.id = UUID()
                t.number = number
                t.$device.id = d.id!
                t.customerID = d.$customer.id
                t.channel = "phone"
                t.description = CommonSymptoms.label(symptom, .fa)
                t.symptom = symptom
                t.stage = TicketStage.closed.rawValue
                t.covered = true
                t.coverageReason = "demo history"
                t.openedAt = opened
                t.slaDueAt = opened.addingTimeInterval(8 * 3600)
                t.likelyParts = []
                t.respondedAt = opened.addingTimeInterval(Double(1 + rng.next() % 10) * 3600)
                t.resolvedAt = finished
                t.viaResident = false
                let v = Visit()
                v.id = UUID()
                v.kind = "repair"
                v.ticketID = t.id
                v.customerID = d.$customer.id
                v.technicianID = technicianIDs[Int(rng.next() % UInt64(technicianIDs.count))]
                v.deviceIDs = [d.id!]
                v.scheduledAt = t.respondedAt!
                v.status = "completed"
                v.startedAt = t.respondedAt
                v.finishedAt = finished
                v.findings = "\(part.name) replaced"
                v.signerName = "—"
                v.satisfaction = 4 + Int(rng.next() % 2)
                let day = CalendarDay(finished, in: .tehran)
                let l = PartLine()
                l.visitID = v.id!
                l.deviceID = d.id!
                l.partID = part.id!
                l.partNumber = part.partNumber
                l.partName = part.name
                l.quantity = 1
                l.charge = part.partKind == .spare ? "billable" : "contract"
                l.chargeReason = "demo history"
                l.unitPriceRials = part.priceRials
                l.fittedOn = day.description
                l.warrantyUntil = PartWarranty.until(fittedOn: day, months: 6).description
                tickets.append(t)
                visits.append(v)
                lines.append(l)
            }
        }
        for chunk in tickets.chunked(into: 200) { try await chunk.create(on: db) }
        for chunk in visits.chunked(into: 200) { try await chunk.create(on: db) }
        for chunk in lines.chunked(into: 200) { try await chunk.create(on: db) }
        return tickets.count
    }

    static func pick(_ weights: [(String, Double)], _ rng: inout SeededGenerator) -> String {
        let total = weights.reduce(0) { $0 + $1.1 }
        var r = Double(rng.next() % 1_000_000) / 1_000_000 * total
        for (k, w) in weights {
            if r < w { return k }
            r -= w
        }
        return weights.last!.0
    }
}

import Foundation

/// A part that could be at fault on a device, with what is known of its wear.
public struct PartCandidate: Equatable, Sendable {
    public let partNumber: String
    public let name: String
    public let kind: PartKind
    public let ratedLifePages: Int?
    /// Pages printed since this part was last fitted (or since the device was installed).
    public let pagesSinceFitted: Int?

    public init(partNumber: String, name: String, kind: PartKind, ratedLifePages: Int?, pagesSinceFitted: Int?) {
        self.partNumber = partNumber
        self.name = name
        self.kind = kind
        self.ratedLifePages = ratedLifePages
        self.pagesSinceFitted = pagesSinceFitted
    }

    /// Fusers wear faster in heat; rollers and pads in dust. Read from the part's name.
    var heatSensitive: Bool { name.lowercased().contains("fuser") || name.contains("فیوزر") }
    var dustSensitive: Bool {
        let n = name.lowercased()
        return n.contains("roller") || n.contains("pad") || n.contains("غلتک") || n.contains("پد")
    }
}

/// A past repair in the fleet: the model, the reported symptom, the parts replaced.
public struct RepairRecord: Equatable, Sendable {
    public let model: String
    public let symptom: String?
    public let partNumbers: [String]
    /// The replaced parts' names ("Fuser"), which other models' parts share: what a symptom
    /// needs on one model says something about another.
    public let partNames: [String]

    public init(model: String, symptom: String?, partNumbers: [String], partNames: [String] = []) {
        self.model = model
        self.symptom = symptom
        self.partNumbers = partNumbers
        self.partNames = partNames
    }
}

/// A part ranked as likely at fault, with a reason a technician can read.
public struct LikelyPart: Equatable, Sendable, Codable {
    public let partNumber: String
    public let name: String
    public let score: Double
    /// The evidence as English sentences joined by "; " (the API's `reason`).
    public let reason: String
    /// The same evidence as values, for the pages to render in the reader's language. Rankings stored before
    /// it existed have none.
    public var evidence: [LikelyPartEvidence]?

    public init(partNumber: String, name: String, score: Double, evidence: [LikelyPartEvidence]) {
        self.partNumber = partNumber
        self.name = name
        self.score = score
        self.evidence = evidence
        self.reason = evidence.map { $0.english(part: name) }.joined(separator: "; ")
    }
}

/// One piece of evidence that a part is at fault.
public enum LikelyPartEvidence: Equatable, Sendable {
    /// Pages since it was fitted, as a share of its rated life.
    case wear(percent: Int)
    /// Repairs of this symptom on this model that replaced it.
    case modelRepairs(replaced: Int, of: Int, symptom: String)
    /// Repairs of this symptom across the fleet that replaced a part of its name.
    case fleetRepairs(replaced: Int, of: Int, symptom: String)
    /// Times it was replaced on this device before.
    case replacedBefore(times: Int)
    case dust(DustLevel)
    case heat(celsius: Int)

    public func english(part: String) -> String {
        switch self {
        case let .wear(percent): "\(part) at \(percent)% of rated life"
        case let .modelRepairs(replaced, of, symptom): "\(replaced) of \(of) '\(symptom)' repairs on this model replaced the \(part)"
        case let .fleetRepairs(replaced, of, symptom): "\(replaced) of \(of) '\(symptom)' repairs across the fleet replaced a \(part)"
        case let .replacedBefore(times): "replaced on this device \(times) time\(times == 1 ? "" : "s") before"
        case let .dust(level): "\(level.rawValue) dust shortens its life"
        case let .heat(celsius): "the room is at \(celsius) °C"
        }
    }
}

/// `{"code": "wear", "percent": 233}`: a stable code and its parameters.
extension LikelyPartEvidence: Codable {
    private enum Keys: String, CodingKey { case code, percent, replaced, of, symptom, times, dust, celsius }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        switch self {
        case let .wear(percent): try c.encode("wear", forKey: .code); try c.encode(percent, forKey: .percent)
        case let .modelRepairs(replaced, of, symptom), let .fleetRepairs(replaced, of, symptom):
            if case .modelRepairs = self { try c.encode("modelRepairs", forKey: .code) } else { try c.encode("fleetRepairs", forKey: .code) }
            try c.encode(replaced, forKey: .replaced); try c.encode(of, forKey: .of); try c.encode(symptom, forKey: .symptom)
        case let .replacedBefore(times): try c.encode("replacedBefore", forKey: .code); try c.encode(times, forKey: .times)
        case let .dust(level): try c.encode("dust", forKey: .code); try c.encode(level, forKey: .dust)
        case let .heat(celsius): try c.encode("heat", forKey: .code); try c.encode(celsius, forKey: .celsius)
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        switch try c.decode(String.self, forKey: .code) {
        case "wear": self = .wear(percent: try c.decode(Int.self, forKey: .percent))
        case "modelRepairs":
            self = .modelRepairs(replaced: try c.decode(Int.self, forKey: .replaced), of: try c.decode(Int.self, forKey: .of),
                                 symptom: try c.decode(String.self, forKey: .symptom))
        case "fleetRepairs":
            self = .fleetRepairs(replaced: try c.decode(Int.self, forKey: .replaced), of: try c.decode(Int.self, forKey: .of),
                                 symptom: try c.decode(String.self, forKey: .symptom))
        case "replacedBefore": self = .replacedBefore(times: try c.decode(Int.self, forKey: .times))
        case "dust": self = .dust(try c.decode(DustLevel.self, forKey: .dust))
        case "heat": self = .heat(celsius: try c.decode(Int.self, forKey: .celsius))
        case let other: throw DecodingError.dataCorruptedError(forKey: .code, in: c, debugDescription: "unknown evidence \(other)")
        }
    }
}

/// Ranks the parts most likely at fault before a technician leaves, from the device record:
/// wear against rated life, what this symptom needed on this model across the fleet, the
/// device's own past failures, and the room it stands in.
public enum LikelyPartRanking {
    public struct Input: Sendable {
        public var model: String
        public var symptom: String?
        public var conditions: DeviceConditions
        public var candidates: [PartCandidate]
        /// Repairs on any device, this one included.
        public var fleetRepairs: [RepairRecord]
        /// Part numbers replaced on this device before, one entry per replacement.
        public var ownReplacements: [String]

        public init(model: String, symptom: String?, conditions: DeviceConditions, candidates: [PartCandidate],
                    fleetRepairs: [RepairRecord], ownReplacements: [String]) {
            self.model = model
            self.symptom = symptom
            self.conditions = conditions
            self.candidates = candidates
            self.fleetRepairs = fleetRepairs
            self.ownReplacements = ownReplacements
        }
    }

    /// Weights: the symptom's history on the model says most, wear next, the device's own past least.
    static let symptomWeight = 1.0
    static let fleetSymptomWeight = 0.5
    static let wearWeight = 0.1
    /// How much of the symptom's evidence a part keeps when it was just fitted; at its rated life it keeps all.
    static let wearFloor = 0.3
    static let ownWeight = 0.25

    public static func rank(_ input: Input, top: Int = 3) -> [LikelyPart] {
        let sameModel = input.fleetRepairs.filter { $0.model.caseInsensitiveCompare(input.model) == .orderedSame }
        let symptom = input.symptom?.trimmingCharacters(in: .whitespaces).lowercased()
        let withSymptom = symptom.map { s in sameModel.filter { $0.symptom?.lowercased() == s } } ?? []
        let fleetWithSymptom = symptom.map { s in input.fleetRepairs.filter { $0.symptom?.lowercased() == s && !$0.partNames.isEmpty } } ?? []
        let ranked = input.candidates.compactMap { part -> LikelyPart? in
            // Evidence that this part goes with the symptom: the model's history, the fleet's, the device's own.
            var evidence = 0.0
            var reasons: [LikelyPartEvidence] = []
            var wearRatio: Double?
            if let rated = part.ratedLifePages, rated > 0, let used = part.pagesSinceFitted {
                let ratio = Double(used) / Double(rated)
                wearRatio = min(ratio, 2)
                if ratio >= 0.8 { reasons.append(.wear(percent: Int((ratio * 100).rounded()))) }
            }
            var modelReason = false
            if !withSymptom.isEmpty {
                let replaced = withSymptom.filter { $0.partNumbers.contains(part.partNumber) }.count
                if replaced > 0 {
                    evidence += symptomWeight * Double(replaced) / Double(withSymptom.count)
                    reasons.append(.modelRepairs(replaced: replaced, of: withSymptom.count, symptom: input.symptom ?? ""))
                    modelReason = true
                }
            }
            if !fleetWithSymptom.isEmpty {
                let name = part.name.lowercased()
                let replaced = fleetWithSymptom.filter { $0.partNames.contains { $0.lowercased() == name } }.count
                if replaced > 0 {
                    evidence += fleetSymptomWeight * Double(replaced) / Double(fleetWithSymptom.count)
                    if !modelReason {
                        reasons.append(.fleetRepairs(replaced: replaced, of: fleetWithSymptom.count, symptom: input.symptom ?? ""))
                    }
                }
            }
            let own = input.ownReplacements.filter { $0 == part.partNumber }.count
            if own > 0 {
                evidence += ownWeight * Double(min(own, 3))
                reasons.append(.replacedBefore(times: own))
            }
            // Wear scales the evidence (a fresh part rarely fails, a worn one often) and alone says a little.
            var score = evidence
            if let wearRatio { score = evidence * (wearFloor + (1 - wearFloor) * wearRatio) + wearWeight * wearRatio }
            var factor = 1.0
            if part.dustSensitive, let dust = input.conditions.dust, dust != .low {
                factor *= dust == .high ? 1.25 : 1.1
                reasons.append(.dust(dust))
            }
            if part.heatSensitive, let t = input.conditions.temperatureC, t > 30 {
                factor *= 1.2
                reasons.append(.heat(celsius: Int(t)))
            }
            score *= factor
            guard score > 0 else { return nil }
            return LikelyPart(partNumber: part.partNumber, name: part.name, score: (score * 1000).rounded() / 1000,
                              evidence: reasons)
        }
        return Array(ranked.sorted { ($0.score, $1.partNumber) > ($1.score, $0.partNumber) }.prefix(top))
    }
}

/// How far each part of a device has worn, in pages, from its fittings and the device's readings.
public enum PartWear {
    /// A part fitted on the device: when, and the counter then (nil when no reading was taken).
    public struct Fitting: Equatable, Sendable {
        public let partNumber: String
        public let at: Date
        public let counter: Int64?

        public init(partNumber: String, at: Date, counter: Int64?) {
            self.partNumber = partNumber
            self.at = at
            self.counter = counter
        }
    }

    /// Pages printed since each part was last fitted. A part never replaced is the one the machine came
    /// with, so it has worn for every page the counter has seen. A fitting without its counter starts
    /// from the last reading before it. No readings at all, or none to start from: not in the answer.
    public static func pagesSinceFitted(_ partNumbers: [String], fittings: [Fitting], readings: [MeterReading]) -> [String: Int] {
        let readings = readings.sorted { $0.takenAt < $1.takenAt }
        guard !readings.isEmpty else { return [:] }
        var lastFitting: [String: Fitting] = [:]
        for f in fittings where lastFitting[f.partNumber].map({ $0.at < f.at }) ?? true { lastFitting[f.partNumber] = f }
        var answer: [String: Int] = [:]
        for number in partNumbers {
            guard let f = lastFitting[number] else {
                answer[number] = Int(PagesPrinted.since(0, through: readings))
                continue
            }
            let before = readings.last { $0.takenAt <= f.at }
            guard let start = f.counter ?? before?.totalPages else { continue }
            // The reading at the fitting itself is where the count starts, not a page printed after it.
            let after = readings.filter { $0.takenAt > f.at }
            answer[number] = Int(PagesPrinted.since(start, through: after))
        }
        return answer
    }
}

import Foundation

/// One term of a contract before and after a change, by the key the terms are flattened under
/// (`ContractTerms.flatKeys`, or `startsOn`, `endsOn`, `residentTechnicianName`), in raw form: days as ISO,
/// numbers as digits, booleans as `true`/`false`, choices by their code, names as written.
public struct TermChange: Codable, Equatable, Sendable {
    public let term: String
    public let old: String?
    public let new: String?

    public init(term: String, old: String?, new: String?) {
        self.term = term
        self.old = old
        self.new = new
    }

    /// The terms that differ between two sets of flattened values, in `order`.
    public static func between(_ old: [String: String], _ new: [String: String], order: [String]) -> [TermChange] {
        order.compactMap { key in old[key] == new[key] ? nil : TermChange(term: key, old: old[key], new: new[key]) }
    }
}

/// Reading a reason value back from its flat wire form (a code and the parameters it has).
enum ReasonWire {
    /// An unknown code, or a known one without a parameter it needs.
    struct Unreadable: Error { let code: String }

    static func required<T>(_ value: T?, code: String) throws -> T {
        guard let value else { throw Unreadable(code: code) }
        return value
    }
}

/// What happened to a contract, as its history and each of its devices' histories record it: a value the pages
/// render in the reader's language and the API sends as a code with its parameters.
public enum ContractChange: Equatable, Sendable {
    case created(plan: PlanName, from: CalendarDay, to: CalendarDay, devices: Int)
    /// This contract continues the one of `from`–`to`.
    case renewedFrom(from: CalendarDay, to: CalendarDay)
    /// This contract goes on as a new one for `from`–`to`.
    case renewed(from: CalendarDay, to: CalendarDay)
    case devicesAdded(count: Int, on: CalendarDay)
    case devicesRemoved(count: Int, on: CalendarDay)
    case changed([TermChange])
    case terminated(on: CalendarDay)
    case activated
    /// On a device's history: it joined or left the contract of `plan` for `from`–`to`.
    case deviceAdded(plan: PlanName, from: CalendarDay, to: CalendarDay)
    case deviceRemoved(plan: PlanName, from: CalendarDay, to: CalendarDay)
    /// On a device's history: the terms of its contract changed.
    case termsChanged(plan: PlanName, [TermChange])

    public var code: String { wire.code }

    /// The change as an English sentence, for the API's `summary` and English pages.
    public var english: String {
        func changes(_ list: [TermChange]) -> String {
            list.map { "\($0.term) \($0.old ?? "none") -> \($0.new ?? "none")" }.joined(separator: ", ")
        }
        switch self {
        case let .created(plan, from, to, devices): return "Created on the \(plan.en) plan for \(from) to \(to) with \(devices) devices"
        case let .renewedFrom(from, to): return "Renewed from the contract of \(from) to \(to)"
        case let .renewed(from, to): return "Renewed for \(from) to \(to)"
        case let .devicesAdded(count, day): return "Added \(count) device(s) from \(day)"
        case let .devicesRemoved(count, day): return "Removed \(count) device(s) from \(day)"
        case let .changed(list): return "Changed: " + changes(list)
        case let .terminated(day): return "Terminated on \(day)"
        case .activated: return "Activated"
        case let .deviceAdded(plan, from, to): return "Added to the \(plan.en) contract \(from) to \(to)"
        case let .deviceRemoved(plan, from, to): return "Removed from the \(plan.en) contract \(from) to \(to)"
        case let .termsChanged(plan, list): return "The \(plan.en) contract changed: " + changes(list)
        }
    }

    /// The flat form it is stored and sent in: the code and only the parameters it has.
    private struct Wire: Codable {
        var code: String
        var plan: PlanName? = nil
        var from: CalendarDay? = nil
        var to: CalendarDay? = nil
        var on: CalendarDay? = nil
        var count: Int? = nil
        var changes: [TermChange]? = nil
    }

    private var wire: Wire {
        switch self {
        case let .created(plan, from, to, devices): Wire(code: "created", plan: plan, from: from, to: to, count: devices)
        case let .renewedFrom(from, to): Wire(code: "renewedFrom", from: from, to: to)
        case let .renewed(from, to): Wire(code: "renewed", from: from, to: to)
        case let .devicesAdded(count, day): Wire(code: "devicesAdded", on: day, count: count)
        case let .devicesRemoved(count, day): Wire(code: "devicesRemoved", on: day, count: count)
        case let .changed(list): Wire(code: "changed", changes: list)
        case let .terminated(day): Wire(code: "terminated", on: day)
        case .activated: Wire(code: "activated")
        case let .deviceAdded(plan, from, to): Wire(code: "deviceAdded", plan: plan, from: from, to: to)
        case let .deviceRemoved(plan, from, to): Wire(code: "deviceRemoved", plan: plan, from: from, to: to)
        case let .termsChanged(plan, list): Wire(code: "termsChanged", plan: plan, changes: list)
        }
    }

    private init(_ w: Wire) throws {
        func need<T>(_ v: T?) throws -> T { try ReasonWire.required(v, code: w.code) }
        switch w.code {
        case "created": self = .created(plan: try need(w.plan), from: try need(w.from), to: try need(w.to), devices: try need(w.count))
        case "renewedFrom": self = .renewedFrom(from: try need(w.from), to: try need(w.to))
        case "renewed": self = .renewed(from: try need(w.from), to: try need(w.to))
        case "devicesAdded": self = .devicesAdded(count: try need(w.count), on: try need(w.on))
        case "devicesRemoved": self = .devicesRemoved(count: try need(w.count), on: try need(w.on))
        case "changed": self = .changed(try need(w.changes))
        case "terminated": self = .terminated(on: try need(w.on))
        case "activated": self = .activated
        case "deviceAdded": self = .deviceAdded(plan: try need(w.plan), from: try need(w.from), to: try need(w.to))
        case "deviceRemoved": self = .deviceRemoved(plan: try need(w.plan), from: try need(w.from), to: try need(w.to))
        case "termsChanged": self = .termsChanged(plan: try need(w.plan), try need(w.changes))
        default: throw ReasonWire.Unreadable(code: w.code)
        }
    }
}

extension ContractChange: Codable {
    public func encode(to encoder: any Encoder) throws { try wire.encode(to: encoder) }
    public init(from decoder: any Decoder) throws { try self.init(Wire(from: decoder)) }
}

extension ContractChange {
    /// The change an English sentence written before changes were stored as values describes, or nil when it is
    /// not one of the sentences FleetCare wrote. `plans` finds a plan's names by its English name.
    public static func parse(_ sentence: String, plans: [String: PlanName]) -> ContractChange? {
        func days(_ text: Substring) -> (CalendarDay, CalendarDay)? {
            let parts = text.components(separatedBy: " to ")
            guard parts.count == 2, let a = CalendarDay(iso: parts[0]), let b = CalendarDay(iso: parts[1]) else { return nil }
            return (a, b)
        }
        func plan(_ en: String) -> PlanName { plans[en] ?? PlanName(fa: en, en: en) }
        let s = Substring(sentence)
        if sentence == "Activated" { return .activated }
        if let rest = s.stripping("Terminated on "), let day = CalendarDay(iso: String(rest)) { return .terminated(on: day) }
        if let rest = s.stripping("Renewed from the contract of "), let (a, b) = days(rest) { return .renewedFrom(from: a, to: b) }
        if let rest = s.stripping("Renewed for "), let (a, b) = days(rest) { return .renewed(from: a, to: b) }
        for (prefix, added) in [("Added ", true), ("Removed ", false)] {
            if let rest = s.stripping(prefix), let space = rest.firstIndex(of: " "), let n = Int(rest[..<space]),
               let day = rest.components(separatedBy: " device(s) from ").last.flatMap(CalendarDay.init(iso:)) {
                return added ? .devicesAdded(count: n, on: day) : .devicesRemoved(count: n, on: day)
            }
        }
        if let rest = s.stripping("Created on the "), let planEnd = rest.range(of: " plan for "),
           let withEnd = rest.range(of: " with ", options: .backwards),
           let (a, b) = days(rest[planEnd.upperBound..<withEnd.lowerBound]),
           let n = Int(rest[withEnd.upperBound...].dropLast(" devices".count)) {
            return .created(plan: plan(String(rest[..<planEnd.lowerBound])), from: a, to: b, devices: n)
        }
        for (prefix, added) in [("Added to the ", true), ("Removed from the ", false)] {
            if let rest = s.stripping(prefix), let mark = rest.range(of: " contract ", options: .backwards), let (a, b) = days(rest[mark.upperBound...]) {
                let p = plan(String(rest[..<mark.lowerBound]))
                return added ? .deviceAdded(plan: p, from: a, to: b) : .deviceRemoved(plan: p, from: a, to: b)
            }
        }
        return nil
    }
}

private extension Substring {
    func stripping(_ prefix: String) -> Substring? { hasPrefix(prefix) ? dropFirst(prefix.count) : nil }
}

extension ContractTerms {
    /// The terms' keys in the order pages list them.
    public static let flatKeys = ["pmVisitsPerYear", "responseHours", "partsCoverage", "tonerIncluded", "remoteSupport", "residentTechnician",
                                  "loanerDevices", "partWarrantyMonths", "billingModel", "monthlyFeePerDeviceRials", "includedPagesPerDevice",
                                  "monoPageRials", "colorPageRials"]

    /// Each term's raw value by its key, as forms carry them and `TermChange` records them.
    public var flat: [String: String] {
        ["pmVisitsPerYear": String(pmVisitsPerYear), "responseHours": String(responseHours),
         "partsCoverage": partsCoverage.rawValue, "tonerIncluded": String(tonerIncluded),
         "remoteSupport": String(remoteSupport), "residentTechnician": String(residentTechnician),
         "loanerDevices": String(loanerDevices), "partWarrantyMonths": String(partWarrantyMonths),
         "billingModel": billing.model.rawValue, "monthlyFeePerDeviceRials": String(billing.monthlyFeePerDeviceRials),
         "includedPagesPerDevice": String(billing.includedPagesPerDevice), "monoPageRials": String(billing.monoPageRials),
         "colorPageRials": String(billing.colorPageRials)]
    }
}

/// Something about a contract worth a second look before it is signed; it does not stop it.
public enum ContractWarning: Equatable, Sendable, Codable {
    /// Contracts are meant for fleets of `minimum` to `maximum` devices.
    case fleetSize(devices: Int, minimum: Int, maximum: Int)
    /// A resident technician is meant for `minimum` devices or more.
    case residentForSmallFleet(devices: Int, minimum: Int)

    public static let fleetSizeRange = 35...1000
    public static let residentMinimum = 300

    /// The warnings for a contract of `deviceCount` devices on `terms`.
    public static func of(deviceCount: Int, terms: ContractTerms) -> [ContractWarning] {
        var w: [ContractWarning] = []
        if !fleetSizeRange.contains(deviceCount) {
            w.append(.fleetSize(devices: deviceCount, minimum: fleetSizeRange.lowerBound, maximum: fleetSizeRange.upperBound))
        }
        if terms.residentTechnician, deviceCount < residentMinimum {
            w.append(.residentForSmallFleet(devices: deviceCount, minimum: residentMinimum))
        }
        return w
    }

    public var english: String {
        switch self {
        case let .fleetSize(n, lo, hi): "the contract covers \(n) devices; contracts are meant for \(lo) to \(hi)"
        case let .residentForSmallFleet(n, minimum): "a resident technician is meant for \(minimum) devices or more; this contract has \(n)"
        }
    }

    private enum Keys: String, CodingKey { case code, devices, minimum, maximum }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        switch self {
        case let .fleetSize(n, lo, hi):
            try c.encode("fleetSize", forKey: .code); try c.encode(n, forKey: .devices)
            try c.encode(lo, forKey: .minimum); try c.encode(hi, forKey: .maximum)
        case let .residentForSmallFleet(n, minimum):
            try c.encode("residentForSmallFleet", forKey: .code); try c.encode(n, forKey: .devices); try c.encode(minimum, forKey: .minimum)
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        let n = try c.decode(Int.self, forKey: .devices), minimum = try c.decode(Int.self, forKey: .minimum)
        switch try c.decode(String.self, forKey: .code) {
        case "fleetSize": self = .fleetSize(devices: n, minimum: minimum, maximum: try c.decode(Int.self, forKey: .maximum))
        case "residentForSmallFleet": self = .residentForSmallFleet(devices: n, minimum: minimum)
        case let other: throw DecodingError.dataCorruptedError(forKey: .code, in: c, debugDescription: "unknown warning \(other)")
        }
    }
}

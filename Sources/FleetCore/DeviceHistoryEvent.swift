import Foundation

/// One entry of a device's history as a value: what happened, with its numbers, days and names. The pages render
/// it in the reader's language; the API sends it as a code and its parameters beside the English sentence.
/// What people typed (a call's description, a visit's findings, a note) travels as they typed it.
public enum DeviceHistoryEvent: Equatable, Sendable {
    case contract(ContractChange)
    case ticketOpened(number: Int, channel: String, symptom: String?, description: String)
    case faultReportedAgain(number: Int, symptom: String?, description: String)
    case ticketResolvedRemotely(number: Int)
    case ticketConfirmed(number: Int)
    case ticketClosed(number: Int)
    /// A visit of `kind` (`pm`, `repair`, `install`) completed and signed.
    case visitCompleted(kind: String, findings: String)
    case pmServiced(note: String?)
    case pmSkipped(reason: PMSkipReason, note: String?)
    case reportDisputed(by: String, comment: String, reopenedTicket: Int?)
    /// `charge` is `contract`, `warranty` or `billable`.
    case partFitted(name: String, partNumber: String, quantity: Int, charge: String, warrantyUntil: CalendarDay)
    case counterReset(total: Int64, was: Int64?)
    /// A counter typed by a person or read at a visit (`source`); the collector's own readings stay out of the history.
    case counterRead(total: Int64, source: String)
    case relocationNoticed(newAddress: String?, recordAddress: String?, newSysLocation: String?, previousSysLocation: String?)
    case foundElsewhere(place: String, by: String)
    /// On the client's device: a loaner (make, model and serial) lent until a day.
    case loanerLent(loaner: String, until: CalendarDay)
    /// On the loaner: lent against the client's device.
    case lentAgainst(device: String, until: CalendarDay)
    case loanerReturned(counter: Int64?)
    case returnedToPool(counter: Int64?)

    public var code: String {
        if case let .contract(c) = self { return c.code }
        return wire.code
    }

    public var english: String {
        func ticket(_ n: Int) -> String { "Ticket \(n)" }
        func counter(_ c: Int64?) -> String { c.map { ", counter \($0) pages" } ?? "" }
        switch self {
        case let .contract(c): return c.english
        case let .ticketOpened(n, channel, symptom, description): return "\(ticket(n)) opened by \(channel): \(symptom ?? description)"
        case let .faultReportedAgain(n, symptom, description): return "Fault reported again from the label on ticket #\(n): \(symptom ?? description)"
        case let .ticketResolvedRemotely(n): return "\(ticket(n)) resolved remotely"
        case let .ticketConfirmed(n): return "\(ticket(n)) confirmed by the client"
        case let .ticketClosed(n): return "\(ticket(n)) closed"
        case let .visitCompleted(kind, findings): return "\(kind.uppercased()) visit completed: \(findings)"
        case let .pmServiced(note): return "PM visit: serviced" + (note.map { ": \($0)" } ?? "")
        case let .pmSkipped(reason, note): return "PM visit: not serviced (\(reason.rawValue))" + (note.map { ": \($0)" } ?? "")
        case let .reportDisputed(by, comment, reopened):
            return "Work report disputed by \(by): \(comment)" + (reopened.map { "; ticket \($0) reopened" } ?? "")
        case let .partFitted(name, number, quantity, charge, until):
            return "\(name) (\(number)) x\(quantity) fitted, charged to \(charge), warranty until \(until)"
        case let .counterReset(total, was): return "Counter reset: \(total) pages" + (was.map { " (was \($0))" } ?? "")
        case let .counterRead(total, source): return "Meter \(total) pages (\(source))"
        case let .relocationNoticed(newAddress, recordAddress, newSysLocation, previous):
            let sign = RelocationSign(newAddress: newAddress, recordAddress: recordAddress, newSysLocation: newSysLocation,
                                      previousSysLocation: previous)
            return "The collector noticed: \(sign.summary); awaiting the dispatcher's confirmation"
        case let .foundElsewhere(place, by): return "Found at \(place) by \(by); awaiting the dispatcher's confirmation"
        case let .loanerLent(loaner, until): return "Loaner \(loaner) lent until \(until)"
        case let .lentAgainst(device, until): return "Lent against \(device) until \(until)"
        case let .loanerReturned(c): return "Loaner returned" + counter(c)
        case let .returnedToPool(c): return "Returned to the pool" + counter(c)
        }
    }

    private struct Wire: Codable {
        var code: String
        var number: Int? = nil
        var channel: String? = nil
        var symptom: String? = nil
        var description: String? = nil
        var kind: String? = nil
        var text: String? = nil
        var reason: PMSkipReason? = nil
        var by: String? = nil
        var name: String? = nil
        var partNumber: String? = nil
        var quantity: Int? = nil
        var charge: String? = nil
        var until: CalendarDay? = nil
        var total: Int64? = nil
        var was: Int64? = nil
        var source: String? = nil
        var newAddress: String? = nil
        var recordAddress: String? = nil
        var newSysLocation: String? = nil
        var previousSysLocation: String? = nil
        var place: String? = nil
        var device: String? = nil
    }

    private var wire: Wire {
        switch self {
        case let .contract(c): Wire(code: c.code)
        case let .ticketOpened(n, channel, symptom, description):
            Wire(code: "ticketOpened", number: n, channel: channel, symptom: symptom, description: description)
        case let .faultReportedAgain(n, symptom, description):
            Wire(code: "faultReportedAgain", number: n, symptom: symptom, description: description)
        case let .ticketResolvedRemotely(n): Wire(code: "ticketResolvedRemotely", number: n)
        case let .ticketConfirmed(n): Wire(code: "ticketConfirmed", number: n)
        case let .ticketClosed(n): Wire(code: "ticketClosed", number: n)
        case let .visitCompleted(kind, findings): Wire(code: "visitCompleted", kind: kind, text: findings)
        case let .pmServiced(note): Wire(code: "pmServiced", text: note)
        case let .pmSkipped(reason, note): Wire(code: "pmSkipped", text: note, reason: reason)
        case let .reportDisputed(by, comment, reopened): Wire(code: "reportDisputed", number: reopened, text: comment, by: by)
        case let .partFitted(name, number, quantity, charge, until):
            Wire(code: "partFitted", name: name, partNumber: number, quantity: quantity, charge: charge, until: until)
        case let .counterReset(total, was): Wire(code: "counterReset", total: total, was: was)
        case let .counterRead(total, source): Wire(code: "counterRead", total: total, source: source)
        case let .relocationNoticed(a, r, s, p):
            Wire(code: "relocationNoticed", newAddress: a, recordAddress: r, newSysLocation: s, previousSysLocation: p)
        case let .foundElsewhere(place, by): Wire(code: "foundElsewhere", by: by, place: place)
        case let .loanerLent(loaner, until): Wire(code: "loanerLent", until: until, device: loaner)
        case let .lentAgainst(device, until): Wire(code: "lentAgainst", until: until, device: device)
        case let .loanerReturned(c): Wire(code: "loanerReturned", total: c)
        case let .returnedToPool(c): Wire(code: "returnedToPool", total: c)
        }
    }

    private init(_ w: Wire) throws {
        func need<T>(_ v: T?) throws -> T { try ReasonWire.required(v, code: w.code) }
        switch w.code {
        case "ticketOpened":
            self = .ticketOpened(number: try need(w.number), channel: try need(w.channel), symptom: w.symptom, description: try need(w.description))
        case "faultReportedAgain": self = .faultReportedAgain(number: try need(w.number), symptom: w.symptom, description: try need(w.description))
        case "ticketResolvedRemotely": self = .ticketResolvedRemotely(number: try need(w.number))
        case "ticketConfirmed": self = .ticketConfirmed(number: try need(w.number))
        case "ticketClosed": self = .ticketClosed(number: try need(w.number))
        case "visitCompleted": self = .visitCompleted(kind: try need(w.kind), findings: try need(w.text))
        case "pmServiced": self = .pmServiced(note: w.text)
        case "pmSkipped": self = .pmSkipped(reason: try need(w.reason), note: w.text)
        case "reportDisputed": self = .reportDisputed(by: try need(w.by), comment: try need(w.text), reopenedTicket: w.number)
        case "partFitted":
            self = .partFitted(name: try need(w.name), partNumber: try need(w.partNumber), quantity: try need(w.quantity),
                               charge: try need(w.charge), warrantyUntil: try need(w.until))
        case "counterReset": self = .counterReset(total: try need(w.total), was: w.was)
        case "counterRead": self = .counterRead(total: try need(w.total), source: try need(w.source))
        case "relocationNoticed":
            self = .relocationNoticed(newAddress: w.newAddress, recordAddress: w.recordAddress, newSysLocation: w.newSysLocation,
                                      previousSysLocation: w.previousSysLocation)
        case "foundElsewhere": self = .foundElsewhere(place: try need(w.place), by: try need(w.by))
        case "loanerLent": self = .loanerLent(loaner: try need(w.device), until: try need(w.until))
        case "lentAgainst": self = .lentAgainst(device: try need(w.device), until: try need(w.until))
        case "loanerReturned": self = .loanerReturned(counter: w.total)
        case "returnedToPool": self = .returnedToPool(counter: w.total)
        default: throw ReasonWire.Unreadable(code: w.code)
        }
    }
}

extension DeviceHistoryEvent: Codable {
    public func encode(to encoder: any Encoder) throws {
        if case let .contract(c) = self { try c.encode(to: encoder) } else { try wire.encode(to: encoder) }
    }

    public init(from decoder: any Decoder) throws {
        if let c = try? ContractChange(from: decoder) {
            self = .contract(c)
        } else {
            try self.init(Wire(from: decoder))
        }
    }
}

extension DeviceHistoryEvent {
    /// The entry an English sentence written before entries were stored as values describes, or nil when it is
    /// not one FleetCare wrote in a form that can be read back whole.
    public static func parse(_ sentence: String, plans: [String: PlanName]) -> DeviceHistoryEvent? {
        if let c = ContractChange.parse(sentence, plans: plans) { return .contract(c) }
        func after(_ prefix: String) -> String? { sentence.hasPrefix(prefix) ? String(sentence.dropFirst(prefix.count)) : nil }
        func words(_ s: String) -> [Substring] { s.split(separator: " ") }
        if sentence.hasPrefix("Ticket "), sentence.hasSuffix(" resolved remotely"),
           let n = Int(words(sentence)[1]) { return .ticketResolvedRemotely(number: n) }
        if sentence.hasPrefix("Ticket "), sentence.hasSuffix(" confirmed by the client"),
           let n = Int(words(sentence)[1]) { return .ticketConfirmed(number: n) }
        if sentence.hasPrefix("Ticket "), sentence.hasSuffix(" closed"), words(sentence).count == 3,
           let n = Int(words(sentence)[1]) { return .ticketClosed(number: n) }
        for kind in ["pm", "repair", "install"] {
            if let findings = after("\(kind.uppercased()) visit completed: ") { return .visitCompleted(kind: kind, findings: findings) }
        }
        if let rest = after("Counter reset: ") {
            let w = words(rest)
            if let total = Int64(w.first ?? "") {
                let was = rest.range(of: "(was ").flatMap { Int64(rest[$0.upperBound...].dropLast()) }
                return .counterReset(total: total, was: was)
            }
        }
        if let rest = after("Meter "), let space = rest.firstIndex(of: " "), let total = Int64(rest[..<space]),
           let open = rest.lastIndex(of: "("), rest.hasSuffix(")") {
            return .counterRead(total: total, source: String(rest[rest.index(after: open)..<rest.index(before: rest.endIndex)]))
        }
        // "Pickup roller (RM2-5452) x1 fitted, charged to contract, warranty until 2026-12-19"
        if let fitted = sentence.range(of: " fitted, charged to "), let x = sentence[..<fitted.lowerBound].range(of: ") x", options: .backwards),
           let open = sentence[..<x.lowerBound].range(of: " (", options: .backwards),
           let quantity = Int(sentence[x.upperBound..<fitted.lowerBound]),
           let until = sentence.range(of: ", warranty until "), let day = CalendarDay(iso: String(sentence[until.upperBound...])) {
            return .partFitted(name: String(sentence[..<open.lowerBound]), partNumber: String(sentence[open.upperBound..<x.lowerBound]),
                               quantity: quantity, charge: String(sentence[fitted.upperBound..<until.lowerBound]), warrantyUntil: day)
        }
        return nil
    }
}

import FleetCore
import Fluent
import Vapor

/// Device labels and the fault reports that come through them. A report needs no account: it is
/// rate-limited by address and by device, and a device that already has an open call gathers the
/// reports on that call instead of opening one per person who saw the fault.
struct LabelDesk {
    let db: any Database
    var now = Date()
    var timeZone: TimeZone = .tehran

    /// What someone standing at the machine tells us.
    struct Report: Content {
        var symptom: String?
        var description: String?
        var name: String?
        var phone: String?
    }

    enum Outcome: Equatable {
        /// A new ticket with this number.
        case opened(Int)
        /// The device's open ticket with this number took the report.
        case added(Int)
    }

    struct Limits {
        var perAddressPerHour: Int
        var perDevicePerHour: Int
    }

    /// The device's live label, made when it has none.
    func label(for deviceID: UUID) async throws -> DeviceLabel {
        try await labels(for: [deviceID])[deviceID]!
    }

    /// The live labels of many devices (a sheet), the missing ones made in one transaction.
    func labels(for deviceIDs: [UUID]) async throws -> [UUID: DeviceLabel] {
        var out: [UUID: DeviceLabel] = [:]
        for chunk in stride(from: 0, to: deviceIDs.count, by: 500).map({ Array(deviceIDs[$0..<min($0 + 500, deviceIDs.count)]) }) {
            for label in try await DeviceLabel.query(on: db).filter(\.$deviceID ~~ chunk).filter(\.$revokedAt == nil).all() {
                out[label.deviceID] = label
            }
        }
        let missing = deviceIDs.filter { out[$0] == nil }
        guard !missing.isEmpty else { return out }
        let made = missing.map { DeviceLabel(deviceID: $0, at: now) }
        try await db.writeTransaction { tx in
            for chunk in stride(from: 0, to: made.count, by: 200) { try await Array(made[chunk..<min(chunk + 200, made.count)]).create(on: tx) }
        }
        for label in made { out[label.deviceID] = label }
        return out
    }

    /// Revokes the device's live label: its link answers 404 from now on, and the next print makes a new one.
    @discardableResult
    func revoke(deviceID: UUID) async throws -> Int {
        let live = try await DeviceLabel.query(on: db).filter(\.$deviceID == deviceID).filter(\.$revokedAt == nil).all()
        try await db.writeTransaction { tx in
            for label in live {
                label.revokedAt = now
                try await label.save(on: tx)
            }
        }
        return live.count
    }

    /// The device behind a live token; nil for a guessed, mistyped or revoked one.
    func device(token: String) async throws -> (DeviceLabel, Device)? {
        // Tokens are 32 URL-safe characters: anything else is not looked up at all.
        guard token.count == 32, token.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }),
              let label = try await DeviceLabel.query(on: db).filter(\.$token == token).filter(\.$revokedAt == nil).first(),
              let device = try await Device.find(label.deviceID, on: db), device.status != DeviceStatus.retired.rawValue else { return nil }
        return (label, device)
    }

    /// Checks the report, then the limits, then opens a ticket (or adds to the open one) and keeps the report,
    /// all in one transaction.
    func report(_ input: Report, label: DeviceLabel, device: Device, address: String, limits: Limits) async throws -> Outcome {
        let name = try DeviceFieldRules.required(input.name, field: "name", limit: 100)
        let phone = try PhoneNumber(input.phone ?? "", field: "phone")
        let symptom = try DeviceFieldRules.optional(input.symptom, field: "symptom", limit: 60)
        if let symptom, !CommonSymptoms.all.contains(where: { $0.code == symptom }) {
            throw FieldError(field: "symptom", message: "choose the fault from the list")
        }
        let typed = try DeviceFieldRules.optional(input.description, field: "description", limit: 1_000)
        guard symptom != nil || typed != nil else {
            throw FieldError(field: "description", message: "say what is wrong: choose it from the list or describe it")
        }
        let description = typed ?? CommonSymptoms.label(symptom!, .fa)

        let hourAgo = now.addingTimeInterval(-3_600)
        let fromAddress = try await FaultReport.query(on: db).filter(\.$address == address).filter(\.$createdAt > hourAgo).count()
        let forDevice = try await FaultReport.query(on: db).filter(\.$deviceID == device.id!).filter(\.$createdAt > hourAgo).count()
        guard fromAddress < limits.perAddressPerHour, forDevice < limits.perDevicePerHour else {
            throw APIError(.tooManyRequests, code: "too_many_reports", message: "too many reports in the last hour; please call the service number")
        }

        return try await db.writeTransaction { tx in
            let open = try await Ticket.query(on: tx).filter(\.$device.$id == device.id!)
                .filter(\.$stage ~~ TicketStage.allCases.filter(\.isOpen).map(\.rawValue))
                .sort(\.$openedAt, .descending).first()
            let ticket: Ticket
            let outcome: Outcome
            if let open {
                ticket = open
                outcome = .added(open.number)
                try await DeviceEvent(deviceID: device.id!, at: now,
                                      .faultReportedAgain(number: open.number, symptom: symptom, description: description), actor: nil).create(on: tx)
            } else {
                var desk = ServiceDesk(db: tx, actor: nil, timeZone: timeZone)
                desk.now = now
                ticket = try await desk.open(TicketInput(deviceId: device.id!, channel: "label", description: description, symptom: symptom),
                                             device: device)
                outcome = .opened(ticket.number)
            }
            let report = FaultReport()
            report.deviceID = device.id!
            report.labelID = label.id!
            report.ticketID = ticket.id!
            report.address = address
            report.reporterName = name
            report.reporterPhone = phone.digits
            report.symptom = symptom
            report.description = description
            report.createdAt = now
            try await report.create(on: tx)
            try await Notifier(db: tx, now: now).labelReport(ticket, opened: outcome == .opened(ticket.number))
            return outcome
        }
    }
}

extension Request {
    /// The address a request came from: the socket's peer, or behind a trusted proxy the address it appended
    /// last to X-Forwarded-For (entries before it are whatever the client sent, so they are not believed).
    var clientAddress: String {
        if application.fleetConfiguration.trustForwardedFor,
           let last = headers.first(name: "X-Forwarded-For")?.split(separator: ",").last?.trimmingCharacters(in: .whitespaces),
           !last.isEmpty {
            return last
        }
        return remoteAddress?.ipAddress ?? "unknown"
    }
}

import FleetCore
import Fluent
import Vapor

/// Where a work report stands with the client.
enum WorkReportApproval: String, Codable, Sendable {
    case pending, approved, disputed
}

extension ServiceDesk {
    /// The client accepts a work report; a repair's call is then confirmed as fixed.
    func approve(_ visit: Visit, comment: String?) async throws {
        let note = try DeviceFieldRules.optional(comment, field: "comment", limit: 2_000)
        try requireReviewable(visit)
        let ticket = try await Ticket.find(visit.ticketID, on: db)
        try await db.writeTransaction { tx in
            record(visit, .approved, note)
            try await visit.save(on: tx)
            if let ticket, ticket.stage == TicketStage.resolved.rawValue {
                var inner = ServiceDesk(db: tx, actor: actor, timeZone: timeZone)
                inner.now = now
                try await inner.advance(ticket, to: .confirmed)
            }
        }
    }

    /// The client disputes a work report with a reason: the call goes back to the dispatcher (a repair's ticket is
    /// reopened), and an alert says who disputed what.
    func dispute(_ visit: Visit, comment: String?) async throws {
        guard let reason = try DeviceFieldRules.optional(comment, field: "comment", limit: 2_000) else {
            throw FieldError(field: "comment", message: "say what is wrong with the work")
        }
        try requireReviewable(visit)
        let ticket = try await Ticket.find(visit.ticketID, on: db)
        let who = actor?.name ?? "the client"
        try await db.writeTransaction { tx in
            record(visit, .disputed, reason)
            try await visit.save(on: tx)
            if let ticket, !(TicketStage(rawValue: ticket.stage)?.isOpen ?? true) {
                ticket.stage = TicketStage.awaitingDispatch.rawValue
                ticket.resolvedAt = nil
                try await ticket.save(on: tx)
                try await Notifier(db: tx, now: now).ticketMoved(ticket)
            }
            try await Notifier(db: tx, now: now).reportDisputed(visit, by: who, reason: reason)
            for device in visit.deviceIDs {
                try await DeviceEvent(deviceID: device, at: now, .reportDisputed(by: who, comment: reason, reopenedTicket: ticket?.number),
                                      actor: actor).create(on: tx)
            }
            let alert = Alert()
            alert.kind = "reportDisputed"
            alert.customerID = visit.customerID
            alert.deviceID = visit.deviceIDs.first
            alert.subject = visit.id!.uuidString
            alert.message = "\(who) disputed the work report of the \(visit.kind) visit" + (ticket.map { " for ticket \($0.number)" } ?? "")
                + ": \(reason)"
            alert.status = "open"
            alert.createdAt = now
            try await alert.create(on: tx)
        }
    }

    private func requireReviewable(_ visit: Visit) throws {
        guard visit.status == "completed" else {
            throw APIError.conflict(code: "not_completed", "the visit has no work report until it is completed")
        }
        guard visit.approval == nil || visit.approval == WorkReportApproval.pending.rawValue else {
            throw APIError.conflict(code: "already_reviewed", "this work report was already \(visit.approval!)")
        }
    }

    private func record(_ visit: Visit, _ state: WorkReportApproval, _ comment: String?) {
        visit.approval = state.rawValue
        visit.approvalAt = now
        visit.approvalBy = actor?.id
        visit.approvalComment = comment
    }
}

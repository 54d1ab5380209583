import FleetCore
import Fluent
import Vapor

/// Tells people what happened, in the transaction of the event itself: a rolled-back event tells nobody.
struct Notifier {
    let db: any Database
    var now = Date()

    /// One notice, in both languages, to each of `users`; returns how many were written.
    @discardableResult
    func tell(_ users: [UUID], _ kind: NoticeKind, fa: String, en: String, link: String?, subject: String? = nil) async throws -> Int {
        var users = Set(users)
        // A reminder is given once: whoever already has one about this subject is not told again.
        if let subject, !users.isEmpty {
            users.subtract(try await Notice.query(on: db).filter(\.$subject == subject).filter(\.$userID ~~ users).all().map(\.userID))
        }
        let notices = users.map { user in
            let n = Notice()
            n.id = UUID()
            n.userID = user
            n.kind = kind.rawValue
            n.textFa = fa
            n.textEn = en
            n.link = link
            n.subject = subject
            n.createdAt = now
            return n
        }
        guard !notices.isEmpty else { return 0 }
        try await notices.create(on: db)
        // Besides the app: an SMS or an e-mail to those who asked for one (sent later by the delivery worker).
        let ids = notices.map(\.userID)
        let wanting = try await User.query(on: db).filter(\.$id ~~ ids)
            .group(.or) { $0.filter(\.$notifySMS == true).filter(\.$notifyEmail == true) }.all()
        var deliveries: [Delivery] = []
        for user in wanting {
            guard let notice = notices.first(where: { $0.userID == user.id }) else { continue }
            if user.notifySMS, let phone = user.phone { deliveries.append(delivery(notice, .sms, to: phone, body: fa)) }
            if user.notifyEmail { deliveries.append(delivery(notice, .email, to: user.email, body: fa + "\n\n" + en)) }
        }
        if !deliveries.isEmpty { try await deliveries.create(on: db) }
        return notices.count
    }

    private func delivery(_ notice: Notice, _ channel: DeliveryChannel, to address: String, body: String) -> Delivery {
        let d = Delivery()
        d.noticeID = notice.id!
        d.userID = notice.userID
        d.channel = channel.rawValue
        d.address = address
        d.body = body
        d.status = DeliveryStatus.pending.rawValue
        d.attempts = 0
        d.nextAttemptAt = now
        d.createdAt = now
        return d
    }

    /// The client users of a customer.
    func clients(of customerID: UUID?) async throws -> [UUID] {
        guard let customerID else { return [] }
        return try await User.query(on: db).filter(\.$customer.$id == customerID).filter(\.$role == Role.client.rawValue).all().compactMap(\.id)
    }

    /// The office: admins and dispatchers.
    func office() async throws -> [UUID] {
        try await User.query(on: db).filter(\.$role ~~ [Role.admin.rawValue, Role.dispatcher.rawValue]).all().compactMap(\.id)
    }

    /// A call moved on: its client's users hear of it, and the technician it was sent to.
    func ticketMoved(_ ticket: Ticket) async throws {
        let stage = TicketStage(rawValue: ticket.stage).map { L10n.stage($0.rawValue) }
        let fa = "درخواست #\(PersianDigits.fromASCII(String(ticket.number))): \(stage?.text(.fa) ?? ticket.stage)"
        let en = "Ticket #\(ticket.number): \(stage?.text(.en) ?? ticket.stage)"
        var users = try await clients(of: ticket.customerID)
        if ticket.stage == TicketStage.dispatched.rawValue, let tech = ticket.technicianID { users.append(tech) }
        try await tell(users, .ticketStage, fa: fa, en: en, link: SiteURL.ticket(ticket.id!).path)
    }

    /// A completed visit's work report waits for the client.
    func reportAwaiting(_ visit: Visit, ticketNumber: Int?) async throws {
        let number = ticketNumber.map { " #\($0)" } ?? ""
        try await tell(try await clients(of: visit.customerID), .reportAwaitingApproval,
                       fa: "گزارش کار\(PersianDigits.fromASCII(number)) در انتظار تأیید شماست",
                       en: "The work report\(number) is waiting for your approval",
                       link: SiteURL.workReport(visit.id!).path + "#review")
    }

    /// The client disputed a work report: the office hears of it.
    func reportDisputed(_ visit: Visit, by who: String, reason: String) async throws {
        try await tell(try await office(), .reportDisputed,
                       fa: "اعتراض \(who) به گزارش کار: \(reason)", en: "\(who) disputed a work report: \(reason)",
                       link: SiteURL.workReport(visit.id!).path)
    }

    /// The consumption report of a period was issued: the client and the office.
    func consumptionIssued(customerID: UUID, from: CalendarDay, to: CalendarDay) async throws {
        let fa = DisplayFormat(language: .fa, timeZone: .tehran), en = DisplayFormat(language: .en, timeZone: .tehran)
        try await tell(try await clients(of: customerID) + office(), .consumptionReport,
                       fa: "گزارش مصرف \(fa.day(from)) تا \(fa.day(to)) صادر شد",
                       en: "The consumption report for \(en.day(from)) to \(en.day(to)) is issued",
                       link: SiteURL.consumptionReport.with([("customerId", customerID.uuidString), ("from", from.description), ("to", to.description)]))
    }

    /// A toner ran low: the client (who may change it) and the office (who may bring one).
    func lowToner(_ alert: Alert, device: MeterDevice) async throws {
        let name = "\(device.make) \(device.model) · \(device.assetTag ?? device.serialNumber)"
        try await tell(try await clients(of: device.customerID) + office(), .lowToner,
                       fa: "تونر رو به اتمام: \(alert.subject ?? "") در \(name)", en: "Low toner: \(alert.subject ?? "") in \(name)",
                       link: SiteURL.device(device.id!).path, subject: "toner:\(alert.id?.uuidString ?? "")")
    }

    /// Someone reported a fault from a device's label: the office calls them back.
    func labelReport(_ ticket: Ticket, opened: Bool) async throws {
        let n = String(ticket.number)
        try await tell(try await office(), .labelReport,
                       fa: opened ? "گزارش خرابی تازه از برچسب دستگاه: درخواست #\(PersianDigits.fromASCII(n))"
                                  : "گزارش دوباره از برچسب دستگاه برای درخواست #\(PersianDigits.fromASCII(n))",
                       en: opened ? "A new fault reported from a device label: ticket #\(n)" : "Another label report on ticket #\(n)",
                       link: SiteURL.ticket(ticket.id!).path)
    }
}

import FleetCore
import Fluent
import Vapor

/// Notices the calendar brings rather than an event: a PM visit tomorrow, a contract ending in 60 and in 30 days,
/// a part's warranty ending in two weeks. Each is given once (by its subject), so running again is harmless.
struct Reminders {
    let db: any Database
    var now = Date()
    var timeZone: TimeZone = .tehran

    static let warrantyWarningDays = 14

    /// Writes the reminders due today; returns how many notices were written.
    @discardableResult
    func run() async throws -> Int {
        var written = 0
        let today = CalendarDay(now, in: timeZone)
        let notifier = Notifier(db: db, now: now)
        let fa = DisplayFormat(language: .fa, timeZone: timeZone), en = DisplayFormat(language: .en, timeZone: timeZone)
        let active = try await Contract.query(on: db).filter(\.$status == ContractStatus.active.rawValue)
            .filter(\.$endsOn >= today.description).all()
        let byID = Dictionary(uniqueKeysWithValues: active.map { ($0.id!, $0) })
        let office = try await notifier.office()

        // PM visits tomorrow: the client (to make the machines available), the office and the technician booked.
        let tomorrow = today.adding(days: 1)
        let slots = byID.isEmpty ? [] : try await ScheduledPM.query(on: db).filter(\.$contract.$id ~~ Array(byID.keys))
            .filter(\.$done == false).filter(\.$date == tomorrow.description).all()
        for slot in slots {
            guard let contract = byID[slot.$contract.id] else { continue }
            var users = try await notifier.clients(of: contract.$customer.id) + office
            if let visit = try await Visit.find(slot.visitID, on: db) { users.append(visit.technicianID) }
            written += try await notifier.tell(users, .pmTomorrow, fa: "سرویس دوره‌ای فردا، \(fa.day(tomorrow))", en: "PM visit tomorrow, \(en.day(tomorrow))",
                                    link: SiteURL.contract(contract.id!).path, subject: "pm:\(slot.id!)")
        }

        // Contracts ending: once at 60 days and once at 30, to the client and the office.
        for days in [60, 30] {
            for contract in active where contract.endsOn <= today.adding(days: days).description {
                guard let ends = CalendarDay(iso: contract.endsOn) else { continue }
                let users = try await notifier.clients(of: contract.$customer.id) + office
                written += try await notifier.tell(users, .contractEnding,
                                        fa: "قرارداد \(contract.planNameFa) در \(fa.day(ends)) به پایان می‌رسد",
                                        en: "The \(contract.planNameEn) contract ends on \(en.day(ends))",
                                        link: SiteURL.contract(contract.id!).path, subject: "contract:\(contract.id!):\(days)")
            }
        }

        // Part warranties ending in two weeks: the office, which may want a look before they run out.
        let lines = try await PartLine.query(on: db).filter(\.$replacedByLineID == nil)
            .filter(\.$warrantyUntil >= today.description)
            .filter(\.$warrantyUntil <= today.adding(days: Self.warrantyWarningDays).description).all()
        for line in lines {
            guard let until = CalendarDay(iso: line.warrantyUntil) else { continue }
            written += try await notifier.tell(office, .warrantyEnding,
                                    fa: "گارانتی \(line.partName) (\(line.partNumber)) در \(fa.day(until)) تمام می‌شود",
                                    en: "The warranty of \(line.partName) (\(line.partNumber)) ends on \(en.day(until))",
                                    link: SiteURL.device(line.deviceID).path, subject: "warranty:\(line.id!)")
        }
        return written
    }

    /// In `serve`, looked at every hour; reminders wait for the working day (08:00) so nobody is texted at night.
    static func runIfDaytime(_ app: Application, now: Date = Date()) async throws {
        let zone = app.fleetConfiguration.timeZone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        guard calendar.component(.hour, from: now) >= 8 else { return }
        try await SingleInstance.run(app, lockKey: 0x466C_6565_7452_6D64, busy: ()) {
            try await Reminders(db: app.db, now: now, timeZone: zone).run()
        }
    }
}

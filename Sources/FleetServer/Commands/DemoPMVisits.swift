import FleetCore
import Fluent
import Foundation

/// The demo's PM visits: each contract's scheduled PM visits before today done (one visit to all its devices,
/// and for the second of a period its consumption report issued, as completing it in the app does), and the
/// latest second PM of a period that is due (or due within 60 days) booked for today instead, so that a
/// technician completing it sees the report issued and the alert raised.
struct DemoPMVisits {
    let db: any Database
    var timeZone: TimeZone = .tehran
    var paperSheetRials = AppConfiguration.defaultPaperSheetRials

    /// Returns the PM visits done and the ones booked for today.
    func seed(technicianIDs: [UUID], now: Date = Date()) async throws -> (done: Int, booked: Int) {
        guard !technicianIDs.isEmpty else { return (0, 0) }
        let today = CalendarDay(now, in: timeZone)
        var done = 0, booked = 0
        let contracts = try await Contract.query(on: db).filter(\.$status == ContractStatus.active.rawValue).sort(\.$startsOn).all()
        for (n, contract) in contracts.enumerated() {
            // A client with a resident technician has its PMs done by them.
            let technician = contract.residentTechnicianID ?? technicianIDs[n % technicianIDs.count]
            let devices = try await ContractDevice.query(on: db).filter(\.$contract.$id == contract.id!).filter(\.$removedOn == nil).all()
                .map { $0.$device.id }
            guard !devices.isEmpty else { continue }
            let slots = try await ScheduledPM.query(on: db).filter(\.$contract.$id == contract.id!).sort(\.$number).all()
            let horizon = today.adding(days: 60).description
            let showcase = slots.last { $0.secondOfPeriod && !$0.done && $0.date <= horizon }
            for slot in slots where !slot.done {
                let visit = Visit()
                visit.id = UUID()
                visit.kind = "pm"
                visit.customerID = contract.$customer.id
                visit.technicianID = technician
                visit.deviceIDs = devices
                visit.pmScheduleID = slot.id
                if slot.id == showcase?.id {
                    visit.scheduledAt = today.start(in: timeZone).addingTimeInterval(9 * 3_600)
                    visit.status = "scheduled"
                    try await db.writeTransaction { tx in
                        try await visit.create(on: tx)
                        slot.visitID = visit.id
                        try await slot.save(on: tx)
                    }
                    booked += 1
                    break
                }
                guard let day = CalendarDay(iso: slot.date), day < today else { break }
                let start = day.start(in: timeZone).addingTimeInterval(9 * 3_600)
                visit.scheduledAt = start
                visit.startedAt = start
                visit.finishedAt = start.addingTimeInterval(Double(devices.count) * 600)
                visit.status = "completed"
                visit.findings = "سرویس دوره‌ای کامل: تمیزکاری مسیر کاغذ، بررسی فیوزر و غلتک‌ها، به‌روزرسانی کنتورها"
                visit.signerName = "مسئول فناوری اطلاعات"
                visit.satisfaction = 5
                visit.approval = WorkReportApproval.approved.rawValue
                visit.approvalAt = visit.finishedAt!.addingTimeInterval(86_400)
                try await db.writeTransaction { tx in
                    try await visit.create(on: tx)
                    slot.visitID = visit.id
                    slot.done = true
                    try await slot.save(on: tx)
                    if slot.secondOfPeriod {
                        let issued = try await ReportIssuer(db: tx, timeZone: timeZone, paperSheetRials: paperSheetRials)
                            .issueConsumption(contract: contract, visitID: visit.id, on: day, now: visit.finishedAt!)
                        // A past period's alert has long been read.
                        try await Alert.query(on: tx).filter(\.$subject == issued.id!.uuidString)
                            .set(\.$status, to: "dismissed").set(\.$closedAt, to: visit.finishedAt!).update()
                    }
                }
                done += 1
            }
        }
        return (done, booked)
    }
}

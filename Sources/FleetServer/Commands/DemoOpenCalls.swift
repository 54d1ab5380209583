import FleetCore
import Fluent
import Foundation

/// The demo's calls still open, so that the board, the dashboard and a technician's day have work on them: calls
/// taken through the service desk as the app takes them (coverage, response time and likely parts worked out
/// then), some of them hours or days ago and past their response time, some dispatched for today.
struct DemoOpenCalls {
    let db: any Database
    var timeZone: TimeZone = .tehran

    struct Call {
        let hoursAgo: Double
        let symptom: String
        let description: String
        /// Dispatched to the first technician for this hour of today (local time), or left in triage.
        let visitAtHour: Int?
    }

    static let calls: [Call] = [
        Call(hoursAgo: 0.5, symptom: "paper jam", description: "کاغذ در سینی دوم گیر می‌کند و دستگاه خطا می‌دهد", visitAtHour: nil),
        Call(hoursAgo: 2, symptom: "streaks", description: "روی همهٔ برگه‌ها خط عمودی خاکستری می‌افتد", visitAtHour: nil),
        Call(hoursAgo: 30, symptom: "faded print", description: "چاپ‌ها کم‌رنگ شده با اینکه تونر تازه است", visitAtHour: nil),
        Call(hoursAgo: 75, symptom: "error code", description: "پیغام خطای فیوزر روی صفحه", visitAtHour: nil),
        Call(hoursAgo: 20, symptom: "paper jam", description: "در خروجی کاغذ چروک می‌شود", visitAtHour: 11),
        Call(hoursAgo: 3, symptom: "no power", description: "از صبح روشن نمی‌شود", visitAtHour: 14),
    ]

    /// Returns the calls opened.
    func seed(technicianIDs: [UUID], now: Date = Date()) async throws -> Int {
        guard let technician = technicianIDs.first else { return 0 }
        // One active machine from each client in turn, the ones near the start of each client's list.
        let devices = try await Device.query(on: db).filter(\.$isLoaner == false).filter(\.$status == DeviceStatus.active.rawValue)
            .sort(\.$serialNumber).all()
        let byCustomer = Dictionary(grouping: devices) { $0.$customer.id }.values.sorted { $0[0].serialNumber < $1[0].serialNumber }
        guard !byCustomer.isEmpty else { return 0 }
        let today = CalendarDay(now, in: timeZone)
        var opened = 0
        for (i, call) in Self.calls.enumerated() {
            let list = byCustomer[i % byCustomer.count]
            let device = list[(i / byCustomer.count) % list.count]
            var desk = ServiceDesk(db: db, actor: nil, timeZone: timeZone)
            desk.now = now.addingTimeInterval(-call.hoursAgo * 3_600)
            let ticket = try await desk.open(TicketInput(deviceId: device.id!, channel: "phone", description: call.description,
                                                         symptom: call.symptom), device: device)
            if let hour = call.visitAtHour, ticket.stage != TicketStage.dispatched.rawValue {
                desk.now = now.addingTimeInterval(-call.hoursAgo * 3_600 + 1_800)
                _ = try await desk.dispatch(ticket, technicianID: technician,
                                            at: today.start(in: timeZone).addingTimeInterval(Double(hour) * 3_600))
            }
            opened += 1
        }
        return opened
    }
}

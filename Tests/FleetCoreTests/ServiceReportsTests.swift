import FleetCore
import Foundation
import Testing

@Suite("Parts replaced, SLA compliance and PM compliance")
struct ServiceReportsTests {
    static func day(_ iso: String) -> CalendarDay { CalendarDay(iso: iso)! }
    static func tehran(_ day: String, _ hour: Double) -> Date {
        CalendarDay(iso: day)!.start(in: .tehran).addingTimeInterval(hour * 3600)
    }

    // MARK: Parts

    static let x = UUID(), y = UUID()
    static func line(_ device: UUID, _ label: String, _ part: String, _ quantity: Int, _ price: Int, _ charge: PartsReport.Charge) -> PartsReport.Line {
        PartsReport.Line(deviceId: device, deviceLabel: label, partNumber: part, partName: "name of \(part)", quantity: quantity,
                         unitPriceRials: price, charge: charge, fittedOn: day("2026-10-01"))
    }

    @Test("Parts by device, by part and by charge; a fuser fitted again under its warranty counts as a repeat")
    func parts() throws {
        let report = PartsReport.build([
            Self.line(Self.x, "X", "RM2-5452", 1, 10_000_000, .billable),
            Self.line(Self.x, "X", "CE-505", 2, 3_000_000, .contract),
            Self.line(Self.y, "Y", "RM2-5452", 1, 10_000_000, .warranty),
            Self.line(Self.y, "Y", "RM2-8100", 1, 2_000_000, .billable),
        ])
        #expect(report.totals.quantity == 5)
        #expect(report.totals.contractRials == 6_000_000)
        #expect(report.totals.warrantyRials == 10_000_000)
        #expect(report.totals.billableRials == 12_000_000)
        #expect(report.totals.totalRials == 28_000_000)
        // X: 10,000,000 + 2 × 3,000,000 = 16,000,000 leads Y's 12,000,000.
        #expect(report.devices.map(\.label) == ["X", "Y"])
        #expect(report.devices.map(\.amounts.totalRials) == [16_000_000, 12_000_000])
        #expect(report.devices.map(\.parts) == [2, 2])
        #expect(report.parts.map(\.partNumber) == ["RM2-5452", "CE-505", "RM2-8100"])
        let fuser = report.parts[0]
        #expect(fuser.devices == 2)
        #expect(fuser.warrantyRepeats == 1)
        #expect((fuser.amounts.billableRials, fuser.amounts.warrantyRials) == (10_000_000, 10_000_000))
        let json = String(decoding: try JSONEncoder().encode(report.totals), as: UTF8.self)
        #expect(json.contains("\"totalRials\":28000000"))
    }

    // MARK: SLA

    static func call(_ number: Int, plan: String?, technician: String?, resident: Bool = false, opened: Date, hours: Int,
                     responded: Date?, resolved: Date?) -> SLAReport.Call {
        SLAReport.Call(ticketId: UUID(), number: number, deviceLabel: "D\(number)", openedAt: opened,
                       responseDueAt: WorkingHours().due(from: opened, hours: Double(hours)), respondedAt: responded, resolvedAt: resolved,
                       responseHours: hours, plan: plan, technician: technician, viaResident: resident)
    }

    /// Saturday 21 November 2026 to Saturday 28 November, Tehran office hours, no holidays.
    static let sla = SLAReport.build([
        // Saturday 9:00, 4 h: due 13:00, answered 12:00 (3 h); fix due 9:00 + 12 h = Sunday 12:00, fixed Saturday 16:00 (7 h).
        call(1, plan: "Gold", technician: "Ali", opened: tehran("2026-11-21", 9), hours: 4,
             responded: tehran("2026-11-21", 12), resolved: tehran("2026-11-21", 16)),
        // Wednesday 15:00, 4 h: 2 h Wednesday, due Thursday 10:00, answered 11:00 (5 h, late); fix due Saturday 13:00
        // (2 h Wed, 5 h Thu, Friday off, 5 h Sat), fixed Saturday 12:00 (11 h).
        call(2, plan: "Gold", technician: "Ali", opened: tehran("2026-11-25", 15), hours: 4,
             responded: tehran("2026-11-26", 11), resolved: tehran("2026-11-28", 12)),
        // Settled by the remote desk in half an hour, no contract.
        call(3, plan: nil, technician: nil, opened: tehran("2026-11-21", 10), hours: 8,
             responded: tehran("2026-11-21", 10.5), resolved: tehran("2026-11-21", 10.5)),
        // The resident's call, Sunday 8:00: never answered; response due 12:00, fix due Monday 11:00, both passed by now.
        call(4, plan: "Gold", technician: "Reza", resident: true, opened: tehran("2026-11-22", 8), hours: 4,
             responded: nil, resolved: nil),
    ], now: tehran("2026-11-28", 14), working: WorkingHours())

    @Test("Response against each call's due time, resolution against response hours plus a working day")
    func slaTotals() {
        let t = Self.sla.totals
        #expect((t.calls, t.responseMet, t.responseMissed, t.responsePending) == (4, 2, 2, 0))
        #expect((t.resolutionMet, t.resolutionMissed, t.resolutionPending) == (3, 1, 0))
        #expect(t.responseRate == 50)
        #expect(t.resolutionRate == 75)
        // (3 + 5 + 0.5) / 3 and (7 + 11 + 0.5) / 3 working hours.
        #expect(t.meanResponseHours == 2.8)
        #expect(t.meanResolutionHours == 6.2)
        #expect(Self.sla.misses.map(\.number) == [4, 2])
        #expect(Self.sla.misses[1].resolutionDueAt == Self.tehran("2026-11-28", 13))
        #expect(Self.sla.misses[1].response == .missed && Self.sla.misses[1].resolution == .met)
    }

    @Test("By plan, by technician without the resident's calls, and the resident apart")
    func slaGroups() {
        #expect(Self.sla.byPlan.map(\.name) == ["Gold", nil])
        #expect(Self.sla.byPlan[0].calls == 3)
        #expect(Self.sla.byPlan[0].responseRate == 33.3)
        #expect(Self.sla.byTechnician.map(\.name) == ["Ali", nil])
        #expect((Self.sla.byTechnician[0].responseMet, Self.sla.byTechnician[0].responseMissed) == (1, 1))
        #expect(Self.sla.byTechnician[0].meanResolutionHours == 9)
        #expect(Self.sla.residents.map(\.name) == ["Reza"])
        #expect(Self.sla.residents[0].responseRate == 0)
        #expect(Self.sla.residents[0].meanResponseHours == nil)
    }

    @Test("An open call before its due time is pending, not missed")
    func slaPending() {
        let r = SLAReport.build([Self.call(5, plan: "Gold", technician: "Ali", opened: Self.tehran("2026-11-28", 9), hours: 4,
                                           responded: nil, resolved: nil)],
                                now: Self.tehran("2026-11-28", 11), working: WorkingHours())
        #expect((r.totals.responsePending, r.totals.resolutionPending) == (1, 1))
        #expect(r.totals.responseRate == nil)
        #expect(r.misses.isEmpty)
    }

    // MARK: PM

    static let a = UUID(), b = UUID()
    static func slot(_ contract: UUID, _ number: Int, _ date: String, done: String?, technician: String?) -> PMCompliance.Slot {
        PMCompliance.Slot(contractId: contract, contractLabel: contract == a ? "A" : "B", number: number, date: day(date),
                          doneOn: done.map(day), technician: technician, visitId: nil)
    }

    static let pm = PMCompliance.build([
        slot(a, 1, "2026-01-10", done: "2026-01-20", technician: "Ali"),   // 10 days after: within 14, on time
        slot(a, 2, "2026-03-10", done: "2026-04-01", technician: "Ali"),   // window closed 24 March: 8 days late
        slot(a, 3, "2026-05-01", done: nil, technician: nil),              // closed 15 May: missed, 17 days by 1 June
        slot(b, 2, "2026-05-25", done: nil, technician: "Sara"),           // booked, inside its window: due
        slot(b, 3, "2026-07-01", done: nil, technician: nil),              // upcoming
        slot(b, 1, "2026-02-01", done: "2026-01-25", technician: "Sara"),  // early is on time
    ], today: day("2026-06-01"))

    @Test("On time within 14 days, late after, missed when the window closed undone")
    func pmStatuses() {
        #expect(Self.pm.visits.map(\.status) == [.onTime, .onTime, .late, .missed, .due, .upcoming])
        #expect(Self.pm.visits.map(\.daysLate) == [nil, nil, 8, 17, nil, nil])
        let t = Self.pm.totals
        #expect((t.visits, t.onTime, t.late, t.missed, t.due, t.upcoming) == (6, 2, 1, 1, 1, 1))
        // 2 on time of the 4 whose window has closed.
        #expect(t.onTimeRate == 50)
        #expect(t.meanDaysLate == 8)
    }

    @Test("PM compliance by contract and by technician")
    func pmGroups() {
        #expect(Self.pm.byContract.map(\.name) == ["A", "B"])
        #expect(Self.pm.byContract[0].onTimeRate == 33.3)
        #expect(Self.pm.byContract[1].onTimeRate == 100)
        #expect(Self.pm.byTechnician.map(\.name) == ["Ali", "Sara"])
        #expect(Self.pm.byTechnician.map(\.onTimeRate) == [50, 100])
        #expect(Self.pm.byTechnician[1].due == 1)
    }
}

import FleetCore
import Fluent
import Foundation
import Testing
import Vapor

@testable import FleetServer

@Suite("Demo data and the prediction benchmark")
struct DemoTests {
    @Test("seed-demo fills an empty database once; the likely-part ranking finds most replaced parts in its top 3")
    func seedAndPredict() async throws {
        try await withFleetApp { app in
            var context = CommandContext(console: app.console, input: CommandInput(arguments: ["fleetcare"]))
            context.application = app
            // The seed's own clock reads at or after this; the check below must not use a later one (the seed takes
            // a minute or more on a busy machine, and a repair finished just inside its ten days fell outside the test's).
            let seeded = Date()
            try await SeedDemoCommand().run(using: &context)
            #expect(try await Customer.query(on: app.db).count() == 4)
            #expect(try await Device.query(on: app.db).count() == 340 + 120 + 85 + 42 + 8)
            #expect(try await Contract.query(on: app.db).count() == 4)
            let largest = try await Customer.query(on: app.db).filter(\.$name == "بانک پارس‌نوین").first()!
            #expect(try await Device.query(on: app.db).filter(\.$customer.$id == largest.id!).count() == 340)
            #expect(try await User.query(on: app.db).filter(\.$role == "client").count() == 4)
            // The last days' repairs wait for the clients' review, their calls resolved; the rest were approved and closed.
            let pending = try await Visit.query(on: app.db).filter(\.$approval == "pending").all()
            #expect(!pending.isEmpty)
            for visit in pending {
                #expect(try await Ticket.find(visit.ticketID, on: app.db)?.stage == "resolved")
                #expect(visit.finishedAt! > seeded.addingTimeInterval(-10 * 86_400))
            }
            #expect(try await Visit.query(on: app.db).filter(\.$status == "completed").filter(\.$approval == nil).count() == 0)
            // Each of them was announced to its client's users.
            #expect(try await Notice.query(on: app.db).filter(\.$kind == "reportAwaitingApproval").count() >= pending.count)

            var again = CommandContext(console: app.console, input: CommandInput(arguments: ["fleetcare"]))
            again.application = app
            await #expect(throws: CommandFailure.self) { try await SeedDemoCommand().run(using: &again) }

            // A second PM of a period is booked for today: completing it issues the consumption report and its alert.
            let booked = try await Visit.query(on: app.db).filter(\.$kind == "pm").filter(\.$status == "scheduled").all()
            #expect(!booked.isEmpty)
            let pastIssued = try await IssuedReport.query(on: app.db).count()
            if let visit = booked.first, let slot = try await ScheduledPM.find(visit.pmScheduleID, on: app.db) {
                #expect(slot.secondOfPeriod)
                let tech = try await User.find(visit.technicianID, on: app.db)!
                let finished = Date().addingTimeInterval(-60)
                let signOff = VisitCompletion.SignOff(signerName: "IT", satisfaction: 5, comment: nil, signature: nil)
                let completion = VisitCompletion(startedAt: finished.addingTimeInterval(-3_600), finishedAt: finished, findings: "PM done",
                                                 partsUsed: [], signOff: signOff, allowNegativeStock: nil)
                try await ServiceDesk(db: app.db, actor: tech).complete(visit, completion)
                #expect(try await IssuedReport.query(on: app.db).count() == pastIssued + 1)
                let alert = try await Alert.query(on: app.db).filter(\.$kind == "consumptionReport").filter(\.$status == "open").all()
                #expect(alert.count == 1 && alert.first?.customerID == visit.customerID)
            }

            let result = try await PredictionBench(db: app.db).run()
            #expect(result.repairs > 500)
            #expect(Double(result.top3) / Double(result.repairs) > 0.8)
            #expect(result.top3 > result.baselineTop3)
        }
    }
}

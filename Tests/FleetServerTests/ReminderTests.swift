import FleetCore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import FleetServer

@Suite("Reminders and low toner notices")
struct ReminderTests {
    @Test("A contract ending is told once at 60 days and once at 30; PM tomorrow and warranties ending too; never twice")
    func calendar() async throws {
        try await withFleetApp { app in
            let s = try await ServiceFixture.make(app)
            let today = ServiceFixture.today
            // The fixture's contract ends in 300 days: bring its end to 45 days from now.
            let contract = try #require(try await Contract.find(UUID(uuidString: s.contract), on: app.db))
            contract.endsOn = today.adding(days: 45).description
            try await contract.save(on: app.db)
            // A PM visit planned for tomorrow, and a fitted part whose warranty ends in ten days.
            let slot = try #require(try await ScheduledPM.query(on: app.db).filter(\.$contract.$id == contract.id!).filter(\.$done == false).first())
            slot.date = today.adding(days: 1).description
            try await slot.save(on: app.db)
            let visit = try await s.dispatch(try await s.openTicket("paper jam").json["id"] as! String)
            #expect(try await s.complete(visit, parts: ["RM2-5452"]).status == .ok)
            let line = try #require(try await PartLine.query(on: app.db).first())
            line.warrantyUntil = today.adding(days: 10).description
            try await line.save(on: app.db)
            let before = try await Notice.query(on: app.db).count()

            let noon = today.start(in: .tehran).addingTimeInterval(12 * 3600)
            var reminders = Reminders(db: app.db, now: noon)
            // client A + admin + dispatcher: contract (60), PM; admin + dispatcher: warranty.
            #expect(try await reminders.run() == 3 + 3 + 2)
            #expect(try await reminders.run() == 0, "each reminder is given once")
            let client = try await s.f.clientA.notices("kind")
            #expect(client.filter { $0 == "contractEnding" }.count == 1)
            #expect(client.contains("pmTomorrow"))
            #expect(!client.contains("warrantyEnding"))
            #expect(try await s.f.dispatcher.notices("kind").contains("warrantyEnding"))
            #expect(try await Notice.query(on: app.db).count() == before + 8)

            // Sixteen days on, the contract is 29 days from its end: the 30-day reminder, once.
            reminders.now = noon.addingTimeInterval(16 * 86_400)
            let later = try await reminders.run()
            #expect(try await Notice.query(on: app.db).filter(\.$kind == "contractEnding").count() == 6)
            #expect(later == 3, "client A, the admin and the dispatcher; the PM day and the warranty have passed")
            #expect(try await reminders.run() == 0)
            let texts = try await s.f.clientA.get("/api/v1/notifications").items.compactMap { $0["textEn"] as? String }
            #expect(texts.filter { $0.contains("contract ends on") }.count == 2)
        }
    }

    @Test("Reminders wait for the working day: none at 3 in the morning, given at 9")
    func daytime() async throws {
        try await withFleetApp { app in
            let s = try await ServiceFixture.make(app)
            let contract = try #require(try await Contract.find(UUID(uuidString: s.contract), on: app.db))
            contract.endsOn = ServiceFixture.today.adding(days: 20).description
            try await contract.save(on: app.db)
            let midnight = ServiceFixture.today.start(in: .tehran)
            try await Reminders.runIfDaytime(app, now: midnight.addingTimeInterval(3 * 3600))
            #expect(try await Notice.query(on: app.db).filter(\.$kind == "contractEnding").count() == 0)
            try await Reminders.runIfDaytime(app, now: midnight.addingTimeInterval(9 * 3600))
            #expect(try await Notice.query(on: app.db).filter(\.$kind == "contractEnding").count() > 0)
        }
    }

    @Test("A toner running low tells the client and the office once, until it is refilled")
    func lowToner() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let device = try await f.device(serial: "TONER-1")
            func read(_ level: Int, _ hoursAgo: Double) async throws {
                let at = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-hoursAgo * 3600))
                let r = try await f.dispatcher.post("/api/v1/readings", #"""
                    {"readings":[{"deviceId":"\#(device)","takenAt":"\#(at)","source":"manual","totalPages":\#(1000 + Int(100 - hoursAgo)),
                     "supplies":[{"name":"Black Cartridge","kind":"toner","levelPercent":\#(level)}]}]}
                    """#)
                #expect(r.json["accepted"] as? Int == 1, "\(r.text)")
            }
            try await read(40, 30)
            try await read(8, 20)
            try await read(5, 10)
            #expect(try await f.clientA.notices("kind") == ["lowToner"])
            #expect(try await f.dispatcher.notices("kind") == ["lowToner"])
            #expect(try await f.clientB.notices("kind").isEmpty)
            let text = try await f.clientA.get("/api/v1/notifications").items.first?["textFa"] as? String
            #expect(text == "تونر رو به اتمام: Black Cartridge در HP LaserJet Pro M404dn · TONER-1")
            try await read(100, 5)
            try await read(7, 1)
            #expect(try await f.clientA.notices("kind") == ["lowToner", "lowToner"], "low again after a refill is a new notice")
        }
    }
}

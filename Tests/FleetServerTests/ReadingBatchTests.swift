import Fluent
import FleetCore
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import FleetServer

@Suite("Readings in batches")
struct ReadingBatchTests {
    @Test("A batch out of order, late and repeated, stored around earlier ones, leaves the monthly figures the readings give from scratch")
    func batchMatchesScratch() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let a = try await f.device(serial: "BAT-1"), b = try await f.device(serial: "BAT-2")
            let iso = ISO8601DateFormatter()
            let start = Date().addingTimeInterval(-80 * 86_400)
            func r(_ device: String, _ day: Int, _ pages: Int, _ source: String = "snmp") -> String {
                #"{"deviceId":"\#(device)","takenAt":"\#(iso.string(from: start.addingTimeInterval(Double(day) * 86_400)))","source":"\#(source)","totalPages":\#(pages)}"#
            }
            func batch(_ items: [String]) -> String { #"{"readings":["# + items.joined(separator: ",") + "]}" }
            let first = try await f.technician.post("/api/v1/readings", batch([r(a, 0, 1_000), r(a, 20, 3_000), r(a, 50, 6_000), r(b, 10, 500)]))
            #expect(first.json["accepted"] as? Int == 4)
            // Late (between stored ones), out of order, repeated within the batch and against the store, and too high for its place.
            let second = try await f.technician.post("/api/v1/readings", batch([
                r(a, 10, 2_000), r(a, 70, 8_000), r(a, 60, 7_000), r(a, 60, 7_000), r(a, 20, 3_000), r(b, 40, 2_500), r(b, 30, 9_999),
                r(b, 5, 400, "manual"),
            ]))
            #expect(second.json["accepted"] as? Int == 5, "\(second.text)")
            #expect(second.json["duplicates"] as? Int == 2)
            #expect((second.json["rejected"] as? [[String: Any]])?.map { $0["index"] as? Int } == [6])
            for device in [a, b] {
                let id = UUID(uuidString: device)!
                let stored = try await MeterReadingRecord.query(on: app.db).filter(\.$device.$id == id).all().map(\.reading)
                let scratch = MeterMonth.of(stored, timeZone: .tehran)
                let months = try await MeterMonthRecord.query(on: app.db).filter(\.$deviceID == id).all()
                for m in months where abs(m.pages) > 0.001 || scratch[m.month] != nil {
                    #expect(abs(m.pages - (scratch[m.month]?.pages ?? 0)) < 0.01, "\(m.month): \(m.pages) stored, \(scratch[m.month]?.pages ?? 0) from scratch")
                }
                #expect(Set(scratch.keys).isSubset(of: Set(months.map(\.month))))
            }
            // The manual reading went into the device's history; the collector's did not.
            let history = try await f.admin.get("/api/v1/devices/\(b)/history").items.compactMap { $0["summary"] as? String }
            #expect(history.contains { $0.contains("Meter 400 pages (manual)") })
        }
    }

    @Test("A month's figures follow their device to its new customer, and keep the last customer when the device has none")
    func monthFollowsCustomer() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let a = try await f.device(serial: "MOVE-1"), other = try await f.device(serial: "STAY-1")
            let id = UUID(uuidString: a)!, otherID = UUID(uuidString: other)!
            let iso = ISO8601DateFormatter()
            // Ten days before this month began: all three readings fall in one month, whenever the test runs.
            let base = SolarMonth(containing: Date(), timeZone: .tehran).start.addingTimeInterval(-10 * 86_400)
            var pages = 1_000
            func send(_ hour: Double) async throws {
                pages += 100
                let at = iso.string(from: base.addingTimeInterval(hour * 3_600))
                let r = try await f.technician.post("/api/v1/readings", #"{"readings":[{"deviceId":"\#(a)","takenAt":"\#(at)","source":"snmp","totalPages":\#(pages)},{"deviceId":"\#(other)","takenAt":"\#(at)","source":"snmp","totalPages":\#(pages)}]}"#)
                #expect(r.json["accepted"] as? Int == 2, "\(r.text)")
            }
            func customers() async throws -> (moved: [UUID?], stayed: [UUID?]) {
                let months = try await MeterMonthRecord.query(on: app.db).all()
                return (months.filter { $0.deviceID == id }.map(\.customerID), months.filter { $0.deviceID == otherID }.map(\.customerID))
            }
            let (customerA, customerB) = (UUID(uuidString: f.customerA)!, UUID(uuidString: f.customerB)!)
            // A device's first reading starts its counts; the second makes its month.
            try await send(1)
            try await send(2)
            #expect(try await customers().moved == [customerA])
            let device = try #require(try await Device.find(id, on: app.db))
            device.$customer.id = customerB
            try await device.save(on: app.db)
            try await send(3)
            #expect(try await customers().moved == [customerB])
            #expect(try await customers().stayed == [customerA])
            device.$customer.id = nil
            try await device.save(on: app.db)
            try await send(4)
            #expect(try await customers().moved == [customerB])
            let sums = try await MeterMonthRecord.query(on: app.db).filter(\.$deviceID == id).all().map(\.pages)
            #expect(sums.count == 1 && abs(sums[0] - 300) < 0.01, "\(sums)")
        }
    }

    @Test("Batches sent at the same time to an SQLite file are all stored: writers take turns rather than fail")
    func concurrentBatches() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try await withFileApp("\(dir)/fleet.sqlite") { app in
            let f = try await Fixture.make(app)
            let csv = "customer,site,serialNumber,make,model\n" + (1...160).map { "Bank A,HQ,CC-\($0),HP,LaserJet Pro M404dn" }.joined(separator: "\n")
            #expect(try await f.admin.request(.POST, "/api/v1/devices/import", body: csv, contentType: "text/csv").status == .ok)
            let ids = try await Device.query(on: app.db).all().compactMap { $0.id?.uuidString }
            let at = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-600))
            let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                for part in 0..<8 {
                    let items = ids[(part * 20)..<((part + 1) * 20)].map {
                        #"{"deviceId":"\#($0)","takenAt":"\#(at)","source":"snmp","totalPages":1000,"supplies":[{"kind":"toner","levelPercent":50,"name":"Black Toner"}]}"#
                    }
                    group.addTask { try await f.technician.post("/api/v1/readings", #"{"readings":["# + items.joined(separator: ",") + "]}").status.code }
                }
                return try await group.reduce(into: [UInt]()) { $0.append($1) }
            }
            #expect(statuses == Array(repeating: 200, count: 8), "\(statuses)")
            #expect(try await MeterReadingRecord.query(on: app.db).count() == 160)
        }
    }

    @Test("A batch read before the writer is read again when a batch for the same device, a device edit or a stored reading's removal came between")
    func readAheadChecked() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try await withFileApp("\(dir)/fleet.sqlite") { app in
            let f = try await Fixture.make(app)
            let a = UUID(uuidString: try await f.device(serial: "RA-1"))!, b = UUID(uuidString: try await f.device(serial: "RA-2"))!
            let book = ReadingBook(db: app.db, sender: .collector)
            let start = Date().addingTimeInterval(-30 * 86_400)
            @Sendable func reading(_ device: UUID, _ day: Int, _ pages: Int64) -> ReadingInput {
                ReadingInput(deviceId: device, takenAt: start.addingTimeInterval(Double(day) * 86_400), source: "snmp", totalPages: pages)
            }
            _ = try await book.record([reading(a, 0, 1_000), reading(b, 0, 1_000)])

            // Read ahead at day 5 with 3,000 pages; meanwhile day 10 with 2,000 is stored: the first is now too high.
            let early = try #require(try await book.readAhead([reading(a, 5, 3_000)], now: Date()))
            #expect(early.plan.result.accepted == 1)
            #expect(try await book.record([reading(a, 10, 2_000)]).accepted == 1)
            let late = try await book.write([reading(a, 5, 3_000)], now: Date(), readAhead: early)
            #expect(late.accepted == 0)
            #expect(late.rejected.map(\.code) == ["counter_ahead_of_later_reading"], "\(late.rejected)")

            // The same reading read ahead by two batches: one stores it, the other counts it as a duplicate.
            let twice = [reading(a, 20, 4_000)]
            let first = try #require(try await book.readAhead(twice, now: Date()))
            let second = try #require(try await book.readAhead(twice, now: Date()))
            #expect(try await book.write(twice, now: Date(), readAhead: first).accepted == 1)
            let again = try await book.write(twice, now: Date(), readAhead: second)
            #expect(again.accepted == 0 && again.duplicates == 1)

            // What the ledger lets through: this process's committed batches for other devices, and nothing else.
            let ledger = ReadingLedger.shared
            func next(_ mark: ReadingLedger.Mark?) throws -> ReadingLedger.Mark {
                let m = try #require(mark)
                return ReadingLedger.Mark(ledger: m.ledger, seq: m.seq + 1)
            }
            let before = try #require(try await ReadingLedger.mark(on: app.db))
            _ = try await book.record([reading(b, 21, 2_000)])
            #expect(ledger.unchanged([a], since: before, upTo: try next(try await ReadingLedger.mark(on: app.db))))
            #expect(!ledger.unchanged([a, b], since: before, upTo: try next(try await ReadingLedger.mark(on: app.db))))
            let otherDatabase = ReadingLedger.Mark(ledger: UUID().text, seq: before.seq)
            #expect(!ledger.unchanged([a], since: otherDatabase, upTo: try next(try await ReadingLedger.mark(on: app.db))))

            let beforeEdit = try #require(try await ReadingLedger.mark(on: app.db))
            let device = try #require(try await Device.find(b, on: app.db))
            device.room = "Room 12"
            try await device.save(on: app.db)
            #expect(try await ReadingLedger.mark(on: app.db)?.seq == beforeEdit.seq + 1)
            #expect(!ledger.unchanged([a], since: beforeEdit, upTo: try next(try await ReadingLedger.mark(on: app.db))))

            let beforeDelete = try #require(try await ReadingLedger.mark(on: app.db))
            try await MeterReadingRecord.query(on: app.db).filter(\.$device.$id == b).filter(\.$totalPages == 2_000).delete()
            #expect(!ledger.unchanged([a], since: beforeDelete, upTo: try next(try await ReadingLedger.mark(on: app.db))))

            // A batch inside a larger transaction counts, but is not known to have committed: later reads are redone.
            let beforeNested = try #require(try await ReadingLedger.mark(on: app.db))
            try await app.db.transaction { tx in _ = try await ReadingBook(db: tx, sender: .collector).record([reading(b, 25, 2_500)]) }
            #expect(!ledger.unchanged([a], since: beforeNested, upTo: try next(try await ReadingLedger.mark(on: app.db))))
        }
    }

    @Test("What a batch learnt of its devices and their newest readings answers the next batch, until a device is added, edited or removed, a reading removed, or a writer unknown to this process counted")
    func memoryKeptTrue() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try await withFileApp("\(dir)/fleet.sqlite") { app in
            let f = try await Fixture.make(app)
            let a = UUID(uuidString: try await f.device(serial: "MEM-1"))!, b = UUID(uuidString: try await f.device(serial: "MEM-2"))!
            let book = ReadingBook(db: app.db, sender: .collector)
            let start = Date().addingTimeInterval(-40 * 86_400)
            @Sendable func at(_ day: Int) -> Date { MeterReading.moment(start.addingTimeInterval(Double(day) * 86_400)) }
            func byID(_ device: UUID, _ day: Int, _ pages: Int64) -> ReadingInput {
                ReadingInput(deviceId: device, takenAt: at(day), source: "snmp", totalPages: pages)
            }
            func bySerial(_ serial: String, _ day: Int, _ pages: Int64) -> ReadingInput {
                ReadingInput(serialNumber: serial, takenAt: at(day), source: "snmp", totalPages: pages)
            }
            /// A reading written behind the ledger's back, as no writer in FleetCare does.
            @Sendable func sneak(_ device: UUID, _ day: Int, _ pages: Int64, on db: any Database) async throws {
                try await ReadingRow.insert([ReadingRow(id: UUID(), deviceID: device, customerID: nil, takenAt: at(day), source: "manual",
                                                        totalPages: pages, counterReset: false, supplies: [], receivedAt: Date())], on: db)
            }
            func memory() async throws -> (seq: Int64, count: Int)? {
                ReadingMemory.shared.state(of: try #require(try await ReadingLedger.mark(on: app.db)).ledger)
            }

            #expect(try await book.record([byID(a, 0, 1_000), bySerial("MEM-2", 0, 1_000)]).accepted == 2)
            let learnt = try #require(try await memory())
            #expect(learnt.seq == (try await ReadingLedger.mark(on: app.db))?.seq)
            #expect(learnt.count == 2, "two devices, by id and by serial number, and their newest readings: \(learnt)")

            // The memory answers the next batch: a reading written behind the ledger's back goes unseen. That is why
            // every writer counts; here it shows that the next batch was checked against the memory, not read again.
            try await sneak(a, 5, 9_000, on: app.db)
            #expect(try await book.record([byID(a, 10, 2_000)]).accepted == 1)
            // Removing it counts, so the memory starts over and the next batch reads what is stored.
            try await MeterReadingRecord.query(on: app.db).filter(\.$totalPages == 9_000).delete()
            try await sneak(a, 12, 9_000, on: app.db)
            let reread = try await book.record([byID(a, 14, 3_000)])
            #expect(reread.rejected.map(\.code) == ["counter_went_backwards"], "\(reread)")

            // A stored reading removed: the next is checked against the one before it, not the removed one.
            try await MeterReadingRecord.query(on: app.db).filter(\.$totalPages == 9_000).delete()
            #expect(try await book.record([byID(a, 15, 3_000)]).accepted == 1)
            try await MeterReadingRecord.query(on: app.db).filter(\.$device.$id == a).filter(\.$totalPages == 3_000).delete()
            #expect(try await book.record([byID(a, 16, 2_500)]).accepted == 1)

            // A device edited: its readings take its new customer.
            #expect(try await book.record([byID(a, 17, 2_600)]).accepted == 1)
            let device = try #require(try await Device.find(a, on: app.db))
            device.$customer.id = UUID(uuidString: f.customerB)
            try await device.save(on: app.db)
            #expect(try await book.record([byID(a, 18, 2_700)]).accepted == 1)
            let customer = try await MeterReadingRecord.query(on: app.db).filter(\.$totalPages == 2_700).first()?.customerID
            #expect(customer == UUID(uuidString: f.customerB))

            // A device added with a known serial number: the serial number alone no longer says which device it is.
            #expect(try await book.record([bySerial("MEM-2", 18, 1_100)]).accepted == 1)
            try await f.device(serial: "MEM-2", make: "Canon", model: "imageRUNNER 2425")
            let ambiguous = try await book.record([bySerial("MEM-2", 19, 1_200)])
            #expect(ambiguous.rejected.map(\.code) == ["unknown_device"], "\(ambiguous)")
            var withMake = bySerial("MEM-2", 19, 1_200)
            withMake.make = "HP"
            #expect(try await book.record([withMake]).accepted == 1)

            // A batch another process counted: the memory starts over.
            #expect(try await book.record([byID(b, 20, 1_300)]).accepted == 1)
            try await app.db.transaction { tx in
                try await ReadingLedger.advance(on: tx)
                try await sneak(b, 21, 5_000, on: tx)
            }
            let other = try await book.record([byID(b, 22, 1_400)])
            #expect(other.rejected.map(\.code) == ["counter_went_backwards"], "\(other)")
        }
    }

    /// What a batch would have learnt of these devices: each one, with no readings.
    static func facts(_ ids: [UUID]) -> ReadingMemory.Facts {
        var f = ReadingMemory.Facts()
        for id in ids {
            f.byID[id] = MeterDevice(id: id, customerID: nil, make: "HP", makeKey: "hp", model: "M404", serialNumber: id.text)
            f.newest[id] = ReadingMemory.Newest(row: nil)
        }
        return f
    }

    @Test("The memory answers only at the count it stands at, moves on by one batch at a time, starts over after a gap, and keeps at most its capacity")
    func memoryBounds() {
        let memory = ReadingMemory(capacity: 2)
        let ledger = UUID().text
        func mark(_ seq: Int64) -> ReadingLedger.Mark { ReadingLedger.Mark(ledger: ledger, seq: seq) }
        let facts = Self.facts
        let (a, b, c) = (UUID(), UUID(), UUID())
        memory.committed(facts([a]), at: mark(1))
        memory.committed(facts([b]), at: mark(2))
        #expect(memory.devices(at: mark(2), ids: [a, b], serials: []).byID.count == 2)
        #expect(memory.newest(at: mark(2), of: [a, b, c]).count == 2)
        #expect(memory.devices(at: mark(1), ids: [a, b], serials: []).byID.isEmpty, "not at the count it stands at")
        #expect(memory.devices(at: ReadingLedger.Mark(ledger: UUID().text, seq: 2), ids: [a], serials: []).byID.isEmpty)
        memory.committed(facts([c]), at: mark(3))
        #expect(memory.state(of: ledger)?.count == 1, "over its capacity it starts over from the latest batch")
        #expect(memory.newest(at: mark(3), of: [a, b, c]).keys.sorted { $0.text < $1.text } == [c])
        memory.committed(facts([a]), at: mark(5))
        #expect(memory.newest(at: mark(5), of: [a, b, c]).keys.sorted { $0.text < $1.text } == [a], "a gap in the counts: it starts over")

        // Past its number of databases it forgets the one least recently written, not the one just written.
        let others = (0..<ReadingMemory.databases).map { _ in UUID().text }
        for other in others { memory.committed(facts([b]), at: ReadingLedger.Mark(ledger: other, seq: 1)) }
        #expect(memory.state(of: ledger) == nil, "the first database, least recently written, is forgotten")
        memory.committed(facts([c]), at: ReadingLedger.Mark(ledger: others[0], seq: 2))
        memory.committed(facts([c]), at: mark(1))
        #expect(memory.state(of: others[0])?.seq == 2, "written a moment ago: kept")
        #expect(memory.state(of: others[1]) == nil, "the least recently written instead")
        #expect(memory.state(of: ledger)?.seq == 1)
    }

    @Test("Filled as the server starts, the memory answers the first batch: every device by id and serial number, with its newest reading or none")
    func memoryFilledAtStart() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try await withFileApp("\(dir)/fleet.sqlite") { app in
            let f = try await Fixture.make(app)
            let a = UUID(uuidString: try await f.device(serial: "WARM-1"))!, b = UUID(uuidString: try await f.device(serial: "WARM-2"))!
            let c = UUID(uuidString: try await f.device(serial: "WARM-3"))!
            let start = Date().addingTimeInterval(-40 * 86_400)
            @Sendable func at(_ day: Int) -> Date { MeterReading.moment(start.addingTimeInterval(Double(day) * 86_400)) }
            @Sendable func row(_ device: UUID, _ day: Int, _ pages: Int64, _ source: String = "snmp") -> ReadingRow {
                ReadingRow(id: UUID(), deviceID: device, customerID: nil, takenAt: at(day), source: source, totalPages: pages,
                           counterReset: false, supplies: [], receivedAt: Date())
            }
            // Readings stored as another process would store them: counted, but unknown to this process's memory.
            try await app.db.transaction { tx in
                try await ReadingLedger.advance(on: tx)
                try await ReadingRow.insert([row(a, 1, 1_000), row(a, 3, 1_500), row(c, 2, 800)], on: tx)
            }
            let mark = try #require(try await ReadingLedger.mark(on: app.db))
            #expect(ReadingMemory.shared.newest(at: mark, of: [a, b, c]).isEmpty, "nothing remembered at this count yet")

            // What the server does as it starts.
            let warmup = ReadingMemoryWarmup(path: "\(dir)/fleet.sqlite")
            try await warmup.didBootAsync(app)
            await warmup.finished()
            let newest = ReadingMemory.shared.newest(at: mark, of: [a, b, c])
            #expect(newest.count == 3)
            #expect(newest[a]?.row?.totalPages == 1_500, "the newest, not the first")
            #expect(newest[b].map { $0.row == nil } == true, "a device with no readings is a fact too")
            #expect(newest[c]?.row?.totalPages == 800)
            #expect(ReadingMemory.shared.devices(at: mark, ids: [], serials: ["WARM-2"]).bySerial["WARM-2"]?.map(\.id) == [b])

            // Readings written behind the ledger's back go unseen: the first batch was checked against the memory.
            try await ReadingRow.insert([row(a, 5, 9_000, "manual"), row(b, 5, 9_000, "manual")], on: app.db)
            let book = ReadingBook(db: app.db, sender: .collector)
            let first = try await book.record([ReadingInput(deviceId: a, takenAt: at(10), source: "snmp", totalPages: 2_000),
                                               ReadingInput(serialNumber: "WARM-2", takenAt: at(10), source: "snmp", totalPages: 2_000)])
            #expect(first.accepted == 2, "\(first)")
        }
    }

    @Test("Facts read as the server starts join the memory at their count, and are left out once a batch has moved it past that count")
    func memoryFilledOnlyWhenCurrent() {
        let memory = ReadingMemory(capacity: 4)
        let ledger = UUID().text
        func mark(_ seq: Int64) -> ReadingLedger.Mark { ReadingLedger.Mark(ledger: ledger, seq: seq) }
        let facts = Self.facts
        let (a, b, c, d, e) = (UUID(), UUID(), UUID(), UUID(), UUID())
        #expect(memory.warmed(facts([a, b]), at: mark(4)))
        #expect(memory.newest(at: mark(4), of: [a, b]).count == 2)
        memory.committed(facts([c]), at: mark(5))
        #expect(!memory.warmed(facts([a, d]), at: mark(4)), "a batch came after the read: older than what the memory holds")
        #expect(memory.newest(at: mark(5), of: [a, b, c, d]).count == 3)
        #expect(memory.warmed(facts([d]), at: mark(5)), "read at the count the memory stands at: both hold")
        #expect(memory.newest(at: mark(5), of: [a, b, c, d]).count == 4)
        #expect(memory.warmed(facts([e]), at: mark(5)))
        #expect(memory.newest(at: mark(5), of: [a, b, c, d, e]).keys.sorted { $0.text < $1.text } == [e], "over its capacity: the read alone")
        #expect(memory.warmed(facts([a]), at: mark(9)), "the memory fell behind: the read replaces it")
        #expect(memory.newest(at: mark(9), of: [a, b, c, d]).keys.sorted { $0.text < $1.text } == [a])
        #expect(!memory.warmed(facts([a, b, c, d, e]), at: mark(10)), "more devices than it holds")
        #expect(memory.state(of: ledger)?.seq == 9)
    }

    @Test("Batches for the same devices sent at the same time to an SQLite file store each reading once and keep the monthly figures exact")
    func concurrentOverlappingBatches() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try await withFileApp("\(dir)/fleet.sqlite") { app in
            let f = try await Fixture.make(app)
            let csv = "customer,site,serialNumber,make,model\n" + (1...30).map { "Bank A,HQ,OV-\($0),HP,LaserJet Pro M404dn" }.joined(separator: "\n")
            #expect(try await f.admin.request(.POST, "/api/v1/devices/import", body: csv, contentType: "text/csv").status == .ok)
            let ids = try await Device.query(on: app.db).all().compactMap(\.id)
            let iso = ISO8601DateFormatter()
            let start = Date().addingTimeInterval(-60 * 86_400)
            func r(_ device: UUID, _ day: Int) -> String {
                #"{"deviceId":"\#(device.uuidString)","takenAt":"\#(iso.string(from: start.addingTimeInterval(Double(day) * 86_400)))","source":"snmp","totalPages":\#(1_000 + day * 100)}"#
            }
            // Twelve batches, each with every device on days of its own and on two days that all of them share.
            let statuses = try await withThrowingTaskGroup(of: (UInt, Int, Int).self) { group in
                for part in 0..<12 {
                    let items = ids.flatMap { id in [r(id, part * 4), r(id, part * 4 + 2), r(id, 50), r(id, 55)] }
                    group.addTask {
                        let reply = try await f.technician.post("/api/v1/readings", #"{"readings":["# + items.joined(separator: ",") + "]}")
                        return (reply.status.code, reply.json["accepted"] as? Int ?? -1, reply.json["duplicates"] as? Int ?? -1)
                    }
                }
                return try await group.reduce(into: [(UInt, Int, Int)]()) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0.0 == 200 }, "\(statuses)")
            let accepted = statuses.map(\.1).reduce(0, +), duplicates = statuses.map(\.2).reduce(0, +)
            #expect(accepted == 30 * (24 + 2))
            #expect(duplicates == 30 * 2 * 11)
            #expect(try await MeterReadingRecord.query(on: app.db).count() == 30 * 26)
            for id in ids {
                let stored = try await MeterReadingRecord.query(on: app.db).filter(\.$device.$id == id).all().map(\.reading)
                let scratch = MeterMonth.of(stored, timeZone: .tehran)
                let months = try await MeterMonthRecord.query(on: app.db).filter(\.$deviceID == id).all()
                for m in months {
                    #expect(abs(m.pages - (scratch[m.month]?.pages ?? 0)) < 0.01, "\(m.month): \(m.pages) stored, \(scratch[m.month]?.pages ?? 0) from scratch")
                }
                #expect(Set(scratch.keys) == Set(months.map(\.month)))
            }
        }
    }
}

import Foundation
import NIOConcurrencyHelpers

/// What this process knows of an SQLite database's devices and their newest readings, exact as of one count of its
/// `ReadingLedger`, so that a collector's next batch for the same printers needs no queries to check.
///
/// A collector sends the same printers' counters again and again, each a little higher than the last. Checking one
/// needs its device (by id or serial number) and the device's stored readings around it; when the reading is newer
/// than the device's newest stored one, that newest is all there is around it. Finding those costs several index
/// lookups a reading, a third of a batch's work, for answers that change only when readings are stored.
///
/// The memory holds the devices and newest readings that this process's batches read and wrote, and the ledger count
/// they are exact at. Each batch that commits moves it on by one: the batch's facts join it. Anything else the
/// ledger counts (a device added, edited or removed, a reading edited or removed, another process's batch, a batch
/// inside a larger transaction) leaves a gap in the counts, and the memory then starts over from the next batch's
/// facts. A batch uses it only when the memory stands at exactly the count its own reads see, and asks the database
/// for whatever the memory does not hold. So a reading is checked against the same neighbours either way.
///
/// Every writer of devices and readings on SQLite is counted by the ledger's triggers, or, for new readings,
/// advances the ledger itself (`ReadingBook`, and the demo and benchmark generators).
final class ReadingMemory: Sendable {
    static let shared = ReadingMemory()

    /// What a batch looked up: devices by id and by serial number (all devices with it), and devices' newest readings.
    struct Facts: Sendable {
        var byID: [UUID: MeterDevice] = [:]
        var bySerial: [String: [MeterDevice]] = [:]
        var newest: [UUID: Newest] = [:]

        /// About how many devices the facts cover.
        var count: Int { max(byID.count, bySerial.count, newest.count) }

        /// Takes in `other`, whose facts are as new or newer.
        mutating func merge(_ other: Facts) {
            byID.merge(other.byID) { $1 }
            bySerial.merge(other.bySerial) { $1 }
            newest.merge(other.newest) { $1 }
        }
    }

    /// A device's newest stored reading; `row` is nil when it has none. A class, so that a fleet's worth of them in a
    /// dictionary costs a reference a slot: the dictionary keeps room for up to twice its entries, and a reading's
    /// row is some 240 bytes (31 MB of slots at 50,000 devices, against 13 MB of rows).
    final class Newest: Sendable {
        let row: ReadingRow?

        init(row: ReadingRow?) {
            self.row = row
        }

        /// A device with no readings; one for all of them.
        static let noReading = Newest(row: nil)
    }

    /// A reference, so that a batch's facts join it in place: copying a fleet's worth of facts per batch would
    /// cost more than the lookups it saves. Only touched under `states`' lock.
    private final class State: @unchecked Sendable {
        var seq: Int64
        var facts: Facts
        /// When a batch last committed to it, in the memory's own ticks: the least recent is forgotten first.
        var used: UInt64

        init(seq: Int64, facts: Facts, used: UInt64) {
            self.seq = seq
            self.facts = facts
            self.used = used
        }
    }

    /// Per ledger (each database has its own).
    private let states = NIOLockedValueBox<(ticks: UInt64, all: [String: State])>((0, [:]))
    /// Devices remembered per database; past that the memory starts over from the latest batch.
    let capacity: Int
    /// Databases remembered at once: a server has one, but the tests open many at the same time. Past that the one
    /// least recently written is forgotten. Forgetting is safe (its next batch reads again), but with 4 and an
    /// arbitrary one forgotten, a test of the memory itself could lose its database between two of its batches.
    static let databases = 16

    init(capacity: Int = 100_000) {
        self.capacity = capacity
    }

    /// The devices the memory holds of these ids and serial numbers, where it stands exactly at `mark`; else none.
    func devices(at mark: ReadingLedger.Mark?, ids: some Sequence<UUID>, serials: some Sequence<String>) -> Facts {
        states.withLockedValue { memory in
            var out = Facts()
            guard let mark, let state = memory.all[mark.ledger], state.seq == mark.seq else { return out }
            for id in ids { if let d = state.facts.byID[id] { out.byID[id] = d } }
            for serial in serials { if let list = state.facts.bySerial[serial] { out.bySerial[serial] = list } }
            return out
        }
    }

    /// The newest readings the memory holds of these devices, where it stands exactly at `mark`; else none.
    func newest(at mark: ReadingLedger.Mark?, of devices: some Sequence<UUID>) -> [UUID: Newest] {
        states.withLockedValue { memory in
            var out: [UUID: Newest] = [:]
            guard let mark, let state = memory.all[mark.ledger], state.seq == mark.seq else { return out }
            for id in devices { if let n = state.facts.newest[id] { out[id] = n } }
            return out
        }
    }

    /// The batch numbered `mark` committed, and `facts` hold after it; called while the writer is still held.
    func committed(_ facts: Facts, at mark: ReadingLedger.Mark) {
        states.withLockedValue { memory in
            memory.ticks += 1
            if let state = memory.all[mark.ledger], state.seq == mark.seq - 1 {
                state.facts.merge(facts)
                state.seq = mark.seq
                state.used = memory.ticks
                if state.facts.count > capacity { state.facts = facts }
                return
            }
            Self.start(&memory, at: mark, with: facts.count <= capacity ? facts : Facts())
        }
    }

    /// Facts read at `mark` outside any batch that cover the whole database (`ReadingMemoryWarmup`): taken in where
    /// the memory stands at that count or has fallen behind it; left out where a batch has moved it past that count
    /// (they are older than what it holds), or where they are more than it holds. Returns whether it took them.
    @discardableResult
    func warmed(_ facts: Facts, at mark: ReadingLedger.Mark) -> Bool {
        guard facts.count <= capacity else { return false }
        return states.withLockedValue { memory in
            memory.ticks += 1
            guard let state = memory.all[mark.ledger] else {
                Self.start(&memory, at: mark, with: facts)
                return true
            }
            guard state.seq <= mark.seq else { return false }
            if state.seq == mark.seq { state.facts.merge(facts) } else { state.facts = facts }
            if state.facts.count > capacity { state.facts = facts }
            state.seq = mark.seq
            state.used = memory.ticks
            return true
        }
    }

    /// A new state for `mark`'s ledger, making room for it by forgetting the database least recently written.
    private static func start(_ memory: inout (ticks: UInt64, all: [String: State]), at mark: ReadingLedger.Mark, with facts: Facts) {
        if memory.all[mark.ledger] == nil, memory.all.count >= Self.databases,
           let oldest = memory.all.min(by: { $0.value.used < $1.value.used })?.key {
            memory.all[oldest] = nil
        }
        memory.all[mark.ledger] = State(seq: mark.seq, facts: facts, used: memory.ticks)
    }

    /// How many facts the memory holds for a ledger, and at what count (for tests).
    func state(of ledger: String) -> (seq: Int64, count: Int)? {
        states.withLockedValue { $0.all[ledger].map { ($0.seq, $0.facts.count) } }
    }
}

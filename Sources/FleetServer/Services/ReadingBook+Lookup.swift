import FleetCore
import Fluent
import SQLKit
import Vapor

/// How a batch of readings finds what it is checked against: its devices, and their stored readings around it.
extension ReadingBook {
    /// The stored readings around a batch, per device: the newest at or before the batch's earliest moment, and every
    /// one after it; readings of the batch join them as they are accepted. Exactly what a reading's previous and
    /// next are, in two queries for each 500 devices.
    struct Neighbours {
        private var byDevice: [UUID: [ReadingRow]] = [:]

        /// Also returns each device's newest stored reading. Where `known` has a device's newest and every reading
        /// of the batch for it is newer, that newest is all there is around them, and the device is not looked up.
        static func load(for inputs: [ReadingInput], devices: [Int: MeterDevice], known: [UUID: ReadingMemory.Newest],
                         on db: any Database) async throws -> (Neighbours, newest: [UUID: ReadingMemory.Newest]) {
            var n = Neighbours()
            var newest: [UUID: ReadingMemory.Newest] = [:]
            var earliest: [UUID: Date] = [:]
            for (index, device) in devices {
                guard let id = device.id else { continue }
                let moment = MeterReading.moment(inputs[index].takenAt)
                earliest[id] = min(earliest[id] ?? moment, moment)
            }
            var ids: [UUID] = []
            for (id, first) in earliest {
                if let last = known[id], (last.row?.takenAt).map({ $0 < first }) ?? true {
                    newest[id] = last
                    if let row = last.row { n.byDevice[id] = [row] }
                } else {
                    ids.append(id)
                }
            }
            guard let from = ids.lazy.compactMap({ earliest[$0] }).min() else { return (n, newest) }
            try await n.read(ids, from: from, on: db)
            for id in ids { newest[id] = ReadingMemory.Newest(row: n.byDevice[id]?.last) }
            return (n, newest)
        }

        /// Reads the stored readings of `ids` from the newest at or before `earliest` on.
        private mutating func read(_ ids: [UUID], from earliest: Date, on db: any Database) async throws {
            let sql = try db.sql
            let columns = ReadingRow.columns.map { "r." + $0 }.joined(separator: ", ")
            var rows: [ReadingRow] = []
            for chunk in ids.chunked(into: 500) {
                let group: [any Encodable & Sendable] = Array(chunk)
                rows += try await sql.cells(SQLQueryString("""
                    SELECT \(unsafeRaw: columns) FROM meter_readings r
                    WHERE r.device_id IN (\(binds: group)) AND r.taken_at > \(bind: earliest)
                    """)).map(ReadingRow.init)
                rows += try await sql.cells(ReadingRow.newest(of: chunk, atOrBefore: earliest)).map(ReadingRow.init)
            }
            var read: [UUID: [ReadingRow]] = [:]
            for r in rows { read[r.deviceID, default: []].append(r) }
            for (id, list) in read { byDevice[id] = list.sorted { $0.takenAt < $1.takenAt } }
        }

        func contains(_ device: UUID, at moment: Date, source: String) -> Bool {
            byDevice[device]?.contains { $0.takenAt == moment && $0.source == source } ?? false
        }

        func previous(_ device: UUID, atOrBefore moment: Date) -> ReadingRow? {
            byDevice[device]?.last { $0.takenAt <= moment }
        }

        func next(_ device: UUID, after moment: Date) -> ReadingRow? {
            byDevice[device]?.first { $0.takenAt > moment }
        }

        mutating func insert(_ r: ReadingRow) {
            let at = byDevice[r.deviceID]?.firstIndex { $0.takenAt > r.takenAt } ?? byDevice[r.deviceID]?.count ?? 0
            byDevice[r.deviceID, default: []].insert(r, at: at)
        }
    }

    /// The device of each input, when the sender may send for it; nil where it is unknown or not theirs.
    /// An input names its device by id, or by serial number and failing that by the address it answered from.
    /// What `ReadingMemory` holds where it stands at `memoryAt` (the count of what `db` sees) is not read again; the
    /// devices found by id and serial number come back as facts.
    func resolve(_ inputs: [ReadingInput], memoryAt mark: ReadingLedger.Mark? = nil,
                 on db: any Database) async throws -> (devices: [Int: MeterDevice], facts: ReadingMemory.Facts) {
        let ids = Set(inputs.compactMap(\.deviceId))
        let serials = Set(inputs.filter { $0.deviceId == nil }.compactMap(\.serialNumber))
        let addresses = Set(inputs.filter { $0.deviceId == nil }.compactMap(\.address))
        let known = ReadingMemory.shared.devices(at: mark, ids: ids, serials: serials)
        var byID = known.byID
        var bySerial = known.bySerial
        var byAddress: [String: [MeterDevice]] = [:]
        let unknownIDs = ids.filter { byID[$0] == nil }
        for chunk in Array(unknownIDs).chunked(into: 500) {
            for d in try await MeterDevice.fetch(on: db, where: "id", in: Array(chunk)) { byID[d.id!] = d }
        }
        let unknownSerials = serials.filter { bySerial[$0] == nil }
        if !unknownSerials.isEmpty {
            // A serial number no device has is a fact too: a device added later counts in the ledger.
            for serial in unknownSerials { bySerial[serial] = [] }
            for d in try await MeterDevice.fetch(on: db, where: "serial_number", in: Array(unknownSerials)) {
                bySerial[d.serialNumber, default: []].append(d)
            }
        }
        if !addresses.isEmpty {
            for d in try await MeterDevice.fetch(on: db, where: "ip_address", in: Array(addresses), withoutRetired: true) {
                byAddress[d.ipAddress ?? "", default: []].append(d)
            }
        }
        let scope = sender.customerID
        func only(_ candidates: [MeterDevice]) -> MeterDevice? {
            let mine = scope.map { s in candidates.filter { $0.customerID == s } } ?? candidates
            return mine.count == 1 ? mine[0] : nil
        }
        var out: [Int: MeterDevice] = [:]
        for (i, input) in inputs.enumerated() {
            var device: MeterDevice?
            if let id = input.deviceId {
                device = byID[id]
            } else {
                if let serial = input.serialNumber {
                    var candidates = bySerial[serial] ?? []
                    if let make = input.make?.lowercased() { candidates = candidates.filter { $0.makeKey == make } }
                    device = only(candidates)
                }
                if device == nil, input.serialNumber == nil || bySerial[input.serialNumber!] == nil, let address = input.address {
                    device = only(byAddress[address] ?? [])
                }
            }
            if let d = device, scope == nil || d.customerID == scope { out[i] = d }
        }
        var facts = ReadingMemory.Facts(byID: byID, bySerial: bySerial)
        for d in bySerial.values.joined() { facts.byID[d.id!] = d }
        return (out, facts)
    }
}

/// What the meter book needs of a device, read cell by cell: a batch names up to a thousand devices, and
/// loading each as a full model cost more than checking and storing its reading.
///
/// A class, so that the reading memory's dictionaries (by id, by serial number) hold a reference a slot and share
/// one device between them: at 50,000 devices their room for 150-byte values, and a copy per serial number, cost
/// some 17 MB more than the devices themselves.
final class MeterDevice: Sendable {
    let id: UUID?
    let customerID: UUID?
    let make: String
    let makeKey: String
    let model: String
    let serialNumber: String
    let assetTag: String?
    let ipAddress: String?

    init(id: UUID?, customerID: UUID?, make: String, makeKey: String, model: String, serialNumber: String,
         assetTag: String? = nil, ipAddress: String? = nil) {
        self.id = id
        self.customerID = customerID
        self.make = make
        self.makeKey = makeKey
        self.model = model
        self.serialNumber = serialNumber
        self.assetTag = assetTag
        self.ipAddress = ipAddress
    }

    static func fetch<T: Encodable & Sendable>(on db: any Database, where column: String, in values: [T],
                                                withoutRetired: Bool = false) async throws -> [MeterDevice] {
        guard !values.isEmpty else { return [] }
        let sql = try db.sql
        let query = sql.select().columns(columns.map { SQLColumn($0) }).from(Device.schema).where(SQLIdentifier(column), .in, SQLBind.group(values))
        if withoutRetired { query.where("status", .notEqual, DeviceStatus.retired.rawValue) }
        return try await sql.cells(query.query).map(MeterDevice.init)
    }

    static let columns = ["id", "customer_id", "make", "make_key", "model", "serial_number", "asset_tag", "ip_address"]
}

extension MeterDevice {
    /// A device from a row that has `columns`.
    convenience init(_ row: Cells) throws {
        self.init(id: try row.id("id"), customerID: try row.optionalID("customer_id"), make: try row.value("make"),
                  makeKey: try row.value("make_key"), model: try row.value("model"), serialNumber: try row.value("serial_number"),
                  assetTag: try row.optional("asset_tag"), ipAddress: try row.optional("ip_address"))
    }
}

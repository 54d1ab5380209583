import FleetCore
import Fluent
import Foundation

/// Imports devices from CSV text: every row checked, every bad row reported, then all rows or none written.
struct DeviceImporter {
    let db: any Database
    let actor: User?
    /// When set, the import is confined to this customer (a client user's own).
    var onlyCustomer: UUID?
    var progress: (@Sendable (_ done: Int, _ total: Int) -> Void)?

    init(db: any Database, actor: User?) {
        self.db = db
        self.actor = actor
    }

    /// Reads the raw bytes of an upload; anything but UTF-8 is refused before a row is read.
    static func text(from bytes: [UInt8]) throws -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw APIError(.unprocessableEntity, code: "invalid_encoding",
                           message: "the file is not UTF-8 text: save it as \"CSV UTF-8\" and try again")
        }
        return text
    }

    /// Splits CSV text into records of cells.
    static func records(_ text: String) throws -> [[String]] {
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        do {
            return try CSVText.records(body)
        } catch {
            throw APIError(.unprocessableEntity, code: "malformed_csv", message: "the file is not valid CSV: \(error)",
                           rows: [ImportRowError(line: error.line, message: error.message)])
        }
    }

    /// Imports the CSV and returns how many devices it added.
    func importCSV(_ text: String) async throws -> Int {
        var (rows, errors) = DeviceImportParser.parseAll(try Self.records(text))
        guard !rows.isEmpty || !errors.isEmpty else {
            throw APIError(.unprocessableEntity, code: "empty_import", message: "the file has a header but no device rows")
        }
        let resolver = try await PlacementResolver(db: db)
        var news: [NewDevice] = []
        var siteNames: [UUID: String] = [:]
        for row in rows {
            guard let customer = resolver.customer(row.customer), onlyCustomer == nil || onlyCustomer == customer.id else {
                errors.append(ImportRowError(line: row.line, message: "unknown customer \"\(row.customer)\""))
                continue
            }
            guard let site = try await resolver.site(row.site, of: customer.id!) else {
                errors.append(ImportRowError(line: row.line, message: "unknown site \"\(row.site)\" for customer \(customer.name)"))
                continue
            }
            siteNames[site.id!] = site.name
            news.append(NewDevice(row, customerID: customer.id!, siteID: site.id!))
        }
        if errors.contains(where: { $0.line == 1 }) { throw Self.failure(errors) }
        let existing = try await existingSerials(rows)
        for row in rows where existing.contains(Self.key(row.make, row.serialNumber)) {
            errors.append(ImportRowError(line: row.line, message: "serial number \(row.serialNumber) of \(row.make) is already registered"))
        }
        guard errors.isEmpty else { throw Self.failure(errors) }
        let batch = 500
        let checked = news, names = siteNames, actor = self.actor, progress = self.progress
        // Written in steps so a long file shows progress; the steps share one transaction.
        try await db.writeTransaction { tx in
            let registry = DeviceRegistry(db: tx, actor: actor)
            for (i, chunk) in checked.chunked(into: batch).enumerated() {
                try await registry.createAll(Array(chunk), siteNames: names)
                progress?(min((i + 1) * batch, checked.count), checked.count)
            }
        }
        return news.count
    }

    private func existingSerials(_ rows: [DeviceImportRow]) async throws -> Set<String> {
        var found = Set<String>()
        for chunk in rows.map(\.serialNumber).chunked(into: 500) {
            let devices = try await Device.query(on: db).filter(\.$serialNumber ~~ Array(chunk))
                .field(\.$makeKey).field(\.$serialNumber).all()
            for d in devices { found.insert(Self.key(d.makeKey, d.serialNumber)) }
        }
        return found
    }

    static func key(_ make: String, _ serial: String) -> String { make.lowercased() + "|" + serial }

    static func failure(_ rows: [ImportRowError]) -> APIError {
        let sorted = ImportErrors(rows).rows
        let lines = sorted.prefix(5).map { "line \($0.line): \($0.message)" }.joined(separator: "; ")
        return APIError(.unprocessableEntity, code: "invalid_rows",
                        message: "\(sorted.count) row(s) have errors, nothing was imported: \(lines)", rows: sorted)
    }
}

/// Finds customers and sites by id or by name, as a spreadsheet names them.
struct PlacementResolver {
    let db: any Database
    let customersByName: [String: Customer]
    let customersByID: [UUID: Customer]
    private let sites: SiteCache

    init(db: any Database) async throws {
        self.db = db
        let all = try await Customer.query(on: db).all()
        customersByName = Dictionary(all.map { ($0.name.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
        customersByID = Dictionary(uniqueKeysWithValues: all.map { ($0.id!, $0) })
        sites = SiteCache()
    }

    func customer(_ text: String) -> Customer? {
        if let id = UUID(uuidString: text), let c = customersByID[id] { return c }
        return customersByName[text.lowercased()]
    }

    func site(_ text: String, of customerID: UUID) async throws -> Site? {
        let list = try await sites.sites(of: customerID, db: db)
        if let id = UUID(uuidString: text) { return list.first { $0.id == id } }
        return list.first { $0.name.lowercased() == text.lowercased() }
    }

    final class SiteCache: @unchecked Sendable {
        private var byCustomer: [UUID: [Site]] = [:]

        func sites(of customerID: UUID, db: any Database) async throws -> [Site] {
            if let s = byCustomer[customerID] { return s }
            let s = try await Site.query(on: db).filter(\.$customer.$id == customerID).all()
            byCustomer[customerID] = s
            return s
        }
    }
}

/// Writes devices as CSV with the import's columns, so an export can be edited and imported elsewhere.
enum DeviceExporter {
    static func csv(_ devices: [Device], customers: [UUID: String], sites: [UUID: String]) -> String {
        CSVText.document([DeviceImportParser.allColumns] + devices.map { d in
            [d.$customer.id.flatMap { customers[$0] }, d.$site.id.flatMap { sites[$0] }, d.serialNumber, d.make,
             d.model, d.color ? "true" : "false", d.assetTag, d.floor, d.room, d.department, d.userName,
             d.ipAddress, String(d.snmpPort), d.snmpCommunity, d.installedOn].map { $0 ?? "" }
        })
    }
}

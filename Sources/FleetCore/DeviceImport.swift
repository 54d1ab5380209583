import Foundation

/// One device row of an import file, checked and typed, still naming its customer and site as written.
public struct DeviceImportRow: Equatable, Sendable {
    public let line: Int
    public var customer: String
    public var site: String
    public var serialNumber: String
    public var make: String
    public var model: String
    public var color: Bool?
    public var assetTag: String?
    public var floor: String?
    public var room: String?
    public var department: String?
    public var assignedUser: String?
    public var ipAddress: String?
    public var snmpPort: Int
    public var snmpCommunity: String
    public var installedOn: CalendarDay?

    public init(line: Int, customer: String, site: String, serialNumber: String, make: String, model: String,
                color: Bool? = nil, assetTag: String? = nil, floor: String? = nil, room: String? = nil,
                department: String? = nil, assignedUser: String? = nil, ipAddress: String? = nil, snmpPort: Int = 161,
                snmpCommunity: String = "public", installedOn: CalendarDay? = nil) {
        self.line = line
        self.customer = customer
        self.site = site
        self.serialNumber = serialNumber
        self.make = make
        self.model = model
        self.color = color
        self.assetTag = assetTag
        self.floor = floor
        self.room = room
        self.department = department
        self.assignedUser = assignedUser
        self.ipAddress = ipAddress
        self.snmpPort = snmpPort
        self.snmpCommunity = snmpCommunity
        self.installedOn = installedOn
    }
}

/// A problem with one line of an import file. Line 1 is the header.
public struct ImportRowError: Error, Equatable, Sendable, Codable {
    public let line: Int
    public let message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }
}

/// Turns the cells of a device CSV into typed rows, reporting every bad row rather than the first.
public enum DeviceImportParser {
    public static let requiredColumns = ["customer", "site", "serialNumber", "make", "model"]
    public static let optionalColumns = ["color", "assetTag", "floor", "room", "department", "assignedUser",
                                         "ipAddress", "snmpPort", "snmpCommunity", "installedOn"]
    public static var allColumns: [String] { requiredColumns + optionalColumns }

    /// Parses `records` (the header first). Returns the rows when every one is valid, else all the errors.
    public static func parse(_ records: [[String]]) -> Result<[DeviceImportRow], ImportErrors> {
        let (rows, errors) = parseAll(records)
        return errors.isEmpty ? .success(rows) : .failure(ImportErrors(errors))
    }

    /// Parses `records` (the header first) into the valid rows and the errors of the others, so a caller can
    /// check the valid rows further and report every problem of the file at once.
    public static func parseAll(_ records: [[String]]) -> (rows: [DeviceImportRow], errors: [ImportRowError]) {
        guard let header = records.first else {
            return ([], [ImportRowError(line: 1, message: "the file is empty: a header row is required")])
        }
        var index: [String: Int] = [:]
        let known = Dictionary(allColumns.map { ($0.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
        var errors: [ImportRowError] = []
        for (i, raw) in header.enumerated() {
            let name = raw.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\u{FEFF}"))
            guard let column = known[name.lowercased()] else {
                errors.append(ImportRowError(line: 1, message: "unknown column \"\(name)\""))
                continue
            }
            if index[column] != nil {
                errors.append(ImportRowError(line: 1, message: "column \"\(column)\" appears twice"))
            }
            index[column] = i
        }
        for column in requiredColumns where index[column] == nil {
            errors.append(ImportRowError(line: 1, message: "missing column \"\(column)\""))
        }
        guard errors.isEmpty else { return ([], errors) }

        var rows: [DeviceImportRow] = []
        var seen: [String: Int] = [:]
        for (offset, cells) in records.dropFirst().enumerated() {
            let line = offset + 2
            if cells.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            // More cells than columns: a comma inside an unquoted value, most often, which shifted every cell after it.
            // Empty cells past the last column (a spreadsheet's padding) lose nothing and are let through.
            if cells.count > header.count, cells[header.count...].contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                errors.append(ImportRowError(line: line, message:
                    "this row has \(cells.count) fields but the header has \(header.count) columns; a value holding a comma must be in quotes"))
                continue
            }
            func cell(_ column: String) -> String? {
                guard let i = index[column], i < cells.count else { return nil }
                return cells[i]
            }
            do {
                let row = try parseRow(line: line, cell: cell)
                let key = row.make.lowercased() + "\u{1}" + row.serialNumber
                if let first = seen[key] {
                    errors.append(ImportRowError(line: line, message:
                        "duplicate serial number \(row.serialNumber) for \(row.make): also on line \(first)"))
                } else {
                    seen[key] = line
                    rows.append(row)
                }
            } catch {
                errors.append(ImportRowError(line: line, message: error.message))
            }
        }
        return (rows, errors)
    }

    static func parseRow(line: Int, cell: (String) -> String?) throws(FieldError) -> DeviceImportRow {
        typealias R = DeviceFieldRules
        var color: Bool?
        if let text = cell("color"), !text.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let flag = R.flag(text) else {
                throw FieldError(field: "color", message: "color must be true/false, yes/no or 1/0, not \"\(text)\"")
            }
            color = flag
        }
        var port: Int?
        if let text = try R.optional(cell("snmpPort"), field: "snmpPort") {
            guard let p = Int(PersianDigits.toASCII(text)) else {
                throw FieldError(field: "snmpPort", message: "snmpPort \"\(text)\" is not a number")
            }
            port = p
        }
        var installedOn: CalendarDay?
        if let text = try R.optional(cell("installedOn"), field: "installedOn") {
            installedOn = try DayInput.read(text, field: "installedOn")
        }
        return DeviceImportRow(
            line: line,
            customer: try R.required(cell("customer"), field: "customer"),
            site: try R.required(cell("site"), field: "site"),
            serialNumber: try R.serial(cell("serialNumber")),
            make: try R.required(cell("make"), field: "make"),
            model: try R.required(cell("model"), field: "model"),
            color: color,
            assetTag: try R.optional(cell("assetTag"), field: "assetTag"),
            floor: try R.optional(cell("floor"), field: "floor"),
            room: try R.optional(cell("room"), field: "room"),
            department: try R.optional(cell("department"), field: "department"),
            assignedUser: try R.optional(cell("assignedUser"), field: "assignedUser"),
            ipAddress: try R.ipAddress(cell("ipAddress")),
            snmpPort: try R.snmpPort(port),
            snmpCommunity: try R.community(cell("snmpCommunity")),
            installedOn: installedOn
        )
    }
}

/// Every row error of one import, in line order.
public struct ImportErrors: Error, Equatable, Sendable {
    public var rows: [ImportRowError]

    public init(_ rows: [ImportRowError]) {
        self.rows = rows.sorted { $0.line < $1.line }
    }
}

/// The objects FleetCare reads (RFC 3805 Printer-MIB, RFC 2790 Host-Resources, SNMPv2-MIB, vendor counters).
public enum PrinterMIB {
    public static let sysDescr: OID = "1.3.6.1.2.1.1.1.0"
    public static let sysObjectID: OID = "1.3.6.1.2.1.1.2.0"
    public static let sysUpTime: OID = "1.3.6.1.2.1.1.3.0"
    public static let sysName: OID = "1.3.6.1.2.1.1.5.0"
    public static let sysLocation: OID = "1.3.6.1.2.1.1.6.0"

    public static let serialNumber: OID = "1.3.6.1.2.1.43.5.1.1.17"
    public static let printerStatus: OID = "1.3.6.1.2.1.25.3.5.1.1"
    public static let errorState: OID = "1.3.6.1.2.1.25.3.5.1.2"
    public static let markerCounterUnit: OID = "1.3.6.1.2.1.43.10.2.1.3"
    public static let markerLifeCount: OID = "1.3.6.1.2.1.43.10.2.1.4"

    static let supplies: OID = "1.3.6.1.2.1.43.11.1.1"
    public static let supplyColorantIndex = supplies.appending(3)
    public static let supplyClass = supplies.appending(4)
    public static let supplyType = supplies.appending(5)
    public static let supplyDescription = supplies.appending(6)
    public static let supplyMaxCapacity = supplies.appending(8)
    public static let supplyLevel = supplies.appending(9)
    public static let colorantValue: OID = "1.3.6.1.2.1.43.12.1.1.4"

    static let alerts: OID = "1.3.6.1.2.1.43.18.1.1"
    public static let alertSeverity = alerts.appending(2)
    public static let alertCode = alerts.appending(7)
    public static let alertDescription = alerts.appending(8)

    /// Vendor page counters. HP: total and colour. Kyocera: black and colour. Xerox: total, colour, black.
    public static let hpTotal: OID = "1.3.6.1.4.1.11.2.3.9.4.2.1.4.1.2.5.0"
    public static let hpColor: OID = "1.3.6.1.4.1.11.2.3.9.4.2.1.4.1.2.7.0"
    public static let kyoceraBlack: OID = "1.3.6.1.4.1.1347.42.3.1.2.1.1.1.1"
    public static let kyoceraColor: OID = "1.3.6.1.4.1.1347.42.3.1.2.1.1.1.3"
    public static let xeroxTotal: OID = "1.3.6.1.4.1.253.8.53.13.2.1.6.1.20.1"
    public static let xeroxColor: OID = "1.3.6.1.4.1.253.8.53.13.2.1.6.1.20.33"
    public static let xeroxBlack: OID = "1.3.6.1.4.1.253.8.53.13.2.1.6.1.20.34"

    /// Read with one GET: absent ones come back as noSuchObject and cost nothing more.
    public static let scalars: [OID] = [sysDescr, sysObjectID, sysUpTime, sysName, sysLocation,
                                        hpTotal, hpColor, kyoceraBlack, kyoceraColor, xeroxTotal, xeroxColor, xeroxBlack]

    /// Walked together, a cursor per column.
    public static let columns: [OID] = [serialNumber, printerStatus, errorState, markerCounterUnit, markerLifeCount,
                                        supplyColorantIndex, supplyClass, supplyType, supplyDescription,
                                        supplyMaxCapacity, supplyLevel, colorantValue,
                                        alertSeverity, alertCode, alertDescription]

    /// Builds a reading from what the agent answered. Pure, so every vendor's quirks are unit-tested without a network.
    public static func interpret(address: String, scalars: [OID: SNMPValue], columns: [OID: [VarBind]]) -> PrinterReading {
        var r = PrinterReading(address: address)
        r.sysDescr = scalars[sysDescr]?.text.flatMap(nonEmpty)
        if case let .oid(o)? = scalars[sysObjectID] { r.sysObjectID = o.description }
        r.uptimeSeconds = scalars[sysUpTime]?.number.map { $0 / 100 }
        r.sysName = scalars[sysName]?.text.flatMap(nonEmpty)
        r.sysLocation = scalars[sysLocation]?.text.flatMap(nonEmpty)

        r.serialNumber = columns[serialNumber]?.lazy.compactMap { $0.value.text.flatMap(nonEmpty) }.first
        r.status = columns[printerStatus]?.first?.value.number.flatMap { PrinterStatus(rawValue: Int($0)) }
        if case let .octets(bits)? = columns[errorState]?.first?.value { r.errors = PrinterErrorBit.decode(bits) }

        // Marker rows by their index suffix ({dev}.{marker}); impressions (unit 7) are preferred to sheets (8).
        let units = rows(columns[markerCounterUnit], under: markerCounterUnit)
        let counts = rows(columns[markerLifeCount], under: markerLifeCount).compactMapValues(\.number)
        let impressions = counts.filter { units[$0.key]?.number == 7 }
        let chosen = impressions.isEmpty ? counts : impressions
        if !chosen.isEmpty { r.markerLifeCount = chosen.values.reduce(0, +) }

        applyVendorCounters(to: &r, scalars)

        let colorants = rows(columns[colorantValue], under: colorantValue)
        let types = rows(columns[supplyType], under: supplyType)
        let classes = rows(columns[supplyClass], under: supplyClass)
        let descriptions = rows(columns[supplyDescription], under: supplyDescription)
        let maxima = rows(columns[supplyMaxCapacity], under: supplyMaxCapacity)
        let colorantIndex = rows(columns[supplyColorantIndex], under: supplyColorantIndex)
        for (index, level) in ordered(rows(columns[supplyLevel], under: supplyLevel)) {
            guard let value = level.number else { continue }
            let device = index.split(separator: ".").first.map(String.init) ?? "1"
            let color = colorantIndex[index]?.number.flatMap { c in c > 0 ? colorants["\(device).\(c)"]?.text.flatMap(nonEmpty) : nil }
            let kind = SupplyKind(mibType: types[index]?.number ?? 1)
            r.supplies.append(PrinterSupply(
                index: index, kind: kind,
                description: descriptions[index]?.text.flatMap(nonEmpty) ?? "supply \(index)", color: color,
                level: SupplyLevel(level: value, maxCapacity: maxima[index]?.number), fills: classes[index]?.number == 4 || kind == .wasteToner))
        }

        let codes = rows(columns[alertCode], under: alertCode)
        let severities = rows(columns[alertSeverity], under: alertSeverity)
        let texts = rows(columns[alertDescription], under: alertDescription)
        for (index, code) in ordered(codes) {
            guard let c = code.number else { continue }
            r.alerts.append(PrinterAlert(code: c, description: texts[index]?.text.flatMap(nonEmpty) ?? "alert \(c)",
                                         severity: severities[index]?.number))
        }
        return r
    }

    static func applyVendorCounters(to r: inout PrinterReading, _ s: [OID: SNMPValue]) {
        let standard = r.markerLifeCount
        r.totalPages = standard
        if let total = s[hpTotal]?.number {
            let color = s[hpColor]?.number
            r.totalPages = total
            r.colorPages = color
            r.monoPages = color.map { total - $0 }
            r.counterSource = "hp"
        } else if let black = s[kyoceraBlack]?.number {
            let color = s[kyoceraColor]?.number ?? 0
            r.monoPages = black
            r.colorPages = color
            r.totalPages = black + color
            r.counterSource = "kyocera"
        } else if let total = s[xeroxTotal]?.number {
            r.totalPages = total
            r.colorPages = s[xeroxColor]?.number
            r.monoPages = s[xeroxBlack]?.number ?? r.colorPages.map { total - $0 }
            if let m = r.monoPages, let c = r.colorPages, m + c != total { r.monoPages = total - c }
            r.counterSource = "xerox"
        }
    }

    /// A column's rows keyed by their index suffix (`1.2` for `….9.1.2`).
    static func rows(_ binds: [VarBind]?, under column: OID) -> [String: SNMPValue] {
        var out: [String: SNMPValue] = [:]
        for b in binds ?? [] {
            let suffix = b.oid.components.dropFirst(column.components.count)
            out[suffix.map(String.init).joined(separator: ".")] = b.value
        }
        return out
    }

    /// Rows in index order (`1.2` before `1.10`).
    static func ordered(_ rows: [String: SNMPValue]) -> [(String, SNMPValue)] {
        func key(_ s: String) -> [UInt] { s.split(separator: ".").compactMap { UInt($0) } }
        return rows.sorted { key($0.key).lexicographicallyPrecedes(key($1.key)) }.map { ($0.key, $0.value) }
    }

    static func nonEmpty(_ s: String) -> String? {
        var t = Substring(s)
        while t.first?.isWhitespace == true { t.removeFirst() }
        while t.last?.isWhitespace == true { t.removeLast() }
        return t.isEmpty ? nil : String(t)
    }
}

extension SNMPClient {
    /// Reads one printer. Agents (and the simulator) pay for every object they look up, so v2c asks for
    /// what it needs in two round trips: one GETBULK for the scalars, the first row of the single-row
    /// columns and the supply levels (which supplies exist), then one GET for those supplies' other cells,
    /// the alert rows and the vendor's own counters. v1 has no GETBULK: it walks the columns with GETNEXT.
    public func readPrinter(_ target: SNMPTarget) async throws -> PrinterReading {
        guard target.version == .v2c else {
            let scalars = try await getPresent(PrinterMIB.scalars, from: target)
            let columns = try await walk(columns: PrinterMIB.columns, from: target)
            return PrinterMIB.interpret(address: target.host, scalars: scalars, columns: columns)
        }
        let M = PrinterMIB.self
        let scalarNames = [M.sysDescr, M.sysObjectID, M.sysUpTime, M.sysName, M.sysLocation]
        // One printer per agent, one marker counting its impressions (whatever the indices): their first rows
        // are enough; the first alert row says whether there are alerts at all.
        let firstRow = [M.serialNumber, M.printerStatus, M.errorState, M.markerLifeCount, M.alertCode]
        let repetitions = 5  // a colour printer's four toners and the row that shows the column ended
        // GETNEXT of an object's parent answers the object itself (`1.3.6.1.2.1.1.5` → sysName.0).
        let asked = scalarNames.map { OID(Array($0.components.dropLast())) } + firstRow + [M.supplyLevel]
        let lookups = scalarNames.count + firstRow.count
        let binds = try await send(.getBulk, asked, to: target, nonRepeaters: lookups, maxRepetitions: repetitions).varBinds

        var scalars: [OID: SNMPValue] = [:]
        var columns: [OID: [VarBind]] = [:]
        for (i, name) in scalarNames.enumerated() where i < binds.count && binds[i].oid == name && !binds[i].value.isException {
            scalars[name] = binds[i].value
        }
        for (j, column) in firstRow.enumerated() {
            let i = scalarNames.count + j
            if i < binds.count, binds[i].oid.hasPrefix(column), !binds[i].value.isException { columns[column] = [binds[i]] }
        }
        var goOn: [(column: OID, at: OID)] = columns[M.alertCode].map { [(M.alertCode, $0[0].oid)] } ?? []
        var supplies: [VarBind] = []
        for b in binds.dropFirst(lookups) {
            guard b.oid.hasPrefix(M.supplyLevel), !b.value.isException, b.oid > (supplies.last?.oid ?? M.supplyLevel) else { break }
            supplies.append(b)
        }
        if !supplies.isEmpty { columns[M.supplyLevel] = supplies }
        if supplies.count == repetitions, binds.count - lookups == repetitions { goOn.append((M.supplyLevel, supplies.last!.oid)) }
        if !goOn.isEmpty {
            for (column, more) in try await walk(cursors: goOn, from: target, maxVarBinds: 8) { columns[column, default: []] += more }
        }

        func suffixes(_ column: OID) -> [[UInt]] {
            (columns[column] ?? []).map { Array($0.oid.components.dropFirst(column.components.count)) }
        }
        var cells: [(column: OID, oid: OID)] = []
        let supplyRows = suffixes(M.supplyLevel)
        // Not the class: a supply that fills up (waste toner) says so by its type as well.
        for column in [M.supplyColorantIndex, M.supplyType, M.supplyDescription, M.supplyMaxCapacity] {
            cells += supplyRows.map { (column, OID(column.components + $0)) }
        }
        // Colourants are usually numbered like the supplies; any that are not are fetched after.
        cells += supplyRows.map { (M.colorantValue, OID(M.colorantValue.components + $0)) }
        for column in [M.alertSeverity, M.alertDescription] {
            cells += suffixes(M.alertCode).map { (column, OID(column.components + $0)) }
        }
        let vendor = M.vendorCounters(sysObjectID: scalars[M.sysObjectID])
        let values = try await getPresent(vendor + cells.map(\.oid), from: target)
        for oid in vendor { scalars[oid] = values[oid] }
        for cell in cells {
            if let v = values[cell.oid] { columns[cell.column, default: []].append(VarBind(oid: cell.oid, value: v)) }
        }
        var missing: [OID] = []
        for suffix in supplyRows {
            guard let c = values[OID(M.supplyColorantIndex.components + suffix)]?.number, c > 0, let device = suffix.first else { continue }
            let oid = M.colorantValue.appending(device, UInt(c))
            if values[oid] == nil, !missing.contains(oid) { missing.append(oid) }
        }
        if !missing.isEmpty {
            for (oid, v) in try await getPresent(missing, from: target) {
                columns[M.colorantValue, default: []].append(VarBind(oid: oid, value: v))
            }
        }
        return M.interpret(address: target.host, scalars: scalars, columns: columns)
    }
}

extension PrinterMIB {
    /// The page counters of the vendor named by sysObjectID's enterprise number; none for others.
    static func vendorCounters(sysObjectID: SNMPValue?) -> [OID] {
        guard case let .oid(o)? = sysObjectID, o.hasPrefix("1.3.6.1.4.1"), o.components.count > 6 else { return [] }
        switch o.components[6] {
        case 11: return [hpTotal, hpColor]
        case 1347: return [kyoceraBlack, kyoceraColor]
        case 253: return [xeroxTotal, xeroxColor, xeroxBlack]
        default: return []
        }
    }
}

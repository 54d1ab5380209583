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
            r.supplies.append(PrinterSupply(
                index: index, kind: SupplyKind(mibType: types[index]?.number ?? 1),
                description: descriptions[index]?.text.flatMap(nonEmpty) ?? "supply \(index)", color: color,
                level: SupplyLevel(level: value, maxCapacity: maxima[index]?.number), fills: classes[index]?.number == 4))
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
    /// Reads one printer: one GET for the scalars and vendor counters, then its tables walked together.
    public func readPrinter(_ target: SNMPTarget) async throws -> PrinterReading {
        let scalars = try await getPresent(PrinterMIB.scalars, from: target)
        let columns = try await walk(columns: PrinterMIB.columns, from: target)
        return PrinterMIB.interpret(address: target.host, scalars: scalars, columns: columns)
    }
}

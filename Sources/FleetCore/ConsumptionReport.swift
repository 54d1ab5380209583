import Foundation

/// A repair ticket seen from a report: when the machine stopped and when it worked again.
public struct RepairSpan: Equatable, Sendable {
    public let openedAt: Date
    /// Nil while it is still broken.
    public let resolvedAt: Date?
    /// Handled by the client's resident technician: their downtime is reported on its own.
    public let viaResident: Bool
    /// Parts fitted at the repair, at catalog price, whoever paid.
    public let partsCostRials: Int

    public init(openedAt: Date, resolvedAt: Date?, viaResident: Bool = false, partsCostRials: Int = 0) {
        self.openedAt = openedAt
        self.resolvedAt = resolvedAt
        self.viaResident = viaResident
        self.partsCostRials = partsCostRials
    }

    /// Hours out of service within `[from, to)`: from the call to the repair, or to `to` while still open.
    public func downtimeHours(from: Date, to: Date) -> Double {
        let end = min(resolvedAt ?? to, to), start = max(openedAt, from)
        return max(0, end.timeIntervalSince(start)) / 3600
    }
}

/// Pages, toner, paper and failures per device, per user and per department, with their cost.
public enum ConsumptionReport {
    /// A device as the report needs it: who and where, and what it recorded.
    public struct DeviceInput: Sendable {
        public var id: UUID
        public var label: String
        public var user: String?
        public var department: String?
        public var monthlyDutyPages: Int?
        /// The price of one cartridge, black and colour, when the catalog has it.
        public var blackTonerRials: Int?
        public var colorTonerRials: Int?
        /// The meter figures of each month of the period (by label), each cut to the period.
        public var months: [String: MeterMonth]
        public var repairs: [RepairSpan]
        /// What the client pays for the machine's service over the period: its share of the contract's fee and the
        /// parts billed for it.
        public var serviceRials = 0

        public init(id: UUID, label: String, user: String?, department: String?, monthlyDutyPages: Int?,
                    blackTonerRials: Int?, colorTonerRials: Int?, months: [String: MeterMonth], repairs: [RepairSpan], serviceRials: Int = 0) {
            self.serviceRials = serviceRials
            self.id = id
            self.label = label
            self.user = user
            self.department = department
            self.monthlyDutyPages = monthlyDutyPages
            self.blackTonerRials = blackTonerRials
            self.colorTonerRials = colorTonerRials
            self.months = months
            self.repairs = repairs
        }
    }

    public struct MonthPages: Equatable, Sendable, Codable {
        public let month: String
        public let pages: Int64
        public let monoPages: Int64
        public let colorPages: Int64
        public let estimatedPages: Int64
        /// The month's toner at the catalog's cartridge prices (nothing where the price is unknown).
        public var blackTonerRials = 0
        public var colorTonerRials = 0

        init(month: String, pages: Int64, monoPages: Int64, colorPages: Int64, estimatedPages: Int64, blackTonerRials: Int, colorTonerRials: Int) {
            self.month = month
            self.pages = pages
            self.monoPages = monoPages
            self.colorPages = colorPages
            self.estimatedPages = estimatedPages
            self.blackTonerRials = blackTonerRials
            self.colorTonerRials = colorTonerRials
        }

        enum CodingKeys: String, CodingKey { case month, pages, monoPages, colorPages, estimatedPages, blackTonerRials, colorTonerRials }

        /// Reports issued before the toner figures were kept read them as zero.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            month = try c.decode(String.self, forKey: .month)
            pages = try c.decode(Int64.self, forKey: .pages)
            monoPages = try c.decode(Int64.self, forKey: .monoPages)
            colorPages = try c.decode(Int64.self, forKey: .colorPages)
            estimatedPages = try c.decode(Int64.self, forKey: .estimatedPages)
            blackTonerRials = try c.decodeIfPresent(Int.self, forKey: .blackTonerRials) ?? 0
            colorTonerRials = try c.decodeIfPresent(Int.self, forKey: .colorTonerRials) ?? 0
        }
    }

    public struct DeviceRow: Equatable, Sendable, Codable {
        public let deviceId: UUID
        public let label: String
        public let user: String?
        public let department: String?
        public let pages: Int64
        public let monoPages: Int64
        public let colorPages: Int64
        public let estimatedPages: Int64
        /// Days of the period between the first and the last reading that bound it: what the pages stand for.
        public let measuredDays: Double
        public let monthlyAveragePages: Int64?
        /// The monthly average as a share of the model's rated duty, in percent.
        public let dutyPercent: Double?
        public let tonerCartridges: Double
        public let tonerReplacements: Int
        /// Nil when the catalog has no price for this machine's toner.
        public let tonerCostRials: Int?
        public let paperSheets: Int64
        public let paperCostRials: Int
        /// The service paid for over the period: the contract fee's share and the parts billed.
        public let serviceCostRials: Int
        public let failures: Int
        public let downtimeHours: Double
        /// The share of the downtime on tickets the resident technician handled.
        public let residentDowntimeHours: Double
        /// Toner, paper and service per page printed.
        public let costPerPageRials: Double?
        public let months: [MonthPages]
    }

    /// Devices summed by assigned user or by department (or all of them, for the totals).
    public struct GroupRow: Equatable, Sendable, Codable {
        public let name: String
        public let devices: Int
        public let pages: Int64
        public let monoPages: Int64
        public let colorPages: Int64
        public let estimatedPages: Int64
        public let tonerCostRials: Int
        public let paperSheets: Int64
        public let paperCostRials: Int
        public let serviceCostRials: Int
        public let failures: Int
        public let downtimeHours: Double
        public let residentDowntimeHours: Double
        public let costPerPageRials: Double?
        public let months: [MonthPages]
    }

    public struct Report: Equatable, Sendable, Codable {
        public let from: CalendarDay
        public let to: CalendarDay
        public let devices: [DeviceRow]
        public let users: [GroupRow]
        public let departments: [GroupRow]
        public let totals: GroupRow
    }

    public static let averageMonthDays = 30.44

    public static func build(_ inputs: [DeviceInput], period: ReportPeriod, paperSheetRials: Int) -> Report {
        let months = period.months
        let rows = inputs.map { row($0, period: period, months: months, paperSheetRials: paperSheetRials) }
        func groups(_ key: (DeviceRow) -> String?, none: String) -> [GroupRow] {
            Dictionary(grouping: rows) { key($0).flatMap { $0.isEmpty ? nil : $0 } ?? none }
                .map { group($0.key, $0.value, months: months) }
                .sorted { ($0.pages, $1.name) > ($1.pages, $0.name) }
        }
        return Report(from: period.from, to: period.to, devices: rows,
                      users: groups(\.user, none: "—"), departments: groups(\.department, none: "—"),
                      totals: group("", rows, months: months))
    }

    static func row(_ d: DeviceInput, period: ReportPeriod, months: [ReportPeriod.Month], paperSheetRials: Int) -> DeviceRow {
        let figures = months.map { d.months[$0.label] ?? MeterMonth(month: $0.label) }
        func sum(_ value: (MeterMonth) -> Double) -> Double { figures.reduce(0) { $0 + value($1) } }
        var count = PageCount()
        count.pages = Int64(sum(\.pages).rounded())
        count.colorPages = min(count.pages, Int64(sum(\.colorPages).rounded()))
        count.monoPages = count.pages - count.colorPages
        count.estimatedPages = min(count.pages, Int64(sum(\.estimatedPages).rounded()))
        count.sheets = count.pages - Int64((sum(\.duplexPages) / 2).rounded())
        let first = figures.compactMap(\.firstAt).min().map { max($0, period.start) }
        let last = figures.compactMap(\.lastAt).max().map { min($0, period.end) }
        let measuredDays = both(first, last).map { max(0, $1.timeIntervalSince($0)) / 86_400 } ?? 0
        let average = measuredDays >= 1 ? Int64((Double(count.pages) / measuredDays * averageMonthDays).rounded()) : nil
        let duty = both(average, d.monthlyDutyPages.flatMap { $0 > 0 ? $0 : nil }).map { (Double($0) / Double($1) * 1000).rounded() / 10 }
        var toner = TonerUse()
        toner.blackCartridges = sum(\.blackToner)
        toner.colorCartridges = sum(\.colorToner)
        toner.replacements = figures.reduce(0) { $0 + $1.tonerChanges }
        let blackCost = d.blackTonerRials.map { toner.blackCartridges * Double($0) }
        let colorCost = toner.colorCartridges < 0.005 ? 0 : d.colorTonerRials.map { toner.colorCartridges * Double($0) }
        let tonerCost = both(blackCost, colorCost).map { Int(($0 + $1).rounded()) }
        let paperCost = Int(count.sheets) * paperSheetRials
        let failures = d.repairs.filter { $0.openedAt >= period.start && $0.openedAt < period.end }.count
        let downtime = d.repairs.reduce(0) { $0 + $1.downtimeHours(from: period.start, to: period.end) }
        let resident = d.repairs.filter(\.viaResident).reduce(0) { $0 + $1.downtimeHours(from: period.start, to: period.end) }
        // Each month's share of a gap is a fraction: the months are apportioned so that they add up to the period's
        // pages exactly (and its colour and estimated pages likewise).
        let monthPages = Apportion.largestRemainder(figures.map(\.pages), total: count.pages)
        let monthColor = Apportion.largestRemainder(figures.map(\.colorPages), total: count.colorPages)
        let monthEstimated = Apportion.largestRemainder(figures.map(\.estimatedPages), total: count.estimatedPages)
        let monthly = figures.indices.map { i in
            let f = figures[i]
            let pages = monthPages[i], color = min(pages, monthColor[i])
            return MonthPages(month: f.month, pages: pages, monoPages: pages - color, colorPages: color,
                              estimatedPages: min(pages, monthEstimated[i]),
                              blackTonerRials: Int((f.blackToner * Double(d.blackTonerRials ?? 0)).rounded()),
                              colorTonerRials: f.colorToner < 0.005 ? 0 : Int((f.colorToner * Double(d.colorTonerRials ?? 0)).rounded()))
        }
        return DeviceRow(
            deviceId: d.id, label: d.label, user: d.user, department: d.department,
            pages: count.pages, monoPages: count.monoPages, colorPages: count.colorPages, estimatedPages: count.estimatedPages,
            measuredDays: (measuredDays * 10).rounded() / 10, monthlyAveragePages: average, dutyPercent: duty,
            tonerCartridges: ((toner.blackCartridges + toner.colorCartridges) * 100).rounded() / 100,
            tonerReplacements: toner.replacements, tonerCostRials: tonerCost, paperSheets: count.sheets, paperCostRials: paperCost,
            serviceCostRials: d.serviceRials, failures: failures, downtimeHours: (downtime * 10).rounded() / 10, residentDowntimeHours: (resident * 10).rounded() / 10,
            costPerPageRials: costPerPage(toner: tonerCost ?? 0, paper: paperCost, service: d.serviceRials, pages: count.pages), months: monthly)
    }

    static func group(_ name: String, _ rows: [DeviceRow], months: [ReportPeriod.Month]) -> GroupRow {
        let toner = rows.reduce(0) { $0 + ($1.tonerCostRials ?? 0) }
        let paper = rows.reduce(0) { $0 + $1.paperCostRials }
        let service = rows.reduce(0) { $0 + $1.serviceCostRials }
        let pages = rows.reduce(0) { $0 + $1.pages }
        let monthly = months.indices.map { i in
            MonthPages(month: months[i].label, pages: rows.reduce(0) { $0 + $1.months[i].pages },
                       monoPages: rows.reduce(0) { $0 + $1.months[i].monoPages }, colorPages: rows.reduce(0) { $0 + $1.months[i].colorPages },
                       estimatedPages: rows.reduce(0) { $0 + $1.months[i].estimatedPages },
                       blackTonerRials: rows.reduce(0) { $0 + $1.months[i].blackTonerRials },
                       colorTonerRials: rows.reduce(0) { $0 + $1.months[i].colorTonerRials })
        }
        return GroupRow(name: name, devices: rows.count, pages: pages, monoPages: rows.reduce(0) { $0 + $1.monoPages },
                        colorPages: rows.reduce(0) { $0 + $1.colorPages }, estimatedPages: rows.reduce(0) { $0 + $1.estimatedPages },
                        tonerCostRials: toner, paperSheets: rows.reduce(0) { $0 + $1.paperSheets }, paperCostRials: paper,
                        serviceCostRials: service, failures: rows.reduce(0) { $0 + $1.failures },
                        downtimeHours: (rows.reduce(0) { $0 + $1.downtimeHours } * 10).rounded() / 10,
                        residentDowntimeHours: (rows.reduce(0) { $0 + $1.residentDowntimeHours } * 10).rounded() / 10,
                        costPerPageRials: costPerPage(toner: toner, paper: paper, service: service, pages: pages), months: monthly)
    }

    /// Toner, paper and service per page, to a tenth of a Rial.
    static func costPerPage(toner: Int, paper: Int, service: Int, pages: Int64) -> Double? {
        pages > 0 ? (Double(toner + paper + service) / Double(pages) * 10).rounded() / 10 : nil
    }
}

/// Both values, or nil when either is missing.
func both<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
    guard let a, let b else { return nil }
    return (a, b)
}

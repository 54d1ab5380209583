import Foundation

/// One line of an invoice. Amounts are whole Rials.
public struct InvoiceLine: Equatable, Sendable, Codable {
    public enum Kind: String, Sendable, Codable {
        case fee, monoPages, colorPages, part, visit
    }

    public let kind: Kind
    public let description: String
    /// The same in Persian, for the Persian invoice; both are kept so an issued invoice never changes.
    public let descriptionFa: String
    public let quantity: Double
    public let unitRials: Int
    public let amountRials: Int
    public let deviceId: UUID?
    public let visitId: UUID?

    public init(kind: Kind, description: String, descriptionFa: String? = nil, quantity: Double, unitRials: Int, amountRials: Int,
                deviceId: UUID? = nil, visitId: UUID? = nil) {
        self.kind = kind
        self.description = description
        self.descriptionFa = descriptionFa ?? description
        self.quantity = quantity
        self.unitRials = unitRials
        self.amountRials = amountRials
        self.deviceId = deviceId
        self.visitId = visitId
    }

    /// The same line taken back, as a credit note carries it.
    public var negated: InvoiceLine {
        InvoiceLine(kind: kind, description: description, descriptionFa: descriptionFa, quantity: -quantity, unitRials: unitRials,
                    amountRials: -amountRials, deviceId: deviceId, visitId: visitId)
    }
}

/// The sums at the foot of an invoice.
public struct InvoiceTotals: Equatable, Sendable, Codable {
    public let subtotalRials: Int
    public let vatPercent: Double
    public let vatRials: Int
    public let totalRials: Int

    public init(subtotalRials: Int, vatPercent: Double, vatRials: Int, totalRials: Int) {
        self.subtotalRials = subtotalRials
        self.vatPercent = vatPercent
        self.vatRials = vatRials
        self.totalRials = totalRials
    }
}

/// What a contract's client owes for a period: the fee per device and month (pro-rated by day for devices
/// added or removed inside it), pages above those included at the page prices, and the billable parts and
/// visits. Work the contract or a part's warranty covers is not billed.
public enum InvoiceCalculator {
    public struct Device: Sendable {
        public let id: UUID
        public let label: String
        /// The days the device was under the contract: added on, and removed on (its last day is the day before).
        public let addedOn: CalendarDay
        public let removedOn: CalendarDay?
        public let pages: PageCount

        public init(id: UUID, label: String, addedOn: CalendarDay, removedOn: CalendarDay?, pages: PageCount) {
            self.id = id
            self.label = label
            self.addedOn = addedOn
            self.removedOn = removedOn
            self.pages = pages
        }
    }

    /// A part fitted in the period, with the charge its line was given when it was fitted.
    public struct FittedPart: Sendable {
        public let visitId: UUID
        public let deviceId: UUID
        public let description: String
        public let quantity: Int
        public let unitRials: Int
        public let charge: CoverageDecision.Charge

        public init(visitId: UUID, deviceId: UUID, description: String, quantity: Int, unitRials: Int, charge: CoverageDecision.Charge) {
            self.visitId = visitId
            self.deviceId = deviceId
            self.description = description
            self.quantity = quantity
            self.unitRials = unitRials
            self.charge = charge
        }
    }

    /// A visit for a call the contract did not cover.
    public struct BillableVisit: Sendable {
        public let visitId: UUID
        public let description: String
        public let descriptionFa: String
        public let feeRials: Int

        public init(visitId: UUID, description: String, descriptionFa: String? = nil, feeRials: Int) {
            self.visitId = visitId
            self.description = description
            self.descriptionFa = descriptionFa ?? description
            self.feeRials = feeRials
        }
    }

    public struct Result: Equatable, Sendable {
        public let lines: [InvoiceLine]
        public let totals: InvoiceTotals
        /// Device-months the fee was charged for, and the pages the contract included over them.
        public let deviceMonths: Double
        public let includedPages: Int64
    }

    /// The share of each Solar Hijri month of the period that `device` was under the contract, summed.
    public static func deviceMonths(_ device: Device, period: ReportPeriod) -> Double {
        let first = max(device.addedOn, period.from)
        let last = min(device.removedOn.map { $0.adding(days: -1) } ?? period.to, period.to)
        guard first <= last else { return 0 }
        var months = 0.0
        for m in period.months {
            let mStart = CalendarDay(m.start, in: period.timeZone), mEnd = CalendarDay(m.end, in: period.timeZone).adding(days: -1)
            let s = max(first, mStart), e = min(last, mEnd)
            guard s <= e else { continue }
            let solar = SolarHijriDay(mStart)
            months += Double(e.daysSinceEpoch - s.daysSinceEpoch + 1) / Double(SolarHijriDay.daysIn(month: solar.month, year: solar.year))
        }
        return months
    }

    public static func invoice(billing: Billing, planName: String, planNameFa: String? = nil, period: ReportPeriod, devices: [Device], parts: [FittedPart],
                               visits: [BillableVisit], vatPercent: Double) -> Result {
        var lines: [InvoiceLine] = []
        let planFa = planNameFa ?? planName
        func fa(_ n: some BinaryInteger) -> String { DisplayFormat(language: .fa).number(Int(n)) }
        let shares = devices.map { deviceMonths($0, period: period) }
        let totalMonths = shares.reduce(0, +)
        if billing.model != .perPage, billing.monthlyFeePerDeviceRials > 0 {
            // Devices there the whole period share one line; the others get a line each, with their days.
            let full = devices.indices.filter { devices[$0].addedOn <= period.from && (devices[$0].removedOn.map { $0 > period.to } ?? true) }
            let fullMonths = full.reduce(0) { $0 + shares[$1] }
            if !full.isEmpty {
                lines.append(InvoiceLine(kind: .fee, description: "\(planName): monthly fee, \(full.count) devices",
                                         descriptionFa: "\(planFa): هزینه ماهانه، \(fa(full.count)) دستگاه",
                                         quantity: round4(fullMonths), unitRials: billing.monthlyFeePerDeviceRials,
                                         amountRials: Int((fullMonths * Double(billing.monthlyFeePerDeviceRials)).rounded())))
            }
            for i in devices.indices where !full.contains(i) && shares[i] > 0 {
                lines.append(InvoiceLine(kind: .fee, description: "\(planName): monthly fee, \(devices[i].label), part of the period",
                                         descriptionFa: "\(planFa): هزینه ماهانه، \(devices[i].label)، بخشی از دوره",
                                         quantity: round4(shares[i]), unitRials: billing.monthlyFeePerDeviceRials,
                                         amountRials: Int((shares[i] * Double(billing.monthlyFeePerDeviceRials)).rounded()),
                                         deviceId: devices[i].id))
            }
        }
        let pages = devices.reduce(0) { $0 + $1.pages.pages }
        let color = devices.reduce(0) { $0 + $1.pages.colorPages }
        var included: Int64 = 0
        if billing.model != .fixed {
            // Included pages are pooled over the contract's devices, by the months each was under it.
            included = billing.model == .hybrid ? Int64((Double(billing.includedPagesPerDevice) * totalMonths).rounded()) : 0
            let above = max(0, pages - included)
            let colorAbove = pages > 0 ? Int64((Double(above) * Double(color) / Double(pages)).rounded()) : 0
            let monoAbove = above - colorAbove
            // The allowance covers pages of both kinds together; what is above it is billed as its mono and colour
            // shares, and each line says it is a share of that excess so that its quantity reads right.
            let en = DisplayFormat(language: .en)
            func what(_ kind: String, _ kindFa: String) -> (String, String) {
                billing.model == .hybrid
                    ? ("\(kind) share of the \(en.number(Int(above))) pages above the \(en.number(Int(included))) included",
                       "سهم \(kindFa) از \(fa(above)) صفحهٔ مازاد بر \(fa(included)) صفحهٔ رایگان")
                    : ("\(kind) pages printed", "صفحات \(kindFa) چاپ‌شده")
            }
            if monoAbove > 0 {
                let (d, dFa) = what("Mono", "سیاه‌وسفید")
                lines.append(InvoiceLine(kind: .monoPages, description: d, descriptionFa: dFa, quantity: Double(monoAbove),
                                         unitRials: billing.monoPageRials, amountRials: Int(monoAbove) * billing.monoPageRials))
            }
            if colorAbove > 0 {
                let (d, dFa) = what("Colour", "رنگی")
                lines.append(InvoiceLine(kind: .colorPages, description: d, descriptionFa: dFa, quantity: Double(colorAbove),
                                         unitRials: billing.colorPageRials, amountRials: Int(colorAbove) * billing.colorPageRials))
            }
        }
        for p in parts where p.charge == .billable {
            lines.append(InvoiceLine(kind: .part, description: p.description, quantity: Double(p.quantity), unitRials: p.unitRials,
                                     amountRials: p.quantity * p.unitRials, deviceId: p.deviceId, visitId: p.visitId))
        }
        for v in visits where v.feeRials > 0 {
            lines.append(InvoiceLine(kind: .visit, description: v.description, descriptionFa: v.descriptionFa, quantity: 1, unitRials: v.feeRials, amountRials: v.feeRials,
                                     visitId: v.visitId))
        }
        return Result(lines: lines, totals: totals(lines, vatPercent: vatPercent), deviceMonths: round4(totalMonths), includedPages: included)
    }

    /// Subtotal, value added tax on its own line, and the total.
    public static func totals(_ lines: [InvoiceLine], vatPercent: Double) -> InvoiceTotals {
        let subtotal = lines.reduce(0) { $0 + $1.amountRials }
        let vat = Int((Double(subtotal) * vatPercent / 100).rounded())
        return InvoiceTotals(subtotalRials: subtotal, vatPercent: vatPercent, vatRials: vat, totalRials: subtotal + vat)
    }

    static func round4(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }
}

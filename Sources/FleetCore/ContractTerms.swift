/// Which parts a contract pays for.
public enum PartsCoverage: String, Sendable, CaseIterable, Codable {
    /// Labour only: every part is billed.
    case none
    /// Wear parts (rollers, fuser, pads) are covered; spare parts and consumables are billed.
    case wear
    /// Every part is covered; toner follows `tonerIncluded`.
    case all
}

/// How a contract is billed.
public enum BillingModel: String, Sendable, CaseIterable, Codable {
    /// A fee per device and month.
    case fixed
    /// Pages at the mono and colour prices.
    case perPage
    /// A fee per device and month with pages included, and pages above them at the page prices.
    case hybrid
}

/// The money side of a contract, all amounts in Rials.
public struct Billing: Equatable, Sendable, Codable {
    public var model: BillingModel
    public var monthlyFeePerDeviceRials: Int
    public var includedPagesPerDevice: Int
    public var monoPageRials: Int
    public var colorPageRials: Int

    public init(model: BillingModel, monthlyFeePerDeviceRials: Int, includedPagesPerDevice: Int, monoPageRials: Int, colorPageRials: Int) {
        self.model = model
        self.monthlyFeePerDeviceRials = monthlyFeePerDeviceRials
        self.includedPagesPerDevice = includedPagesPerDevice
        self.monoPageRials = monoPageRials
        self.colorPageRials = colorPageRials
    }
}

/// What a contract promises: a plan's terms, or a contract's own copy after its overrides.
public struct ContractTerms: Equatable, Sendable, Codable {
    public var pmVisitsPerYear: Int
    public var responseHours: Int
    public var partsCoverage: PartsCoverage
    public var tonerIncluded: Bool
    public var remoteSupport: Bool
    public var residentTechnician: Bool
    /// How many loaners the client may hold at once.
    public var loanerDevices: Int
    public var partWarrantyMonths: Int
    public var billing: Billing

    public init(pmVisitsPerYear: Int, responseHours: Int, partsCoverage: PartsCoverage, tonerIncluded: Bool, remoteSupport: Bool,
                residentTechnician: Bool, loanerDevices: Int, partWarrantyMonths: Int, billing: Billing) {
        self.pmVisitsPerYear = pmVisitsPerYear
        self.responseHours = responseHours
        self.partsCoverage = partsCoverage
        self.tonerIncluded = tonerIncluded
        self.remoteSupport = remoteSupport
        self.residentTechnician = residentTechnician
        self.loanerDevices = loanerDevices
        self.partWarrantyMonths = partWarrantyMonths
        self.billing = billing
    }

    /// The allowed range of each number, checked for plans and for every override.
    public static let pmVisitsRange = 2...4
    public static let responseHoursRange = 1...168
    public static let partWarrantyRange = 1...12
    public static let loanerRange = 0...100

    /// Checks every term against its allowed range; the error names the field.
    public func validate(prefix: String = "") throws(FieldError) {
        func check(_ value: Int, _ range: ClosedRange<Int>, _ field: String, _ what: String) throws(FieldError) {
            guard range.contains(value) else {
                throw FieldError(field: prefix + field, message: "\(what) must be from \(range.lowerBound) to \(range.upperBound), not \(value)")
            }
        }
        try check(pmVisitsPerYear, Self.pmVisitsRange, "pmVisitsPerYear", "PM visits per year")
        try check(responseHours, Self.responseHoursRange, "responseHours", "the response time in hours")
        try check(partWarrantyMonths, Self.partWarrantyRange, "partWarrantyMonths", "the part warranty in months")
        try check(loanerDevices, Self.loanerRange, "loanerDevices", "the loaner allowance")
        let money = 0...1_000_000_000_000
        try check(billing.monthlyFeePerDeviceRials, money, "billing.monthlyFeePerDeviceRials", "the monthly fee")
        try check(billing.includedPagesPerDevice, 0...10_000_000, "billing.includedPagesPerDevice", "the included pages")
        try check(billing.monoPageRials, money, "billing.monoPageRials", "the mono page price")
        try check(billing.colorPageRials, money, "billing.colorPageRials", "the colour page price")
        switch billing.model {
        case .fixed where billing.monthlyFeePerDeviceRials == 0:
            throw FieldError(field: prefix + "billing.monthlyFeePerDeviceRials", message: "a fixed-fee contract needs a monthly fee")
        case .perPage where billing.monoPageRials == 0 && billing.colorPageRials == 0:
            throw FieldError(field: prefix + "billing.monoPageRials", message: "a per-page contract needs page prices")
        default:
            break
        }
    }

    /// These terms with `overrides` applied, each override checked against its range.
    public func applying(_ overrides: TermOverrides) throws(FieldError) -> ContractTerms {
        var t = self
        if let v = overrides.pmVisitsPerYear { t.pmVisitsPerYear = v }
        if let v = overrides.responseHours { t.responseHours = v }
        if let v = overrides.partsCoverage { t.partsCoverage = v }
        if let v = overrides.tonerIncluded { t.tonerIncluded = v }
        if let v = overrides.remoteSupport { t.remoteSupport = v }
        if let v = overrides.residentTechnician { t.residentTechnician = v }
        if let v = overrides.loanerDevices { t.loanerDevices = v }
        if let v = overrides.partWarrantyMonths { t.partWarrantyMonths = v }
        if let b = overrides.billing {
            if let v = b.model { t.billing.model = v }
            if let v = b.monthlyFeePerDeviceRials { t.billing.monthlyFeePerDeviceRials = v }
            if let v = b.includedPagesPerDevice { t.billing.includedPagesPerDevice = v }
            if let v = b.monoPageRials { t.billing.monoPageRials = v }
            if let v = b.colorPageRials { t.billing.colorPageRials = v }
        }
        try t.validate(prefix: "overrides.")
        return t
    }
}

/// A customer's changes to a plan's terms; nil leaves the plan's term.
public struct TermOverrides: Equatable, Sendable, Codable {
    public struct BillingOverrides: Equatable, Sendable, Codable {
        public var model: BillingModel?
        public var monthlyFeePerDeviceRials: Int?
        public var includedPagesPerDevice: Int?
        public var monoPageRials: Int?
        public var colorPageRials: Int?

        public init(model: BillingModel? = nil, monthlyFeePerDeviceRials: Int? = nil, includedPagesPerDevice: Int? = nil,
                    monoPageRials: Int? = nil, colorPageRials: Int? = nil) {
            self.model = model
            self.monthlyFeePerDeviceRials = monthlyFeePerDeviceRials
            self.includedPagesPerDevice = includedPagesPerDevice
            self.monoPageRials = monoPageRials
            self.colorPageRials = colorPageRials
        }
    }

    public var pmVisitsPerYear: Int?
    public var responseHours: Int?
    public var partsCoverage: PartsCoverage?
    public var tonerIncluded: Bool?
    public var remoteSupport: Bool?
    public var residentTechnician: Bool?
    public var loanerDevices: Int?
    public var partWarrantyMonths: Int?
    public var billing: BillingOverrides?

    public init(pmVisitsPerYear: Int? = nil, responseHours: Int? = nil, partsCoverage: PartsCoverage? = nil, tonerIncluded: Bool? = nil,
                remoteSupport: Bool? = nil, residentTechnician: Bool? = nil, loanerDevices: Int? = nil,
                partWarrantyMonths: Int? = nil, billing: BillingOverrides? = nil) {
        self.pmVisitsPerYear = pmVisitsPerYear
        self.responseHours = responseHours
        self.partsCoverage = partsCoverage
        self.tonerIncluded = tonerIncluded
        self.remoteSupport = remoteSupport
        self.residentTechnician = residentTechnician
        self.loanerDevices = loanerDevices
        self.partWarrantyMonths = partWarrantyMonths
        self.billing = billing
    }
}

/// A contract plan: a named set of terms a contract starts from.
public struct ContractPlan: Equatable, Sendable {
    public let code: String
    public let nameFa: String
    public let nameEn: String
    public let terms: ContractTerms

    public init(code: String, nameFa: String, nameEn: String, terms: ContractTerms) {
        self.code = code
        self.nameFa = nameFa
        self.nameEn = nameEn
        self.terms = terms
    }
}

/// The six built-in plans, a ladder from labour-only care to a resident technician with
/// everything covered, plus a pay-per-page ("click") plan. Fees are Rials per device per month.
public enum BuiltInPlans {
    public static let basic = ContractPlan(code: "basic", nameFa: "پایه", nameEn: "Basic", terms: ContractTerms(
        pmVisitsPerYear: 2, responseHours: 48, partsCoverage: .none, tonerIncluded: false, remoteSupport: false,
        residentTechnician: false, loanerDevices: 0, partWarrantyMonths: 1,
        billing: Billing(model: .fixed, monthlyFeePerDeviceRials: 12_000_000, includedPagesPerDevice: 0, monoPageRials: 0, colorPageRials: 0)))

    public static let standard = ContractPlan(code: "standard", nameFa: "استاندارد", nameEn: "Standard", terms: ContractTerms(
        pmVisitsPerYear: 3, responseHours: 24, partsCoverage: .wear, tonerIncluded: false, remoteSupport: true,
        residentTechnician: false, loanerDevices: 1, partWarrantyMonths: 3,
        billing: Billing(model: .fixed, monthlyFeePerDeviceRials: 18_000_000, includedPagesPerDevice: 0, monoPageRials: 0, colorPageRials: 0)))

    public static let plus = ContractPlan(code: "plus", nameFa: "پلاس", nameEn: "Plus", terms: ContractTerms(
        pmVisitsPerYear: 3, responseHours: 12, partsCoverage: .wear, tonerIncluded: true, remoteSupport: true,
        residentTechnician: false, loanerDevices: 2, partWarrantyMonths: 6,
        billing: Billing(model: .hybrid, monthlyFeePerDeviceRials: 22_000_000, includedPagesPerDevice: 2_000,
                         monoPageRials: 1_500, colorPageRials: 6_000)))

    public static let premium = ContractPlan(code: "premium", nameFa: "ویژه", nameEn: "Premium", terms: ContractTerms(
        pmVisitsPerYear: 4, responseHours: 8, partsCoverage: .all, tonerIncluded: true, remoteSupport: true,
        residentTechnician: false, loanerDevices: 3, partWarrantyMonths: 6,
        billing: Billing(model: .hybrid, monthlyFeePerDeviceRials: 32_000_000, includedPagesPerDevice: 3_000,
                         monoPageRials: 1_300, colorPageRials: 5_500)))

    /// For fleets of 300 machines or more: a technician on site, everything covered.
    public static let enterprise = ContractPlan(code: "enterprise", nameFa: "سازمانی", nameEn: "Enterprise", terms: ContractTerms(
        pmVisitsPerYear: 4, responseHours: 4, partsCoverage: .all, tonerIncluded: true, remoteSupport: true,
        residentTechnician: true, loanerDevices: 10, partWarrantyMonths: 12,
        billing: Billing(model: .hybrid, monthlyFeePerDeviceRials: 28_000_000, includedPagesPerDevice: 3_000,
                         monoPageRials: 1_200, colorPageRials: 5_000)))

    /// Pay per page: no fee, parts and toner covered, the page price carries it all.
    public static let click = ContractPlan(code: "click", nameFa: "پرداخت به ازای صفحه", nameEn: "Per page (click)", terms: ContractTerms(
        pmVisitsPerYear: 3, responseHours: 24, partsCoverage: .all, tonerIncluded: true, remoteSupport: true,
        residentTechnician: false, loanerDevices: 1, partWarrantyMonths: 6,
        billing: Billing(model: .perPage, monthlyFeePerDeviceRials: 0, includedPagesPerDevice: 0,
                         monoPageRials: 1_800, colorPageRials: 7_500)))

    public static let all = [basic, standard, plus, premium, enterprise, click]
}

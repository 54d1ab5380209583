import FleetCore

/// The words of the fleet dashboard, in Persian and English.
enum DashboardText {
    case dashboard, openTickets, slaBreaches, pmDueThisWeek, lowToner, overdueLoans, contractsEnding, alertsNow, nothingOpen
    case kindRelocated, kindWarrantyExpiring, kindConsumptionReport, kindReportDisputed, allAlerts
    case ticketLate(String), contractOf, endsOn(String), pmDueOn(String, String), warrantyOf, loanDueOn(String)

    func text(_ language: Language) -> String {
        let (fa, en) = pair
        return language == .fa ? fa : en
    }

    private var pair: (String, String) {
        switch self {
        case .dashboard: ("پیشخوان", "Dashboard")
        case .openTickets: ("درخواست‌های باز", "Open tickets")
        case .slaBreaches: ("تأخیر از زمان پاسخ", "Response time breached")
        case .pmDueThisWeek: ("سرویس دوره‌ای این هفته", "PM due this week")
        case .lowToner: ("تونر رو به اتمام", "Low toner")
        case .overdueLoans: ("دستگاه امانی دیرکرد", "Overdue loans")
        case .contractsEnding: ("قرارداد رو به پایان (۶۰ روز)", "Contracts ending in 60 days")
        case .alertsNow: ("آنچه اکنون رسیدگی می‌خواهد", "What needs attention now")
        case .nothingOpen: ("موردی باز نیست.", "Nothing is open.")
        case .kindRelocated: ("جابه‌جایی گزارش‌شده", "Reported move")
        case .kindWarrantyExpiring: ("پایان گارانتی قطعه", "Part warranty ending")
        case .kindConsumptionReport: ("گزارش مصرف صادر شد", "Consumption report issued")
        case .kindReportDisputed: ("اعتراض مشتری به گزارش کار", "Work report disputed by the client")
        case .allAlerts: ("همه", "all")
        case let .ticketLate(n): ("مهلت پاسخ درخواست \(n) گذشته است", "ticket \(n) passed its response time")
        case .contractOf: ("قرارداد", "the contract")
        case let .endsOn(day): ("در \(day) به پایان می‌رسد", "ends on \(day)")
        case let .pmDueOn(n, day): ("سرویس دوره‌ای \(n) در \(day)", "PM visit \(n) is due on \(day)")
        case .warrantyOf: ("گارانتی", "the warranty of")
        case let .loanDueOn(day): ("موعد بازگشت دستگاه امانی \(day) بود", "a loaner was due back on \(day)")
        }
    }

    /// The label of an alert kind.
    static func kind(_ kind: String) -> DashboardText? {
        switch kind {
        case "slaBreached": .slaBreaches
        case "pmDue": .pmDueThisWeek
        case "lowToner": .lowToner
        case "loanOverdue": .overdueLoans
        case "contractEnding": .contractsEnding
        case "relocated": .kindRelocated
        case "warrantyExpiring": .kindWarrantyExpiring
        case "consumptionReport": .kindConsumptionReport
        case "reportDisputed": .kindReportDisputed
        default: nil
        }
    }
}

extension PageContext {
    func t(_ key: DashboardText) -> String { key.text(language) }
}

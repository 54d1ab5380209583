import FleetCore

/// The words of the parts, SLA and PM compliance reports, in Persian and English.
enum ServiceReportText: CaseIterable {
    case partsReport, slaReport, pmReport, allCustomers
    case byDevice, byPart, partNumber, partName, quantity, distinctParts, devicesFitted
    case contractCharge, warrantyCharge, billableCharge, totalValue, warrantyRepeats
    case calls, responseMet, responseMissed, resolutionMet, resolutionMissed, pending, responseRate, resolutionRate
    case meanResponseHours, meanResolutionHours, byPlan, byTechnician, residents, noContract, remoteDesk
    case misses, ticket, opened, responseDue, responded, resolutionDue, resolved, technician
    case onTime, late, missed, due, upcoming, onTimeRate, meanDaysLate, byContract, contract, plannedDay, doneOn, visitNumber
    case status, daysLate, plannedVisits, noRows, group

    func text(_ language: Language) -> String {
        let (fa, en) = pair
        return language == .fa ? fa : en
    }

    private var pair: (String, String) {
        switch self {
        case .partsReport: ("گزارش قطعات تعویضی", "Parts replaced")
        case .slaReport: ("گزارش رعایت زمان پاسخ و رفع", "SLA compliance")
        case .pmReport: ("گزارش انجام سرویس دوره‌ای", "PM compliance")
        case .allCustomers: ("همه مشتریان", "All customers")
        case .byDevice: ("بر اساس دستگاه", "By device")
        case .byPart: ("بر اساس قطعه", "By part")
        case .partNumber: ("شماره فنی", "Part number")
        case .partName: ("نام قطعه", "Part")
        case .quantity: ("تعداد", "Quantity")
        case .distinctParts: ("انواع قطعه", "Different parts")
        case .devicesFitted: ("دستگاه‌ها", "Devices")
        case .contractCharge: ("به حساب قرارداد", "Under contract")
        case .warrantyCharge: ("به حساب گارانتی", "Under warranty")
        case .billableCharge: ("به حساب مشتری", "Billable")
        case .totalValue: ("ارزش کل", "Total value")
        case .warrantyRepeats: ("تعویض دوباره در گارانتی", "Repeats under warranty")
        case .calls: ("درخواست‌ها", "Calls")
        case .responseMet: ("پاسخ به‌موقع", "Answered in time")
        case .responseMissed: ("پاسخ با تأخیر", "Answered late")
        case .resolutionMet: ("رفع به‌موقع", "Fixed in time")
        case .resolutionMissed: ("رفع با تأخیر", "Fixed late")
        case .pending: ("در جریان", "Pending")
        case .responseRate: ("پاسخ به‌موقع (درصد)", "Response compliance (%)")
        case .resolutionRate: ("رفع به‌موقع (درصد)", "Resolution compliance (%)")
        case .meanResponseHours: ("میانگین زمان پاسخ (ساعت کاری)", "Mean response (working hours)")
        case .meanResolutionHours: ("میانگین زمان رفع (ساعت کاری)", "Mean resolution (working hours)")
        case .byPlan: ("بر اساس طرح قرارداد", "By plan")
        case .byTechnician: ("بر اساس تکنسین", "By technician")
        case .residents: ("تکنسین‌های مقیم", "Resident technicians")
        case .noContract: ("بدون قرارداد", "No contract")
        case .remoteDesk: ("بدون تکنسین (از راه دور یا هنوز اعزام‌نشده)", "No technician (remote, or not yet sent)")
        case .misses: ("درخواست‌هایی که از تعهد عقب ماندند", "Calls that missed a promise")
        case .ticket: ("درخواست", "Ticket")
        case .opened: ("ثبت", "Opened")
        case .responseDue: ("مهلت پاسخ", "Response due")
        case .responded: ("پاسخ", "Responded")
        case .resolutionDue: ("مهلت رفع", "Fix due")
        case .resolved: ("رفع", "Fixed")
        case .technician: ("تکنسین", "Technician")
        case .onTime: ("به‌موقع", "On time")
        case .late: ("با تأخیر", "Late")
        case .missed: ("انجام‌نشده", "Missed")
        case .due: ("در مهلت", "Due now")
        case .upcoming: ("آینده", "Upcoming")
        case .onTimeRate: ("به‌موقع (درصد)", "On time (%)")
        case .meanDaysLate: ("میانگین روز تأخیر", "Mean days late")
        case .byContract: ("بر اساس قرارداد", "By contract")
        case .contract: ("قرارداد", "Contract")
        case .plannedDay: ("تاریخ برنامه", "Planned")
        case .doneOn: ("تاریخ انجام", "Done on")
        case .visitNumber: ("نوبت", "Visit")
        case .status: ("وضعیت", "Status")
        case .daysLate: ("روز تأخیر", "Days late")
        case .plannedVisits: ("سرویس‌های برنامه‌ریزی‌شده", "Planned visits")
        case .group: ("دسته", "Group")
        case .noRows: ("در این بازه موردی نیست.", "Nothing in this period.")
        }
    }

    /// How the SLA report judges a call, with the allowance filled in.
    static func slaRule(_ allowanceHours: Int, _ language: Language) -> String {
        let f = DisplayFormat(language: language)
        return language == .fa
            ? "پاسخ با زمان پاسخ قرارداد هر درخواست (به ساعت کاری) سنجیده می‌شود؛ رفع به‌موقع یعنی تا زمان پاسخ به‌علاوه \(f.number(allowanceHours)) ساعت کاری."
            : "Each call's response is judged against its contract's response time in working hours; a fix is in time within the response time plus \(allowanceHours) working hours."
    }

    static func pmRule(_ toleranceDays: Int, _ language: Language) -> String {
        let f = DisplayFormat(language: language)
        return language == .fa
            ? "سرویسی که تا \(f.number(toleranceDays)) روز پس از تاریخ برنامه انجام شود به‌موقع است؛ پس از آن با تأخیر، و اگر انجام نشود انجام‌نشده."
            : "A PM visit done within \(toleranceDays) days of its planned day is on time; after that it is late, and missed while not done."
    }

    static func status(_ s: PMCompliance.Status) -> ServiceReportText {
        switch s {
        case .onTime: .onTime
        case .late: .late
        case .missed: .missed
        case .due: .due
        case .upcoming: .upcoming
        }
    }
}

extension PageContext {
    func text(_ key: ServiceReportText) -> String { key.text(language) }
}

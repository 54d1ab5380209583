import FleetCore

/// The words of the client's portal and of work report reviews, in Persian and English.
enum PortalText: CaseIterable {
    case review, approve, dispute, disputeHint, reviewComment, pendingReview, pendingClientReview, approvedOn, disputedOn
    case awaitingApproval, noneAwaiting, openCalls, pastCalls, noCalls, pmPlanned, pmDone, noVisits
    case reportsIssued, invoicesIssued, loansOut, fleet, inRepair, allCalls, calls, slaDue, slaLate, stage, openedOn
    case openAll, closedAll, reportNewFault, whichDevice, find, noDeviceFound

    func text(_ language: Language) -> String {
        let (fa, en) = pair
        return language == .fa ? fa : en
    }

    private var pair: (String, String) {
        switch self {
        case .review: ("بررسی گزارش کار", "Review the work report")
        case .approve: ("تأیید گزارش کار", "Approve the work report")
        case .dispute: ("اعتراض به گزارش کار", "Dispute the work report")
        case .disputeHint: ("اگر کار انجام‌شده درست نیست، بنویسید چه ایرادی دارد؛ درخواست دوباره باز می‌شود.",
                            "If the work is not right, say what is wrong; the call is reopened.")
        case .reviewComment: ("توضیح", "Comment")
        case .pendingReview: ("در انتظار تأیید شما", "Awaiting your approval")
        case .pendingClientReview: ("در انتظار تأیید مشتری", "Awaiting the client's approval")
        case .approvedOn: ("تأیید شده", "Approved")
        case .disputedOn: ("مورد اعتراض", "Disputed")
        case .awaitingApproval: ("گزارش‌های کار در انتظار تأیید", "Work reports awaiting approval")
        case .noneAwaiting: ("گزارشی در انتظار تأیید نیست.", "No work report is waiting for you.")
        case .openCalls: ("درخواست‌های باز", "Open calls")
        case .pastCalls: ("درخواست‌های بسته‌شده", "Past calls")
        case .noCalls: ("درخواستی نیست.", "No calls.")
        case .pmPlanned: ("سرویس‌های دوره‌ای پیش رو", "PM visits planned")
        case .pmDone: ("سرویس‌های دوره‌ای انجام‌شده", "PM visits done")
        case .noVisits: ("بازدیدی نیست.", "No visits.")
        case .reportsIssued: ("گزارش‌های مصرف صادرشده", "Consumption reports issued")
        case .invoicesIssued: ("صورتحساب‌ها", "Invoices")
        case .loansOut: ("دستگاه‌های امانی نزد شما", "Loaners with you")
        case .fleet: ("ناوگان", "Fleet")
        case .inRepair: ("در تعمیر", "In repair")
        case .allCalls: ("همه درخواست‌ها", "All calls")
        case .calls: ("درخواست‌ها", "Tickets")
        case .slaDue: ("مهلت پاسخ", "Response due")
        case .slaLate: ("با تأخیر", "slaLate")
        case .stage: ("وضعیت", "Stage")
        case .openedOn: ("ثبت", "Opened")
        case .openAll: ("باز", "Open")
        case .closedAll: ("بسته", "Closed")
        case .reportNewFault: ("ثبت درخواست تازه", "Report a new fault")
        case .whichDevice: ("کدام دستگاه؟ (برچسب اموال، سریال، مدل، اتاق یا کاربر)", "Which machine? (asset tag, serial, model, room or user)")
        case .find: ("جستجو", "Find")
        case .noDeviceFound: ("دستگاهی پیدا نشد.", "No machine found.")
        }
    }
}

extension PageContext {
    func t(_ key: PortalText) -> String { key.text(language) }
}

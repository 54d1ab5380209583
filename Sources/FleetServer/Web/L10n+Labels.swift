import FleetCore

/// The words of device labels and the fault page people reach from them, in Persian and English.
enum LabelText: CaseIterable {
    case labels, printLabels, printLabel, sheetHint, print, scanToReport, service, revokeLabel, revokeHint, labelRevoked
    case reportFault, reportIntro, whatIsWrong, chooseFault, describe, describeHint, yourName, yourPhone, send
    case thanksTitle, thanksOpened, thanksAdded, reference, callUs, tooManyTitle, tooManyText, otherFault
    case reportedFromLabel, reporter, noLabelDevices

    func text(_ language: Language) -> String {
        let (fa, en) = pair
        return language == .fa ? fa : en
    }

    private var pair: (String, String) {
        switch self {
        case .labels: ("برچسب دستگاه‌ها", "Device labels")
        case .printLabels: ("چاپ برچسب‌ها", "Print labels")
        case .printLabel: ("چاپ برچسب", "Print label")
        case .sheetHint: ("برگه برچسب A4 با ۲۴ برچسب ۷۰×۳۷ میلی‌متر (۳ ستون، ۸ ردیف)؛ در چاپ، مقیاس ۱۰۰٪ را انتخاب کنید.",
                          "A4 sticker sheet of 24 labels, 70 × 37 mm (3 across, 8 down); print at 100% scale.")
        case .print: ("چاپ", "Print")
        case .scanToReport: ("برای گزارش خرابی اسکن کنید", "Scan to report a fault")
        case .service: ("پشتیبانی", "Service")
        case .revokeLabel: ("باطل کردن پیوند برچسب", "Revoke the label's link")
        case .revokeHint: ("پیوند برچسب فعلی از کار می‌افتد و برچسب بعدی پیوند تازه‌ای دارد.",
                           "The printed label's link stops working; the next label printed gets a new one.")
        case .labelRevoked: ("پیوند برچسب باطل شد. برچسب تازه چاپ کنید.", "The label's link was revoked. Print a new label.")
        case .reportFault: ("گزارش خرابی", "Report a fault")
        case .reportIntro: ("مشکل این دستگاه را بنویسید تا کارشناس پشتیبانی با شما تماس بگیرد.",
                            "Tell us what is wrong with this machine and a service engineer will call you.")
        case .whatIsWrong: ("چه مشکلی دارد؟", "What is wrong?")
        case .chooseFault: ("انتخاب کنید", "Choose one")
        case .describe: ("توضیح", "Details")
        case .describeHint: ("اگر پیغام خطایی روی صفحه است، آن را بنویسید.", "If the display shows an error, write it here.")
        case .yourName: ("نام شما", "Your name")
        case .yourPhone: ("شماره تماس", "Your phone number")
        case .send: ("ارسال گزارش", "Send the report")
        case .thanksTitle: ("گزارش شما رسید", "Your report has been received")
        case .thanksOpened: ("درخواست خدمات ثبت شد؛ به‌زودی با شما تماس می‌گیریم.", "A service call has been opened; we will call you soon.")
        case .thanksAdded: ("خرابی این دستگاه پیش‌تر گزارش شده و در دست پیگیری است؛ گزارش شما به همان درخواست افزوده شد.",
                            "This machine's fault was already reported and is being handled; your report was added to that call.")
        case .reference: ("شماره پیگیری", "Reference")
        case .callUs: ("تلفن پشتیبانی", "Service phone")
        case .tooManyTitle: ("گزارش‌های زیاد", "Too many reports")
        case .tooManyText: ("از این نشانی یا برای این دستگاه در یک ساعت گذشته گزارش‌های زیادی رسیده است. لطفاً با تلفن پشتیبانی تماس بگیرید.",
                            "Too many reports came from here or for this machine in the last hour. Please call the service phone.")
        case .otherFault: ("مشکل دیگر", "Something else")
        case .reportedFromLabel: ("گزارش‌شده از برچسب دستگاه", "Reported from the device label")
        case .reporter: ("گزارش‌دهنده", "Reported by")
        case .noLabelDevices: ("دستگاهی برای چاپ برچسب نیست.", "There are no devices to print labels for.")
        }
    }
}

extension PageContext {
    func t(_ key: LabelText) -> String { key.text(language) }
}

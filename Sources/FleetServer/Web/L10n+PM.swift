import FleetCore

/// The words of a PM visit worked machine by machine, in Persian and English.
enum PMText {
    case left, serviced, notServiced, outcome, skipReason, note, totalCounter, lastCounter, wornParts, saveAndNext
    case backToList, machineList, signOff, findMachine, find, recordedBy, noneLeft, allMachines
    case progress(done: String, skipped: String, left: String, total: String)
    case leftBeforeSignOff(String)
    case wornPart(name: String, percent: String), wornCount(String)
    case reason(PMSkipReason)

    func text(_ language: Language) -> String {
        let (fa, en) = pair
        return language == .fa ? fa : en
    }

    private var pair: (String, String) {
        switch self {
        case .left: ("مانده", "Left to do")
        case .serviced: ("سرویس‌شده", "Serviced")
        case .notServiced: ("سرویس‌نشده", "Not serviced")
        case .outcome: ("نتیجه", "Outcome")
        case .skipReason: ("چرا سرویس نشد", "Why it was not serviced")
        case .note: ("یادداشت", "Note")
        case .totalCounter: ("کنتور کل", "Total counter")
        case .lastCounter: ("آخرین کنتور ثبت‌شده", "Last counter on record")
        case .wornParts: ("قطعات گذشته از عمر اسمی: زمان تعویض", "Parts past their rated life: time to change them")
        case .saveAndNext: ("ثبت و دستگاه بعدی", "Save and go to the next machine")
        case .backToList: ("فهرست دستگاه‌های این سرویس", "This visit's machines")
        case .machineList: ("دستگاه‌ها", "Machines")
        case .signOff: ("پایان سرویس و تأیید مشتری", "Finish the visit and the client's sign-off")
        case .findMachine: ("سریال، مدل، اتاق یا کاربر", "Serial, model, room or user")
        case .find: ("جستجو", "Find")
        case .recordedBy: ("ثبت", "Recorded")
        case .noneLeft: ("همهٔ دستگاه‌ها ثبت شده‌اند.", "Every machine is recorded.")
        case .allMachines: ("همه", "All")
        case let .progress(done, skipped, left, total):
            ("\(done) سرویس‌شده · \(skipped) سرویس‌نشده · \(left) مانده از \(total) دستگاه",
             "\(done) serviced · \(skipped) not serviced · \(left) left of \(total) machines")
        case let .leftBeforeSignOff(n):
            ("\(n) دستگاه هنوز ثبت نشده است. هر دستگاه را سرویس‌شده یا با دلیل سرویس‌نشده ثبت کنید، سپس مشتری امضا کند.",
             "\(n) machines are not recorded yet. Record each one as serviced, or not serviced with the reason, before the client signs.")
        case let .wornCount(n): ("\(n) قطعه گذشته از عمر اسمی", "\(n) worn parts")
        case let .wornPart(name, percent): ("\(name): \(percent) عمر اسمی", "\(name): \(percent) of its rated life")
        case let .reason(r):
            switch r {
            case .notFound: ("دستگاه پیدا نشد", "Not found where the record puts it")
            case .noAccess: ("دسترسی نبود (اتاق بسته)", "No access (room locked)")
            case .inUse: ("کاربر فرصت نداد (دستگاه در حال کار)", "In use: the user could not spare it")
            case .outOfOrder: ("خراب است و تعمیر می‌خواهد", "Out of order: it needs a repair")
            case .notInUse: ("خاموش و بلااستفاده", "Switched off, not in use")
            case .other: ("دلیل دیگر (در یادداشت)", "Another reason (say it in the note)")
            }
        }
    }
}

extension PageContext {
    func t(_ text: PMText) -> String { text.text(language) }
}

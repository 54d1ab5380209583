import FleetCore

/// A contract's history, warnings and editor in the reader's language: `ContractChange` and `ContractWarning`
/// values rendered with Solar Hijri days and Persian digits on Persian pages.
enum ContractText {
    case editContract, saveChanges, residentTechnicianName, noResident, allCustomerDevices, noDevicesOfCustomer
    case untranslated

    func text(_ language: Language) -> String {
        let (fa, en) = pair
        return language == .fa ? fa : en
    }

    private var pair: (String, String) {
        switch self {
        case .editContract: ("ویرایش دوره، شرایط و تکنسین مقیم", "Change the period, terms and resident technician")
        case .saveChanges: ("ثبت تغییرات", "Save the changes")
        case .residentTechnicianName: ("تکنسین مقیم", "Resident technician")
        case .noResident: ("— بدون تکنسین مقیم —", "— no resident technician —")
        case .allCustomerDevices: ("همهٔ دستگاه‌های مشتری", "All the customer's devices")
        case .noDevicesOfCustomer: ("این مشتری دستگاهی ثبت‌شده ندارد.", "This customer has no devices on record.")
        case .untranslated: ("متن قدیمی", "old text")
        }
    }

    /// One history entry as a sentence.
    static func change(_ c: ContractChange, _ ctx: PageContext) -> String {
        let f = ctx.format, fa = ctx.language == .fa
        func plan(_ p: PlanName) -> String { fa ? p.fa : p.en }
        func period(_ a: CalendarDay, _ b: CalendarDay) -> String { "\(f.day(a)) – \(f.day(b))" }
        switch c {
        case let .created(p, from, to, n):
            return fa ? "قرارداد \(plan(p)) برای \(period(from, to)) با \(f.number(n)) دستگاه ثبت شد"
                      : "Created on the \(plan(p)) plan for \(period(from, to)) with \(f.number(n)) devices"
        case let .renewedFrom(from, to):
            return fa ? "تمدید قرارداد \(period(from, to))" : "Renewal of the contract of \(period(from, to))"
        case let .renewed(from, to):
            return fa ? "برای \(period(from, to)) تمدید شد" : "Renewed for \(period(from, to))"
        case let .devicesAdded(n, day):
            return fa ? "\(f.number(n)) دستگاه از \(f.day(day)) افزوده شد" : "\(f.number(n)) device(s) added from \(f.day(day))"
        case let .devicesRemoved(n, day):
            return fa ? "\(f.number(n)) دستگاه از \(f.day(day)) کنار گذاشته شد" : "\(f.number(n)) device(s) removed from \(f.day(day))"
        case let .changed(list):
            return (fa ? "تغییر: " : "Changed: ") + changes(list, ctx)
        case let .terminated(day):
            return fa ? "در \(f.day(day)) فسخ شد" : "Terminated on \(f.day(day))"
        case .activated:
            return fa ? "فعال شد" : "Activated"
        case let .deviceAdded(p, from, to):
            return fa ? "به قرارداد \(plan(p)) (\(period(from, to))) افزوده شد" : "Added to the \(plan(p)) contract (\(period(from, to)))"
        case let .deviceRemoved(p, from, to):
            return fa ? "از قرارداد \(plan(p)) (\(period(from, to))) کنار گذاشته شد" : "Removed from the \(plan(p)) contract (\(period(from, to)))"
        case let .termsChanged(p, list):
            return (fa ? "تغییر قرارداد \(plan(p)): " : "The \(plan(p)) contract changed: ") + changes(list, ctx)
        }
    }

    /// "PM visits a year: 2 → 4; ends: …": each term by its label, old value to new.
    static func changes(_ list: [TermChange], _ ctx: PageContext) -> String {
        let arrow = ctx.language == .fa ? "←" : "→"
        return list.map { c in "\(label(c.term, ctx)): \(value(c.term, c.old, ctx)) \(arrow) \(value(c.term, c.new, ctx))" }
            .joined(separator: ctx.language == .fa ? "؛ " : "; ")
    }

    static func label(_ term: String, _ ctx: PageContext) -> String {
        switch term {
        case "startsOn": ctx.t(.startsOn)
        case "endsOn": ctx.t(.endsOn)
        case "residentTechnicianName": ctx.t(ContractText.residentTechnicianName)
        default: ctx.t(TermsView.label(term))
        }
    }

    static func value(_ term: String, _ raw: String?, _ ctx: PageContext) -> String {
        guard let raw else { return "—" }
        switch term {
        case "startsOn", "endsOn": return CalendarDay(iso: raw).map(ctx.format.day) ?? raw
        case "residentTechnicianName": return raw
        default: return TermsView.display(term, raw, ctx)
        }
    }

    static func warning(_ w: ContractWarning, _ ctx: PageContext) -> String {
        let f = ctx.format, fa = ctx.language == .fa
        switch w {
        case let .fleetSize(n, lo, hi):
            return fa ? "این قرارداد \(f.number(n)) دستگاه دارد؛ قراردادها برای \(f.number(lo)) تا \(f.number(hi)) دستگاه است"
                      : "the contract covers \(f.number(n)) devices; contracts are meant for \(f.number(lo)) to \(f.number(hi))"
        case let .residentForSmallFleet(n, minimum):
            return fa ? "تکنسین مقیم برای \(f.number(minimum)) دستگاه یا بیشتر است؛ این قرارداد \(f.number(n)) دستگاه دارد"
                      : "a resident technician is meant for \(f.number(minimum)) devices or more; this contract has \(f.number(n))"
        }
    }
}

extension PageContext {
    func t(_ key: ContractText) -> String { key.text(language) }
}

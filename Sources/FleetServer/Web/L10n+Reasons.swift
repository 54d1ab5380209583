import FleetCore
import Plot

/// The domain's reasons (coverage decisions, the likely-part evidence) in the reader's language: the domain
/// returns values, and only here do they become sentences. Names typed into the system (a part's name, a
/// contract's plan) are marked as data with `<bdi>`.
enum ReasonText {
    static func coverage<C>(_ r: CoverageReason, _ ctx: PageContext) -> Node<C> {
        guard ctx.language == .fa else { return .text(r.english) }
        let f = ctx.format
        func plan(_ p: PlanName) -> Node<C> { .group(.text("قرارداد "), .bdi(p.fa)) }
        func kind(_ k: PartKind) -> String {
            switch k {
            case .consumable: "قطعات مصرفی"
            case .wear: "قطعات استهلاکی"
            case .spare: "قطعات یدکی"
            }
        }
        switch r {
        case let .partUnderWarranty(until):
            return .text("همین قطعه با گارانتی تا \(f.day(until)) نصب شده است")
        case let .noActiveContract(day):
            return .text("قرارداد فعالی روز \(f.day(day)) را پوشش نمی‌دهد")
        case let .repairBetweenPMs(p):
            return .group(.text("دستمزد تعمیر میان سرویس‌های دوره‌ای در "), plan(p), .text(" رایگان است"))
        case let .pmVisitsUsed(p, perYear, done):
            return .group(plan(p), .text(" \(f.number(perYear)) سرویس دوره‌ای در سال دارد و \(f.number(done)) انجام شده است"))
        case let .pmVisit(n, perYear):
            return .text("سرویس دوره‌ای \(f.number(n)) از \(f.number(perYear)) در این سال قرارداد")
        case let .partsCovered(p, k):
            return .group(plan(p), .text(" \(kind(k)) را پوشش می‌دهد"))
        case let .partsNotCovered(p, coverage, k):
            let covers = switch coverage {
            case .none: "هیچ قطعه‌ای را پوشش نمی‌دهد"
            case .wear: "فقط قطعات استهلاکی را پوشش می‌دهد"
            case .all: "همهٔ قطعات را پوشش می‌دهد"
            }
            return .group(plan(p), .text(" \(covers)، نه \(kind(k)) را"))
        case let .tonerIncluded(p):
            return .group(.text("تونر در "), plan(p), .text(" آمده است"))
        case let .tonerNotIncluded(p):
            return .group(.text("تونر در "), plan(p), .text(" نیامده است"))
        case let .loanerAllowed(p, n, allowed):
            return .group(.text("دستگاه امانی \(f.number(n)) از \(f.number(allowed)) که "), plan(p), .text(" اجازه می‌دهد"))
        case let .loanersUsed(p, allowed, out):
            return .group(plan(p), .text(" \(f.number(allowed)) دستگاه امانی هم‌زمان اجازه می‌دهد و \(f.number(out)) دستگاه بیرون است"))
        case let .remoteIncluded(p):
            return .group(.text("پشتیبانی از راه دور جزو "), plan(p), .text(" است"))
        case let .noRemoteSupport(p):
            return .group(plan(p), .text(" پشتیبانی از راه دور ندارد"))
        }
    }

    /// A ticket's coverage reason: the value where it was kept, else (older tickets) the English sentence on
    /// English pages only.
    static func coverage<C>(_ t: TicketDTO, _ ctx: PageContext) -> Node<C> {
        if let r = t.coverage { return coverage(r, ctx) }
        return ctx.language == .en ? .text(t.coverageReason) : .empty
    }

    static func evidence<C>(_ e: LikelyPartEvidence, part: String, _ ctx: PageContext) -> Node<C> {
        guard ctx.language == .fa else { return .text(e.english(part: part)) }
        let f = ctx.format
        func symptom(_ code: String) -> String { "«" + CommonSymptoms.label(code, .fa) + "»" }
        switch e {
        case let .wear(percent):
            return .text("\(f.number(percent))٪ عمر اسمی‌اش را کار کرده است")
        case let .modelRepairs(replaced, of, s):
            return .text("در \(f.number(replaced)) از \(f.number(of)) تعمیر \(symptom(s)) این مدل تعویض شده است")
        case let .fleetRepairs(replaced, of, s):
            return .text("در \(f.number(replaced)) از \(f.number(of)) تعمیر \(symptom(s)) در کل ناوگان تعویض شده است")
        case let .replacedBefore(times):
            return .text("پیش‌تر \(f.number(times)) بار روی همین دستگاه تعویض شده است")
        case let .dust(level):
            return .text(level == .high ? "گرد و غبار زیاد عمرش را کوتاه می‌کند" : "گرد و غبار عمرش را کوتاه می‌کند")
        case let .heat(celsius):
            return .text("دمای اتاق \(f.number(celsius)) درجه است")
        }
    }

    /// Why a part is likely at fault, each piece of evidence in turn; nothing on a Persian page for a ranking
    /// kept before the evidence was (its English sentence stays on English pages and in the API).
    static func likely<C>(_ p: LikelyPart, _ ctx: PageContext) -> Node<C> {
        guard let evidence = p.evidence else { return ctx.language == .en ? .text(p.reason) : .empty }
        let separator = ctx.language == .fa ? "؛ " : "; "
        return .group(evidence.enumerated().map { i, e in
            .group(.if(i > 0, .text(separator)), self.evidence(e, part: p.name, ctx))
        })
    }

    /// Why a machine gets its advice, in the reader's language: money and shares, failure rates against the
    /// model's, the machine to swap with (its name marked as data).
    static func advice<C>(_ reasons: [AdviceReason], _ ctx: PageContext) -> Node<C> {
        let f = ctx.format, fa = ctx.language == .fa
        func pct(_ n: Int) -> String { f.number(n) + (fa ? "٪" : "%") }
        let parts: [Node<C>] = reasons.map { r in
            switch r {
            case let .repairsCostShare(rials?, percent):
                .text(fa ? "هزینهٔ تعمیر در ۱۲ ماه گذشته \(f.rials(rials))، \(pct(percent)) بهای دستگاه نو"
                         : "repairs in the last 12 months cost \(f.rials(rials)), \(pct(percent)) of a new machine")
            case let .repairsCostShare(nil, percent):
                .text(fa ? "هزینهٔ تعمیر در ۱۲ ماه گذشته \(pct(percent)) بهای دستگاه نو بوده است"
                         : "repairs in the last 12 months cost \(pct(percent)) of a new machine")
            case let .failureRate(failures, own, model):
                .text((failures.map { fa ? "\(f.number($0)) خرابی، " : "\(f.number($0)) failures, " } ?? "")
                      + (fa ? "\(f.decimal(own)) خرابی در هر ۱۰٬۰۰۰ صفحه در برابر \(f.decimal(model)) برای این مدل"
                            : "\(f.decimal(own)) failures per 10,000 pages against \(f.decimal(model)) for the model"))
            case let .swap(percent, other, theirs):
                .group(.text(fa ? "تنها \(pct(percent)) ظرفیتش به کار می‌رود و " : "at \(pct(percent)) of its duty while "), .bdi(other),
                       .text(fa ? " در همان محل \(pct(theirs)) ظرفیتش کار می‌کند؛ جای این دو را عوض کنید"
                                : " nearby runs at \(pct(theirs)); swap them"))
            case let .failures(n):
                .text(fa ? "\(f.number(n)) خرابی در این دوره" : "\(f.number(n)) failures in the period")
            case .noFailures:
                .text(fa ? "در این دوره خرابی نداشته است" : "no failures in the period")
            case let .withinModelRate(n):
                .text(fa ? "\(f.number(n)) خرابی در این دوره، در حد معمول این مدل" : "\(f.number(n)) failure in the period, within the model's rate")
            }
        }
        var nodes: [Node<C>] = []
        for (i, p) in parts.enumerated() {
            if i > 0 { nodes.append(.text(fa ? "؛ " : "; ")) }
            nodes.append(p)
        }
        return .group(nodes)
    }
}

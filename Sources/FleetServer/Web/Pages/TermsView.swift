import FleetCore
import Plot

/// Contract terms as label/value rows, flattened the way the form and the preview script name them.
enum TermsView {
    static let keys = ContractTerms.flatKeys

    static func label(_ key: String) -> L10n {
        switch key {
        case "pmVisitsPerYear": .pmVisitsPerYear
        case "responseHours": .responseHours
        case "partsCoverage": .partsCoverage
        case "tonerIncluded": .tonerIncluded
        case "remoteSupport": .remoteSupport
        case "residentTechnician": .residentTechnician
        case "loanerDevices": .loanerDevices
        case "partWarrantyMonths": .partWarrantyMonths
        case "billingModel": .billing
        case "monthlyFeePerDeviceRials": .monthlyFee
        case "includedPagesPerDevice": .includedPages
        case "monoPageRials": .monoPagePrice
        default: .colorPagePrice
        }
    }

    /// The raw value of each term, as the form and the script carry it.
    static func raw(_ t: ContractTerms) -> [String: String] { t.flat }

    /// How a raw value reads on the page.
    static func display(_ key: String, _ raw: String, _ ctx: PageContext) -> String {
        let f = ctx.format
        switch key {
        case "partsCoverage": return PartsCoverage(rawValue: raw).map { ctx.t(L10n.parts($0)) } ?? raw
        case "billingModel": return BillingModel(rawValue: raw).map { ctx.t(L10n.billing($0)) } ?? raw
        case "tonerIncluded", "remoteSupport", "residentTechnician": return ctx.t(raw == "true" ? .yes : .no)
        default: return Int(raw).map(f.number) ?? raw
        }
    }

    /// Every label a value can take, for the preview script.
    static func choices(_ ctx: PageContext) -> [String: [String: String]] {
        var c: [String: [String: String]] = [:]
        c["partsCoverage"] = Dictionary(uniqueKeysWithValues: PartsCoverage.allCases.map { ($0.rawValue, ctx.t(L10n.parts($0))) })
        c["billingModel"] = Dictionary(uniqueKeysWithValues: BillingModel.allCases.map { ($0.rawValue, ctx.t(L10n.billing($0))) })
        for key in ["tonerIncluded", "remoteSupport", "residentTechnician"] {
            c[key] = ["true": ctx.t(.yes), "false": ctx.t(.no)]
        }
        return c
    }

    /// A table of the terms; `overridden` keys are marked.
    static func table<C: HTML.BodyContext>(_ terms: ContractTerms, overridden: Set<String> = [], live: Bool = false,
                                           _ ctx: PageContext) -> Node<C> {
        let raw = raw(terms)
        return .table(.class("terms"), .tbody(.forEach(keys) { key in
            .tr(.th(.text(ctx.t(label(key)))),
                .td(.class(overridden.contains(key) ? "overridden" : ""),
                    live ? .attribute(named: "data-effective", value: key) : .empty,
                    .text(display(key, raw[key] ?? "", ctx))))
        }))
    }

    /// The fields of a terms editor; with `emptyMeansPlan`, empty fields keep the plan's term.
    static func fields<C: HTML.BodyContext>(prefix: String, values: [String: String], emptyMeansPlan: Bool,
                                            _ ctx: PageContext) -> Node<C> {
        let empty: String? = emptyMeansPlan ? "— \(ctx.t(.planValue)) —" : nil
        let yesNo = [("true", ctx.t(.yes)), ("false", ctx.t(.no))]
        return .div(.class("grid2"), .forEach(keys) { key -> Node<C> in
            let name = prefix + key
            switch key {
            case "partsCoverage":
                return Layout.select(ctx.t(label(key)), name, selected: values[key],
                                     options: PartsCoverage.allCases.map { ($0.rawValue, ctx.t(L10n.parts($0))) }, empty: empty)
            case "billingModel":
                return Layout.select(ctx.t(label(key)), name, selected: values[key],
                                     options: BillingModel.allCases.map { ($0.rawValue, ctx.t(L10n.billing($0))) }, empty: empty)
            case "tonerIncluded", "remoteSupport", "residentTechnician":
                return Layout.select(ctx.t(label(key)), name, selected: values[key], options: yesNo, empty: empty)
            default:
                return Layout.field(ctx.t(label(key)), name, value: values[key], required: !emptyMeansPlan,
                                    attributes: [.attribute(named: "inputmode", value: "numeric")])
            }
        })
    }

    /// Terms from a form's fields; a field left empty keeps the term of `base`, a bad number names its field.
    static func terms(from form: [String: String], prefix: String, base: ContractTerms) throws(FieldError) -> ContractTerms {
        try base.applying(overrides(from: form, prefix: prefix))
    }

    static func overrides(from form: [String: String], prefix: String) throws(FieldError) -> TermOverrides {
        func text(_ key: String) -> String? {
            guard let v = form[prefix + key]?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { return nil }
            return PersianDigits.toASCII(v).replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "٬", with: "")
        }
        func int(_ key: String) throws(FieldError) -> Int? {
            guard let v = text(key) else { return nil }
            guard let n = Int(v) else { throw FieldError(field: "overrides.\(key)", message: "\"\(v)\" is not a whole number") }
            return n
        }
        func bool(_ key: String) -> Bool? { text(key).map { $0 == "true" } }
        var o = TermOverrides()
        o.pmVisitsPerYear = try int("pmVisitsPerYear")
        o.responseHours = try int("responseHours")
        o.partsCoverage = text("partsCoverage").flatMap(PartsCoverage.init(rawValue:))
        o.tonerIncluded = bool("tonerIncluded")
        o.remoteSupport = bool("remoteSupport")
        o.residentTechnician = bool("residentTechnician")
        o.loanerDevices = try int("loanerDevices")
        o.partWarrantyMonths = try int("partWarrantyMonths")
        let b = TermOverrides.BillingOverrides(model: text("billingModel").flatMap(BillingModel.init(rawValue:)),
                                               monthlyFeePerDeviceRials: try int("monthlyFeePerDeviceRials"),
                                               includedPagesPerDevice: try int("includedPagesPerDevice"),
                                               monoPageRials: try int("monoPageRials"), colorPageRials: try int("colorPageRials"))
        if b != TermOverrides.BillingOverrides() { o.billing = b }
        return o
    }

    /// The overrides as form values, to show a contract's customisation again.
    static func values(of o: TermOverrides) -> [String: String] {
        var v: [String: String] = [:]
        v["pmVisitsPerYear"] = o.pmVisitsPerYear.map(String.init)
        v["responseHours"] = o.responseHours.map(String.init)
        v["partsCoverage"] = o.partsCoverage?.rawValue
        v["tonerIncluded"] = o.tonerIncluded.map { String($0) }
        v["remoteSupport"] = o.remoteSupport.map { String($0) }
        v["residentTechnician"] = o.residentTechnician.map { String($0) }
        v["loanerDevices"] = o.loanerDevices.map(String.init)
        v["partWarrantyMonths"] = o.partWarrantyMonths.map(String.init)
        v["billingModel"] = o.billing?.model?.rawValue
        v["monthlyFeePerDeviceRials"] = o.billing?.monthlyFeePerDeviceRials.map(String.init)
        v["includedPagesPerDevice"] = o.billing?.includedPagesPerDevice.map(String.init)
        v["monoPageRials"] = o.billing?.monoPageRials.map(String.init)
        v["colorPageRials"] = o.billing?.colorPageRials.map(String.init)
        return v
    }
}

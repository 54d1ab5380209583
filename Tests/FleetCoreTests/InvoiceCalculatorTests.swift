import FleetCore
import Foundation
import Testing

@Suite("Invoices")
struct InvoiceCalculatorTests {
    /// Farvardin and Ordibehesht 1405, 31 days each.
    static let period = ReportPeriod(from: SolarHijriDay(year: 1405, month: 1, day: 1)!.gregorian,
                                     to: SolarHijriDay(year: 1405, month: 2, day: 31)!.gregorian)
    static func solar(_ m: Int, _ d: Int) -> CalendarDay { SolarHijriDay(year: 1405, month: m, day: d)!.gregorian }
    static func pages(_ total: Int64, color: Int64 = 0) -> PageCount {
        var c = PageCount()
        c.pages = total
        c.colorPages = color
        c.monoPages = total - color
        return c
    }

    static let a = UUID(), b = UUID(), c = UUID(), visit = UUID()
    /// A there all along; B added on 16 Ordibehesht; C removed on 11 Farvardin (its last day the 10th).
    static let devices = [
        InvoiceCalculator.Device(id: a, label: "A", addedOn: solar(1, 1).adding(days: -100), removedOn: nil, pages: pages(7_000)),
        InvoiceCalculator.Device(id: b, label: "B", addedOn: solar(2, 16), removedOn: nil, pages: pages(2_000, color: 600)),
        InvoiceCalculator.Device(id: c, label: "C", addedOn: solar(1, 1).adding(days: -100), removedOn: solar(1, 11), pages: pages(500)),
    ]
    /// A board billed, a roller fitted again under its warranty, a fuser the contract covers.
    static let parts = [
        InvoiceCalculator.FittedPart(visitId: visit, deviceId: a, description: "Formatter board", quantity: 1, unitRials: 18_000_000, charge: .billable),
        InvoiceCalculator.FittedPart(visitId: visit, deviceId: a, description: "Pickup roller", quantity: 1, unitRials: 2_500_000, charge: .warranty),
        InvoiceCalculator.FittedPart(visitId: visit, deviceId: a, description: "Fuser", quantity: 1, unitRials: 9_000_000, charge: .contract),
    ]

    @Test("Hybrid: fees pro-rated by day for a device added and one removed, pages above the pooled allowance, VAT on its own")
    func hybrid() {
        let terms = BuiltInPlans.plus.terms.billing
        #expect(terms.model == .hybrid && terms.monthlyFeePerDeviceRials == 22_000_000 && terms.includedPagesPerDevice == 2_000)
        let r = InvoiceCalculator.invoice(billing: terms, planName: "Plus", planNameFa: "پلاس", period: Self.period, devices: Self.devices, parts: Self.parts,
                                          visits: [.init(visitId: Self.visit, description: "Repair visit not covered", feeRials: 15_000_000)],
                                          vatPercent: 10)
        #expect(r.lines.map(\.kind) == [.fee, .fee, .fee, .monoPages, .colorPages, .part, .visit])
        // A: 2 months x 22,000,000; B: 16/31 of a month; C: 10/31 of a month.
        #expect(r.lines.prefix(3).map(\.amountRials) == [44_000_000, 11_354_839, 7_096_774])
        #expect(r.lines[1].deviceId == Self.b && r.lines[1].quantity == 0.5161)
        // 2.83871 device-months x 2,000 = 5,677 included; 9,500 printed; 3,823 above, 600/9,500 of them colour.
        #expect(r.includedPages == 5_677)
        #expect(r.lines[3].quantity == 3_582 && r.lines[3].amountRials == 5_373_000)
        #expect(r.lines[4].quantity == 241 && r.lines[4].amountRials == 1_446_000)
        // The warranty roller and the covered fuser are not billed.
        #expect(r.lines.filter { $0.kind == .part }.map(\.description) == ["Formatter board"])
        #expect(r.totals.subtotalRials == 102_270_613)
        #expect(r.totals.vatRials == 10_227_061)
        #expect(r.totals.totalRials == 112_497_674)
        #expect(r.lines[0].descriptionFa == "پلاس: هزینه ماهانه، ۱ دستگاه")
        // Each page line is a share of the pages above the allowance, and says so: 3,582 + 241 = 3,823.
        #expect(r.lines[3].descriptionFa == "سهم سیاه‌وسفید از ۳٬۸۲۳ صفحهٔ مازاد بر ۵٬۶۷۷ صفحهٔ رایگان")
        #expect(r.lines[4].description == "Colour share of the 3,823 pages above the 5,677 included")
        // A credit note takes every line back: the totals are the invoice's, negative.
        let back = InvoiceCalculator.totals(r.lines.map(\.negated), vatPercent: 10)
        #expect(back.subtotalRials == -102_270_613 && back.vatRials == -10_227_061 && back.totalRials == -112_497_674)
    }

    @Test("Per page: every page at its price and no fee; fixed: the fee and no pages")
    func perPageAndFixed() {
        let click = InvoiceCalculator.invoice(billing: BuiltInPlans.click.terms.billing, planName: "Click", period: Self.period,
                                              devices: Self.devices, parts: [], visits: [], vatPercent: 10)
        #expect(click.lines.map(\.kind) == [.monoPages, .colorPages])
        #expect(click.lines.map(\.amountRials) == [8_900 * 1_800, 600 * 7_500])
        let fixed = InvoiceCalculator.invoice(billing: BuiltInPlans.basic.terms.billing, planName: "Basic", period: Self.period,
                                              devices: Self.devices, parts: [], visits: [], vatPercent: 9)
        #expect(fixed.lines.allSatisfy { $0.kind == .fee })
        #expect(fixed.lines.map(\.amountRials) == [24_000_000, 6_193_548, 3_870_968])
        #expect(fixed.totals.vatRials == 3_065_806)        // 9% of 34,064,516
    }
}

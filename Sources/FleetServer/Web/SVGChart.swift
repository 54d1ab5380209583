import FleetCore
import Foundation
import Plot

/// Charts drawn on the server as inline SVG: no script, readable in print, and right to left in Persian
/// (the first month on the right, as a Persian reader scans).
enum SVGChart {
    /// One bar of a chart: its label and its stacked parts, bottom first.
    struct Bar {
        let label: String
        let parts: [Double]
    }

    static let width = 640.0, height = 230.0, left = 56.0, right = 12.0, top = 12.0, bottom = 40.0
    /// Mono dark, colour the accent; strong enough to tell apart in grey print.
    /// Then green, violet and grey for a chart of more series (departments), told apart by the legend.
    static let fills = ["#344054", "#2e90fa", "#f79009", "#12b76a", "#9e77ed", "#98a2b3"]

    /// Stacked bars with a scale, gridlines and a legend. `title` is read out by screen readers.
    static func bars<C>(_ bars: [Bar], legend: [String], title: String, format: DisplayFormat) -> Node<C> {
        guard !bars.isEmpty else { return .empty }
        let maximum = max(1, bars.map { $0.parts.reduce(0, +) }.max() ?? 1)
        let step = niceStep(maximum / 4)
        let scaleTop = (maximum / step).rounded(.up) * step
        let rtl = format.language == .fa
        // The scale stands on the reader's starting side: the right in Persian, as wide as its longest number.
        let scaleWidth = max(left, Double(format.number(Int(scaleTop)).count) * 7 + 12)
        let start = rtl ? right : scaleWidth, end = rtl ? scaleWidth : right
        let plotWidth = width - start - end, plotHeight = height - top - bottom
        let slot = plotWidth / Double(bars.count), barWidth = min(48, slot * 0.64)
        func x(_ i: Int) -> Double {
            let position = rtl ? bars.count - 1 - i : i
            return start + slot * Double(position) + (slot - barWidth) / 2
        }
        func y(_ v: Double) -> Double { top + plotHeight * (1 - v / scaleTop) }
        // Labels wider than their bar's slot (twelve months) are slanted, and the chart grows to hold them.
        let longest = Double(bars.map(\.label.count).max() ?? 0)
        let slanted = longest * 6.5 > slot
        let extra = slanted ? (longest * 6.2 * 0.57).rounded(.up) : 0
        // The legend runs along the bottom from the reader's start, wrapping onto more lines when it is long.
        var legendAt: [(x: Double, line: Int)] = []
        var lx = 0.0, line = 0
        for name in legend {
            let w = Double(name.count) * 7 + 34
            if lx > 0 && lx + w > width - start - end { (lx, line) = (0, line + 1) }
            legendAt.append((rtl ? width - end - lx : start + lx, line))
            lx += w
        }
        let fullHeight = height + extra + Double(line) * 16
        var svg = ##"<svg class="chart" viewBox="0 0 \##(Int(width)) \##(Int(fullHeight))" role="img" aria-label="\##(escape(title))" direction="ltr" xmlns="http://www.w3.org/2000/svg">"##
        svg += "<title>\(escape(title))</title>"
        var tick = 0.0
        while tick <= scaleTop + 0.5 {
            let ty = y(tick)
            svg += ##"<line x1="\##(f(start))" x2="\##(f(width - end))" y1="\##(f(ty))" y2="\##(f(ty))" stroke="#d0d5dd" stroke-width="1"/>"##
            svg += ##"<text x="\##(f(rtl ? width - end + 6 : start - 6))" y="\##(f(ty + 4))" text-anchor="\##(rtl ? "start" : "end")" font-size="11" fill="#475467">\##(escape(format.number(Int(tick))))</text>"##
            tick += step
        }
        for (i, bar) in bars.enumerated() {
            var base = 0.0
            for (k, value) in bar.parts.enumerated() where value > 0 {
                let y0 = y(base), y1 = y(base + value)
                svg += ##"<rect x="\##(f(x(i)))" y="\##(f(y1))" width="\##(f(barWidth))" height="\##(f(max(0.5, y0 - y1)))" fill="\##(fills[k % fills.count])"><title>\##(escape(bar.label)): \##(escape(format.number(Int(value.rounded()))))</title></rect>"##
                base += value
            }
            let lx = x(i) + barWidth / 2, ly = height - bottom + 16
            svg += slanted
                ? ##"<text x="\##(f(lx + 4))" y="\##(f(ly - 4))" transform="rotate(-35 \##(f(lx + 4)) \##(f(ly - 4)))" text-anchor="end" font-size="10.5" fill="#344054">\##(escape(bar.label))</text>"##
                : ##"<text x="\##(f(lx))" y="\##(f(ly))" text-anchor="middle" font-size="11" fill="#344054">\##(escape(bar.label))</text>"##
        }
        for (k, name) in legend.enumerated() {
            let (x0, row) = legendAt[k]
            let box = rtl ? x0 - 10 : x0, ly = height + extra + Double(row) * 16
            svg += ##"<rect x="\##(f(box))" y="\##(f(ly - 14))" width="10" height="10" fill="\##(fills[k % fills.count])"/>"##
            svg += ##"<text x="\##(f(rtl ? box - 4 : box + 14))" y="\##(f(ly - 5))" text-anchor="\##(rtl ? "end" : "start")" font-size="11" fill="#344054">\##(escape(name))</text>"##
        }
        svg += "</svg>"
        return .raw(svg)
    }

    /// A step of 1, 2 or 5 times a power of ten near `rough`, so the scale reads in round numbers.
    static func niceStep(_ rough: Double) -> Double {
        guard rough > 0 else { return 1 }
        let power = pow(10, floor(log10(rough)))
        for m in [1.0, 2, 5, 10] where m * power >= rough { return m * power }
        return 10 * power
    }

    /// A Solar Hijri month label (`1405-03`) as people say it: `خرداد ۱۴۰۵`, `Khordad 1405`.
    static func monthLabel(_ label: String, _ format: DisplayFormat) -> String {
        let parts = label.split(separator: "-")
        guard parts.count == 2, let year = Int(parts[0]), let month = Int(parts[1]) else { return label }
        return format.monthName(month) + " " + format.digits(String(year))
    }

    static func f(_ x: Double) -> String { FixedFormat.oneDecimal(x) }
    static func escape(_ s: String) -> String { HTMLEscape.escape(s, quotes: true) }
}

extension SVGChart {
    /// Monthly pages stacked by department: the five busiest each in their own colour, the rest together.
    static func departmentMonths<C>(_ departments: [ConsumptionReport.GroupRow], _ ctx: PageContext) -> Node<C> {
        guard let months = departments.first?.months.map(\.month) else { return .empty }
        let shown = Array(departments.prefix(5)), rest = departments.dropFirst(5)
        let bars = months.indices.map { i in
            Bar(label: monthLabel(months[i], ctx.format),
                parts: shown.map { Double($0.months[i].pages) } + (rest.isEmpty ? [] : [Double(rest.reduce(0) { $0 + $1.months[i].pages })]))
        }
        let legend = shown.map(\.name) + (rest.isEmpty ? [] : [ctx.text(ChartText.otherDepartments)])
        return SVGChart.bars(bars, legend: legend, title: ctx.text(ChartText.pagesByDepartment), format: ctx.format)
    }

    /// Toner cost by month, black and colour.
    static func tonerMonths<C>(_ months: [ConsumptionReport.MonthPages], _ ctx: PageContext) -> Node<C> {
        let bars = months.map { Bar(label: monthLabel($0.month, ctx.format), parts: [Double($0.blackTonerRials), Double($0.colorTonerRials)]) }
        return SVGChart.bars(bars, legend: [ctx.text(ChartText.blackToner), ctx.text(ChartText.colorToner)],
                             title: ctx.text(ChartText.tonerByMonth), format: ctx.format)
    }
}

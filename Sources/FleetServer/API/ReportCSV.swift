import FleetCore
import Foundation

/// The reports as spreadsheet tables, headed in the reader's language. Numbers stay plain (Latin digits,
/// no grouping) so that a spreadsheet can add them up.
enum ReportCSV {
    static func number(_ x: Double?) -> String {
        guard let x else { return "" }
        return x == x.rounded() ? String(Int64(x)) : String(format: "%.2f", x)
    }
    static func number<I: BinaryInteger>(_ x: I?) -> String { x.map { String($0) } ?? "" }

    static func consumptionDevices(_ r: ConsumptionReportDTO, _ lang: Language) -> [[String]] {
        let header: [L10n] = [.device, .assignedUser, .department, .totalPages, .monoPages, .colorPages, .estimatedPages,
                              .monthlyAverage, .dutyPercent, .tonerCartridges, .tonerReplacements, .tonerCost, .paperSheets,
                              .paperCost, .failures, .downtimeHours, .residentDowntimeHours, .costPerPage]
        return [header.map { $0.text(lang) }] + r.devices.map { d in
            [d.label, d.user ?? "", d.department ?? "", number(d.pages), number(d.monoPages), number(d.colorPages),
             number(d.estimatedPages), number(d.monthlyAveragePages), number(d.dutyPercent), number(d.tonerCartridges),
             number(d.tonerReplacements), number(d.tonerCostRials), number(d.paperSheets), number(d.paperCostRials),
             number(d.failures), number(d.downtimeHours), number(d.residentDowntimeHours), number(d.costPerPageRials)]
        }
    }

    /// Users or departments, the last row being the totals.
    static func consumptionGroups(_ rows: [ConsumptionReport.GroupRow], _ lang: Language, first: L10n) -> [[String]] {
        let header: [L10n] = [first, .devices, .totalPages, .monoPages, .colorPages, .estimatedPages, .tonerCost, .paperSheets,
                              .paperCost, .failures, .downtimeHours, .residentDowntimeHours, .costPerPage]
        let body: [[String]] = rows.map { g in
            [g.name.isEmpty ? L10n.total.text(lang) : g.name, number(g.devices), number(g.pages), number(g.monoPages),
             number(g.colorPages), number(g.estimatedPages), number(g.tonerCostRials), number(g.paperSheets), number(g.paperCostRials),
             number(g.failures), number(g.downtimeHours), number(g.residentDowntimeHours), number(g.costPerPageRials)]
        }
        return [header.map { $0.text(lang) }] + body
    }

    static func reliability(_ r: ReliabilityReportDTO, _ lang: Language) -> [[String]] {
        let header: [L10n] = [.device, .model, .totalPages, .failures, .mtbfPages, .mtbfDays, .mttrHours, .downtimeHours,
                              .repairCost, .repairCost12Months, .failuresPer10k, .modelFailuresPer10k, .costPerPage, .utilisation,
                              .recommendation, .reason]
        return [header.map { $0.text(lang) }] + r.devices.map { d in
            [d.label, d.model, number(d.pages), number(d.failures), number(d.mtbfPages), number(d.mtbfDays), number(d.mttrHours),
             number(d.downtimeHours), number(d.repairCostRials), number(d.repairCostLast12MonthsRials), number(d.failuresPer10kPages),
             number(d.modelFailuresPer10kPages), number(d.costPerPageRials), number(d.utilisationPercent),
             L10n.recommendation(d.recommendation).text(lang), d.reason]
        }
    }
}

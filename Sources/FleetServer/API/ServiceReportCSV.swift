import FleetCore
import Foundation

/// The service reports as spreadsheet tables, headed in the reader's language, numbers plain.
enum ServiceReportCSV {
    typealias T = ServiceReportText
    static func number(_ x: Double?) -> String { ReportCSV.number(x) }
    static func int(_ x: Int?) -> String { ReportCSV.number(x) }

    static func amounts(_ a: PartsReport.Amounts) -> [String] {
        [int(a.quantity), int(a.contractRials), int(a.warrantyRials), int(a.billableRials), int(a.totalRials)]
    }

    static let amountHeader: [T] = [.quantity, .contractCharge, .warrantyCharge, .billableCharge, .totalValue]

    /// One row per device, the last the totals.
    static func partsByDevice(_ r: PartsReportDTO, _ lang: Language) -> [[String]] {
        let header = [L10n.device.text(lang), T.distinctParts.text(lang)] + amountHeader.map { $0.text(lang) }
        return [header] + r.devices.map { [$0.label, int($0.parts)] + amounts($0.amounts) }
            + [[L10n.total.text(lang), ""] + amounts(r.totals)]
    }

    static func partsByPart(_ r: PartsReportDTO, _ lang: Language) -> [[String]] {
        let header = [T.partNumber, .partName, .devicesFitted].map { $0.text(lang) } + amountHeader.map { $0.text(lang) }
            + [T.warrantyRepeats.text(lang)]
        return [header] + r.parts.map { [$0.partNumber, $0.name, int($0.devices)] + amounts($0.amounts) + [int($0.warrantyRepeats)] }
    }

    /// Every group of the SLA report in one table: the group's kind, its name, its figures.
    static func sla(_ r: SLAReportDTO, _ lang: Language) -> [[String]] {
        let header = [T.group.text(lang), L10n.name.text(lang)] + [T.calls, .responseMet, .responseMissed, .pending, .responseRate,
            .meanResponseHours, .resolutionMet, .resolutionMissed, .pending, .resolutionRate, .meanResolutionHours].map { $0.text(lang) }
        func rows(_ group: T, _ rows: [SLAReport.Row], unnamed: String) -> [[String]] {
            rows.map { x in
                [group.text(lang), x.name ?? unnamed, int(x.calls), int(x.responseMet), int(x.responseMissed), int(x.responsePending),
                 number(x.responseRate), number(x.meanResponseHours), int(x.resolutionMet), int(x.resolutionMissed),
                 int(x.resolutionPending), number(x.resolutionRate), number(x.meanResolutionHours)]
            }
        }
        return [header] + rows(.byPlan, r.byPlan, unnamed: T.noContract.text(lang))
            + rows(.byTechnician, r.byTechnician, unnamed: T.remoteDesk.text(lang))
            + rows(.residents, r.residents, unnamed: "")
            + rows(.calls, [r.totals], unnamed: L10n.total.text(lang))
    }

    /// A day as a spreadsheet reads it: Solar Hijri (1405-09-04) for Persian readers, ISO Gregorian for English.
    static func day(_ d: CalendarDay, _ lang: Language) -> String {
        lang == .fa ? SolarHijriDay(d).description : d.description
    }

    /// One row per planned visit.
    static func pm(_ r: PMComplianceDTO, _ lang: Language) -> [[String]] {
        let header = [T.contract, .visitNumber, .plannedDay, .doneOn, .technician, .status, .daysLate].map { $0.text(lang) }
        return [header] + r.visits.map { v in
            [v.contractLabel, int(v.number), day(v.date, lang), v.doneOn.map { day($0, lang) } ?? "", v.technician ?? "",
             T.status(v.status).text(lang), int(v.daysLate)]
        }
    }
}

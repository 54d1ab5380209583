import FleetCore
import Fluent
import Foundation
import SQLKit

/// Gathers the service side of a period (parts fitted, calls, planned PM visits) for one customer or
/// for every customer, one query each, and hands it to FleetCore's report maths.
struct ServiceReportBook {
    let db: any Database
    let timeZone: TimeZone
    /// Plan names and contract labels are given in the reader's language.
    let language: Language

    var sql: any SQLDatabase {
        get throws {
            guard let sql = db as? any SQLDatabase else { throw CommandFailure("reports need an SQL database") }
            return sql
        }
    }

    /// `WHERE` on a customer column when the report is for one customer, nothing when it covers all.
    private func customer(_ column: String, _ id: UUID?) -> SQLQueryString {
        guard let id else { return "" }
        return "AND \(unsafeRaw: column) = \(bind: id)"
    }

    static func label(make: String, model: String, serial: String) -> String { "\(make) \(model) · \(serial)" }

    /// Every part line fitted in the period.
    func parts(customerID: UUID?, period: ReportPeriod) async throws -> PartsReport.Report {
        struct Row: Decodable {
            let device_id: UUID, make: String, model: String, serial_number: String
            let part_number: String, part_name: String, quantity: Int, unit_price_rials: Int, charge: String, fitted_on: String
        }
        let rows = try await sql.raw("""
            SELECT l.device_id, d.make, d.model, d.serial_number, l.part_number, l.part_name, l.quantity, l.unit_price_rials,
                   l.charge, l.fitted_on
            FROM part_lines l JOIN visits v ON v.id = l.visit_id JOIN devices d ON d.id = l.device_id
            WHERE l.fitted_on >= \(bind: period.from.description) AND l.fitted_on <= \(bind: period.to.description)
            \(customer("v.customer_id", customerID))
            """).all(decoding: Row.self)
        return PartsReport.build(rows.map { r in
            PartsReport.Line(deviceId: r.device_id, deviceLabel: Self.label(make: r.make, model: r.model, serial: r.serial_number),
                             partNumber: r.part_number, partName: r.part_name, quantity: r.quantity, unitPriceRials: r.unit_price_rials,
                             charge: PartsReport.Charge(rawValue: r.charge) ?? .billable, fittedOn: CalendarDay(iso: r.fitted_on)!)
        })
    }

    /// The calls opened in the period, against their contracts' response times.
    func sla(customerID: UUID?, period: ReportPeriod, now: Date) async throws -> SLAReport.Report {
        struct Row: Decodable {
            let id: UUID, number: Int, make: String, model: String, serial_number: String
            let opened_at: Date, sla_due_at: Date, responded_at: Date?, resolved_at: Date?
            let via_resident: Bool, contract_id: UUID?, technician: String?
        }
        let rows = try await sql.raw("""
            SELECT t.id, t.number, d.make, d.model, d.serial_number, t.opened_at, t.sla_due_at, t.responded_at, t.resolved_at,
                   t.via_resident, t.contract_id, u.name AS technician
            FROM tickets t JOIN devices d ON d.id = t.device_id LEFT JOIN users u ON u.id = t.technician_id
            WHERE t.opened_at >= \(bind: period.start) AND t.opened_at < \(bind: period.end)
            \(customer("t.customer_id", customerID))
            """).all(decoding: Row.self)
        let ids = Set(rows.compactMap(\.contract_id))
        let contracts = ids.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: try await Contract.query(on: db)
            .filter(\.$id ~~ Array(ids)).all().map { ($0.id!, $0) })
        let calls = rows.map { r in
            let contract = r.contract_id.flatMap { contracts[$0] }
            return SLAReport.Call(
                ticketId: r.id, number: r.number, deviceLabel: Self.label(make: r.make, model: r.model, serial: r.serial_number),
                openedAt: r.opened_at, responseDueAt: r.sla_due_at, respondedAt: r.responded_at, resolvedAt: r.resolved_at,
                responseHours: contract?.terms.responseHours ?? ServiceDesk.defaultResponseHours,
                plan: contract.map { language == .fa ? $0.planNameFa : $0.planNameEn }, technician: r.technician,
                viaResident: r.via_resident)
        }
        let working = WorkingHours(holidays: try await Holiday.calendar(on: db), timeZone: timeZone)
        return SLAReport.build(calls, now: now, working: working)
    }

    /// The PM visits planned in the period, with the visits booked and done for them.
    func pm(customerID: UUID?, period: ReportPeriod, today: CalendarDay) async throws -> PMCompliance.Report {
        struct Row: Decodable {
            let contract_id: UUID, number: Int, date: String, done: Bool, visit_id: UUID?
            let plan_name_fa: String, plan_name_en: String, starts_on: String, customer_name: String
            let finished_at: Date?, technician: String?
        }
        let rows = try await sql.raw("""
            SELECT s.contract_id, s.number, s.date, s.done, s.visit_id, c.plan_name_fa, c.plan_name_en, c.starts_on,
                   k.name AS customer_name, v.finished_at, u.name AS technician
            FROM pm_schedule s JOIN contracts c ON c.id = s.contract_id JOIN customers k ON k.id = c.customer_id
            LEFT JOIN visits v ON v.id = s.visit_id LEFT JOIN users u ON u.id = v.technician_id
            WHERE s.date >= \(bind: period.from.description) AND s.date <= \(bind: period.to.description)
            \(customer("c.customer_id", customerID))
            """).all(decoding: Row.self)
        let format = DisplayFormat(language: language, timeZone: timeZone)
        return PMCompliance.build(rows.map { r in
            let date = CalendarDay(iso: r.date)!
            // A slot marked done without a finished visit (kept through a replan) counts as done on its day.
            let doneOn = r.done ? (r.finished_at.map { CalendarDay($0, in: timeZone) } ?? date) : nil
            var label = "\(language == .fa ? r.plan_name_fa : r.plan_name_en) · \(format.day(CalendarDay(iso: r.starts_on)!))"
            if customerID == nil { label = "\(r.customer_name) · \(label)" }
            return PMCompliance.Slot(contractId: r.contract_id, contractLabel: label, number: r.number, date: date, doneOn: doneOn,
                                     technician: r.technician, visitId: r.visit_id)
        }, today: today)
    }
}

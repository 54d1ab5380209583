import FleetCore
import Fluent
import Foundation
import SQLKit

/// Makes, issues and credits invoices. A draft shows what a contract's period would bill; issuing works the
/// figures out again, freezes them with the seller and buyer, and takes the next number of the one series
/// inside the same transaction, so a number is never skipped or used twice.
struct InvoiceBook {
    let db: any Database
    let config: AppConfiguration
    let actor: User?

    /// A draft for a contract's days `from`...`to`: checked, worked out and stored with its lines.
    func draft(contract: Contract, from: CalendarDay, to: CalendarDay, now: Date = Date()) async throws -> Invoice {
        try check(contract: contract, from: from, to: to, now: now)
        return try await db.writeTransaction { tx in
            let book = on(tx)
            try await book.ensureNotInvoiced(contract, from: from, to: to)
            let invoice = Invoice()
            invoice.id = UUID()
            invoice.kind = InvoiceKind.invoice.rawValue
            invoice.status = InvoiceStatus.draft.rawValue
            invoice.$contract.id = contract.id!
            invoice.$customer.id = contract.$customer.id
            invoice.periodFrom = from.description
            invoice.periodTo = to.description
            invoice.createdAt = now
            try await book.fill(invoice, contract: contract)
            return invoice
        }
    }

    /// Gives a draft its number: the figures are worked out again from what is recorded now, the seller and
    /// the buyer are copied in, and nothing about it changes after.
    func issue(_ draft: Invoice, now: Date = Date()) async throws -> Invoice {
        try await db.writeTransaction { tx in
            let book = on(tx)
            // The counter's row lock comes first: a second issuer waits here and then sees this one's result.
            let number = try await book.nextNumber()
            guard let invoice = try await Invoice.find(draft.id, on: tx) else { throw APIError.notFound("invoice") }
            guard invoice.invoiceStatus == .draft else {
                throw APIError.conflict(code: "invoice_issued", "invoice \(invoice.number ?? 0) is already issued: correct it with a credit note")
            }
            guard let contract = try await Contract.find(invoice.$contract.id, on: tx),
                  let customer = try await Customer.find(invoice.$customer.id, on: tx) else { throw APIError.notFound("contract") }
            // The official sales invoice names its seller by national ID, economic code and address.
            let seller = config.seller
            guard seller.nationalId != nil, seller.economicCode != nil, seller.address != nil else {
                throw APIError(.unprocessableEntity, code: "seller_identity_missing",
                               message: "the official invoice needs the seller's national ID, economic code and address: set FLEETCARE_SELLER_NATIONAL_ID, FLEETCARE_SELLER_ECONOMIC_CODE and FLEETCARE_SELLER_ADDRESS")
            }
            guard customer.nationalId != nil || customer.economicCode != nil else {
                throw APIError(.unprocessableEntity, code: "buyer_identity_missing",
                               message: "the official invoice needs \(customer.name)'s national ID or economic code: add it to the customer first",
                               field: "nationalId")
            }
            try await book.ensureNotInvoiced(contract, from: invoice.period.from, to: invoice.period.to, except: invoice.id)
            try await book.fill(invoice, contract: contract)
            invoice.number = number
            invoice.status = InvoiceStatus.issued.rawValue
            invoice.issuedAt = now
            invoice.issuedByName = actor?.name
            invoice.seller = config.seller
            invoice.buyer = customer.party
            try await invoice.save(on: tx)
            return invoice
        }
    }

    /// Takes an issued invoice back in full with a credit note of its own number; the period may then be
    /// invoiced again.
    func creditNote(for original: Invoice, reason: String, now: Date = Date()) async throws -> Invoice {
        let reason = try DeviceFieldRules.required(reason, field: "reason", limit: 500)
        return try await db.writeTransaction { tx in
            let number = try await on(tx).nextNumber()
            guard let invoice = try await Invoice.find(original.id, on: tx) else { throw APIError.notFound("invoice") }
            guard invoice.invoiceKind == .invoice, invoice.invoiceStatus == .issued else {
                throw APIError.conflict(code: "not_creditable", invoice.invoiceKind == .creditNote
                                        ? "a credit note cannot itself be credited" : "a draft is deleted, not credited")
            }
            guard invoice.creditedByID == nil else {
                throw APIError.conflict(code: "already_credited", "invoice \(invoice.number ?? 0) already has a credit note")
            }
            let lines = try await InvoiceLineRecord.query(on: tx).filter(\.$invoiceID == invoice.id!).sort(\.$position).all()
            let note = Invoice()
            note.id = UUID()
            note.number = number
            note.kind = InvoiceKind.creditNote.rawValue
            note.status = InvoiceStatus.issued.rawValue
            note.$contract.id = invoice.$contract.id
            note.$customer.id = invoice.$customer.id
            (note.periodFrom, note.periodTo) = (invoice.periodFrom, invoice.periodTo)
            (note.planNameFa, note.planNameEn) = (invoice.planNameFa, invoice.planNameEn)
            note.deviceMonths = -invoice.deviceMonths
            note.includedPages = invoice.includedPages
            let negated = lines.map(\.line.negated)
            note.totals = InvoiceCalculator.totals(negated, vatPercent: invoice.vatPercent)
            note.workReportIDs = []
            (note.seller, note.buyer) = (invoice.seller, invoice.buyer)
            note.creditsInvoiceID = invoice.id
            note.reason = reason
            note.createdAt = now
            note.issuedAt = now
            note.issuedByName = actor?.name
            try await note.create(on: tx)
            for (i, line) in negated.enumerated() { try await InvoiceLineRecord(invoiceID: note.id!, position: i, line).create(on: tx) }
            invoice.creditedByID = note.id
            try await invoice.save(on: tx)
            return note
        }
    }

    /// Deletes a draft; an issued invoice stays for good.
    func delete(_ invoice: Invoice) async throws {
        guard invoice.invoiceStatus == .draft else {
            throw APIError.conflict(code: "invoice_issued", "an issued invoice is never deleted: correct it with a credit note")
        }
        try await db.writeTransaction { tx in
            try await InvoiceLineRecord.query(on: tx).filter(\.$invoiceID == invoice.id!).delete()
            try await invoice.delete(on: tx)
        }
    }

    /// The same book inside a transaction.
    func on(_ tx: any Database) -> InvoiceBook { InvoiceBook(db: tx, config: config, actor: actor) }

    // MARK: - Working it out

    /// The contract's period and days: inside the contract, and over.
    func check(contract: Contract, from: CalendarDay, to: CalendarDay, now: Date) throws {
        let status = ContractStatus(rawValue: contract.status) ?? .draft
        guard status != .draft else { throw APIError.conflict(code: "contract_not_active", "a draft contract is not invoiced") }
        let (starts, ends) = contract.period
        let last = contract.terminatedOn.flatMap(CalendarDay.init(iso:)).map { min($0, ends) } ?? ends
        guard from <= to else { throw FieldError(field: "to", message: "the period ends before it starts") }
        guard from >= starts else { throw FieldError(field: "from", message: "the contract starts on \(starts)") }
        guard to <= last else { throw FieldError(field: "to", message: "the contract ends on \(last)") }
        guard to < CalendarDay(now, in: config.timeZone) else {
            throw FieldError(field: "to", message: "an invoice covers days that are over: \(to) is not yet")
        }
        guard to.daysSinceEpoch - from.daysSinceEpoch < 366 else { throw FieldError(field: "to", message: "an invoice covers at most a year") }
    }

    /// No two live invoices of a contract share a day: an issued invoice not credited holds its days.
    func ensureNotInvoiced(_ contract: Contract, from: CalendarDay, to: CalendarDay, except: UUID? = nil) async throws {
        let query = Invoice.query(on: db).filter(\.$contract.$id == contract.id!)
            .filter(\.$kind == InvoiceKind.invoice.rawValue).filter(\.$status == InvoiceStatus.issued.rawValue)
            .filter(\.$creditedByID == nil)
            .filter(\.$periodFrom <= to.description).filter(\.$periodTo >= from.description)
        if let except { query.filter(\.$id != except) }
        if let held = try await query.first() {
            throw APIError.conflict(code: "period_already_invoiced",
                                    "invoice \(held.number ?? 0) already bills \(held.periodFrom) to \(held.periodTo): credit it first",
                                    field: "from")
        }
    }

    /// Works the invoice's lines out and stores them in place of any it had.
    func fill(_ invoice: Invoice, contract: Contract) async throws {
        let period = ReportPeriod(from: invoice.period.from, to: invoice.period.to, timeZone: config.timeZone)
        let facts = try await self.facts(contract: contract, period: period)
        let result = InvoiceCalculator.invoice(billing: contract.terms.billing, planName: contract.planNameEn, planNameFa: contract.planNameFa,
                                               period: period, devices: facts.devices, parts: facts.parts, visits: facts.visits,
                                               vatPercent: config.vatPercent)
        invoice.planNameEn = contract.planNameEn
        invoice.planNameFa = contract.planNameFa
        invoice.deviceMonths = result.deviceMonths
        invoice.includedPages = result.includedPages
        invoice.totals = result.totals
        invoice.workReportIDs = facts.workReports
        invoice.pendingReportIDs = facts.pendingReports
        try await invoice.save(on: db)
        try await InvoiceLineRecord.query(on: db).filter(\.$invoiceID == invoice.id!).delete()
        for (i, line) in result.lines.enumerated() { try await InvoiceLineRecord(invoiceID: invoice.id!, position: i, line).create(on: db) }
    }

    struct Facts {
        var devices: [InvoiceCalculator.Device]
        var parts: [InvoiceCalculator.FittedPart]
        var visits: [InvoiceCalculator.BillableVisit]
        /// The work reports the client approved, which go with the invoice, and the others.
        var workReports: [UUID]
        var pendingReports: [UUID]
    }

    /// The contract's devices in the period with their pages, the parts fitted to them and the visits that
    /// bill, and the work reports of the period, approved and not.
    func facts(contract: Contract, period: ReportPeriod) async throws -> Facts {
        let from = period.from.description, to = period.to.description
        let members = try await ContractDevice.query(on: db).filter(\.$contract.$id == contract.id!)
            .filter(\.$addedOn <= to).group(.or) { $0.filter(\.$removedOn == nil).filter(\.$removedOn > from) }.all()
        let ids = members.map { $0.$device.id }
        let records = Dictionary(try await Device.query(on: db).filter(\.$id ~~ ids).all().map { ($0.id!, $0) }) { a, _ in a }
        let readings = try await ReportBook(db: db).readings(customerID: contract.$customer.id, from: period.start, to: period.end)
        var devices: [InvoiceCalculator.Device] = []
        for m in members {
            let id = m.$device.id
            let added = CalendarDay(iso: m.addedOn)!, removed = m.removedOn.flatMap(CalendarDay.init(iso:))
            let start = max(period.start, added.start(in: config.timeZone))
            let end = min(period.end, removed?.start(in: config.timeZone) ?? period.end)
            let pages = PageCount.of(MeterSegment.between(readings[id] ?? []), from: start, to: end)
            devices.append(.init(id: id, label: records[id].map(Self.label) ?? id.uuidString, addedOn: added, removedOn: removed, pages: pages))
        }
        devices.sort { $0.label < $1.label }

        let lines = ids.isEmpty ? [] : try await PartLine.query(on: db).filter(\.$deviceID ~~ ids)
            .filter(\.$fittedOn >= from).filter(\.$fittedOn <= to).sort(\.$fittedOn).sort(\.$partNumber).all()
        let parts = lines.map { l in
            InvoiceCalculator.FittedPart(visitId: l.visitID, deviceId: l.deviceID,
                                         description: "\(l.partName) (\(l.partNumber)) · \(records[l.deviceID].map(Self.label) ?? "")",
                                         quantity: l.quantity, unitRials: l.unitPriceRials,
                                         charge: CoverageDecision.Charge(rawValue: l.charge) ?? .billable)
        }

        let onContract = Set(ids)
        let visits = try await Visit.query(on: db).filter(\.$customerID == contract.$customer.id).filter(\.$status == "completed")
            .filter(\.$finishedAt >= period.start).filter(\.$finishedAt < period.end).sort(\.$finishedAt).all()
            .filter { !onContract.isDisjoint(with: $0.deviceIDs) }
        let ticketIDs = visits.compactMap(\.ticketID)
        let tickets = ticketIDs.isEmpty ? [:] : Dictionary(try await Ticket.query(on: db).filter(\.$id ~~ ticketIDs).all().map { ($0.id!, $0) }) { a, _ in a }
        let billable = visits.compactMap { v -> InvoiceCalculator.BillableVisit? in
            guard let t = v.ticketID.flatMap({ tickets[$0] }), !t.covered else { return nil }
            return .init(visitId: v.id!, description: "Repair visit for call \(t.number): \(t.coverageReason)",
                         descriptionFa: "ویزیت تعمیر برای درخواست \(PersianDigits.fromASCII(String(t.number)))", feeRials: config.visitFeeRials)
        }
        let approved = visits.filter { $0.approval == WorkReportApproval.approved.rawValue }
        let pending = visits.filter { $0.approval != WorkReportApproval.approved.rawValue }
        return Facts(devices: devices, parts: parts, visits: billable, workReports: approved.map { $0.id! }, pendingReports: pending.map { $0.id! })
    }

    static func label(_ d: Device) -> String { "\(d.make) \(d.model) · \(d.serialNumber)" }

    /// The next number of the invoice series, taken under the counter row's lock until the transaction ends.
    func nextNumber() async throws -> Int {
        guard let sql = db as? any SQLDatabase else { throw CommandFailure("invoices need an SQL database") }
        struct Row: Decodable { let last_number: Int }
        guard let row = try await sql.raw("""
            UPDATE invoice_counters SET last_number = last_number + 1 WHERE series = 'invoice' RETURNING last_number
            """).first(decoding: Row.self) else { throw CommandFailure("the invoice counter is missing: run the migrations") }
        return row.last_number
    }
}

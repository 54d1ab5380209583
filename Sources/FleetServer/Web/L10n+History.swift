import FleetCore
import Plot

/// A device's history in the reader's language: each `DeviceHistoryEvent` as a sentence with Solar Hijri days and
/// Persian digits on Persian pages. Names from the records (a part, a machine) and what people typed are marked
/// as data, so they read in their own direction inside the sentence.
enum HistoryText {
    private enum Piece {
        case text(String)
        case data(String)
    }

    static func event(_ e: DeviceHistoryEvent, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        .group(pieces(e, ctx).map { piece -> Node<HTML.BodyContext> in
            switch piece {
            case let .text(t): .text(t)
            case let .data(d): .bdi(d)
            }
        })
    }

    private static func pieces(_ e: DeviceHistoryEvent, _ ctx: PageContext) -> [Piece] {
        let f = ctx.format, fa = ctx.language == .fa
        func n(_ v: Int) -> String { f.number(v) }
        func pages(_ v: Int64) -> String { f.number(Int(v)) }
        func said(_ symptom: String?, _ description: String) -> Piece {
            symptom.map { .text(CommonSymptoms.label($0, ctx.language)) } ?? .data(description)
        }
        func note(_ text: String?) -> [Piece] { text.map { [.text(": "), .data($0)] } ?? [] }
        func counter(_ c: Int64?) -> [Piece] {
            c.map { [.text(fa ? "، کنتور \(pages($0)) صفحه" : ", counter \(pages($0)) pages")] } ?? []
        }
        switch e {
        case let .contract(c):
            return [.text(ContractText.change(c, ctx))]
        case let .ticketOpened(number, channel, symptom, description):
            return [.text(fa ? "درخواست \(n(number)) از راه \(ctx.t(L10n.channel(channel))) ثبت شد: " :
                               "Ticket \(n(number)) opened by \(ctx.t(L10n.channel(channel)).lowercased()): "), said(symptom, description)]
        case let .faultReportedAgain(number, symptom, description):
            return [.text(fa ? "خرابی دوباره از برچسب دستگاه گزارش شد (درخواست \(n(number))): " :
                               "Fault reported again from the label (ticket \(n(number))): "), said(symptom, description)]
        case let .ticketResolvedRemotely(number):
            return [.text(fa ? "درخواست \(n(number)) از راه دور حل شد" : "Ticket \(n(number)) resolved remotely")]
        case let .ticketConfirmed(number):
            return [.text(fa ? "مشتری انجام درخواست \(n(number)) را تأیید کرد" : "Ticket \(n(number)) confirmed by the client")]
        case let .ticketClosed(number):
            return [.text(fa ? "درخواست \(n(number)) بسته شد" : "Ticket \(n(number)) closed")]
        case let .visitCompleted(kind, findings):
            return [.text(ctx.t(L10n.visit(kind)) + (fa ? " انجام شد: " : " completed: ")), .data(findings)]
        case let .pmServiced(text):
            return [.text(fa ? "سرویس دوره‌ای این دستگاه انجام شد" : "Serviced at the PM visit")] + note(text)
        case let .pmSkipped(reason, text):
            return [.text((fa ? "در سرویس دوره‌ای سرویس نشد: " : "Not serviced at the PM visit: ") + ctx.t(PMText.reason(reason)))] + note(text)
        case let .reportDisputed(by, comment, reopened):
            return [.data(by), .text(fa ? " به گزارش کار اعتراض کرد: " : " disputed the work report: "), .data(comment)]
                + (reopened.map { [.text(fa ? "؛ درخواست \(n($0)) دوباره باز شد" : "; ticket \(n($0)) reopened")] } ?? [])
        case let .partFitted(name, number, quantity, charge, until):
            return [.data("\(name) (\(number))"),
                    .text(fa ? " × \(n(quantity)) نصب شد؛ هزینه: \(ctx.t(L10n.charge(charge)))؛ گارانتی تا \(f.day(until))"
                             : " × \(n(quantity)) fitted; charged to: \(ctx.t(L10n.charge(charge))); warranty until \(f.day(until))")]
        case let .counterReset(total, was):
            return [.text(fa ? "کنتور از نو شروع شد: \(pages(total)) صفحه" : "Counter restarted: \(pages(total)) pages")]
                + (was.map { [.text(fa ? " (پیش از آن \(pages($0)))" : " (was \(pages($0)))")] } ?? [])
        case let .counterRead(total, source):
            return [.text(fa ? "کنتور \(pages(total)) صفحه (\(sourceName(source, fa)))" : "Counter \(pages(total)) pages (\(sourceName(source, fa)))")]
        case let .relocationNoticed(newAddress, recordAddress, newSysLocation, previous):
            var p: [Piece] = [.text(fa ? "جمع‌آوری خودکار نشانهٔ جابه‌جایی دید: " : "The collector noticed a move: ")]
            if let a = newAddress {
                p += [.text(fa ? "از نشانی " : "it answered from "), .data(a),
                      .text(fa ? " پاسخ داد و در پرونده " : " and the record says "), .data(recordAddress ?? "—"), .text(fa ? " است" : "")]
            }
            if let s = newSysLocation {
                if newAddress != nil { p.append(.text(fa ? "؛ " : "; ")) }
                p += [.text(fa ? "محل تنظیم‌شده در دستگاه از " : "its location setting changed from "), .data(previous ?? "—"),
                      .text(fa ? " به " : " to "), .data(s), .text(fa ? " تغییر کرد" : "")]
            }
            return p + [.text(fa ? "؛ در انتظار تأیید" : "; awaiting confirmation")]
        case let .foundElsewhere(place, by):
            return [.data(by), .text(fa ? " دستگاه را در " : " found it at "), .data(place), .text(fa ? " یافت؛ در انتظار تأیید" : "; awaiting confirmation")]
        case let .loanerLent(loaner, until):
            return [.text(fa ? "دستگاه امانی " : "Loaner "), .data(loaner), .text(fa ? " تا \(f.day(until)) داده شد" : " lent until \(f.day(until))")]
        case let .lentAgainst(device, until):
            return [.text(fa ? "به جای " : "Lent in place of "), .data(device), .text(fa ? " تا \(f.day(until)) امانت داده شد" : " until \(f.day(until))")]
        case let .loanerReturned(c):
            return [.text(fa ? "دستگاه امانی برگشت" : "Loaner returned")] + counter(c)
        case let .returnedToPool(c):
            return [.text(fa ? "به انبار دستگاه‌های امانی برگشت" : "Back in the loaner pool")] + counter(c)
        }
    }

    static func sourceName(_ source: String, _ fa: Bool) -> String {
        switch source {
        case "visit": fa ? "در بازدید" : "at a visit"
        case "import": fa ? "از فایل" : "imported"
        case "snmp": fa ? "خوانش خودکار" : "read over the network"
        default: fa ? "ثبت دستی" : "typed in"
        }
    }
}

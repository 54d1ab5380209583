import Foundation

/// Reads a day as people type it: Gregorian `2026-11-24` or Solar Hijri `1405-09-03`,
/// with Latin, Persian or Arabic-Indic digits and `-` or `/` between the parts.
public enum DayInput {
    /// Years below this are taken as Solar Hijri: no fleet record predates 1700 AD,
    /// and no Solar Hijri year in use reaches it.
    static let solarHijriYearLimit = 1700

    /// The day `text` names, if it is a real day of either calendar, whatever its range.
    static func calendarDay(_ text: String) -> CalendarDay? {
        let ascii = PersianDigits.toASCII(text.trimmingCharacters(in: .whitespaces))
            .replacingOccurrences(of: "/", with: "-")
        let parts = ascii.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isASCII) }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), parts[0].count == 4 else {
            return nil
        }
        if y < solarHijriYearLimit {
            return SolarHijriDay(year: y, month: m, day: d)?.gregorian
        }
        return CalendarDay(year: y, month: m, day: d)
    }

    /// The day `text` names, or nil when it is not a real day or lies outside `AcceptedDays`.
    public static func parse(_ text: String) -> CalendarDay? {
        calendarDay(text).flatMap { AcceptedDays.contains($0) ? $0 : nil }
    }

    /// The day `text` names, or a `FieldError` naming `field` that says why not (not a day; outside the range).
    public static func read(_ text: String, field: String) throws(FieldError) -> CalendarDay {
        guard let day = calendarDay(text) else {
            throw FieldError(field: field, message: "\(field): \"\(text.prefix(40))\" is not a day such as 1405-01-01 or 2026-03-21")
        }
        return try AcceptedDays.check(day, field: field)
    }

    /// A day a request must carry: missing, unreadable or out of range is a `FieldError` naming `field`.
    public static func required(_ text: String?, field: String) throws(FieldError) -> CalendarDay {
        guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw FieldError(field: field, message: "\(field) is required: a day such as 1405-01-01 or 2026-03-21")
        }
        return try read(text, field: field)
    }

    /// A day a request may carry: blank is nil, anything else as `read`.
    public static func optional(_ text: String?, field: String) throws(FieldError) -> CalendarDay? {
        guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        return try read(text, field: field)
    }
}

import Foundation

/// Reads a day as people type it: Gregorian `2026-11-24` or Solar Hijri `1405-09-03`,
/// with Latin, Persian or Arabic-Indic digits and `-` or `/` between the parts.
public enum DayInput {
    /// Years below this are taken as Solar Hijri: no fleet record predates 1700 AD,
    /// and no Solar Hijri year in use reaches it.
    static let solarHijriYearLimit = 1700

    public static func parse(_ text: String) -> CalendarDay? {
        let ascii = PersianDigits.toASCII(text.trimmingCharacters(in: .whitespaces))
            .replacingOccurrences(of: "/", with: "-")
        let parts = ascii.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), parts[0].count == 4 else {
            return nil
        }
        if y < solarHijriYearLimit {
            return SolarHijriDay(year: y, month: m, day: d)?.gregorian
        }
        return CalendarDay(year: y, month: m, day: d)
    }

    /// A day a request must carry: missing or unreadable is a `FieldError` naming `field`.
    public static func required(_ text: String?, field: String) throws(FieldError) -> CalendarDay {
        guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw FieldError(field: field, message: "\(field) is required: a day such as 1405-01-01 or 2026-03-21")
        }
        guard let day = parse(text) else { throw FieldError(field: field, message: "\"\(text.prefix(40))\" is not a day") }
        return day
    }
}

import Foundation

/// How days, instants, counts and money are shown to a person in each language.
///
/// Persian: Solar Hijri days with Persian month names and digits (`۳ آذر ۱۴۰۵`),
/// amounts grouped with the Arabic thousands separator. English: Gregorian days.
public struct DisplayFormat: Sendable {
    public let language: Language
    public let timeZone: TimeZone

    public init(language: Language, timeZone: TimeZone = .tehran) {
        self.language = language
        self.timeZone = timeZone
    }

    static let persianMonths = ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
                                "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"]
    static let englishMonths = ["Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static let solarMonthsLatin = ["Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad", "Shahrivar",
                                   "Mehr", "Aban", "Azar", "Dey", "Bahman", "Esfand"]

    /// The name of a Solar Hijri month: `آذر` / `Azar`.
    public func monthName(_ month: Int) -> String {
        (language == .fa ? DisplayFormat.persianMonths : DisplayFormat.solarMonthsLatin)[(month - 1) % 12]
    }

    /// `۳ آذر ۱۴۰۵` in Persian, `24 Nov 2026` in English.
    public func day(_ day: CalendarDay) -> String {
        switch language {
        case .fa:
            let s = SolarHijriDay(day)
            return number(s.day) + " " + DisplayFormat.persianMonths[s.month - 1] + " " + digits(String(s.year))
        case .en:
            return "\(day.day) \(DisplayFormat.englishMonths[day.month - 1]) \(day.year)"
        }
    }

    /// The day and the local time of an instant: `۳ آذر ۱۴۰۵، ۱۲:۰۰`.
    public func instant(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.hour, .minute], from: date)
        let time = digits(FixedFormat.padded(c.hour!, width: 2) + ":" + FixedFormat.padded(c.minute!, width: 2))
        let separator = language == .fa ? "، " : ", "
        return self.day(CalendarDay(date, in: timeZone)) + separator + time
    }

    /// A whole number with thousands grouping: `۱۲٬۵۰۰` / `12,500`.
    public func number(_ value: Int) -> String {
        let digits = Array(String(value.magnitude).unicodeScalars)
        let zero: UInt32 = language == .fa ? PersianDigits.persianZero : 0x30
        let separator: Unicode.Scalar = language == .fa ? "٬" : ","
        var out = String.UnicodeScalarView()
        if value < 0 { out.append("-") }
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(separator) }
            out.append(Unicode.Scalar(zero + d.value - 0x30)!)
        }
        return String(out)
    }

    /// A decimal with one fractional digit, for temperatures and percentages, its whole part grouped like `number`:
    /// `۹٬۳۲۶٫۲` / `9,326.2`.
    public func decimal(_ value: Double) -> String {
        let text = FixedFormat.oneDecimal(value)
        let trimmed = text.hasSuffix(".0") ? String(text.dropLast(2)) : text
        let negative = trimmed.hasPrefix("-")
        let parts = trimmed.drop { $0 == "-" }.split(separator: ".", maxSplits: 1)
        guard let whole = parts.first.flatMap({ Int($0) }) else { return digits(trimmed) }
        let grouped = (negative ? "-" : "") + number(whole)
        guard parts.count == 2 else { return grouped }
        return grouped + (language == .fa ? "٫" : ".") + digits(String(parts[1]))
    }

    /// An amount stored in Rials: `۱۲٬۵۰۰٬۰۰۰ ریال` / `12,500,000 IRR`.
    public func rials(_ amount: Int) -> String {
        number(amount) + (language == .fa ? " ریال" : " IRR")
    }

    /// The same amount in Tomans (ten Rials), as people say prices aloud.
    public func tomans(_ rials: Int) -> String {
        number(rials / 10) + (language == .fa ? " تومان" : " Toman")
    }

    /// Latin digits to the language's digits.
    public func digits(_ text: String) -> String {
        language == .fa ? PersianDigits.fromASCII(text) : text
    }
}

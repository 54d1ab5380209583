import Foundation

/// The days and moments FleetCare takes in, wherever one comes from (a query, a JSON body, a form, a CSV file):
/// 1900-01-01 to 2200-12-31, 1278-10-11 to 1579-10-10 in Solar Hijri. Wide enough for any machine's purchase
/// and any contract's end; narrow enough that every calendar sum made from such a day (a contract's tenth
/// renewal, a report's months, a warranty's end) stays a real day.
public enum AcceptedDays {
    public static let first = CalendarDay(unchecked: 1900, 1, 1)
    public static let last = CalendarDay(unchecked: 2200, 12, 31)

    public static func contains(_ day: CalendarDay) -> Bool {
        first <= day && day <= last
    }

    /// Whether a moment falls on an accepted day in UTC.
    public static func contains(_ moment: Date) -> Bool {
        let t = moment.timeIntervalSince1970
        return t >= Double(first.daysSinceEpoch) * 86_400 && t < Double(last.daysSinceEpoch + 1) * 86_400
    }

    /// The range as people read it, both calendars: `1900-01-01 to 2200-12-31 (1278-10-11 to 1579-10-10)`.
    public static var description: String {
        "\(first) to \(last) (\(SolarHijriDay(first)) to \(SolarHijriDay(last)))"
    }

    /// `day`, or a `FieldError` naming `field` when it lies outside the range.
    public static func check(_ day: CalendarDay, field: String) throws(FieldError) -> CalendarDay {
        guard contains(day) else {
            throw FieldError(field: field, message: "\(field) must be a day from \(description), not \(day)")
        }
        return day
    }
}

/// Reads a moment as the API carries it (RFC 3339: `2026-11-24T08:30:00Z`, a fraction of a second and an offset
/// such as `+03:30` allowed), strictly: 30 February, hour 25 or second 61 is not read as some other moment,
/// and the day must be an accepted one (`AcceptedDays`).
public enum Moment {
    public static func parse(_ text: String) -> Date? {
        let b = Array(text.utf8)
        guard b.count >= 20, b[4] == .minus, b[7] == .minus, b[10] | 0x20 == UInt8(ascii: "t"), b[13] == .colon,
              b[16] == .colon,
              let year = number(b, 0, 4), let month = number(b, 5, 2), let dayOfMonth = number(b, 8, 2),
              let hour = number(b, 11, 2), let minute = number(b, 14, 2), let second = number(b, 17, 2),
              hour < 24, minute < 60, second < 60,
              let day = CalendarDay(year: year, month: month, day: dayOfMonth) else { return nil }
        var i = 19
        var fraction = 0.0
        if b[i] == .dot {
            i += 1
            var scale = 0.1
            let digitsStart = i
            while i < b.count, b[i].isDigit {
                fraction += Double(b[i] - .zero) * scale
                scale /= 10
                i += 1
            }
            guard i > digitsStart, i - digitsStart <= 9 else { return nil }
        }
        guard i < b.count else { return nil }
        var offset = 0
        if b[i] | 0x20 == UInt8(ascii: "z") {
            i += 1
        } else if b[i] == UInt8(ascii: "+") || b[i] == .minus {
            guard b.count == i + 6, b[i + 3] == .colon, let h = number(b, i + 1, 2), let m = number(b, i + 4, 2),
                  h < 24, m < 60 else { return nil }
            offset = (h * 3_600 + m * 60) * (b[i] == .minus ? -1 : 1)
            i += 6
        } else {
            return nil
        }
        guard i == b.count else { return nil }
        let seconds = day.daysSinceEpoch * 86_400 + hour * 3_600 + minute * 60 + second - offset
        let moment = Date(timeIntervalSince1970: Double(seconds) + fraction)
        return AcceptedDays.contains(moment) ? moment : nil
    }

    /// A `datetime-local` form value (`2026-11-25T10:30`, seconds optional, Persian digits allowed) in `timeZone`;
    /// nil unless it names a real minute of an accepted day.
    public static func parseLocal(_ text: String, in timeZone: TimeZone) -> Date? {
        let b = Array(PersianDigits.toASCII(text.trimmingCharacters(in: .whitespaces)).utf8)
        guard b.count == 16 || b.count == 19, b[4] == .minus, b[7] == .minus,
              b[10] | 0x20 == UInt8(ascii: "t") || b[10] == UInt8(ascii: " "), b[13] == .colon,
              let year = number(b, 0, 4), let month = number(b, 5, 2), let dayOfMonth = number(b, 8, 2),
              let hour = number(b, 11, 2), let minute = number(b, 14, 2), hour < 24, minute < 60,
              let day = CalendarDay(year: year, month: month, day: dayOfMonth), AcceptedDays.contains(day) else { return nil }
        var second = 0
        if b.count == 19 {
            guard b[16] == .colon, let s = number(b, 17, 2), s < 60 else { return nil }
            second = s
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.date(from: DateComponents(year: year, month: month, day: dayOfMonth, hour: hour, minute: minute, second: second))
            ?? day.start(in: timeZone).addingTimeInterval(Double(hour * 3_600 + minute * 60 + second))
    }

    private static func number(_ b: [UInt8], _ from: Int, _ count: Int) -> Int? {
        var v = 0
        for k in from..<(from + count) {
            guard b[k].isDigit else { return nil }
            v = v * 10 + Int(b[k] - .zero)
        }
        return v
    }
}

private extension UInt8 {
    static let minus = UInt8(ascii: "-"), colon = UInt8(ascii: ":"), dot = UInt8(ascii: "."), zero = UInt8(ascii: "0")
    var isDigit: Bool { self >= .zero && self <= UInt8(ascii: "9") }
}

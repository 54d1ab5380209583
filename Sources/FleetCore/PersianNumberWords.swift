/// A whole number in Persian words, as an invoice writes its total under the figures ("مبلغ به حروف").
public enum PersianNumberWords {
    static let ones = ["", "یک", "دو", "سه", "چهار", "پنج", "شش", "هفت", "هشت", "نه"]
    static let teens = ["ده", "یازده", "دوازده", "سیزده", "چهارده", "پانزده", "شانزده", "هفده", "هجده", "نوزده"]
    static let tens = ["", "", "بیست", "سی", "چهل", "پنجاه", "شصت", "هفتاد", "هشتاد", "نود"]
    static let hundreds = ["", "یکصد", "دویست", "سیصد", "چهارصد", "پانصد", "ششصد", "هفتصد", "هشتصد", "نهصد"]
    static let scales = ["", "هزار", "میلیون", "میلیارد", "هزار میلیارد", "میلیون میلیارد", "میلیارد میلیارد"]

    /// `1_250_000` is "یک میلیون و دویست و پنجاه هزار"; parts are joined with "و" as they are read.
    public static func of(_ number: Int) -> String {
        if number == 0 { return "صفر" }
        if number < 0 { return "منفی " + of(number == .min ? .max : -number) }
        var groups: [Int] = []
        var rest = number
        while rest > 0 {
            groups.append(rest % 1000)
            rest /= 1000
        }
        var words: [String] = []
        for (scale, group) in groups.enumerated().reversed() where group > 0 {
            words.append(scale == 0 ? belowThousand(group) : belowThousand(group) + " " + scales[scale])
        }
        return words.joined(separator: " و ")
    }

    static func belowThousand(_ n: Int) -> String {
        var parts: [String] = []
        if n >= 100 { parts.append(hundreds[n / 100]) }
        let r = n % 100
        if r >= 20 {
            parts.append(tens[r / 10])
            if r % 10 > 0 { parts.append(ones[r % 10]) }
        } else if r >= 10 {
            parts.append(teens[r - 10])
        } else if r > 0 {
            parts.append(ones[r])
        }
        return parts.joined(separator: " و ")
    }
}

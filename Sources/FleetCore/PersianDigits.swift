/// Moving numbers between Latin digits and the Persian digits (۰۱۲۳۴۵۶۷۸۹) that pages show.
public enum PersianDigits {
    static let persian: [Character] = ["۰", "۱", "۲", "۳", "۴", "۵", "۶", "۷", "۸", "۹"]
    static let arabicIndic: [Character] = ["٠", "١", "٢", "٣", "٤", "٥", "٦", "٧", "٨", "٩"]

    /// Replaces every Latin digit with its Persian form.
    public static func fromASCII(_ text: String) -> String {
        String(text.map { c in
            if let v = c.asciiValue, (48...57).contains(v) { return persian[Int(v - 48)] }
            return c
        })
    }

    /// Replaces Persian and Arabic-Indic digits with Latin ones, so typed numbers parse.
    public static func toASCII(_ text: String) -> String {
        String(text.map { c in
            if let i = persian.firstIndex(of: c) { return Character(String(i)) }
            if let i = arabicIndic.firstIndex(of: c) { return Character(String(i)) }
            return c
        })
    }
}

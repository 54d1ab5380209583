/// Moving numbers between Latin digits and the Persian digits (۰۱۲۳۴۵۶۷۸۹) that pages show.
///
/// Both directions work on Unicode scalars, not Characters: a page converts every number it shows, and splitting
/// text into grapheme clusters cost more than the rest of the conversion.
public enum PersianDigits {
    /// ۰ (U+06F0) to ۹.
    static let persianZero: UInt32 = 0x06F0
    /// ٠ (U+0660) to ٩, the Arabic-Indic digits some keyboards type.
    static let arabicIndicZero: UInt32 = 0x0660

    /// Replaces every Latin digit with its Persian form.
    public static func fromASCII(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return text }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if s.value >= 0x30 && s.value <= 0x39 {
                out.append(Unicode.Scalar(persianZero + s.value - 0x30)!)
            } else {
                out.append(s)
            }
        }
        return String(out)
    }

    /// Replaces Persian and Arabic-Indic digits with Latin ones, so typed numbers parse.
    public static func toASCII(_ text: String) -> String {
        func latin(_ s: Unicode.Scalar) -> Unicode.Scalar? {
            for zero in [persianZero, arabicIndicZero] where s.value >= zero && s.value <= zero + 9 {
                return Unicode.Scalar(0x30 + s.value - zero)
            }
            return nil
        }
        guard text.unicodeScalars.contains(where: { latin($0) != nil }) else { return text }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars { out.append(latin(s) ?? s) }
        return String(out)
    }
}

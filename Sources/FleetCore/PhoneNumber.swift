import Foundation

/// A phone number as people type it (Persian or Latin digits, spaces, dashes, brackets), kept as digits with
/// an optional leading `+`. Iranian mobiles, which SMS reaches, are recognised in any of their spellings.
public struct PhoneNumber: Sendable, Equatable, CustomStringConvertible {
    /// Digits, with a leading `+` when an international number was typed.
    public let digits: String

    public var description: String { digits }

    public init(_ typed: String, field: String = "phone") throws(FieldError) {
        let latin = PersianDigits.toASCII(typed.trimmingCharacters(in: .whitespacesAndNewlines))
        var out = ""
        for (i, c) in latin.enumerated() {
            if c.isASCII && c.isNumber {
                out.append(c)
            } else if c == "+" && i == 0 {
                out.append(c)
            } else if !" -().".contains(c) {
                throw FieldError(field: field, message: "\(field) may hold only digits, spaces, dashes and a leading +")
            }
        }
        let count = out.filter(\.isNumber).count
        guard (7...15).contains(count) else {
            throw FieldError(field: field, message: count == 0 ? "\(field) is required" : "\(field) must have 7 to 15 digits")
        }
        digits = out
    }

    /// The number as an Iranian mobile in its domestic form `09xxxxxxxxx`, or nil when it is not one
    /// (`+98 912 …`, `0098912…`, `98912…` and `912…` are all the same mobile).
    public var iranianMobile: String? {
        var d = digits.hasPrefix("+") ? String(digits.dropFirst()) : digits
        if d.hasPrefix("0098") { d = String(d.dropFirst(4)) } else if d.hasPrefix("98") && d.count == 12 { d = String(d.dropFirst(2)) }
        if d.hasPrefix("0") { d = String(d.dropFirst()) }
        guard d.count == 10, d.hasPrefix("9"), !digits.hasPrefix("+") || digits.hasPrefix("+98") else { return nil }
        return "0" + d
    }
}

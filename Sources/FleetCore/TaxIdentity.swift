/// The identifiers Iran's official sales invoice carries for seller and buyer, checked as the tax office
/// issues them: a person's 10-digit national code or a company's 11-digit national ID (each with its check
/// digit), an economic code of 10 to 14 digits, and a 10-digit postal code. Persian digits are accepted.
public enum TaxIdentity {
    /// A person's national code (کد ملی) or a legal entity's national ID (شناسه ملی), normalised to Latin digits.
    public static func nationalId(_ value: String?, field: String = "nationalId") throws(FieldError) -> String? {
        guard let digits = try self.digits(value, field: field, what: "national ID") else { return nil }
        switch digits.count {
        case 10 where isValidNationalCode(digits): return digits
        case 11 where isValidLegalId(digits): return digits
        case 10, 11:
            throw FieldError(field: field, message: "\(digits) is not a valid national ID: its check digit does not match")
        default:
            throw FieldError(field: field, message: "a national ID has 10 digits (a person) or 11 (a company), not \(digits.count)")
        }
    }

    /// The economic code (کد اقتصادی): 12 digits for codes issued before 1398, since then a person's
    /// national code or a company's national ID, and 14 for the newer tax IDs.
    public static func economicCode(_ value: String?, field: String = "economicCode") throws(FieldError) -> String? {
        guard let digits = try self.digits(value, field: field, what: "economic code") else { return nil }
        guard (10...14).contains(digits.count) else {
            throw FieldError(field: field, message: "an economic code has 10 to 14 digits, not \(digits.count)")
        }
        return digits
    }

    public static func postalCode(_ value: String?, field: String = "postalCode") throws(FieldError) -> String? {
        guard let digits = try self.digits(value, field: field, what: "postal code") else { return nil }
        guard digits.count == 10 else { throw FieldError(field: field, message: "a postal code has 10 digits, not \(digits.count)") }
        return digits
    }

    /// The ten-digit national code: nine digits weighted 10 down to 2, mod 11, give the check digit.
    public static func isValidNationalCode(_ digits: String) -> Bool {
        let d = digits.compactMap(\.wholeNumberValue)
        guard d.count == 10, Set(d).count > 1 else { return false }
        let r = (0..<9).reduce(0) { $0 + d[$1] * (10 - $1) } % 11
        return d[9] == (r < 2 ? r : 11 - r)
    }

    /// The eleven-digit national ID of a company: each of the first ten digits plus (tenth digit + 2),
    /// weighted 29, 27, 23, 19, 17 in turn, mod 11 (10 counts as 0), gives the check digit.
    public static func isValidLegalId(_ digits: String) -> Bool {
        let d = digits.compactMap(\.wholeNumberValue)
        guard d.count == 11, d[3..<9].contains(where: { $0 != 0 }) else { return false }
        let weights = [29, 27, 23, 19, 17]
        let shift = d[9] + 2
        var r = (0..<10).reduce(0) { $0 + (d[$1] + shift) * weights[$1 % 5] } % 11
        if r == 10 { r = 0 }
        return d[10] == r
    }

    /// The value's digits, with spaces and dashes people type dropped; nil when empty.
    static func digits(_ value: String?, field: String, what: String) throws(FieldError) -> String? {
        guard let value else { return nil }
        let text = PersianDigits.toASCII(value).filter { $0 != " " && $0 != "-" }
        guard !text.isEmpty else { return nil }
        guard text.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw FieldError(field: field, message: "a \(what) is digits only, not \"\(value.prefix(40))\"")
        }
        return text
    }
}

import Foundation

/// The rules every device record obeys, whether it arrives by form, API or CSV.
public enum DeviceFieldRules {
    public static let maxNameLength = 120
    public static let maxSerialLength = 64

    /// A required text: trimmed, not empty, not longer than `limit`.
    public static func required(_ value: String?, field: String, limit: Int = maxNameLength) throws(FieldError) -> String {
        guard let v = value?.trimmingCharacters(in: .whitespacesAndNewlines), !v.isEmpty else {
            throw FieldError(field: field, message: "\(field) is required")
        }
        guard v.count <= limit else {
            throw FieldError(field: field, message: "\(field) is longer than \(limit) characters")
        }
        return v
    }

    /// An optional text: trimmed, empty becomes nil, not longer than `limit`.
    public static func optional(_ value: String?, field: String, limit: Int = maxNameLength) throws(FieldError) -> String? {
        guard let v = value?.trimmingCharacters(in: .whitespacesAndNewlines), !v.isEmpty else { return nil }
        guard v.count <= limit else {
            throw FieldError(field: field, message: "\(field) is longer than \(limit) characters")
        }
        return v
    }

    /// Serial numbers are compared without case or surrounding spaces: `phbqj12345` is `PHBQJ12345`.
    public static func serial(_ value: String?, field: String = "serialNumber") throws(FieldError) -> String {
        try required(value, field: field, limit: maxSerialLength).uppercased()
    }

    public static func ipAddress(_ value: String?, field: String = "ipAddress") throws(FieldError) -> String? {
        guard let v = try optional(value, field: field, limit: 45) else { return nil }
        guard NetworkAddress.isValidIP(v) else {
            throw FieldError(field: field, message: "\"\(v)\" is not an IP address")
        }
        return v
    }

    public static func snmpPort(_ value: Int?, field: String = "snmpPort") throws(FieldError) -> Int {
        guard let port = value else { return 161 }
        guard (1...65_535).contains(port) else {
            throw FieldError(field: field, message: "the SNMP port must be between 1 and 65535")
        }
        return port
    }

    public static func community(_ value: String?, field: String = "snmpCommunity") throws(FieldError) -> String {
        try optional(value, field: field, limit: 64) ?? "public"
    }

    public static func email(_ value: String?, field: String) throws(FieldError) -> String? {
        guard let v = try optional(value, field: field, limit: 254) else { return nil }
        guard NetworkAddress.isValidEmail(v) else {
            throw FieldError(field: field, message: "\"\(v)\" is not an e-mail address")
        }
        return v.lowercased()
    }

    public static func price(_ value: Int?, field: String = "purchasePriceRials") throws(FieldError) -> Int? {
        guard let v = value else { return nil }
        // A thousand trillion Rials is beyond any machine or part, and keeps price x quantity from overflowing.
        guard v >= 0, v <= 1_000_000_000_000_000 / 1_000 else {
            throw FieldError(field: field, message: "a price is a whole number of Rials, 0 or more")
        }
        return v
    }

    /// Reads yes/no the ways spreadsheets write it.
    public static func flag(_ text: String) -> Bool? {
        switch PersianDigits.toASCII(text).trimmingCharacters(in: .whitespaces).lowercased() {
        case "true", "yes", "1", "y", "بله", "رنگی": return true
        case "false", "no", "0", "n", "خیر", "", "تک رنگ": return false
        default: return nil
        }
    }
}

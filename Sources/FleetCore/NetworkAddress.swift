import Foundation

/// Checks on the addresses a device record holds.
public enum NetworkAddress {
    /// A dotted IPv4 address or an IPv6 address in its text form.
    public static func isValidIP(_ text: String) -> Bool {
        isIPv4(text) || isIPv6(text)
    }

    static func isIPv4(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { p in
            !p.isEmpty && p.count <= 3 && p.allSatisfy(\.isASCII) && p.allSatisfy(\.isNumber)
                && Int(p).map { (0...255).contains($0) } == true
        }
    }

    static func isIPv6(_ text: String) -> Bool {
        guard text.contains(":"), text.count <= 45 else { return false }
        let allowed = Set("0123456789abcdefABCDEF:.")
        guard text.allSatisfy({ allowed.contains($0) }) else { return false }
        let doubleColons = text.components(separatedBy: "::").count - 1
        guard doubleColons <= 1 else { return false }
        let groups = text.split(separator: ":", omittingEmptySubsequences: true)
        guard groups.count <= 8, groups.allSatisfy({ $0.count <= 4 || $0.contains(".") }) else { return false }
        return doubleColons == 1 || groups.count == 8
    }

    /// A plausible e-mail address: something@domain.tld, no spaces.
    public static func isValidEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
              !parts[1].hasPrefix("."), !parts[1].hasSuffix("."), text.count <= 254 else { return false }
        return !text.contains(where: { $0.isWhitespace })
    }
}

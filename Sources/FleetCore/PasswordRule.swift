/// What a password must be: long enough to resist guessing, and not one that guessers try first.
public enum PasswordRule {
    public static let minimumLength = 10
    public static let maximumLength = 128

    /// Why a password is refused; the catalog says it in the reader's language.
    public enum Refusal: Equatable, Sendable {
        case tooShort(minimum: Int)
        case tooLong(maximum: Int)
        case onlySpaces
        /// On the list of common passwords (`commonPasswordList`).
        case common
    }

    /// Nil when `password` may be used, else why not. Length counts characters as people see them.
    public static func refusal(_ password: String) -> Refusal? {
        if password.allSatisfy(\.isWhitespace) { return password.isEmpty ? .tooShort(minimum: minimumLength) : .onlySpaces }
        if password.count < minimumLength { return .tooShort(minimum: minimumLength) }
        if password.count > maximumLength { return .tooLong(maximum: maximumLength) }
        if common.contains(password.lowercased()) { return .common }
        return nil
    }

    /// The list, read once, on the first password checked.
    static let common: Set<String> = Set(commonPasswordList.split(separator: "\n").map(String.init))
}

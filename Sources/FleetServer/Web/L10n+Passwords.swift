import FleetCore

/// Why a password was refused, in the reader's language.
extension PasswordRule.Refusal {
    func text(_ language: Language) -> String {
        let f = DisplayFormat(language: language)
        switch (self, language) {
        case let (.tooShort(minimum), .fa): return "گذرواژه باید دست‌کم \(f.number(minimum)) نویسه باشد."
        case let (.tooShort(minimum), .en): return "A password needs at least \(minimum) characters."
        case let (.tooLong(maximum), .fa): return "گذرواژه نباید بیش از \(f.number(maximum)) نویسه باشد."
        case let (.tooLong(maximum), .en): return "A password has at most \(maximum) characters."
        case (.onlySpaces, .fa): return "گذرواژه نمی‌تواند فقط فاصله باشد."
        case (.onlySpaces, .en): return "A password cannot be only spaces."
        case (.common, .fa): return "این گذرواژه از رایج‌ترین گذرواژه‌هاست و زود حدس زده می‌شود؛ گذرواژهٔ دیگری برگزینید."
        case (.common, .en): return "This is one of the most common passwords, the first ones guessed; choose another."
        }
    }
}

/// A password `PasswordRule` refuses: `422 weak_password` on the field `password`, said in the asker's language.
struct PasswordRefused: Error {
    let refusal: PasswordRule.Refusal
}

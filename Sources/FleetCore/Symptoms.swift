/// The faults people report most, with the words each language uses. Tickets store the code, so
/// the history of a symptom is the same whichever language it was reported in.
public enum CommonSymptoms {
    public struct Symptom: Sendable, Equatable {
        public let code: String
        public let fa: String
        public let en: String
    }

    public static let all: [Symptom] = [
        Symptom(code: "paper jam", fa: "گیر کردن کاغذ", en: "Paper jam"),
        Symptom(code: "streaks", fa: "خط یا لکه روی چاپ", en: "Streaks or smudges"),
        Symptom(code: "faded print", fa: "چاپ کم‌رنگ", en: "Faded print"),
        Symptom(code: "no power", fa: "روشن نمی‌شود", en: "Does not power on"),
        Symptom(code: "error code", fa: "پیغام خطا روی صفحه", en: "Error on the display"),
        Symptom(code: "noise", fa: "صدای غیرعادی", en: "Unusual noise"),
        Symptom(code: "not printing", fa: "از رایانه چاپ نمی‌گیرد", en: "Does not print from computers"),
        Symptom(code: "scanner fault", fa: "اسکنر کار نمی‌کند", en: "Scanner does not work"),
        Symptom(code: "toner empty", fa: "تونر تمام شده", en: "Toner empty"),
    ]

    public static func label(_ code: String, _ language: Language) -> String {
        guard let s = all.first(where: { $0.code == code }) else { return code }
        return language == .fa ? s.fa : s.en
    }
}

/// What a full preventive visit covers, to the manufacturers' standard, by kind of machine.
public enum PMChecklist {
    public struct Item: Sendable, Equatable, Codable {
        public let code: String
        public let fa: String
        public let en: String
    }

    static let common: [Item] = [
        Item(code: "clean-paper-path", fa: "تمیزکاری مسیر کاغذ", en: "Clean the paper path"),
        Item(code: "rollers", fa: "بازدید و تمیزکاری غلتک‌های کاغذکش و پد جداکننده", en: "Inspect and clean pickup rollers and separation pad"),
        Item(code: "fuser", fa: "بازدید فیوزر و تمیزکاری", en: "Inspect and clean the fuser"),
        Item(code: "transfer", fa: "بازدید غلتک انتقال", en: "Inspect the transfer roller"),
        Item(code: "optics", fa: "تمیزکاری لیزر و آینه‌ها", en: "Clean the laser unit and mirrors"),
        Item(code: "toner-dust", fa: "جاروی گرد تونر داخل دستگاه", en: "Vacuum toner dust inside"),
        Item(code: "counters", fa: "ثبت کنتور و سطح تونر", en: "Record the counters and toner levels"),
        Item(code: "network", fa: "بررسی اتصال شبکه و SNMP", en: "Check the network connection and SNMP"),
        Item(code: "test-print", fa: "چاپ صفحه آزمایشی", en: "Print a test page"),
    ]
    static let scanner = [Item(code: "scanner-glass", fa: "تمیزکاری شیشه و ADF اسکنر", en: "Clean the scanner glass and ADF rollers")]
    static let color = [Item(code: "belt", fa: "بازدید تسمه انتقال رنگی (ITB)", en: "Inspect the colour transfer belt (ITB)"),
                        Item(code: "calibration", fa: "کالیبراسیون رنگ", en: "Colour calibration")]

    /// The checklist of a machine: copiers and multifunction machines add the scanner, colour ones the belt.
    public static func items(kind: String, color: Bool) -> [Item] {
        common + (kind == "printer" ? [] : scanner) + (color ? self.color : [])
    }
}

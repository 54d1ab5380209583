import FleetCore

/// The words of the report and device charts, in Persian and English.
enum ChartText: CaseIterable {
    case pagesByDepartment, tonerByMonth, blackToner, colorToner, otherDepartments, devicePagesByMonth

    func text(_ language: Language) -> String {
        let (fa, en) = pair
        return language == .fa ? fa : en
    }

    private var pair: (String, String) {
        switch self {
        case .pagesByDepartment: ("صفحات هر واحد در ماه", "Pages per department by month")
        case .tonerByMonth: ("هزینه تونر در ماه", "Toner cost by month")
        case .blackToner: ("تونر مشکی", "Black toner")
        case .colorToner: ("تونر رنگی", "Colour toner")
        case .otherDepartments: ("سایر واحدها", "Other departments")
        case .devicePagesByMonth: ("صفحات چاپ‌شده در ماه (۱۲ ماه اخیر)", "Pages by month (last 12 months)")
        }
    }
}

extension PageContext {
    func text(_ key: ChartText) -> String { key.text(language) }
}

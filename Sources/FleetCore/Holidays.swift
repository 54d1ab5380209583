/// Days on which nobody is sent out: every Friday, the fixed Solar Hijri holidays, and
/// the dated holidays (the lunar ones move each year) an admin adds.
public struct HolidayCalendar: Equatable, Sendable {
    /// A holiday on the same Solar Hijri month and day every year.
    public struct Fixed: Hashable, Sendable, Codable {
        public let month: Int
        public let day: Int
        public let name: String

        public init(month: Int, day: Int, name: String) {
            self.month = month
            self.day = day
            self.name = name
        }
    }

    public var fixed: [Fixed]
    public var dated: Set<CalendarDay>

    public init(fixed: [Fixed] = HolidayCalendar.iranFixed, dated: Set<CalendarDay> = []) {
        self.fixed = fixed
        self.dated = dated
    }

    /// Iran's official holidays that fall on fixed Solar Hijri days.
    public static let iranFixed: [Fixed] = [
        Fixed(month: 1, day: 1, name: "نوروز"), Fixed(month: 1, day: 2, name: "نوروز"),
        Fixed(month: 1, day: 3, name: "نوروز"), Fixed(month: 1, day: 4, name: "نوروز"),
        Fixed(month: 1, day: 12, name: "روز جمهوری اسلامی"), Fixed(month: 1, day: 13, name: "روز طبیعت"),
        Fixed(month: 3, day: 14, name: "رحلت امام خمینی"), Fixed(month: 3, day: 15, name: "قیام ۱۵ خرداد"),
        Fixed(month: 11, day: 22, name: "پیروزی انقلاب اسلامی"), Fixed(month: 12, day: 29, name: "ملی شدن صنعت نفت"),
    ]

    public func isHoliday(_ day: CalendarDay) -> Bool {
        if dated.contains(day) { return true }
        let s = SolarHijriDay(day)
        return fixed.contains { $0.month == s.month && $0.day == s.day }
    }

    /// Fridays and holidays.
    public func isWorkingDay(_ day: CalendarDay) -> Bool {
        day.isoWeekday != 5 && !isHoliday(day)
    }

    /// The first working day on or after `day`.
    public func workingDay(onOrAfter day: CalendarDay) -> CalendarDay {
        var d = day
        while !isWorkingDay(d) { d = d.adding(days: 1) }
        return d
    }

    /// The last working day on or before `day`.
    public func workingDay(onOrBefore day: CalendarDay) -> CalendarDay {
        var d = day
        while !isWorkingDay(d) { d = d.adding(days: -1) }
        return d
    }
}

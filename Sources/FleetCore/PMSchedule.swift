/// One planned PM visit of a contract.
public struct PlannedPMVisit: Equatable, Sendable, Codable {
    public let date: CalendarDay
    /// 1-based across the whole contract.
    public let number: Int
    /// 0-based contract year.
    public let contractYear: Int
    /// 1-based within its contract year.
    public let numberInYear: Int
    /// The second PM of a period: the consumption report is issued when it is done.
    public let secondOfPeriod: Bool

    public init(date: CalendarDay, number: Int, contractYear: Int, numberInYear: Int, secondOfPeriod: Bool) {
        self.date = date
        self.number = number
        self.contractYear = contractYear
        self.numberInYear = numberInYear
        self.secondOfPeriod = secondOfPeriod
    }
}

/// Spreads a contract's PM visits evenly over each contract year, on working days.
///
/// Each year of `n` visits is cut into `n` equal slices and a visit is planned in the middle
/// of each (2 a year: about three and nine months in, six months apart; 4: every three months).
/// A visit that lands on a Friday or a holiday moves to the next working day, or to the one
/// before when that would leave the contract. A period is two visits: the second, fourth, …
/// of each contract year closes one.
public enum PMSchedule {
    public static func plan(startsOn: CalendarDay, endsOn: CalendarDay, visitsPerYear: Int,
                            holidays: HolidayCalendar) -> [PlannedPMVisit] {
        guard startsOn <= endsOn, visitsPerYear > 0 else { return [] }
        var visits: [PlannedPMVisit] = []
        var yearStart = startsOn
        var year = 0
        while yearStart <= endsOn {
            let nextYear = adding(years: 1, to: startsOn, times: year + 1)
            let fullYearEnd = nextYear.adding(days: -1)
            let yearLength = fullYearEnd.daysSinceEpoch - yearStart.daysSinceEpoch + 1
            let yearEnd = min(fullYearEnd, endsOn)
            let slice = Double(yearLength) / Double(visitsPerYear)
            for i in 0..<visitsPerYear {
                let ideal = yearStart.adding(days: Int((slice * (Double(i) + 0.5)).rounded(.down)))
                guard ideal <= yearEnd else { break }
                var date = holidays.workingDay(onOrAfter: ideal)
                if date > yearEnd { date = holidays.workingDay(onOrBefore: ideal) }
                guard date >= yearStart else { continue }
                let inYear = i + 1
                visits.append(PlannedPMVisit(date: date, number: visits.count + 1, contractYear: year,
                                             numberInYear: inYear, secondOfPeriod: inYear % 2 == 0))
            }
            year += 1
            yearStart = nextYear
        }
        return visits
    }

    /// The day `times` years after `start`; 29 February falls back to the 28th in common years.
    static func adding(years: Int, to start: CalendarDay, times: Int) -> CalendarDay {
        start.adding(months: 12 * years * times)
    }

    /// Replans after the contract changed, keeping the visits already done: a done visit keeps
    /// its place and number, and the slots still to come are planned afresh after the last done one.
    public static func replan(startsOn: CalendarDay, endsOn: CalendarDay, visitsPerYear: Int, holidays: HolidayCalendar,
                              done: [PlannedPMVisit]) -> [PlannedPMVisit] {
        let fresh = plan(startsOn: startsOn, endsOn: endsOn, visitsPerYear: visitsPerYear, holidays: holidays)
        let doneNumbers = Set(done.map(\.number))
        let lastDone = done.map(\.date).max()
        let upcoming = fresh.filter { v in !doneNumbers.contains(v.number) && (lastDone.map { v.date > $0 } ?? true) }
        return (done + upcoming).sorted { ($0.date, $0.number) < ($1.date, $1.number) }
    }
}

/// The dates of a contract's period.
public enum ContractPeriod {
    /// A period of whole years from `start`: 2026-03-21 for one year ends 2027-03-20.
    public static func years(_ years: Int, from start: CalendarDay) -> (startsOn: CalendarDay, endsOn: CalendarDay) {
        (start, PMSchedule.adding(years: 1, to: start, times: years).adding(days: -1))
    }

    /// The next period: it starts the day after `endsOn` and lasts as long, in whole years when
    /// the period was whole years (so a renewal stays on the contract's anniversary), else in days.
    public static func renewal(startsOn: CalendarDay, endsOn: CalendarDay) -> (startsOn: CalendarDay, endsOn: CalendarDay) {
        let next = endsOn.adding(days: 1)
        for years in 1...10 where PMSchedule.adding(years: 1, to: startsOn, times: years) == next {
            return (next, PMSchedule.adding(years: 1, to: next, times: years).adding(days: -1))
        }
        let days = endsOn.daysSinceEpoch - startsOn.daysSinceEpoch
        return (next, next.adding(days: days))
    }
}

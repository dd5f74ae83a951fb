import Foundation

/// The clocks of the procedure (DOMAIN.md §5): public notice length, and filing and announcement
/// due within so many days of approval, counted in calendar days or working days.
public struct DeadlineRules: Codable, Sendable, Hashable {
    public var noticeDays = 7
    public var filingDays = 15
    public var announcementDays = 15
    /// Count working days (Monday–Friday, minus holidays, plus make-up working days) instead of calendar days.
    public var workingDays = false
    /// Public holidays (yyyy-MM-dd) and make-up working days (调休) for the working-day calendar.
    public var holidays: Set<String> = []
    public var makeUpWorkdays: Set<String> = []

    public init() {}

    static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        return calendar
    }

    /// The day `days` days (calendar or working) after `start`.
    public func add(_ days: Int, to start: Date) -> Date {
        let calendar = Self.calendar
        guard workingDays else { return calendar.date(byAdding: .day, value: days, to: start)! }
        var date = start, counted = 0
        while counted < days {
            date = calendar.date(byAdding: .day, value: 1, to: date)!
            if isWorkingDay(date) { counted += 1 }
        }
        return date
    }

    /// The last day of a period of `days` days that starts on `start`, both ends counted as Chinese
    /// notices count them: a 7-day notice from 11月2日 runs 至11月8日. With working days, the first
    /// day counts when it is a working day.
    public func lastDay(of days: Int, from start: Date) -> Date {
        guard days > 0 else { return start }
        guard workingDays else { return Self.calendar.date(byAdding: .day, value: days - 1, to: start)! }
        var date = start, counted = isWorkingDay(start) ? 1 : 0
        while counted < days {
            date = Self.calendar.date(byAdding: .day, value: 1, to: date)!
            if isWorkingDay(date) { counted += 1 }
        }
        return date
    }

    public func isWorkingDay(_ date: Date) -> Bool {
        let key = Self.dayString(date)
        if makeUpWorkdays.contains(key) { return true }
        if holidays.contains(key) { return false }
        let weekday = Self.calendar.component(.weekday, from: date)
        return weekday != 1 && weekday != 7
    }

    /// Whole days from `from` to `to` (negative when `to` is earlier), counted on the calendar.
    public static func days(from: Date, to: Date) -> Int {
        let calendar = Self.calendar
        return calendar.dateComponents([.day], from: calendar.startOfDay(for: from), to: calendar.startOfDay(for: to)).day!
    }

    public static func dayString(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    /// `yyyy-MM-dd` as midnight in China.
    public static func day(_ text: String) -> Date? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
        let date = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
        return date.flatMap { dayString($0) == text ? $0 : nil }
    }
}

import ArgumentParser
import DimingCore
import Foundation

/// A calendar day on the command line: yyyy-MM-dd (China time).
struct Day: ExpressibleByArgument {
    let date: Date
    init?(argument: String) {
        guard let date = DeadlineRules.day(argument) else { return nil }
        self.date = date
    }
}

enum CLIClock {
    /// The system clock, or the day in `$DIMING_TODAY` (yyyy-MM-dd) for rehearsals and tests.
    static func current() throws -> any Clock {
        guard let text = ProcessInfo.processInfo.environment["DIMING_TODAY"] else { return SystemClock() }
        guard let day = DeadlineRules.day(text) else { throw ValidationError("DIMING_TODAY must be yyyy-MM-dd, not \(text)") }
        return FixedClock(day.addingTimeInterval(9 * 3600))
    }
}

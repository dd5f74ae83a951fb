import Foundation
import Logging

/// Loggers of the use cases. The CLI bootstraps the logging system; the level comes from
/// `$DIMING_LOG` (trace … critical), default warning, also where nothing bootstraps (the tests).
enum Log {
    static let imports = make("diming.import")
    static let survey = make("diming.survey")
    static let accounts = make("diming.accounts")

    private static func make(_ label: String) -> Logger {
        var logger = Logger(label: label)
        logger.logLevel = ProcessInfo.processInfo.environment["DIMING_LOG"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
        return logger
    }
}

import DimingCore
import Foundation
import Logging

enum CLILogging {
    /// Log lines go to stderr; the level comes from `$DIMING_LOG` (trace … critical), default warning.
    static func bootstrap() {
        let level = ProcessInfo.processInfo.environment["DIMING_LOG"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}

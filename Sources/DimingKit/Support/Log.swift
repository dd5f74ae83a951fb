import Logging

/// Loggers of the use cases. The CLI bootstraps the logging system (level from `$DIMING_LOG`).
enum Log {
    static let imports = Logger(label: "diming.import")
    static let survey = Logger(label: "diming.survey")
}

import DimingCore

/// How serious a finding is.
public enum Severity: String, Codable, Comparable, Sendable {
    case info, warning, error

    var rank: Int { self == .info ? 0 : self == .warning ? 1 : 2 }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}

/// One problem with a proposed name: a typed code, a severity, a message in Chinese and English,
/// the characters or words at fault, and the registry records it conflicts with.
public struct Finding: Codable, Sendable, Hashable {
    public var code: FindingCode
    public var severity: Severity
    public var message: String
    public var messageEn: String
    public var subject: String?
    public var conflicts: [NameRecord]
    /// An absolute ban (a state leader's name): no waiver can accept it.
    public var absolute: Bool
    /// Set when the finding was accepted: who and why.
    public var waiver: String?

    public init(code: FindingCode, severity: Severity, message: String, messageEn: String, subject: String? = nil,
                conflicts: [NameRecord] = [], absolute: Bool = false) {
        self.code = code
        self.severity = severity
        self.message = message
        self.messageEn = messageEn
        self.subject = subject
        self.conflicts = conflicts
        self.absolute = absolute
    }

    /// Every finding but an absolute ban can be accepted with a reason.
    public var waivable: Bool { !absolute }
}

import Naming

/// A waiver asked for a finding no waiver can accept: a state leader's name (条例 Art. 9).
public struct AbsoluteBan: SelfClassifyingError, CustomStringConvertible {
    public var name: String
    public var finding: Finding

    public var description: String {
        "\(finding.code.rawValue) cannot be waived: \(name) \(finding.messageEn) (an absolute ban of the law)"
    }

    public var classified: ClassifiedError {
        ClassifiedError(kind: .refused, code: "ABSOLUTE_BAN", message: description,
                        messageZh: "“\(name)”\(finding.message)，属于绝对禁止的情形，不能豁免")
    }
}

import Foundation

/// The road's facts as the application states them (location, length, width, nature).
public struct CaseRoadFacts: Codable, Sendable, Hashable {
    /// 起于…，止于…
    public var location: String
    public var length: Double
    public var width: Double?
    /// 性质: 村道, 乡道 …
    public var nature: String?

    public init(location: String, length: Double, width: Double? = nil, nature: String? = nil) {
        self.location = location
        self.length = length
        self.width = width
        self.nature = nature
    }
}

/// A naming case (命名/更名/销名): one road (or one name, for retirement), the proposed name, who
/// applies and why, and the evidence of every step of the statutory procedure.
public struct NamingCase: Codable, Sendable, Hashable {
    public var id: FeatureID
    public var kind: CaseKind
    public var state: CaseState
    public var countyCode: DivisionCode
    public var townCode: DivisionCode?
    public var roadID: FeatureID?
    /// The proposed name (for a retirement: the name to retire).
    public var proposedName: String
    /// The registry record of the proposed name.
    public var nameID: FeatureID?
    /// The name a renaming or retirement replaces.
    public var oldNameID: FeatureID?
    /// 申请人: village committee, township, department.
    public var applicant: String
    public var reasons: String
    /// 含义
    public var meaning: String
    /// 来历
    public var origin: String
    public var facts: CaseRoadFacts
    public var batchID: FeatureID?
    public var consultation: Consultation?
    public var expertReview: ExpertReview?
    public var notice: PublicNotice?
    public var approval: Approval?
    public var filing: Filing?
    public var announcement: Announcement?
    /// Reasons given each time the case was returned (退件) or sent back.
    public var returns: [String]
    public var rejection: String?
    public var attachments: [Attachment]
    public var created: Date

    public init(id: FeatureID, kind: CaseKind, countyCode: DivisionCode, townCode: DivisionCode?, roadID: FeatureID?, proposedName: String,
                applicant: String, reasons: String, meaning: String, origin: String, facts: CaseRoadFacts, created: Date) {
        self.id = id
        self.kind = kind
        state = .drafted
        self.countyCode = countyCode
        self.townCode = townCode
        self.roadID = roadID
        self.proposedName = proposedName
        self.applicant = applicant
        self.reasons = reasons
        self.meaning = meaning
        self.origin = origin
        self.facts = facts
        returns = []
        attachments = []
        self.created = created
    }

    /// Objections not yet handled: each blocks approval.
    public var openObjections: [Objection] { notice?.objections.filter(\.isOpen) ?? [] }
}

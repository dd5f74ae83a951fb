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
    /// The day the case was submitted (申报); a notice starts no earlier.
    public var submitted: Date?
    /// 综合评估: required before public notice.
    public var assessment: Assessment?
    /// Filing or announcement done late (Art. 35), with the days late.
    public var breaches: [LateStep]
    public var consultation: Consultation?
    public var expertReview: ExpertReview?
    public var notice: PublicNotice?
    public var approval: Approval?
    public var filing: Filing?
    public var announcement: Announcement?
    /// Reasons given each time the case was returned (退件) or sent back.
    public var returns: [String]
    /// What the filing body asked for each time it returned the filing for supplements (补充材料);
    /// copied into `Filing.supplements` when the case is filed.
    public var filingSupplements: [String]
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
        breaches = []
        filingSupplements = []
        attachments = []
        self.created = created
    }

    /// How cases stored before `filingSupplements` existed noted a returned filing in `returns`.
    public static let legacySupplementPrefix = "filing returned for supplements: "

    /// Decodes every stored version: `filingSupplements` may be absent, and the notes it replaces are
    /// then moved out of `returns`, where they used to be kept with `legacySupplementPrefix`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(FeatureID.self, forKey: .id)
        kind = try c.decode(CaseKind.self, forKey: .kind)
        state = try c.decode(CaseState.self, forKey: .state)
        countyCode = try c.decode(DivisionCode.self, forKey: .countyCode)
        townCode = try c.decodeIfPresent(DivisionCode.self, forKey: .townCode)
        roadID = try c.decodeIfPresent(FeatureID.self, forKey: .roadID)
        proposedName = try c.decode(String.self, forKey: .proposedName)
        nameID = try c.decodeIfPresent(FeatureID.self, forKey: .nameID)
        oldNameID = try c.decodeIfPresent(FeatureID.self, forKey: .oldNameID)
        applicant = try c.decode(String.self, forKey: .applicant)
        reasons = try c.decode(String.self, forKey: .reasons)
        meaning = try c.decode(String.self, forKey: .meaning)
        origin = try c.decode(String.self, forKey: .origin)
        facts = try c.decode(CaseRoadFacts.self, forKey: .facts)
        batchID = try c.decodeIfPresent(FeatureID.self, forKey: .batchID)
        submitted = try c.decodeIfPresent(Date.self, forKey: .submitted)
        assessment = try c.decodeIfPresent(Assessment.self, forKey: .assessment)
        breaches = try c.decodeIfPresent([LateStep].self, forKey: .breaches) ?? []
        consultation = try c.decodeIfPresent(Consultation.self, forKey: .consultation)
        expertReview = try c.decodeIfPresent(ExpertReview.self, forKey: .expertReview)
        notice = try c.decodeIfPresent(PublicNotice.self, forKey: .notice)
        approval = try c.decodeIfPresent(Approval.self, forKey: .approval)
        filing = try c.decodeIfPresent(Filing.self, forKey: .filing)
        announcement = try c.decodeIfPresent(Announcement.self, forKey: .announcement)
        let returns = try c.decodeIfPresent([String].self, forKey: .returns) ?? []
        if let supplements = try c.decodeIfPresent([String].self, forKey: .filingSupplements) {
            self.returns = returns
            filingSupplements = supplements
        } else {
            let prefix = Self.legacySupplementPrefix
            self.returns = returns.filter { !$0.hasPrefix(prefix) }
            filingSupplements = returns.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
        }
        rejection = try c.decodeIfPresent(String.self, forKey: .rejection)
        attachments = try c.decodeIfPresent([Attachment].self, forKey: .attachments) ?? []
        created = try c.decode(Date.self, forKey: .created)
    }

    /// Objections not yet handled: each blocks approval.
    public var openObjections: [Objection] { notice?.objections.filter(\.isOpen) ?? [] }
}
